/* SPDX-License-Identifier: BSD-2-Clause */
/* Secondary-core bookkeeping for arch code and self-checks (smp.c). */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

#include <kernel/types.h>

/* True once that core has called smp_report_online() (the boot core: after smp_start_secondaries).
 */
bool smp_core_online(unsigned core);

#endif
