/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * init's event loop once the system runs (docs/lifecycle.md): one Recv on
 * init's fault endpoint, whose TCB-bound notification carries the kernel
 * log (bit 0), UART input (bit 1), the user timer (bit 2) and the shell
 * reader's "input in the ring" or "need a new cap" (bit 3, shellread.h:
 * the loop itself never calls the console server). Faults
 * are reported and stop the offender's group (a server is restarted at
 * once, a VM waits for the shell); VMM requests (VMM_REQ_POWER_OFF,
 * VMM_REQ_RESET) stop or restart their VM; every MGR_TICK_MS the watchdog
 * pings each running VM's VMM and restarts one that stopped answering.
 */
#ifndef INIT_MANAGER_H
#define INIT_MANAGER_H

#include <stdbool.h>
#include <stdint.h>
#include <tessera/sys.h>

#define MGR_TICK_MS   100
#define MGR_LOG_BIT   (1ULL << 0)
#define MGR_INPUT_BIT (1ULL << 1)
#define MGR_TIMER_BIT (1ULL << 2)
#define MGR_SHELL_BIT (1ULL << 3)

/* Claims the user timer and (when no component owns the UART's interrupt)
 * console input; ep is init's fault endpoint. Returns whether input works. */
bool mgr_init(tsr_cptr_t ep, bool uart_input);
/* Serves events forever. */
void mgr_run(void);
/* Serves events until the counter reaches t (or stop() says so, if given). */
void mgr_wait_until(uint64_t t, bool (*stop)(void *), void *ctx);
void mgr_sleep_ms(unsigned ms);
uint64_t mgr_ms_to_ticks(unsigned ms);
/* The last fault reported (group, counter value), for experiments. */
struct mgr_fault {
	int group;
	uint64_t when, label, pc, addr;
	uint64_t reach_tried, reach_denied; /* the VMM's counts when it faulted */
	unsigned count;
};
extern struct mgr_fault mgr_last_fault;
/* Watchdog restarts so far. */
extern unsigned mgr_watchdog_restarts;
/* Watchdog ticks served so far (MGR_TICK_MS apart). */
extern unsigned mgr_ticks;

#endif
