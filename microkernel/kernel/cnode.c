// SPDX-License-Identifier: BSD-2-Clause
/* CNode invocations: Copy, Mint, Move, Mutate, Delete, Revoke, Inspect (docs/spec: "CNode"). */
#include <kernel/invoke.h>
#include <kernel/vspace.h>

/*@ assigns \nothing;
  @ ensures \result <==> type == CAP_ENDPOINT || type == CAP_NOTIFICATION;
  @*/
static bool badgeable(unsigned type)
{
	return type == CAP_ENDPOINT || type == CAP_NOTIFICATION;
}

/* CNode "badge" argument: guard size in bits [5:0], guard value above.
 * Contract (spec 4.4): radix + guard size never exceeds 64; only the guard
 * fields of *out change. */
/*@ requires \valid_read(c) && \valid(out);
  @ assigns out->aux, out->word1;
  @ ensures \result == ERR_OK || \result == ERR_RANGE;
  @ ensures \result == ERR_OK ==> c->size_bits + out->aux <= 64;
  @*/
static err_t cnode_guard(const struct cap *c, uint64_t data, struct cap *out)
{
	unsigned guard_size = data & 0x3f;
	uint64_t guard = data >> 6;

	if (c->size_bits + guard_size > 64)
		return ERR_RANGE;
	if (guard_size < 58 && (guard >> guard_size) != 0)
		return ERR_RANGE;
	out->aux = guard_size;
	out->word1 = guard;
	return ERR_OK;
}

/* Contract (spec 2.3, 2.5.3, 4.3, 4.4): the derived cap names the source's
 * object with rights = source rights & requested rights (rights never
 * grow), and a badged source's badge is never changed. */
/*@ requires \valid_read(src) && \valid(out) && \valid(revocable);
  @ requires rights <= RIGHTS_ALL && cap_slot(&src->cap);
  @ requires \separated(out, revocable, src);
  @ assigns *out, *revocable;
  @ ensures \result == ERR_OK ==> out->type == src->cap.type && out->obj == src->cap.obj;
  @ ensures \result == ERR_OK ==> out->rights == (src->cap.rights & rights);
  @ ensures \result == ERR_OK ==> rights_subset(out->rights, src->cap.rights);
  @ ensures \result == ERR_OK && src->cap.type == CAP_CNODE ==>
  @   out->size_bits == src->cap.size_bits && out->size_bits + out->aux <= 64;
  @ ensures \result == ERR_OK && (src->cap.type == CAP_ENDPOINT ||
  @   src->cap.type == CAP_NOTIFICATION) && src->cap.word1 != 0 ==>
  @   out->word1 == src->cap.word1;
  @ ensures \result == ERR_OK && !mint && src->cap.type != CAP_FRAME &&
  @   src->cap.type != CAP_PAGE_TABLE ==> out->word1 == src->cap.word1;
  @ ensures *revocable ==> \result == ERR_OK && mint && src->cap.word1 == 0;
  @ ensures src->cap.type == CAP_NULL ==> \result == ERR_INVALID_CAPABILITY;
  @ ensures src->cap.type == CAP_UNTYPED || src->cap.type == CAP_IRQ_CONTROL ==>
  @   \result == ERR_ILLEGAL_OPERATION;
  @*/
err_t cap_derive(const struct cte *src, unsigned rights, uint64_t badge, bool mint, struct cap *out,
		 bool *revocable)
{
	const struct cap *c = &src->cap;

	*revocable = false;
	switch (c->type) {
	case CAP_NULL:
		return ERR_INVALID_CAPABILITY;
	case CAP_UNTYPED:
	case CAP_IRQ_CONTROL:
		return ERR_ILLEGAL_OPERATION; /* unique: only retype/Get make these */
	default:
		break;
	}
	*out = *c;
	/*@ assert out->type == c->type && out->obj == c->obj &&
	  @        out->size_bits == c->size_bits && out->word1 == c->word1; */
	out->rights = (uint8_t)(c->rights & rights);
	if (c->type == CAP_FRAME || c->type == CAP_PAGE_TABLE) {
		out->word1 = out->word2 = 0; /* a copy starts unmapped */
		out->aux = c->type == CAP_FRAME ? FRAME_AUX(0, 0) : 0;
	}
	if (!mint)
		return ERR_OK;
	if (c->type == CAP_CNODE)
		return cnode_guard(c, badge, out);
	if (!badgeable(c->type) || badge == 0)
		return ERR_OK;
	if (c->word1 != 0)
		return c->word1 == badge ? ERR_OK
					 : ERR_ILLEGAL_OPERATION; /* a badge never changes */
	out->word1 = badge;
	*revocable = true;
	return ERR_OK;
}

