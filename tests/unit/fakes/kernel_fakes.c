// SPDX-License-Identifier: BSD-2-Clause
/*
 * Small fakes for host unit tests of the kernel's capability code: they
 * record what the real code asked for (finalised objects, VMIDs) instead of
 * touching threads, page tables or an interrupt controller.
 */
#include <string.h>

#include <kernel/arch.h>
#include <kernel/irqcap.h>
#include <kernel/thread.h>
#include <kernel/vcpu.h>
#include <kernel/vspace.h>

#include "kernel_fakes.h"

struct fake_log fake;

void tcb_init(struct tcb *t)
{
	t->state = TS_INACTIVE;
}

void tcb_finalise(struct tcb *t)
{
	fake.finalised[fake.nfinalised++ % FAKE_MAX] = (uint64_t)t;
}

void endpoint_finalise(struct endpoint *ep)
{
	fake.finalised[fake.nfinalised++ % FAKE_MAX] = (uint64_t)ep;
}

void notification_finalise(struct notification *n)
{
	fake.finalised[fake.nfinalised++ % FAKE_MAX] = (uint64_t)n;
}

void reply_finalise(struct reply *r)
{
	fake.finalised[fake.nfinalised++ % FAKE_MAX] = (uint64_t)r;
}

void irq_handler_finalise(unsigned irq)
{
	fake.finalised[fake.nfinalised++ % FAKE_MAX] = irq;
}

unsigned vspace_vmids_free(void)
{
	return fake.vmids_free;
}

uint64_t vspace_create(uint64_t root)
{
	(void)root;
	fake.vmids_free--;
	return ++fake.last_vmid;
}

void vspace_destroy(uint64_t root, uint64_t vmid)
{
	(void)vmid;
	fake.vmids_free++;
	fake.finalised[fake.nfinalised++ % FAKE_MAX] = root;
}

void vspace_unmap_cap(const struct cap *cap)
{
	fake.unmapped++;
	(void)cap;
}

bool fake_was_finalised(uint64_t obj)
{
	for (unsigned i = 0; i < fake.nfinalised && i < FAKE_MAX; i++)
		if (fake.finalised[i] == obj)
			return true;
	return false;
}

void vcpu_init(struct vcpu *v)
{
	(void)v;
}

void vcpu_finalise(struct vcpu *v)
{
	fake.finalised[fake.nfinalised++ % FAKE_MAX] = (uint64_t)v;
}

/* The arch's DC ZVA loop, on the host: plain zeroing. */
void arch_zero(uint64_t addr, uint64_t bytes)
{
	memset((void *)(uintptr_t)addr, 0, bytes);
}
