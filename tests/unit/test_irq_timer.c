// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the user timer in microkernel/kernel/irq.c (the real file,
 * spec 4.30a) against a fake per-core timer, interrupt controller and
 * notification: decode errors change nothing, arming records the calling
 * core, a firing is delivered once and only on the core of the latest
 * arming, cancel/Clear/deletion disarm, SPIs are unaffected.
 */
#include <kernel/cpu.h>
#include <kernel/invoke.h>
#include <kernel/irq.h>
#include <kernel/irqcap.h>
#include <string.h>

#include "check.h"

#define CORES 4
#define T     TSR_USER_TIMER_IRQ

/* Fake hardware: each core's timer and its banked PPI enable. */
static struct {
	bool on;
	uint64_t cval;
	bool ppi_enabled;
} hw[CORES];
static unsigned core, signals, timer_calls;
static uint64_t last_badge;
static struct notification *last_ntfn;
static bool spi_enabled[64];

unsigned cpu_id(void)
{
	return core;
}

bool irqc_user_irq_ok(unsigned irq)
{
	return irq >= IRQC_FIRST_SPI || irq == IRQC_USER_TIMER_PPI;
}

void irqc_enable(unsigned irq)
{
	if (irq < IRQC_FIRST_SPI)
		hw[core].ppi_enabled = true;
	else
		spi_enabled[irq % 64] = true;
}

void irqc_disable(unsigned irq)
{
	if (irq < IRQC_FIRST_SPI)
		hw[core].ppi_enabled = false;
	else
		spi_enabled[irq % 64] = false;
}

void timer_user_set_deadline(uint64_t abs_ticks)
{
	hw[core].on = true;
	hw[core].cval = abs_ticks;
	timer_calls++;
}

void timer_user_stop(void)
{
	hw[core].on = false;
	timer_calls++;
}

void notification_signal(struct notification *n, uint64_t badge)
{
	signals++;
	last_ntfn = n;
	last_badge = badge;
}

/* Slots: the lookup hands out `dest`, the handler cap lands there. */
static struct cte control, dest, timer_handler, spi_handler, ntfn_cap, root;
static uint64_t ntfn_obj[8];

err_t cspace_lookup(const struct cap *r, uint64_t cptr, unsigned depth, bool exact,
		    struct cte **slot)
{
	(void)r, (void)cptr, (void)depth, (void)exact;
	*slot = &dest;
	return ERR_OK;
}

void cdt_insert_child(struct cte *parent, struct cte *child, const struct cap *cap, bool revocable)
{
	(void)parent, (void)revocable;
	child->cap = *cap;
}

static err_t invoke(struct cte *slot, uint64_t label, unsigned len, uint64_t mr0, struct cte *extra)
{
	static struct inv in;
	static struct inv_result out;
	memset(&in, 0, sizeof(in));
	in.label = label;
	in.len = len;
	in.mr[0] = mr0;
	in.mr[2] = 64;
	in.nextra = extra != NULL;
	in.extra[0] = extra;
	in.slot = slot;
	return irq_invoke(slot, &in, &out);
}

/* Claims irq into *h (through `dest`). */
static err_t claim(unsigned irq, struct cte *h)
{
	memset(&dest, 0, sizeof(dest));
	static struct inv in;
	static struct inv_result out;
	memset(&in, 0, sizeof(in));
	in.label = INV_IRQ_CONTROL_GET;
	in.len = 3;
	in.mr[0] = irq;
	in.mr[2] = 64;
	in.nextra = 1;
	in.extra[0] = &root;
	in.slot = &control;
	err_t e = irq_invoke(&control, &in, &out);
	*h = dest;
	return e;
}

static err_t set_deadline(struct cte *h, uint64_t d)
{
	return invoke(h, INV_IRQ_HANDLER_SET_DEADLINE, 1, d, NULL);
}

/* The timer of core c fires (its PPI is taken there). */
static void fire(unsigned c)
{
	core = c;
	irq_deliver(T);
}

static void setup(void)
{
	control.cap.type = CAP_IRQ_CONTROL;
	ntfn_cap.cap = (struct cap){.type = CAP_NOTIFICATION,
				    .rights = RIGHTS_ALL,
				    .obj = (uint64_t)ntfn_obj,
				    .word1 = 0x40};
	core = 0;
	CHECK(claim(T, &timer_handler) == ERR_OK);
	CHECK(timer_handler.cap.type == CAP_IRQ_HANDLER && timer_handler.cap.word2 == T);
	CHECK(claim(40, &spi_handler) == ERR_OK);
	CHECK(claim(T, &dest) == ERR_REVOKE_FIRST);
	CHECK(claim(29, &dest) == ERR_RANGE);
}

/* 4.30a errors, in order; none touches the timer */
static void decode_errors(void)
{
	timer_calls = 0;
	CHECK(set_deadline(&spi_handler, 5) == ERR_ILLEGAL_OPERATION);
	CHECK(invoke(&spi_handler, INV_IRQ_HANDLER_SET_DEADLINE, 0, 5, NULL) ==
	      ERR_ILLEGAL_OPERATION);
	CHECK(invoke(&timer_handler, INV_IRQ_HANDLER_SET_DEADLINE, 0, 5, NULL) ==
	      ERR_TRUNCATED_MESSAGE);
	CHECK(set_deadline(&timer_handler, 5) == ERR_ILLEGAL_OPERATION); /* no notification */
	CHECK(invoke(&control, INV_IRQ_HANDLER_SET_DEADLINE, 1, 5, NULL) == ERR_ILLEGAL_OPERATION);
	CHECK(timer_calls == 0 && !hw[0].on);
}

