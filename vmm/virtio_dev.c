// SPDX-License-Identifier: BSD-2-Clause
/*
 * The VM's virtio-mmio devices (docs/vmm.md "Virtio"): libs/virtio's
 * transport and device models on the MMIO dispatch table, their level
 * interrupt on the emulated GIC, guest RAM as their memory window. A
 * virtio_blk serves the VMM's copy of its disk image (writable unless the
 * IDL says readonly; init maps a readonly image read-only). Devices without
 * a model keep an empty slot (virtio_slot.c).
 */
#include <stdio.h>
#include <tessera/virtio_mmio.h>

#include "vmm.h"

#define VMM_MAX_BLK 4

static struct virtq_gmem gmem;
static struct virtio_blk blks[VMM_MAX_BLK];
static const struct tsr_vm_device *blk_devs[VMM_MAX_BLK];
static unsigned nblks;

static uint64_t dev_read(void *ctx, unsigned vcpu, uint64_t off, unsigned size)
{
	(void)vcpu;
	return virtio_mmio_read(ctx, off, size);
}

static void dev_write(void *ctx, unsigned vcpu, uint64_t off, unsigned size, uint64_t val)
{
	(void)vcpu;
	virtio_mmio_write(ctx, off, size, val);
}

static void dev_irq(void *ctx, bool on)
{
	const struct tsr_vm_device *d = ctx;

	vmm_irq_set_level(d->irq, on);
}

static void dev_log(const char *name, const char *msg)
{
	vmm_log("%s: %s", name, msg);
}

/* Guest RAM as libs/virtio sees it (once, from the VM's memory regions). */
static bool gmem_init(void)
{
	if (gmem.n != 0)
		return true;
	for (uint32_t k = 0; k < vmm.cfg->num_memory; k++) {
		const struct tsr_vm_memory *m = &vmm.cfg->memory[k];
		if (gmem.n == VIRTQ_GMEM_MAX) {
			vmm_log("virtio: only the first %u RAM regions are DMA-able\n",
				VIRTQ_GMEM_MAX);
			break;
		}
		gmem.r[gmem.n++] = (struct virtq_gmem_region){m->base, m->size,
							      (uint8_t *)(uintptr_t)m->vmm_vaddr};
	}
	return gmem.n != 0;
}

static bool attach(struct virtio_mmio *m, const struct tsr_vm_device *d)
{
	const struct vmm_mmio_dev md = {d->name, d->base, d->size, dev_read, dev_write, m};

	m->name = d->name;
	m->mem = &gmem;
	m->set_irq = dev_irq;
	m->irq_ctx = (void *)(uintptr_t)d;
	m->log = dev_log;
	return vmm_mmio_add(&md);
}

static bool blk_init(const struct tsr_vm_device *d)
{
	if (d->disk.name == 0 || d->disk.size < 512) {
		vmm_log("%s: virtio_blk without a disk image of at least one sector\n", d->name);
		return false;
	}
	if (nblks == VMM_MAX_BLK) {
		vmm_log("%s: more than %u virtio_blk devices\n", d->name, VMM_MAX_BLK);
		return false;
	}
	struct virtio_blk *b = &blks[nblks];
	virtio_blk_init(b, (uint8_t *)(uintptr_t)d->disk.vaddr, d->disk.size, d->readonly != 0,
			d->name);
	blk_devs[nblks++] = d;
	vmm_log("%s: virtio-blk, %llu sectors from \"%s\"%s, irq %u\n", d->name,
		(unsigned long long)b->sectors, d->disk.name, d->readonly ? ", read-only" : "",
		d->irq);
	return attach(&b->mmio, d);
}

bool vmm_virtio_init(const struct tsr_vm_device *d)
{
	if (!gmem_init())
		return false;
	switch (d->kind) {
	case TSR_VM_VIRTIO_BLK:
		return blk_init(d);
	default:
		return vmm_virtio_slot_init(d);
	}
}

unsigned vmm_virtio_blk_count(void)
{
	return nblks;
}

const struct tsr_vm_device *vmm_virtio_blk_disk(unsigned k, uint64_t *reqs, uint64_t *errors)
{
	if (k >= nblks)
		return 0;
	*reqs = blks[k].reqs;
	*errors = blks[k].errors;
	return blk_devs[k];
}
