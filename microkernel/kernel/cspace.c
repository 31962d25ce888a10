// SPDX-License-Identifier: BSD-2-Clause
/*
 * Capability address resolution (docs/spec: "CSpace addressing"). A cptr is
 * read from its most significant of `depth` bits down: at each CNode, first
 * guard_size bits must equal the guard, then radix bits index a slot. The
 * walk ends when the bits are used up; it continues into the slot's cap
 * only if that is a CNode. With exact=false (capability invocation), a slot
 * holding a non-CNode cap before the bits are used up is the result (as in
 * seL4); with exact=true (slot arguments) all depth bits must be consumed.
 * Never touches a slot outside a CNode: index < 2^radix by construction.
 */
#include <kernel/object.h>

/*@ assigns \nothing;
  @ ensures n >= 64 ==> \result == v;
  @ ensures n < 64 ==> \result == v % (1 << n);
  @*/
static uint64_t low_bits(uint64_t v, unsigned n)
{
	return n >= 64 ? v : v & ((1ULL << n) - 1);
}

/* Contract (spec 2.4): the result slot is a slot of a well-formed CNode
 * (never outside it) holding a cap in cap storage; only *slot is written;
 * a depth outside 1..64 is ERR_RANGE, a root that is no CNode or whose
 * radix + guard size exceed depth is ERR_FAILED_LOOKUP (2.4 steps 1, 2). */
/*@ requires \valid_read(root) && cap_slot(root);
  @ requires \valid(slot);
  @ assigns *slot;
  @ ensures \result == ERR_OK || \result == ERR_RANGE || \result == ERR_FAILED_LOOKUP;
  @ behavior bad_depth:
  @   assumes depth < 1 || depth > 64;
  @   assigns \nothing;
  @   ensures \result == ERR_RANGE;
  @ behavior walk:
  @   assumes 1 <= depth <= 64;
  @   ensures \result != ERR_RANGE;
  @   ensures \result == ERR_OK ==> \valid(*slot) && in_cnode(*slot) && cap_slot(&(*slot)->cap);
  @ behavior not_cnode:
  @   assumes 1 <= depth <= 64 && root->type != CAP_CNODE;
  @   assigns \nothing;
  @   ensures \result == ERR_FAILED_LOOKUP;
  @ behavior too_deep:
  @   assumes 1 <= depth <= 64 && root->type == CAP_CNODE;
  @   assumes root->size_bits + root->aux > depth;
  @   assigns \nothing;
  @   ensures \result == ERR_FAILED_LOOKUP;
  @ complete behaviors bad_depth, walk;
  @ disjoint behaviors bad_depth, walk;
  @*/
err_t cspace_lookup(const struct cap *root, uint64_t cptr, unsigned depth, bool exact,
		    struct cte **slot)
{
	const struct cap *cn = root;
	unsigned left = depth;

	if (depth < 1 || depth > 64)
		return ERR_RANGE;
	/*@ loop invariant 1 <= left <= depth;
	  @ loop invariant \valid_read(cn) && cap_slot(cn);
	  @ loop invariant left == depth ==> cn == root;
	  @ loop invariant left < depth ==> root->type == CAP_CNODE &&
	  @                root->size_bits + root->aux <= depth;
	  @ loop assigns cn, left;
	  @ loop variant left;
	  @*/
	for (;;) {
		if (cn->type != CAP_CNODE)
			return ERR_FAILED_LOOKUP;
		unsigned radix = cn->size_bits, guard_size = cn->aux;
		unsigned level = radix + guard_size;
		if (level > left)
			return ERR_FAILED_LOOKUP; /* depth mismatch */
		uint64_t bits = low_bits(cptr >> (left - level), level);
		if ((bits >> radix) != low_bits(cn->word1, guard_size))
			return ERR_FAILED_LOOKUP; /* guard mismatch */
		uint64_t index = low_bits(bits, radix);
		/*@ assert index < cnode_count(cn); */
		struct cte *s = (struct cte *)cn->obj + index;
		/*@ assert s == cnode_slots(cn) + index; */
		/*@ assert \valid(s); */
		left -= level;
		if (left == 0) {
			*slot = s;
			return ERR_OK;
		}
		if (s->cap.type != CAP_CNODE) {
			if (exact)
				return ERR_FAILED_LOOKUP;
			*slot = s;
			return ERR_OK;
		}
		cn = &s->cap;
	}
}