struct cnode_args {
	struct cte *dest, *src;
	unsigned rights;
	uint64_t badge;
};

static err_t lookup_dest(const struct cte *cn, const struct inv *in, struct cte **dest)
{
	if (in->len < 2)
		return ERR_TRUNCATED_MESSAGE;
	return cspace_lookup(&cn->cap, in->mr[0], in->mr[1] > 64 ? 0 : (unsigned)in->mr[1], true,
			     dest);
}

static err_t decode_two(const struct cte *cn, const struct inv *in, struct cnode_args *a)
{
	err_t e;

	if (in->len < 6 || in->nextra < 1)
		return ERR_TRUNCATED_MESSAGE;
	if ((e = lookup_dest(cn, in, &a->dest)) != ERR_OK)
		return e;
	e = cspace_lookup(&in->extra[0]->cap, in->mr[2], in->mr[3] > 64 ? 0 : (unsigned)in->mr[3],
			  true, &a->src);
	if (e != ERR_OK)
		return e;
	if (a->dest->cap.type != CAP_NULL)
		return ERR_DELETE_FIRST;
	if (a->src->cap.type == CAP_NULL)
		return ERR_INVALID_CAPABILITY;
	if (a->src == a->dest)
		return ERR_INVALID_ARGUMENT;
	a->rights = (unsigned)in->mr[4] & RIGHTS_ALL;
	a->badge = in->mr[5];
	return ERR_OK;
}

static err_t copy_or_mint(const struct cnode_args *a, bool mint)
{
	struct cap cap;
	bool revocable;
	err_t e = cap_derive(a->src, a->rights, a->badge, mint, &cap, &revocable);

	if (e != ERR_OK)
		return e;
	cdt_insert_child(a->src, a->dest, &cap, revocable);
	a->dest->first_badged = revocable;
	return ERR_OK;
}

/* Move, or Mutate: move with fewer rights and a badge/guard set once. */
static err_t move_or_mutate(const struct cnode_args *a, bool mutate)
{
	struct cap cap = a->src->cap;

	if (mutate) {
		bool revocable;
		err_t e = cap_derive(a->src, a->rights, a->badge, true, &cap, &revocable);
		if (e != ERR_OK)
			return e;
		if (cap.type == CAP_FRAME || cap.type == CAP_PAGE_TABLE) {
			cap.word1 = a->src->cap.word1; /* moving keeps the mapping */
			cap.word2 = a->src->cap.word2;
			cap.aux = a->src->cap.aux;
		}
	}
	cdt_move(a->dest, a->src);
	a->dest->cap = cap;
	return ERR_OK;
}

err_t cnode_invoke(struct cte *slot, const struct inv *in, struct inv_result *out)
{
	struct cnode_args a;
	struct cte *s;
	err_t e;

	switch (in->label) {
	case INV_CNODE_COPY:
	case INV_CNODE_MINT:
		if ((e = decode_two(slot, in, &a)) != ERR_OK)
			return e;
		return copy_or_mint(&a, in->label == INV_CNODE_MINT);
	case INV_CNODE_MOVE:
	case INV_CNODE_MUTATE:
		if ((e = decode_two(slot, in, &a)) != ERR_OK)
			return e;
		if (in->label == INV_CNODE_MUTATE &&
		    (a.src->cap.type == CAP_UNTYPED || a.src->cap.type == CAP_IRQ_CONTROL))
			return ERR_ILLEGAL_OPERATION;
		return move_or_mutate(&a, in->label == INV_CNODE_MUTATE);
	case INV_CNODE_DELETE:
	case INV_CNODE_REVOKE:
	case INV_CNODE_INSPECT:
		if ((e = lookup_dest(slot, in, &s)) != ERR_OK)
			return e;
		if (in->label == INV_CNODE_DELETE) {
			cte_delete(s);
		} else if (in->label == INV_CNODE_REVOKE) {
			cte_revoke(s);
		} else {
			out->mr[0] =
			    s->cap.type == CAP_FRAME && s->cap.size_bits == OBJ_FRAME_2M_BITS
				? OBJ_FRAME_2M + 1U
				: s->cap.type; /* 0: empty, else object type + 1 */
			out->mr[1] = s->cap.rights;
			out->mr[2] = badgeable(s->cap.type) ? s->cap.word1 : 0;
			out->len = 3;
		}
		return ERR_OK;
	default:
		return ERR_ILLEGAL_OPERATION;
	}
}
