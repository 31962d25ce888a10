// SPDX-License-Identifier: BSD-2-Clause
/*
 * Loading the kernel and initrd into guest RAM (docs/vmm.md "Images"). The
 * kernel file is an arm64 Image (Documentation/arch/arm64/booting.rst: the
 * 64-byte header's text_offset, image_size and flags; magic "ARM\x64" at
 * 0x38), an ELF64 executable (PT_LOAD segments at their guest-physical
 * vaddr), or else a raw binary loaded and entered at the start of RAM.
 * The DTB goes to the last 2 MiB of the first RAM region, the initrd just
 * below it. Every error names the problem and stops only this VM.
 */
#include <string.h>
#include <tessera/elfload.h>

#include "vmm.h"

#define ARM64_MAGIC	   0x644d5241U
#define ARM64_OLD_TEXT_OFF 0x80000UL /* image_size 0: a pre-3.17 kernel */
#define SZ_2M		   0x200000UL

struct arm64_header {
	uint32_t code0, code1;
	uint64_t text_offset, image_size, flags;
	uint64_t res2, res3, res4;
	uint32_t magic, res5;
};

static uint64_t kernel_end;

static bool load_image(const struct tsr_vm_memory *ram, const uint8_t *file, uint64_t size)
{
	struct arm64_header h;

	memcpy(&h, file, sizeof(h));
	uint64_t text = h.image_size == 0 ? ARM64_OLD_TEXT_OFF : h.text_offset;
	uint64_t need = h.image_size == 0 ? size : h.image_size;
	uint64_t load = ((ram->base + SZ_2M - 1) & ~(SZ_2M - 1)) + text;
	if (need < size || vmm_gpa(load, need) == 0) {
		vmm_log("kernel Image needs %#llx bytes at %#llx (image_size; the file has %#llx): "
			"guest RAM %#llx..%#llx does not hold it\n",
			(unsigned long long)need, (unsigned long long)load,
			(unsigned long long)size, (unsigned long long)ram->base,
			(unsigned long long)(ram->base + ram->size));
		return false;
	}
	memcpy(vmm_gpa(load, size), file, size);
	vmm.entry = load;
	kernel_end = load + need;
	vmm_log("arm64 Image: text_offset %#llx image_size %#llx flags %#llx, at %#llx\n",
		(unsigned long long)h.text_offset, (unsigned long long)h.image_size,
		(unsigned long long)h.flags, (unsigned long long)load);
	return true;
}

static bool load_elf(const struct tsr_vm_memory *ram, const uint8_t *file, uint64_t size)
{
	struct elf_info info;
	enum elf_status st = elf_parse(file, size, ram->base, ram->base + ram->size, &info);

	if (st != ELF_OK) {
		vmm_log("kernel ELF rejected (status %d): segments must lie in guest RAM "
			"%#llx..%#llx\n",
			st, (unsigned long long)ram->base,
			(unsigned long long)(ram->base + ram->size));
		return false;
	}
	for (unsigned k = 0; k < info.nsegs; k++) {
		const struct elf_segment *s = &info.segs[k];
		uint8_t *dst = vmm_gpa(s->vaddr, s->memsz);
		if (dst == 0)
			return false;
		memcpy(dst, file + s->offset, s->filesz);
		memset(dst + s->filesz, 0, s->memsz - s->filesz);
		if (s->vaddr + s->memsz > kernel_end)
			kernel_end = s->vaddr + s->memsz;
	}
	vmm.entry = info.entry;
	vmm_log("ELF kernel: %u segments, entry %#llx\n", info.nsegs,
		(unsigned long long)info.entry);
	return true;
}

static bool load_raw(const struct tsr_vm_memory *ram, const uint8_t *file, uint64_t size)
{
	if (size > ram->size) {
		vmm_log("raw kernel of %#llx bytes is larger than guest RAM (%#llx)\n",
			(unsigned long long)size, (unsigned long long)ram->size);
		return false;
	}
	memcpy(vmm_gpa(ram->base, size), file, size);
	vmm.entry = ram->base;
	kernel_end = ram->base + size;
	vmm_log("raw kernel: %#llx bytes at %#llx\n", (unsigned long long)size,
		(unsigned long long)ram->base);
	return true;
}

static bool load_kernel(const struct tsr_vm_memory *ram)
{
	const struct tsr_vm_file *k = &vmm.cfg->kernel;
	const uint8_t *file = (const uint8_t *)k->vaddr;

	if (k->name == 0 || k->size == 0) {
		vmm_log("no kernel\n");
		return false;
	}
	if (k->size >= sizeof(struct arm64_header) &&
	    ((const struct arm64_header *)file)->magic == ARM64_MAGIC)
		return load_image(ram, file, k->size);
	if (k->size >= 4 && memcmp(file, "\177ELF", 4) == 0)
		return load_elf(ram, file, k->size);
	return load_raw(ram, file, k->size);
}

static bool place_initrd(const struct tsr_vm_memory *ram)
{
	const struct tsr_vm_file *f = &vmm.cfg->initrd;

	if (f->name == 0)
		return true;
	uint64_t start = (vmm.dtb_addr - f->size) & ~0xfffUL;
	if (f->size > vmm.dtb_addr - ram->base || start < kernel_end) {
		vmm_log("initrd of %#llx bytes does not fit between the kernel (ends at %#llx) and "
			"the DTB at %#llx: it would overlap the kernel\n",
			(unsigned long long)f->size, (unsigned long long)kernel_end,
			(unsigned long long)vmm.dtb_addr);
		return false;
	}
	memcpy(vmm_gpa(start, f->size), (const void *)f->vaddr, f->size);
	vmm.initrd_start = start;
	vmm.initrd_end = start + f->size;
	return true;
}

bool vmm_load_images(void)
{
	if (vmm.cfg->num_memory == 0) {
		vmm_log("no guest memory\n");
		return false;
	}
	const struct tsr_vm_memory *ram = &vmm.cfg->memory[0];
	if (ram->size < 2 * SZ_2M) {
		vmm_log("guest RAM of %#llx bytes is too small (at least 4 MiB)\n",
			(unsigned long long)ram->size);
		return false;
	}
	vmm.dtb_addr = ram->base + ram->size - SZ_2M;
	if (!load_kernel(ram))
		return false;
	if (kernel_end > vmm.dtb_addr) {
		vmm_log("kernel ends at %#llx, inside the DTB's last 2 MiB of RAM\n",
			(unsigned long long)kernel_end);
		return false;
	}
	return place_initrd(ram);
}
