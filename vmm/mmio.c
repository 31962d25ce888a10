// SPDX-License-Identifier: BSD-2-Clause
/* MMIO dispatch: a table of guest-physical windows and their handlers. */
#include "vmm.h"

#define VMM_MAX_MMIO 48

static struct vmm_mmio_dev devs[VMM_MAX_MMIO];
static unsigned ndevs;

bool vmm_mmio_add(const struct vmm_mmio_dev *dev)
{
	for (unsigned k = 0; k < ndevs; k++)
		if (dev->base < devs[k].base + devs[k].size &&
		    devs[k].base < dev->base + dev->size) {
			vmm_log("device %s at %#llx overlaps %s\n", dev->name,
				(unsigned long long)dev->base, devs[k].name);
			return false;
		}
	if (ndevs == VMM_MAX_MMIO) {
		vmm_log("too many MMIO devices (%u)\n", VMM_MAX_MMIO);
		return false;
	}
	devs[ndevs++] = *dev;
	return true;
}

const struct vmm_mmio_dev *vmm_mmio_find(uint64_t ipa)
{
	for (unsigned k = 0; k < ndevs; k++)
		if (ipa >= devs[k].base && ipa - devs[k].base < devs[k].size)
			return &devs[k];
	return 0;
}
