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

static uint64_t low_bits(uint64_t v, unsigned n)
{
	return n >= 64 ? v : v & ((1ULL << n) - 1);
}

err_t cspace_lookup(const struct cap *root, uint64_t cptr, unsigned depth, bool exact,
		    struct cte **slot)
{
	const struct cap *cn = root;
	unsigned left = depth;

	if (depth < 1 || depth > 64)
		return ERR_RANGE;
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
		struct cte *s = (struct cte *)cn->obj + index;
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
