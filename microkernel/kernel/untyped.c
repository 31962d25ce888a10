// SPDX-License-Identifier: BSD-2-Clause
/*
 * Untyped_Retype (docs/spec: "Untyped"). Objects are carved from the
 * untyped at its watermark, each aligned to its own size, zeroed, and
 * recorded as children of the untyped cap. When the untyped has no
 * children left (all revoked or deleted), its watermark returns to 0.
 */
#include <kernel/arch.h>
#include <kernel/invoke.h>
#include <kernel/vspace.h>

struct retype_args {
	unsigned type, size_bits;
	uint64_t bytes, first_addr, count;
	struct cte *dest; /* first destination slot */
};

/*
 * Where count objects of `bytes` each go in the untyped [base, base + size)
 * whose first `watermark` bytes are in use (spec 4.1 error 9): at the first
 * multiple of bytes at or above base + watermark, if all fit before the
 * end. Contract: the new objects lie above the watermark (never over live
 * objects carved before), inside the untyped, aligned to their size, one
 * after the other without overlap. The caller keeps watermark <= size
 * (retype_invoke sets it to the end of the last object).
 */
/*@ requires \valid(first);
  @ requires 1 <= bytes <= (1 << 47) && 1 <= count <= 256;
  @ requires base + size <= (1 << 48) && watermark <= size;
  @ assigns *first;
  @ ensures \result == ERR_OK || \result == ERR_NOT_ENOUGH_MEMORY;
  @ ensures \result == ERR_OK ==> base + watermark <= *first &&
  @   *first % bytes == 0 && *first + count * bytes <= base + size;
  @ ensures \result == ERR_OK ==> \forall integer i, j; 0 <= i < j < count ==>
  @   *first + i * bytes + bytes <= *first + j * bytes;
  @*/
static err_t retype_place(uint64_t base, uint64_t size, uint64_t watermark, uint64_t bytes,
			  uint64_t count, uint64_t *first)
{
	uint64_t f = (base + watermark + bytes - 1) / bytes * bytes; /* align up */

	if (f < base || f - base > size || count > (size - (f - base)) / bytes)
		return ERR_NOT_ENOUGH_MEMORY;
	*first = f;
	return ERR_OK;
}

static err_t retype_decode(struct cte *ut, const struct inv *in, struct retype_args *a)
{
	struct cap *u = &ut->cap;
	struct cte *cn_slot;
	err_t e;

	if (in->len < 6 || in->nextra < 1)
		return ERR_TRUNCATED_MESSAGE;
	a->type = (unsigned)in->mr[0];
	a->size_bits = in->mr[1] > 64 ? 64 : (unsigned)in->mr[1];
	uint64_t offset = in->mr[4];
	a->count = in->mr[5];
	if ((e = object_check_retype(a->type, a->size_bits, &a->bytes)) != ERR_OK)
		return e;
	if (a->type == OBJ_UNTYPED && a->size_bits >= u->size_bits)
		return ERR_RANGE; /* a child untyped is smaller: same-range caps would be siblings
				   */
	if ((u->flags & CAP_F_DEVICE) && a->type != OBJ_UNTYPED && a->type != OBJ_FRAME_4K &&
	    a->type != OBJ_FRAME_2M)
		return ERR_ILLEGAL_OPERATION; /* kernel objects never live in device memory */
	if (a->count < 1 || a->count > 256)
		return ERR_RANGE;
	e = cspace_lookup(&in->extra[0]->cap, in->mr[2], (unsigned)(in->mr[3] > 64 ? 0 : in->mr[3]),
			  true, &cn_slot);
	if (e != ERR_OK)
		return e;
	if (cn_slot->cap.type != CAP_CNODE)
		return ERR_INVALID_CAPABILITY;
	uint64_t slots = 1ULL << cn_slot->cap.size_bits;
	if (offset >= slots || a->count > slots - offset)
		return ERR_RANGE;
	a->dest = (struct cte *)cn_slot->cap.obj + offset;
	for (uint64_t i = 0; i < a->count; i++)
		if (a->dest[i].cap.type != CAP_NULL)
			return ERR_DELETE_FIRST;
	uint64_t watermark = cdt_has_children(ut) ? u->word1 : 0;
	if ((e = retype_place(u->obj, cap_size(u), watermark, a->bytes, a->count,
			      &a->first_addr)) != ERR_OK)
		return e;
	if (a->type == OBJ_VSPACE && vspace_vmids_free() < a->count)
		return ERR_NOT_ENOUGH_MEMORY;
	return ERR_OK;
}

static void retype_invoke(struct cte *ut, const struct retype_args *a)
{
	struct cap *u = &ut->cap;
	bool device = (u->flags & CAP_F_DEVICE) != 0;

	for (uint64_t i = 0; i < a->count; i++) {
		uint64_t addr = a->first_addr + i * a->bytes;
		struct cap cap;
		/* an untyped's memory is zeroed when it is retyped */
		if (!device && a->type != OBJ_UNTYPED)
			arch_zero(addr, a->bytes);
		object_init(a->type, addr, a->size_bits, &cap);
		if (device)
			cap.flags |= CAP_F_DEVICE;
		cdt_insert_child(ut, &a->dest[i], &cap, true);
	}
	u->word1 = a->first_addr + a->count * a->bytes - u->obj;
}

err_t untyped_invoke(struct cte *ut, const struct inv *in, struct inv_result *out)
{
	struct retype_args a;
	err_t e;

	switch (in->label) {
	case INV_UNTYPED_RETYPE:
		if ((e = retype_decode(ut, in, &a)) != ERR_OK)
			return e;
		retype_invoke(ut, &a);
		return ERR_OK;
	case INV_UNTYPED_DESCRIBE: {
		uint64_t used = cdt_has_children(ut) ? ut->cap.word1 : 0;
		out->mr[0] = cap_size(&ut->cap) - used;
		out->mr[1] = ut->cap.size_bits;
		out->mr[2] = ut->cap.obj;
		out->mr[3] = (ut->cap.flags & CAP_F_DEVICE) != 0;
		out->len = 4;
		return ERR_OK;
	}
	default:
		return ERR_ILLEGAL_OPERATION;
	}
}
