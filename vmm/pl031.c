// SPDX-License-Identifier: BSD-2-Clause
/*
 * PL031 RTC (Arm DDI 0224B). The VMM has no wall clock: the time counts
 * seconds of the generic timer's virtual counter from 0 (1970-01-01) plus
 * whatever the guest loaded into RTCLR. The match interrupt is not raised.
 */
#include "vmm.h"

#define RTCDR	0x00
#define RTCMR	0x04
#define RTCLR	0x08
#define RTCCR	0x0c
#define RTCIMSC 0x10
#define RTCRIS	0x14
#define RTCMIS	0x18
#define RTCPID	0xfe0

static struct {
	uint32_t mr, base, imsc;
	uint64_t base_secs; /* counter seconds when RTCLR was written */
} rtc;

static const uint8_t pl031_id[8] = {0x31, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

static uint64_t counter_secs(void)
{
	uint64_t cnt, frq;

	__asm__ volatile("mrs %0, cntvct_el0" : "=r"(cnt));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frq));
	return frq != 0 ? cnt / frq : 0;
}

static uint64_t pl031_read(void *ctx, unsigned vcpu, uint64_t off, unsigned size)
{
	(void)ctx;
	(void)vcpu;
	(void)size;
	if (off >= RTCPID && off < RTCPID + 0x20)
		return pl031_id[(off - RTCPID) / 4];
	switch (off) {
	case RTCDR:
		return (uint32_t)(rtc.base + (counter_secs() - rtc.base_secs));
	case RTCMR:
		return rtc.mr;
	case RTCLR:
		return rtc.base;
	case RTCCR:
		return 1; /* always enabled */
	case RTCIMSC:
		return rtc.imsc;
	default:
		return 0;
	}
}

static void pl031_write(void *ctx, unsigned vcpu, uint64_t off, unsigned size, uint64_t val)
{
	(void)ctx;
	(void)vcpu;
	(void)size;
	if (off == RTCMR)
		rtc.mr = (uint32_t)val;
	else if (off == RTCLR) {
		rtc.base = (uint32_t)val;
		rtc.base_secs = counter_secs();
	} else if (off == RTCIMSC)
		rtc.imsc = (uint32_t)val & 1;
}

bool vmm_pl031_init(const struct tsr_vm_device *d)
{
	const struct vmm_mmio_dev m = {d->name, d->base, d->size, pl031_read, pl031_write, 0};

	return vmm_mmio_add(&m);
}
