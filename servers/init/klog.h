/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Who drains the kernel log ring (docs/servers.md "Kernel log"). A system
 * whose spec names a klog holder (tsr_spec.klog: a component's `klog`
 * item, the console server) has that component drain it while it runs:
 * init then only passes the kernel's wake-up on (the log notification is
 * init's TCB-bound event notification; init signals the holder's own
 * notification, bit 0, when head moved). While the holder's group is
 * stopped (stopped by the shell, or between a crash and its restart), and
 * in every system without a holder, init drains the ring itself. The
 * handover needs no protocol: init starts and stops the holder, so it
 * knows which of the two may read; a holder killed mid-line leaves that
 * line in the ring (<tessera/log_ring.h>, LOG_RING_LINES) and init prints
 * it again: nothing is lost.
 */
#ifndef INIT_KLOG_H
#define INIT_KLOG_H

#include <stdbool.h>
#include <tessera/bootinfo.h>

/* The ring as init maps it (LOG_RING_VADDR); host tests point it elsewhere. */
extern volatile struct log_ring *klog_ring_view;

/* After the boot realisation: from now on the holder (if any) drains. */
void klog_handover(void);
/* Drains the ring, or wakes the holder when there is something new. Call
 * whenever init wakes (its bound notification carries the log bit). */
void klog_service(void);
/* Whether the holder drains the ring now (false: init does). */
bool klog_held(void);
/* A thread of space faulted: a holder that is not restartable stops draining. */
void klog_fault(const char *space);
/* Makes the kernel log a line: a thread of init's with no fault handler
 * jumps to address 0 (the kernel reports the fault and suspends it). */
void klog_probe(void);

#endif
