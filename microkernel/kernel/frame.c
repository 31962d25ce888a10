// SPDX-License-Identifier: BSD-2-Clause
/*
 * Frame and page-table invocations (docs/spec: "VSpace"). A mapping never
 * exceeds its cap: the rights mapped are the requested ones, which must be
 * a subset of the cap's; a device frame is always mapped as device memory.
 * A cap maps at most one place at a time (copy the cap to map it twice).
 */
#include <kernel/invoke.h>
#include <kernel/vspace.h>

/*@ requires \valid_read(in) && \valid(vs) && \separated(vs, in);
  @ requires in->nextra >= 1 ==> \valid(in->extra[0]);
  @ assigns *vs;
  @ ensures in->len < 1 || in->nextra < 1 ==> \result == ERR_TRUNCATED_MESSAGE;
  @ ensures \result == ERR_OK ==> in->len >= 1 && in->nextra >= 1 &&
  @   *vs == \old(in->extra[0]) && \valid(*vs) && (*vs)->cap.type == CAP_VSPACE &&
  @   in->mr[0] < (1 << VSPACE_VADDR_BITS);
  @ ensures in->len >= 1 && in->nextra >= 1 && in->extra[0]->cap.type == CAP_VSPACE &&
  @   in->mr[0] < (1 << VSPACE_VADDR_BITS) ==> \result == ERR_OK;
  @*/
static err_t map_args(const struct inv *in, struct cte **vs)
{
	if (in->len < 1 || in->nextra < 1)
		return ERR_TRUNCATED_MESSAGE;
	*vs = in->extra[0];
	if ((*vs)->cap.type != CAP_VSPACE)
		return ERR_INVALID_CAPABILITY;
	if (in->mr[0] >= 1ULL << VSPACE_VADDR_BITS)
		return ERR_RANGE;
	return ERR_OK;
}

/* Contract (spec 4.22): errors 1-7 in the spec's order; a mapping is only
 * made within the cap (s2pt_map_frame's precondition, vspace.h). */
/*@ requires \valid(slot) && cap_slot(&slot->cap) && slot->cap.type == CAP_FRAME;
  @ requires \valid_read(in) && \separated(in, slot);
  @ requires in->nextra >= 1 ==> \valid(in->extra[0]);
  @ ensures \old(in->len) < 1 || \old(in->nextra) < 1 ==> \result == ERR_TRUNCATED_MESSAGE;
  @ behavior no_rights:
  @   assumes in->len >= 3 && in->nextra >= 1 && in->extra[0]->cap.type == CAP_VSPACE;
  @   assumes in->mr[0] < (1 << VSPACE_VADDR_BITS);
  @   assumes in->mr[0] % (1 << slot->cap.size_bits) == 0;
  @   assumes !rights_subset(in->mr[1] & 3, slot->cap.rights);
  @   ensures \result == ERR_NO_RIGHTS;
  @*/
static err_t frame_map(struct cte *slot, const struct inv *in)
{
	struct cap *f = &slot->cap;
	struct cte *vs;
	err_t e = map_args(in, &vs);

	if (e != ERR_OK)
		return e;
	if (in->len < 3)
		return ERR_TRUNCATED_MESSAGE;
	uint64_t va = in->mr[0];
	unsigned rights = (unsigned)in->mr[1] & (RIGHT_READ | RIGHT_WRITE);
	unsigned attrs = (unsigned)in->mr[2] & (MAP_EXEC | MAP_DEVICE);
	if (va % (1ULL << f->size_bits) != 0)
		return ERR_ALIGNMENT;
	if (rights == 0 || (rights & f->rights) != rights)
		return ERR_NO_RIGHTS; /* not a subset of the cap's rights */
	if (f->word1 != 0)
		return ERR_DELETE_FIRST; /* already mapped: unmap first */
	if (f->flags & CAP_F_DEVICE)
		attrs = (attrs & ~MAP_EXEC) | MAP_DEVICE;
	uint64_t vmid = vs->cap.word1;
	e = s2pt_map_frame(vs->cap.obj, vmid, va, f->obj, f->size_bits, rights, attrs)
	    /*@ ghost (f) */;
	if (e != ERR_OK)
		return e;
	f->word1 = vs->cap.obj;
	f->word2 = va;
	f->aux = FRAME_AUX(attrs, vmid);
	return ERR_OK;
}

err_t frame_invoke(struct cte *slot, const struct inv *in, struct inv_result *out)
{
	switch (in->label) {
	case INV_FRAME_MAP:
		return frame_map(slot, in);
	case INV_FRAME_UNMAP:
		vspace_unmap_cap(&slot->cap);
		slot->cap.word1 = slot->cap.word2 = 0;
		slot->cap.aux = 0;
		return ERR_OK;
	case INV_FRAME_ADDRESS:
		out->mr[0] = slot->cap.obj;
		out->len = 1;
		return ERR_OK;
	default:
		return ERR_ILLEGAL_OPERATION;
	}
}

/* Whether any cap to this page table (they are contiguous in the derivation
 * list) records it as installed. */
static bool table_installed(const struct cte *slot)
{
	for (const struct cte *c = slot->mdb_prev; c && cap_same_object(&c->cap, &slot->cap);
	     c = c->mdb_prev)
		if (c->cap.word1 != 0)
			return true;
	for (const struct cte *c = slot->mdb_next; c && cap_same_object(&c->cap, &slot->cap);
	     c = c->mdb_next)
		if (c->cap.word1 != 0)
			return true;
	return false;
}

err_t page_table_invoke(struct cte *slot, const struct inv *in, struct inv_result *out)
{
	struct cap *pt = &slot->cap;
	struct cte *vs;
	unsigned level;
	err_t e;

	(void)out;
	switch (in->label) {
	case INV_PAGE_TABLE_MAP:
		if ((e = map_args(in, &vs)) != ERR_OK)
			return e;
		if (pt->word1 != 0 || table_installed(slot))
			return ERR_DELETE_FIRST; /* a table is installed in one place only */
		if ((e = s2pt_map_table(vs->cap.obj, in->mr[0], pt->obj, &level)) != ERR_OK)
			return e;
		pt->word1 = vs->cap.obj;
		pt->word2 = in->mr[0];
		pt->aux = FRAME_AUX(level, vs->cap.word1);
		return ERR_OK;
	case INV_PAGE_TABLE_UNMAP:
		vspace_unmap_cap(pt);
		pt->word1 = pt->word2 = 0;
		pt->aux = 0;
		return ERR_OK;
	default:
		return ERR_ILLEGAL_OPERATION;
	}
}