/* arm on the calling core, one delivery with the route's badge, then quiet */
static void arm_and_fire(void)
{
	CHECK(invoke(&timer_handler, INV_IRQ_HANDLER_SET_NOTIFICATION, 0, 0, &ntfn_cap) == ERR_OK);
	core = 2;
	CHECK(set_deadline(&timer_handler, 1000) == ERR_OK);
	CHECK(hw[2].on && hw[2].cval == 1000 && hw[2].ppi_enabled && !hw[0].on);
	signals = 0;
	fire(2);
	CHECK(signals == 1 && last_badge == 0x40 && last_ntfn == (void *)ntfn_obj);
	CHECK(!hw[2].on && !hw[2].ppi_enabled); /* stopped and masked: no storm */
	fire(2);				/* a late duplicate */
	CHECK(signals == 1);
	/* Ack is harmless: unmasks a stopped timer */
	CHECK(invoke(&timer_handler, INV_IRQ_HANDLER_ACK, 0, 0, NULL) == ERR_OK);
	CHECK(signals == 1 && !hw[2].on);
	/* re-arm after a firing */
	CHECK(set_deadline(&timer_handler, 2000) == ERR_OK && hw[2].on && hw[2].ppi_enabled);
	fire(2);
	CHECK(signals == 2);
}

/* a newer arming elsewhere (or a cancel) makes the old core's firing stale */
static void other_cores(void)
{
	signals = 0;
	core = 0;
	CHECK(set_deadline(&timer_handler, 100) == ERR_OK);
	core = 1;
	CHECK(set_deadline(&timer_handler, 300) == ERR_OK);
	CHECK(hw[0].on && hw[1].on); /* core 0's cannot be reached from core 1 */
	fire(0);
	CHECK(signals == 0 && !hw[0].on);
	fire(1);
	CHECK(signals == 1);
	/* armed on 1, cancelled from 3 */
	core = 1;
	CHECK(set_deadline(&timer_handler, 400) == ERR_OK);
	core = 3;
	CHECK(set_deadline(&timer_handler, 0) == ERR_OK);
	fire(1);
	CHECK(signals == 1 && !hw[1].on);
	/* cancelled on the same core: stopped at once */
	core = 1;
	CHECK(set_deadline(&timer_handler, 500) == ERR_OK);
	CHECK(set_deadline(&timer_handler, 0) == ERR_OK && !hw[1].on);
	/* replaced on the same core: the new value is in the hardware */
	CHECK(set_deadline(&timer_handler, 600) == ERR_OK);
	CHECK(set_deadline(&timer_handler, 700) == ERR_OK && hw[1].cval == 700);
	fire(1);
	CHECK(signals == 2);
}

/* Clear and deletion cancel; a firing without a route is dropped */
static void clear_and_delete(void)
{
	signals = 0;
	core = 0;
	CHECK(set_deadline(&timer_handler, 100) == ERR_OK);
	CHECK(invoke(&timer_handler, INV_IRQ_HANDLER_CLEAR, 0, 0, NULL) == ERR_OK && !hw[0].on);
	CHECK(set_deadline(&timer_handler, 100) == ERR_ILLEGAL_OPERATION);
	fire(0);
	CHECK(signals == 0);
	CHECK(invoke(&timer_handler, INV_IRQ_HANDLER_SET_NOTIFICATION, 0, 0, &ntfn_cap) == ERR_OK);
	core = 1;
	CHECK(set_deadline(&timer_handler, 100) == ERR_OK);
	irq_forget_notification((struct notification *)ntfn_obj);
	fire(1);
	CHECK(signals == 0 && !hw[1].on && !hw[1].ppi_enabled);
	CHECK(invoke(&timer_handler, INV_IRQ_HANDLER_SET_NOTIFICATION, 0, 0, &ntfn_cap) == ERR_OK);
	CHECK(set_deadline(&timer_handler, 100) == ERR_OK);
	irq_handler_finalise(T);
	CHECK(!hw[1].on);
	fire(1);
	CHECK(signals == 0);
	CHECK(claim(T, &timer_handler) == ERR_OK); /* unclaimed again */
}

/* an SPI still goes the old way */
static void spi_unchanged(void)
{
	signals = 0;
	CHECK(invoke(&spi_handler, INV_IRQ_HANDLER_SET_NOTIFICATION, 0, 0, &ntfn_cap) == ERR_OK);
	CHECK(spi_enabled[40]);
	irq_deliver(40);
	CHECK(signals == 1 && last_badge == 0x40 && !spi_enabled[40]);
	CHECK(invoke(&spi_handler, INV_IRQ_HANDLER_ACK, 0, 0, NULL) == ERR_OK && spi_enabled[40]);
}

int main(void)
{
	RUN("unit_irq_timer", setup);
	RUN("unit_irq_timer", decode_errors);
	RUN("unit_irq_timer", arm_and_fire);
	RUN("unit_irq_timer", other_cores);
	RUN("unit_irq_timer", clear_and_delete);
	RUN("unit_irq_timer", spi_unchanged);
	return DONE("unit_irq_timer");
}
