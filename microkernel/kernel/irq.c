// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupts for user level (docs/spec: "IRQs"). IrqControl_Get makes the
 * one handler cap for an interrupt line; the line is then routed to the
 * notification set on the handler: when it fires, the kernel masks it and
 * signals the notification with the badge of the notification cap given
 * to SetNotification (spec 6.5); Ack unmasks it.
 *
 * The user timer (IRQC_USER_TIMER_PPI, spec 4.30a) is one such line with a
 * deadline: SetDeadline arms it on the calling core, which is recorded; a
 * firing stops it there and is delivered only if that core holds the
 * latest arming. The hardware of a core armed earlier cannot be reached
 * from here: its stale firing is stopped and dropped.
 *
 * An SPI may instead be routed to a vCPU (SetVCPU, spec 4.30b): a firing is
 * pended there as the same virtual INTID, hardware-linked, and stays active
 * (the arch only drops the priority) until the guest deactivates it.
 */
#include <kernel/cpu.h>
#include <kernel/invoke.h>
#include <kernel/irq.h>
#include <kernel/irqcap.h>
#include <kernel/vcpu.h>

#define MAX_IRQS 1024

struct irq_state {
	bool claimed;
	struct notification *ntfn;
	uint64_t badge;
	struct vcpu *vcpu; /* hardware-linked to this vCPU (4.30b); then ntfn is NULL */
};

static struct irq_state irqs[MAX_IRQS];

_Static_assert(IRQC_USER_TIMER_PPI == TSR_USER_TIMER_IRQ, "ABI user timer INTID");

/* The latest SetDeadline: armed (not cancelled, not yet fired) on `core`. */
static struct {
	bool armed;
	unsigned core;
} user_timer;

/* This core's user timer fired: stops it; true if the firing is the latest arming. */
static bool user_timer_fired(void)
{
	timer_user_stop();
	if (!user_timer.armed || user_timer.core != cpu_id())
		return false;
	user_timer.armed = false;
	return true;
}

/* Cancels the arming; this core's timer stops now, another core's at its stale firing. */
static void user_timer_disarm(void)
{
	timer_user_stop();
	user_timer.armed = false;
}

bool irq_deliver(unsigned irq)
{
	if (irq == IRQC_USER_TIMER_PPI && !user_timer_fired())
		return false;
	if (irq < MAX_IRQS && irqs[irq].vcpu != NULL) {
		struct vcpu *v = irqs[irq].vcpu;
		if (v->tcb != NULL && v->tcb->core != cpu_id()) {
			/* its thread moved: the next firing goes to its core (the
			 * interrupt is active, so none can be lost meanwhile) */
			irqc_disable(irq);
			irqc_set_target(irq, v->tcb->core);
			irqc_enable(irq);
		}
		arch_vcpu_inject_hw(v, irq);
		return true;
	}
	if (irq >= MAX_IRQS || !irqs[irq].claimed || irqs[irq].ntfn == NULL) {
		irqc_disable(irq); /* nobody listens: keep it quiet */
		return false;
	}
	irqc_disable(irq);
	notification_signal(irqs[irq].ntfn, irqs[irq].badge);
	return false;
}

/* Ends a vCPU route: masked, unlinked from the vCPU (a queued firing is
 * withdrawn), and not left active for a guest that will not deactivate it. */
static void vcpu_route_drop(unsigned irq)
{
	struct vcpu *v = irqs[irq].vcpu;

	if (v == NULL)
		return;
	irqs[irq].vcpu = NULL;
	irqc_disable(irq);
	arch_vcpu_link_hw(v, irq, false);
	irqc_clear_active(irq);
}

void irq_handler_finalise(unsigned irq)
{
	if (irq >= MAX_IRQS)
		return;
	irqc_disable(irq);
	vcpu_route_drop(irq);
	irqs[irq] = (struct irq_state){0};
	if (irq == IRQC_USER_TIMER_PPI)
		user_timer_disarm();
}

/* Notifications being deleted drop their IRQ routes. */
void irq_forget_notification(const struct notification *n)
{
	for (unsigned i = 0; i < MAX_IRQS; i++)
		if (irqs[i].ntfn == n)
			irqs[i].ntfn = NULL;
}

void irq_forget_vcpu(const struct vcpu *v)
{
	for (unsigned i = 0; i < MAX_IRQS; i++)
		if (irqs[i].vcpu == v)
			vcpu_route_drop(i);
}

