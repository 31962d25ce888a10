// SPDX-License-Identifier: BSD-2-Clause
/*
 * Scheduler: per-core run queues, 256 priorities (255 highest), round robin
 * within a priority on the timer tick. The running thread is not in a queue.
 * One big kernel lock serialises all cores (arch entry/exit takes it).
 */
#include <kernel/arch.h>
#include <kernel/cpu.h>
#include <kernel/printf.h>

struct cpu cpus[PLAT_MAX_CPUS];

struct tcb *sched_current(void)
{
	return this_cpu()->current;
}

static bool in_queue(const struct cpu *c, const struct tcb *t)
{
	(void)c;
	return t->in_runq;
}

/* Appends t to its core's queue at its priority. */
static void runq_append(struct cpu *c, struct tcb *t)
{
	unsigned p = t->priority;

	t->in_runq = 1;
	tq_append(&c->head[p], &c->tail[p], t);
	c->bitmap[p / 64] |= 1ULL << (p % 64);
}

void sched_enqueue(struct tcb *t)
{
	struct cpu *c = &cpus[t->core];
	unsigned p = t->priority;

	if (t == c->current || in_queue(c, t))
		return;
	runq_append(c, t);
	if (c != this_cpu()) {
		if (c->current == c->idle || c->current->priority < p)
			arch_send_resched(t->core);
	} else if (c->current->priority < p || c->current == c->idle) {
		c->resched = true;
	}
}

void sched_dequeue(struct tcb *t)
{
	struct cpu *c = &cpus[t->core];
	unsigned p = t->priority;

	if (!in_queue(c, t))
		return;
	tq_remove(&c->head[p], &c->tail[p], t);
	t->in_runq = 0;
	if (c->head[p] == NULL)
		c->bitmap[p / 64] &= ~(1ULL << (p % 64));
}

void sched_make_runnable(struct tcb *t)
{
	t->state = TS_RUNNABLE;
	t->blocked_on = NULL;
	sched_enqueue(t);
}

void sched_block(struct tcb *t, enum thread_state st, void *on)
{
	sched_dequeue(t);
	t->state = (uint8_t)st;
	t->blocked_on = on;
	if (t == cpus[t->core].current)
		cpus[t->core].resched = true;
}

void sched_request(void)
{
	this_cpu()->resched = true;
}

static int highest_prio(const struct cpu *c)
{
	for (int w = NUM_PRIOS / 64 - 1; w >= 0; w--)
		if (c->bitmap[w] != 0)
			return w * 64 + 63 - __builtin_clzll(c->bitmap[w]);
	return -1;
}

bool sched_queued_at_least(unsigned prio)
{
	const uint64_t *b = this_cpu()->bitmap;
	unsigned w = prio / 64;
	uint64_t above = (b[0] | b[1] | b[2] | b[3]);

	_Static_assert(NUM_PRIOS == 256, "four bitmap words");
	if (above == 0)
		return false; /* the usual case: nothing else is runnable here */
	above = b[w] >> (prio % 64);
	for (unsigned i = w + 1; i < NUM_PRIOS / 64; i++)
		above |= b[i];
	return above != 0;
}

/* Rotates the current thread behind its equals (Yield, end of time slice). */
void sched_yield_current(void)
{
	struct cpu *c = this_cpu();
	struct tcb *cur = c->current;

	if (cur != c->idle && cur->state == TS_RUNNABLE && !in_queue(c, cur))
		runq_append(&cpus[cur->core], cur);
	c->resched = true;
}

/* Picks the thread to run on this core and makes it current. */
static void sched_choose(void)
{
	struct cpu *c = this_cpu();
	struct tcb *cur = c->current;
	int best = highest_prio(c);
	bool cur_ok = cur != c->idle && cur->state == TS_RUNNABLE && cur->core == c->index;

	c->resched = false;
	if (cur_ok && !in_queue(c, cur) && (best < 0 || best <= cur->priority))
		return;
	if (cur != c->idle && cur->state == TS_RUNNABLE && !in_queue(&cpus[cur->core], cur))
		runq_append(&cpus[cur->core], cur); /* preempted, or moved to another core */
	struct tcb *next = c->idle;
	if ((best = highest_prio(c)) >= 0) {
		next = c->head[best];
		sched_dequeue(next);
	}
	sched_switch_to(next);
}

void sched_switch_to(struct tcb *t)
{
	struct cpu *c = this_cpu();

	if (c->current == t)
		return;
	if (c->current != c->idle)
		arch_switch_out(c->current);
	c->current = t;
	c->cur_regs = &t->regs;
	if (t != c->idle)
		arch_switch_in(t);
}

NORETURN void sched_exit_to_user(void)
{
	struct cpu *c = this_cpu();

	for (;;) {
		if (c->resched || c->current->state != TS_RUNNABLE || c->current == c->idle)
			sched_choose();
		if (c->current != c->idle)
			arch_return_to_user(&c->current->regs);
		arch_idle_wait(); /* drops the kernel lock, waits for an interrupt */
	}
}

void sched_init_cpu(unsigned core, struct tcb *idle)
{
	struct cpu *c = &cpus[core];

	c->index = core;
	c->idle = idle;
	idle->state = TS_IDLE;
	idle->core = (uint8_t)core;
	c->current = idle;
	c->cur_regs = &idle->regs;
}

/* Every queued thread is runnable, on its own core's queue at its priority, and the bitmap agrees.
 */
bool sched_check(void)
{
	for (unsigned i = 0; i < cpus_online(); i++) {
		const struct cpu *c = &cpus[i];
		for (unsigned p = 0; p < NUM_PRIOS; p++) {
			bool bit = (c->bitmap[p / 64] >> (p % 64)) & 1;
			if (bit != (c->head[p] != NULL))
				return false;
			const struct tcb *prev = NULL;
			for (const struct tcb *t = c->head[p]; t != NULL; prev = t, t = t->q_next)
				if (t->state != TS_RUNNABLE || t->priority != p || t->core != i ||
				    !t->in_runq || t->q_prev != prev || t == c->current)
					return false;
			if (c->tail[p] != prev)
				return false;
		}
	}
	return true;
}
