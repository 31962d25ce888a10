// SPDX-License-Identifier: BSD-2-Clause
/*
 * A virtio-mmio slot with no device model yet (virtio 1.2, 4.2.2): magic
 * "virt", version 2, DeviceID 0 ("no device"), so the guest's driver skips
 * it. libs/virtio's backends replace these slots.
 */
#include "vmm.h"

#define VIRTIO_MAGIC 0x74726976U

static uint64_t slot_read(void *ctx, unsigned vcpu, uint64_t off, unsigned size)
{
	(void)ctx;
	(void)vcpu;
	(void)size;
	switch (off) {
	case 0x000:
		return VIRTIO_MAGIC;
	case 0x004:
		return 2;
	case 0x00c:
		return 0x554d4551; /* VendorID */
	default:
		return 0; /* DeviceID 0 and everything else */
	}
}

static void slot_write(void *ctx, unsigned vcpu, uint64_t off, unsigned size, uint64_t val)
{
	(void)ctx;
	(void)vcpu;
	(void)off;
	(void)size;
	(void)val;
}

bool vmm_virtio_slot_init(const struct tsr_vm_device *d)
{
	const struct vmm_mmio_dev m = {d->name, d->base, d->size, slot_read, slot_write, 0};

	return vmm_mmio_add(&m);
}
