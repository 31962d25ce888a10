// SPDX-License-Identifier: BSD-2-Clause
/*
 * The user timer (docs/spec/abi-v1.md 4.27, 4.30a, 6.5): IRQ TSR_USER_TIMER_IRQ
 * claimed like an SPI, armed with IrqHandler_SetDeadline against the counter
 * EL0 reads. Waits block the only runnable thread, so the core idles in WFI
 * and the timer's interrupt must wake it. A timer that never fires hangs the
 * test (the runner's timeout is the failure).
 */
#include <stdio.h>

#include "ktest.h"

#define TIMER_BADGE 0x40
/* Deadlines that must not pass before the next call or two: generous, since
 * QEMU's time is the host's and the host may be busy (a core switch took
 * over 2 ms on a loaded host). */
#define MARGIN_MS 40

static tsr_cptr_t handler, ntfn, badged;
static char detail[96];

/* Waits for the timer's signal; true if it carried exactly our badge and came
 * no earlier than deadline. */
static bool wait_fired(uint64_t deadline)
{
	uint64_t word = 0;
	if (tsr_wait(ntfn, &word) != ERR_OK)
		return false;
	uint64_t now = tsr_counter_now();
	return word == TIMER_BADGE && now >= deadline;
}

/* Nothing signalled so far. */
static bool quiet(void)
{
	uint64_t word = 1;
	return tsr_poll(ntfn, &word) == ERR_OK && word == 0;
}

/* spec 4.27 (the user timer PPI may be claimed, once), 4.29, 4.30a */
static bool user_timer(void)
{
	handler = slot_alloc();
	badged = slot_alloc();
	ntfn = make_object(OBJ_NOTIFICATION, 0);
	EXPECT(handler && badged && ntfn && tsr_counter_freq() != 0);
	EXPECT(tsr_irq_control_get(SLOT_IRQ_CONTROL, TSR_USER_TIMER_IRQ, SLOT_INIT_CNODE, handler,
				   64) == ERR_OK);
	/* no notification set yet */
	EXPECT(tsr_irq_handler_set_deadline(handler, tsr_counter_now() + 1) ==
	       ERR_ILLEGAL_OPERATION);
	/* a badged cap: an unbadged one would signal word 0 */
	EXPECT(tsr_cnode_mint(SLOT_INIT_CNODE, badged, 64, SLOT_INIT_CNODE, ntfn, 64, RIGHTS_ALL,
			      TIMER_BADGE) == ERR_OK);
	EXPECT(tsr_irq_handler_set_notification(handler, badged) == ERR_OK);
	EXPECT(quiet());
	uint64_t t0 = tsr_counter_now(), deadline = t0 + tsr_counter_ms(2);
	EXPECT(tsr_irq_handler_set_deadline(handler, deadline) == ERR_OK);
	EXPECT(wait_fired(deadline));
	uint64_t late = tsr_counter_now() - deadline;
	/* fired once: nothing more, also after an Ack (harmless) */
	EXPECT(tsr_irq_handler_ack(handler) == ERR_OK);
	EXPECT(quiet());
	snprintf(detail, sizeof(detail), "late_us=%llu",
		 (unsigned long long)(late * 1000000 / tsr_counter_freq()));
	return true;
}

/* spec 4.30a: 0 cancels, a new deadline replaces the old one */
static bool user_timer_cancel(void)
{
	uint64_t now = tsr_counter_now();
	EXPECT(tsr_irq_handler_set_deadline(handler, now + tsr_counter_ms(MARGIN_MS)) == ERR_OK);
	EXPECT(tsr_irq_handler_set_deadline(handler, 0) == ERR_OK);
	uint64_t second = now + tsr_counter_ms(2 * MARGIN_MS);
	EXPECT(tsr_irq_handler_set_deadline(handler, second) == ERR_OK);
	EXPECT(wait_fired(second)); /* the first would have woken us early */
	/* replace a near deadline by a later one without cancelling */
	now = tsr_counter_now();
	EXPECT(tsr_irq_handler_set_deadline(handler, now + tsr_counter_ms(MARGIN_MS)) == ERR_OK);
	second = now + tsr_counter_ms(2 * MARGIN_MS);
	EXPECT(tsr_irq_handler_set_deadline(handler, second) == ERR_OK);
	EXPECT(wait_fired(second));
	/* a cancelled deadline stays silent: spin past it, then look */
	uint64_t gone = tsr_counter_now() + tsr_counter_ms(MARGIN_MS);
	EXPECT(tsr_irq_handler_set_deadline(handler, gone) == ERR_OK);
	EXPECT(tsr_irq_handler_set_deadline(handler, 0) == ERR_OK);
	while (tsr_counter_now() < gone + tsr_counter_ms(5))
		;
	EXPECT(quiet());
	return true;
}

