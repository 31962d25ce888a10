/* SPDX-License-Identifier: BSD-2-Clause */
/* Interrupt, timer and SMP boot self-checks (selftest_irq.c), reported by selftest.c. */
#ifndef ARCH_SELFTEST_H
#define ARCH_SELFTEST_H

#include <kernel/types.h>

/* Each returns pass/fail and writes a short detail text into detail[n]. */
bool selftest_timer_irq(char *detail, size_t n);
bool selftest_smp(char *detail, size_t n);
bool selftest_ipi(char *detail, size_t n);
bool selftest_irqc_spi(char *detail, size_t n);

#endif
