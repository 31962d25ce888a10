// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the user timer in microkernel/kernel/irq.c (the real file,
 * spec 4.30a) against a fake per-core timer, interrupt controller and
 * notification: decode errors change nothing, arming records the calling
 * core, a firing is delivered once and only on the core of the latest
 * arming, cancel/Clear/deletion disarm, SPIs are unaffected. Also an SPI
 * routed to a vCPU (spec 4.30b): decode errors change nothing, a firing is
 * pended hardware-linked and reported to the dispatcher as such (no
 * deactivation), Clear, handler deletion and vCPU deletion unlink it and
 * clear its active state.
 */
#include <kernel/cpu.h>
#include <kernel/invoke.h>
#include <kernel/irq.h>
#include <kernel/irqcap.h>
#include <kernel/vcpu.h>
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
/* Fake vGIC and distributor: links, hardware-linked pends, targets, active clears. */
static struct vcpu *linked[64], *hw_pended_on;
static unsigned hw_pends, spi_target[64], active_clears;

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

void irqc_set_target(unsigned irq, unsigned c)
{
	spi_target[irq % 64] = c;
}

void irqc_clear_active(unsigned irq)
{
	(void)irq;
	active_clears++;
}

void arch_vcpu_link_hw(struct vcpu *v, unsigned virq, bool on)
{
	linked[virq % 64] = on ? v : NULL;
}

void arch_vcpu_inject_hw(struct vcpu *v, unsigned virq)
{
	CHECK(linked[virq % 64] == v);
	hw_pends++;
	hw_pended_on = v;
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

static struct vcpu vcpu_a, vcpu_b;
static struct tcb tcb_a;
static struct cte vcpu_cap_a, vcpu_cap_b, spi2_handler;

static err_t set_vcpu(struct cte *h, struct cte *v)
{
	return invoke(h, INV_IRQ_HANDLER_SET_VCPU, 0, 0, v);
}

/* 4.30b errors, in order; none changes anything */
static void vcpu_decode_errors(void)
{
	vcpu_a.tcb = &tcb_a;
	tcb_a.core = 3;
	vcpu_cap_a.cap = (struct cap){.type = CAP_VCPU, .obj = (uint64_t)&vcpu_a};
	vcpu_cap_b.cap = (struct cap){.type = CAP_VCPU, .obj = (uint64_t)&vcpu_b};
	CHECK(claim(42, &spi2_handler) == ERR_OK);
	CHECK(set_vcpu(&timer_handler, &vcpu_cap_a) == ERR_ILLEGAL_OPERATION); /* not an SPI */
	CHECK(set_vcpu(&spi2_handler, NULL) == ERR_TRUNCATED_MESSAGE);
	CHECK(set_vcpu(&spi2_handler, &ntfn_cap) == ERR_INVALID_CAPABILITY);
	CHECK(linked[42] == NULL && !spi_enabled[42]);
}

/* a firing is pended on the vCPU and left active; others stay notifications */
static void vcpu_route(void)
{
	signals = hw_pends = 0;
	CHECK(invoke(&spi2_handler, INV_IRQ_HANDLER_SET_NOTIFICATION, 0, 0, &ntfn_cap) == ERR_OK);
	CHECK(set_vcpu(&spi2_handler, &vcpu_cap_a) == ERR_OK); /* replaces the notification */
	CHECK(linked[42] == &vcpu_a && spi_enabled[42] && spi_target[42] == 3);
	CHECK(set_vcpu(&spi2_handler, &vcpu_cap_b) == ERR_DELETE_FIRST && linked[42] == &vcpu_a);
	CHECK(invoke(&spi2_handler, INV_IRQ_HANDLER_ACK, 0, 0, NULL) == ERR_ILLEGAL_OPERATION);
	CHECK(irq_deliver(42) == true);
	CHECK(hw_pends == 1 && hw_pended_on == &vcpu_a && signals == 0);
	CHECK(spi_enabled[42]); /* not masked: the active state holds it back */
	CHECK(irq_deliver(40) == false && signals == 1);
	/* a notification replaces the vCPU route as Clear would, and back */
	active_clears = 0;
	CHECK(invoke(&spi2_handler, INV_IRQ_HANDLER_SET_NOTIFICATION, 0, 0, &ntfn_cap) == ERR_OK);
	CHECK(linked[42] == NULL && active_clears == 1 && spi_enabled[42]);
	CHECK(irq_deliver(42) == false && signals == 2 && hw_pends == 1);
	CHECK(set_vcpu(&spi2_handler, &vcpu_cap_a) == ERR_OK && linked[42] == &vcpu_a);
	signals = 1;
	/* Clear: masked, unlinked, active state cleared; a firing is then dropped */
	active_clears = 0;
	CHECK(invoke(&spi2_handler, INV_IRQ_HANDLER_CLEAR, 0, 0, NULL) == ERR_OK);
	CHECK(linked[42] == NULL && !spi_enabled[42] && active_clears == 1);
	CHECK(irq_deliver(42) == false && hw_pends == 1 && signals == 1);
	/* the thread moved to core 2: a firing on core 3 sends the next ones there */
	CHECK(invoke(&spi2_handler, INV_IRQ_HANDLER_CLEAR, 0, 0, NULL) == ERR_OK);
	CHECK(set_vcpu(&spi2_handler, &vcpu_cap_a) == ERR_OK && spi_target[42] == 3);
	tcb_a.core = 2;
	core = 3;
	CHECK(irq_deliver(42) == true && hw_pends == 2 && spi_target[42] == 2 && spi_enabled[42]);
	core = 2;
	CHECK(irq_deliver(42) == true && hw_pends == 3 && spi_target[42] == 2);
	tcb_a.core = 3;
	core = 0;
	CHECK(invoke(&spi2_handler, INV_IRQ_HANDLER_CLEAR, 0, 0, NULL) == ERR_OK);
	/* an unbound vCPU: the calling core is the target */
	core = 1;
	CHECK(set_vcpu(&spi2_handler, &vcpu_cap_b) == ERR_OK && spi_target[42] == 1);
	core = 0;
}

/* deleting the vCPU or the handler ends the route */
static void vcpu_forget(void)
{
	active_clears = 0;
	irq_forget_vcpu(&vcpu_a); /* not routed: nothing */
	CHECK(linked[42] == &vcpu_b && active_clears == 0);
	irq_forget_vcpu(&vcpu_b);
	CHECK(linked[42] == NULL && !spi_enabled[42] && active_clears == 1);
	CHECK(irq_deliver(42) == false);
	CHECK(set_vcpu(&spi2_handler, &vcpu_cap_a) == ERR_OK && linked[42] == &vcpu_a);
	irq_handler_finalise(42);
	CHECK(linked[42] == NULL && active_clears == 2);
	CHECK(claim(42, &spi2_handler) == ERR_OK); /* unclaimed again */
}

int main(void)
{
	RUN("unit_irq_timer", setup);
	RUN("unit_irq_timer", decode_errors);
	RUN("unit_irq_timer", arm_and_fire);
	RUN("unit_irq_timer", other_cores);
	RUN("unit_irq_timer", clear_and_delete);
	RUN("unit_irq_timer", spi_unchanged);
	RUN("unit_irq_timer", vcpu_decode_errors);
	RUN("unit_irq_timer", vcpu_route);
	RUN("unit_irq_timer", vcpu_forget);
	return DONE("unit_irq_timer");
}