/* spec 4.30a errors; 4.27 (other PPIs, a second claim) */
static bool user_timer_refused(void)
{
	tsr_cptr_t spi = slot_alloc(), again = slot_alloc();
	EXPECT(spi && again);
	EXPECT(tsr_irq_control_get(SLOT_IRQ_CONTROL, 101, SLOT_INIT_CNODE, spi, 64) == ERR_OK);
	EXPECT(tsr_irq_handler_set_notification(spi, badged) == ERR_OK);
	EXPECT(tsr_irq_handler_set_deadline(spi, tsr_counter_now() + 1) == ERR_ILLEGAL_OPERATION);
	EXPECT(tsr_cnode_delete(SLOT_INIT_CNODE, spi, 64) == ERR_OK);
	EXPECT(tsr_irq_control_get(SLOT_IRQ_CONTROL, TSR_USER_TIMER_IRQ, SLOT_INIT_CNODE, again,
				   64) == ERR_REVOKE_FIRST);
	static const unsigned other_ppis[] = {25, 26, 27, 29, 31};
	for (unsigned i = 0; i < sizeof(other_ppis) / sizeof(other_ppis[0]); i++)
		EXPECT(tsr_irq_control_get(SLOT_IRQ_CONTROL, other_ppis[i], SLOT_INIT_CNODE, again,
					   64) == ERR_RANGE);
	/* no deadline word */
	EXPECT(tsr_invoke(handler, INV_IRQ_HANDLER_SET_DEADLINE, 0, 0, 0, 0, 0) ==
	       ERR_TRUNCATED_MESSAGE);
	/* SetDeadline is not an IrqControl operation */
	uint64_t w = 1;
	EXPECT(tsr_invoke(SLOT_IRQ_CONTROL, INV_IRQ_HANDLER_SET_DEADLINE, 0, 0, 1, &w, 0) ==
	       ERR_ILLEGAL_OPERATION);
	EXPECT(quiet());
	return true;
}

/* spec 4.30a: re-arming after each firing; a past deadline fires at once */
static bool user_timer_rearm(void)
{
	for (unsigned i = 0; i < 5; i++) {
		uint64_t deadline = tsr_counter_now() + tsr_counter_ms(1 + i);
		EXPECT(tsr_irq_handler_set_deadline(handler, deadline) == ERR_OK);
		EXPECT(wait_fired(deadline));
	}
	EXPECT(tsr_irq_handler_set_deadline(handler, 1) == ERR_OK);
	EXPECT(wait_fired(1));
	EXPECT(quiet());
	return true;
}

/* spec 4.30a: the timer runs on the core that armed it; re-arming from another
 * core leaves the first core's stale firing undelivered */
static bool user_timer_cores(void)
{
	if (bi->num_cores < 2)
		return true;
	uint64_t first = tsr_counter_now() + tsr_counter_ms(MARGIN_MS);
	EXPECT(tsr_irq_handler_set_deadline(handler, first) == ERR_OK);
	EXPECT(tsr_tcb_set_affinity(SLOT_INIT_TCB, 1) == ERR_OK);
	uint64_t second = first + tsr_counter_ms(MARGIN_MS);
	EXPECT(tsr_irq_handler_set_deadline(handler, second) == ERR_OK);
	bool ok = wait_fired(second);
	/* armed on core 1, fired there; back on core 0, cancel one armed on core 1 */
	uint64_t gone = tsr_counter_now() + tsr_counter_ms(MARGIN_MS);
	ok = ok && tsr_irq_handler_set_deadline(handler, gone) == ERR_OK;
	EXPECT(tsr_tcb_set_affinity(SLOT_INIT_TCB, 0) == ERR_OK);
	EXPECT(ok);
	EXPECT(tsr_irq_handler_set_deadline(handler, 0) == ERR_OK);
	while (tsr_counter_now() < gone + tsr_counter_ms(5))
		;
	EXPECT(quiet());
	/* and one armed here still fires */
	uint64_t deadline = tsr_counter_now() + tsr_counter_ms(1);
	EXPECT(tsr_irq_handler_set_deadline(handler, deadline) == ERR_OK);
	EXPECT(wait_fired(deadline));
	return true;
}

void ktest_timer(void)
{
	bool ok = user_timer();
	ktest_report("user_timer", ok, ok ? detail : "");
	if (!ok) /* the others need the handler */
		return;
	ktest_report("user_timer_cancel", user_timer_cancel(), "");
	ktest_report("user_timer_refused", user_timer_refused(), "");
	ktest_report("user_timer_rearm", user_timer_rearm(), "");
	ktest_report("user_timer_cores", user_timer_cores(), bi->num_cores < 2 ? "one core" : "");
}
