// SPDX-License-Identifier: BSD-2-Clause
/* ELF64 executable checking and segment loading; see tessera/elfload.h. */
#include <elf.h>
#include <string.h>
#include <tessera/elfload.h>

#ifndef ELFLOAD_MACHINE
#define ELFLOAD_MACHINE EM_AARCH64
#endif

static uint64_t page_down(uint64_t a)
{
	return a & ~(ELF_PAGE - 1);
}

/* a + b <= limit, without overflow. */
static int fits(uint64_t a, uint64_t b, uint64_t limit)
{
	return a <= limit && b <= limit - a;
}

static enum elf_status check_header(const Elf64_Ehdr *eh, size_t size)
{
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_type != ET_EXEC ||
	    eh->e_machine != ELFLOAD_MACHINE)
		return ELF_BAD_HEADER;
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > ELF_MAX_PHDRS || eh->e_phoff % 8 != 0 ||
	    !fits(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr), size))
		return ELF_BAD_PHDRS;
	return ELF_OK;
}

static enum elf_status add_segment(const Elf64_Phdr *ph, size_t size, uint64_t min_vaddr,
				   uint64_t max_vaddr, struct elf_info *info)
{
	if (ph->p_memsz == 0)
		return ELF_OK;
	if (ph->p_filesz > ph->p_memsz || !fits(ph->p_offset, ph->p_filesz, size) ||
	    ph->p_vaddr < min_vaddr || !fits(ph->p_vaddr, ph->p_memsz, max_vaddr) ||
	    info->nsegs == ELF_MAX_SEGMENTS)
		return ELF_BAD_SEGMENT;
	if (info->nsegs > 0) {
		const struct elf_segment *prev = &info->segs[info->nsegs - 1];
		if (ph->p_vaddr < prev->vaddr + prev->memsz)
			return ELF_BAD_SEGMENT; /* overlapping or out of order */
	}
	info->segs[info->nsegs++] = (struct elf_segment){
	    .vaddr = ph->p_vaddr,
	    .memsz = ph->p_memsz,
	    .offset = ph->p_offset,
	    .filesz = ph->p_filesz,
	    .flags = ph->p_flags & (PF_R | PF_W | PF_X),
	};
	return ELF_OK;
}

enum elf_status elf_parse(const void *image, size_t size, uint64_t min_vaddr, uint64_t max_vaddr,
			  struct elf_info *info)
{
	const Elf64_Ehdr *eh = image;
	enum elf_status st = check_header(eh, size);

	if (st != ELF_OK)
		return st;
	memset(info, 0, sizeof(*info));
	info->entry = eh->e_entry;
	info->phoff = eh->e_phoff;
	info->phnum = eh->e_phnum;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)((const char *)image + eh->e_phoff);
	for (unsigned i = 0; i < info->phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		st = add_segment(&ph[i], size, min_vaddr, max_vaddr, info);
		if (st != ELF_OK)
			return st;
	}
	for (unsigned i = 0; i < info->nsegs; i++) {
		const struct elf_segment *s = &info->segs[i];
		if ((s->flags & PF_X) && info->entry >= s->vaddr &&
		    info->entry - s->vaddr < s->memsz && info->entry % 4 == 0)
			return ELF_OK;
	}
	return ELF_BAD_ENTRY;
}

/* The flags of page p of segment i: its own, plus a neighbour's if the
 * neighbour's range touches the same page. */
static unsigned page_flags(const struct elf_info *info, unsigned i, uint64_t p)
{
	unsigned flags = info->segs[i].flags;

	if (i > 0) {
		const struct elf_segment *prev = &info->segs[i - 1];
		if (page_down(prev->vaddr + prev->memsz - 1) == p)
			flags |= prev->flags;
	}
	if (i + 1 < info->nsegs && page_down(info->segs[i + 1].vaddr) == p)
		flags |= info->segs[i + 1].flags;
	return flags;
}

static enum elf_status load_segment(const char *image, const struct elf_info *info, unsigned i,
				    const struct elf_page_ops *ops, void *ctx)
{
	const struct elf_segment *s = &info->segs[i];
	uint64_t file_end = s->vaddr + s->filesz;

	for (uint64_t p = page_down(s->vaddr); p < s->vaddr + s->memsz; p += ELF_PAGE) {
		char *view = ops->page(ctx, p, page_flags(info, i, p));
		if (view == NULL)
			return ELF_LOAD_FAILED;
		uint64_t from = p > s->vaddr ? p : s->vaddr;
		uint64_t to = p + ELF_PAGE < file_end ? p + ELF_PAGE : file_end;
		if (from < to)
			memcpy(view + (from - p), image + s->offset + (from - s->vaddr), to - from);
	}
	return ELF_OK;
}

enum elf_status elf_load(const void *image, const struct elf_info *info,
			 const struct elf_page_ops *ops, void *ctx)
{
	for (unsigned i = 0; i < info->nsegs; i++) {
		enum elf_status st = load_segment(image, info, i, ops, ctx);
		if (st != ELF_OK)
			return st;
	}
	return ops->finish(ctx) == 0 ? ELF_OK : ELF_LOAD_FAILED;
}
