/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The system counter as user threads read it: CNTVCT_EL0 in ticks of
 * CNTFRQ_EL0 Hz (the kernel lets EL0 read both and keeps CNTVOFF_EL2 at 0,
 * so it is also the physical count CNTPCT_EL0, the one the user timer's
 * deadlines are compared against: docs/spec/abi-v1.md 4.30a). The same on
 * every core. With -DTSR_SYSCALL_EXTERN (host unit tests) these are
 * external functions the test provides.
 */
#ifndef TESSERA_COUNTER_H
#define TESSERA_COUNTER_H

#include <stdint.h>

#ifdef TSR_SYSCALL_EXTERN
uint64_t tsr_counter_now(void);
uint64_t tsr_counter_freq(void);
#else
/* The ISB keeps the read from being taken ahead of earlier instructions (ARM ARM D11). */
static inline uint64_t tsr_counter_now(void)
{
	uint64_t v;

	__asm__ volatile("isb\n mrs %0, cntvct_el0" : "=r"(v)::"memory");
	return v;
}

static inline uint64_t tsr_counter_freq(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}
#endif

/* Ticks in ms milliseconds (no overflow below ~2^64 / freq ms). */
static inline uint64_t tsr_counter_ms(uint64_t ms)
{
	return tsr_counter_freq() / 1000 * ms;
}

#endif
