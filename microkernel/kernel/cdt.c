// SPDX-License-Identifier: BSD-2-Clause
/*
 * The capability derivation tree, kept as one doubly linked list of slots
 * in depth-first order (docs/spec: "Derivation"). Invariants:
 *  - a cap's descendants directly follow it;
 *  - all caps to one object are contiguous, so a cap is the last one to
 *    its object iff neither list neighbour names the same object;
 *  - only revocable caps have children: originals made by retype, and the
 *    first cap minted with a badge from an unbadged endpoint/notification cap.
 */
#include <kernel/object.h>
#include <kernel/vspace.h>

bool cap_same_object(const struct cap *a, const struct cap *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case CAP_IRQ_CONTROL:
		return true;
	case CAP_IRQ_HANDLER:
		return a->word2 == b->word2;
	case CAP_UNTYPED:
	case CAP_FRAME:
	case CAP_CNODE:
		return a->obj == b->obj && a->size_bits == b->size_bits;
	default:
		return a->obj == b->obj;
	}
}

/* Whether b's object lies inside what a covers (a's region). */
static bool same_region(const struct cap *a, const struct cap *b)
{
	if (a->type == CAP_UNTYPED) {
		uint64_t base = a->obj, end = a->obj + cap_size(a);
		if (b->type == CAP_NULL || b->type == CAP_IRQ_CONTROL || b->type == CAP_IRQ_HANDLER)
			return false;
		uint64_t bend = b->obj + cap_size(b);
		if (b->type == CAP_UNTYPED && b->obj == a->obj && b->size_bits == a->size_bits)
			return false; /* the same untyped is a sibling, not a child */
		return b->obj >= base && bend <= end && bend > b->obj;
	}
	if (a->type == CAP_IRQ_CONTROL)
		return b->type == CAP_IRQ_HANDLER || b->type == CAP_IRQ_CONTROL;
	return cap_same_object(a, b);
}

bool cdt_is_parent_of(const struct cte *p, const struct cte *c)
{
	if (!p->revocable || !same_region(&p->cap, &c->cap))
		return false;
	if ((p->cap.type == CAP_ENDPOINT || p->cap.type == CAP_NOTIFICATION) && p->cap.word1 != 0)
		return c->cap.word1 == p->cap.word1 && !c->first_badged;
	return true;
}

bool cdt_has_children(const struct cte *slot)
{
	return slot->mdb_next != NULL && cdt_is_parent_of(slot, slot->mdb_next);
}

bool cdt_is_final(const struct cte *slot)
{
	const struct cap *c = &slot->cap;

	if (slot->mdb_prev != NULL && cap_same_object(&slot->mdb_prev->cap, c))
		return false;
	if (slot->mdb_next != NULL && cap_same_object(&slot->mdb_next->cap, c))
		return false;
	return true;
}

void cdt_insert_child(struct cte *parent, struct cte *child, const struct cap *cap, bool revocable)
{
	child->cap = *cap;
	child->revocable = revocable;
	child->first_badged = 0;
	child->mdb_prev = parent;
	child->mdb_next = parent ? parent->mdb_next : NULL;
	if (parent != NULL) {
		if (parent->mdb_next != NULL)
			parent->mdb_next->mdb_prev = child;
		parent->mdb_next = child;
	}
}

void cdt_move(struct cte *dest, struct cte *src)
{
	*dest = *src;
	dest->link = 0;
	if (dest->mdb_prev != NULL)
		dest->mdb_prev->mdb_next = dest;
	if (dest->mdb_next != NULL)
		dest->mdb_next->mdb_prev = dest;
	src->cap = (struct cap){0}; /* an empty slot keeps nothing of the cap (spec 4.9) */
	src->mdb_prev = src->mdb_next = NULL;
	src->revocable = src->first_badged = 0;
}

void cdt_remove(struct cte *slot)
{
	if (slot->mdb_prev != NULL)
		slot->mdb_prev->mdb_next = slot->mdb_next;
	if (slot->mdb_next != NULL)
		slot->mdb_next->mdb_prev = slot->mdb_prev;
	slot->mdb_prev = slot->mdb_next = NULL;
	slot->cap = (struct cap){0};
	slot->revocable = slot->first_badged = 0;
}

/*
 * CNodes whose last cap was deleted wait here to have their slots emptied;
 * draining is iterative (the list is linked through slot 0's link field),
 * so nested or chained CNodes never recurse on the kernel stack.
 */
static struct cte *cnode_worklist;
static bool cnode_draining;

static void cnode_drain(void)
{
	if (cnode_draining)
		return;
	cnode_draining = true;
	while (cnode_worklist != NULL) {
		struct cte *slots = cnode_worklist;
		cnode_worklist = (struct cte *)slots[0].link;
		uint64_t n = slots[0].pad[0] ? 1ULL << slots[0].pad[0] : 0;
		slots[0].link = 0;
		slots[0].pad[0] = 0;
		for (uint64_t i = 0; i < n; i++)
			cte_delete(&slots[i]);
	}
	cnode_draining = false;
}

void cte_delete(struct cte *slot)
{
	if (slot->cap.type == CAP_NULL)
		return;
	bool final = cdt_is_final(slot);
	struct cap cap = slot->cap;
	cdt_remove(slot);
	if ((cap.type == CAP_FRAME || cap.type == CAP_PAGE_TABLE) && cap.word1 != 0)
		vspace_unmap_cap(&cap); /* every cap's own mapping goes with it, final or not */
	if (!final)
		return;
	if (cap.type == CAP_CNODE) {
		struct cte *slots = (struct cte *)cap.obj;
		slots[0].pad[0] = cap.size_bits;
		slots[0].link = (uint64_t)cnode_worklist;
		cnode_worklist = slots;
		cnode_drain();
		return;
	}
	object_finalise(&cap);
	cnode_drain();
}

void cte_revoke(struct cte *slot)
{
	while (slot->cap.type != CAP_NULL && cdt_has_children(slot))
		cte_delete(slot->mdb_next);
}