static err_t control_get(const struct inv *in)
{
	struct cte *dest;

	if (in->len < 3 || in->nextra < 1)
		return ERR_TRUNCATED_MESSAGE;
	uint64_t irq = in->mr[0];
	if (irq >= MAX_IRQS || !irqc_user_irq_ok((unsigned)irq))
		return ERR_RANGE;
	if (irqs[irq].claimed)
		return ERR_REVOKE_FIRST;
	err_t e = cspace_lookup(&in->extra[0]->cap, in->mr[1],
				in->mr[2] > 64 ? 0 : (unsigned)in->mr[2], true, &dest);
	if (e != ERR_OK)
		return e;
	if (dest->cap.type != CAP_NULL)
		return ERR_DELETE_FIRST;
	struct cap cap = {.type = CAP_IRQ_HANDLER, .rights = RIGHTS_ALL, .word2 = irq};
	cdt_insert_child(in->slot, dest, &cap, true);
	irqs[irq].claimed = true;
	return ERR_OK;
}

/* 4.30a: only the user timer's handler, with a route. */
static err_t set_deadline_decode(unsigned irq, const struct inv *in)
{
	if (irq != IRQC_USER_TIMER_PPI)
		return ERR_ILLEGAL_OPERATION;
	if (in->len < 1)
		return ERR_TRUNCATED_MESSAGE;
	if (irqs[irq].ntfn == NULL)
		return ERR_ILLEGAL_OPERATION;
	return ERR_OK;
}

/* Re-arms (or with 0 cancels) on this core, replacing any earlier arming. */
static void set_deadline_invoke(uint64_t deadline)
{
	user_timer_disarm();
	if (deadline == 0)
		return;
	user_timer.armed = true;
	user_timer.core = cpu_id();
	irqc_enable(IRQC_USER_TIMER_PPI); /* banked: on this core; a firing masked it */
	timer_user_set_deadline(deadline);
}

/* 4.30b: an SPI's handler, a VCPU cap, not routed to a vCPU yet. */
static err_t set_vcpu_decode(unsigned irq, const struct inv *in)
{
	if (irq < IRQC_FIRST_SPI)
		return ERR_ILLEGAL_OPERATION;
	if (in->nextra < 1)
		return ERR_TRUNCATED_MESSAGE;
	if (in->extra[0]->cap.type != CAP_VCPU)
		return ERR_INVALID_CAPABILITY;
	if (irqs[irq].vcpu != NULL)
		return ERR_DELETE_FIRST;
	return ERR_OK;
}

/* Replaces a notification route; the SPI is sent to the core of the vCPU's
 * thread (the calling core if none is bound) and unmasked. */
static void set_vcpu_invoke(unsigned irq, struct vcpu *v)
{
	irqc_disable(irq);
	irqs[irq].ntfn = NULL;
	irqs[irq].vcpu = v;
	arch_vcpu_link_hw(v, irq, true);
	irqc_set_target(irq, v->tcb != NULL ? v->tcb->core : cpu_id());
	irqc_enable(irq);
}

err_t irq_invoke(struct cte *slot, const struct inv *in, struct inv_result *out)
{
	(void)out;
	if (slot->cap.type == CAP_IRQ_CONTROL)
		return in->label == INV_IRQ_CONTROL_GET ? control_get(in) : ERR_ILLEGAL_OPERATION;
	unsigned irq = (unsigned)slot->cap.word2;
	switch (in->label) {
	case INV_IRQ_HANDLER_ACK:
		if (irqs[irq].ntfn == NULL)
			return ERR_ILLEGAL_OPERATION;
		irqc_enable(irq);
		return ERR_OK;
	case INV_IRQ_HANDLER_SET_NOTIFICATION:
		if (in->nextra < 1)
			return ERR_TRUNCATED_MESSAGE;
		if (in->extra[0]->cap.type != CAP_NOTIFICATION)
			return ERR_INVALID_CAPABILITY;
		if (!(in->extra[0]->cap.rights & RIGHT_WRITE))
			return ERR_NO_RIGHTS;
		vcpu_route_drop(irq); /* replaces a vCPU route as Clear would */
		irqs[irq].ntfn = (struct notification *)in->extra[0]->cap.obj;
		irqs[irq].badge = in->extra[0]->cap.word1;
		irqc_enable(irq);
		return ERR_OK;
	case INV_IRQ_HANDLER_CLEAR:
		irqc_disable(irq);
		vcpu_route_drop(irq);
		irqs[irq].ntfn = NULL;
		if (irq == IRQC_USER_TIMER_PPI)
			user_timer_disarm();
		return ERR_OK;
	case INV_IRQ_HANDLER_SET_DEADLINE: {
		err_t e = set_deadline_decode(irq, in);
		if (e == ERR_OK)
			set_deadline_invoke(in->mr[0]);
		return e;
	}
	case INV_IRQ_HANDLER_SET_VCPU: {
		err_t e = set_vcpu_decode(irq, in);
		if (e == ERR_OK)
			set_vcpu_invoke(irq, (struct vcpu *)in->extra[0]->cap.obj);
		return e;
	}
	default:
		return ERR_ILLEGAL_OPERATION;
	}
}
