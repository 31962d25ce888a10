/* SPDX-License-Identifier: BSD-2-Clause */
/* Host fakes for the kernel's capability code (see kernel_fakes.c). */
#ifndef KERNEL_FAKES_H
#define KERNEL_FAKES_H

#include <kernel/object.h>

#define FAKE_MAX 256

struct fake_log {
	uint64_t finalised[FAKE_MAX];
	unsigned nfinalised;
	unsigned vmids_free;
	uint64_t last_vmid;
	unsigned unmapped;
};

extern struct fake_log fake;
bool fake_was_finalised(uint64_t obj);

#endif
