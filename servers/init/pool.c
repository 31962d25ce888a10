// SPDX-License-Identifier: BSD-2-Clause
/* Untyped pools of restartable groups; see pool.h. */
#include <stdio.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>

#include "alloc.h"
#include "pool.h"

struct pool_part {
	tsr_cptr_t cap;
	uint8_t bits;
	uint64_t used; /* init's model of the watermark */
};

struct pool {
	unsigned n;
	struct pool_part part[POOL_MAX_PARTS];
};

static struct pool pools[ALLOC_MAX_GROUPS];

static struct pool *pool_of(int g)
{
	return g >= 0 && g < ALLOC_MAX_GROUPS ? &pools[g] : 0;
}

int pool_plan(uint64_t bytes, unsigned *bits, int max)
{
	if (bytes == 0 || bytes > (1ULL << 40) || max < 1)
		return -1;
	unsigned top = 63 - (unsigned)__builtin_clzll(bytes);
	unsigned low = POOL_MIN_BITS;
	if (top + 1 > (unsigned)max + low - 1)
		low = top + 2 - (unsigned)max; /* coarser grain: at most max parts */
	uint64_t grain = 1ULL << low;
	uint64_t rounded = (bytes + grain - 1) & ~(grain - 1);
	int n = 0;
	for (int b = 63; b >= (int)low; b--)
		if (rounded >> b & 1)
			bits[n++] = (unsigned)b;
	return n <= max ? n : -1;
}

/* Makes one part of 2^b bytes; if no boot untyped has such a block, two
 * halves (recursively, while parts are left). */
static enum tessera_err make_part(struct pool *p, unsigned b)
{
	if (p->n == POOL_MAX_PARTS)
		return ERR_NOT_ENOUGH_MEMORY;
	tsr_cptr_t slot = alloc_slot();
	if (slot == 0)
		return ERR_NOT_ENOUGH_MEMORY;
	enum tessera_err err = alloc_retype_boot(slot, OBJ_UNTYPED, b);
	if (err == ERR_OK) {
		p->part[p->n++] = (struct pool_part){.cap = slot, .bits = (uint8_t)b};
		return ERR_OK;
	}
	alloc_free_slot(slot);
	if (err != ERR_NOT_ENOUGH_MEMORY || b <= POOL_MIN_BITS)
		return err;
	if ((err = make_part(p, b - 1)) != ERR_OK)
		return err;
	return make_part(p, b - 1);
}

enum tessera_err pool_create(int g, uint64_t bytes)
{
	struct pool *p = pool_of(g);
	unsigned bits[POOL_MAX_PARTS];
	int n = pool_plan(bytes, bits, POOL_MAX_PARTS / 2);

	if (p == 0 || p->n != 0 || n < 0)
		return ERR_INVALID_ARGUMENT;
	int saved = alloc_group();
	alloc_set_group(ALLOC_GROUP_INIT); /* the parts themselves are init's, kept */
	enum tessera_err err = ERR_OK;
	for (int i = 0; i < n && err == ERR_OK; i++)
		err = make_part(p, bits[i]);
	alloc_set_group(saved);
	return err;
}

int pool_exists(int g)
{
	struct pool *p = pool_of(g);
	return p != 0 && p->n != 0;
}

enum tessera_err pool_retype(int g, tsr_cptr_t slot, unsigned type, unsigned size_bits)
{
	struct pool *p = pool_of(g);
	unsigned bits = obj_bits(type, size_bits);
	int best = -1;
	uint64_t best_used = 0;

	for (unsigned i = 0; p != 0 && i < p->n; i++) {
		uint64_t used = p->part[i].used;
		if ((type == OBJ_UNTYPED && bits >= p->part[i].bits) ||
		    ut_fit(&used, p->part[i].bits, bits) < 0)
			continue;
		if (best < 0 || p->part[i].bits < p->part[best].bits) {
			best = (int)i;
			best_used = used;
		}
	}
	if (best < 0)
		return ERR_NOT_ENOUGH_MEMORY;
	enum tessera_err err =
	    tsr_untyped_retype(p->part[best].cap, type, size_bits, SLOT_INIT_CNODE, SLOT_INIT_CNODE,
			       TSR_DEPTH, slot, 1);
	if (err == ERR_OK)
		p->part[best].used = best_used;
	return err;
}

enum tessera_err pool_revoke(int g)
{
	struct pool *p = pool_of(g);
	enum tessera_err first = ERR_OK;

	for (unsigned i = 0; p != 0 && i < p->n; i++) {
		enum tessera_err err = tsr_cnode_revoke(SLOT_INIT_CNODE, p->part[i].cap, TSR_DEPTH);
		if (err == ERR_OK)
			p->part[i].used = 0;
		else if (first == ERR_OK)
			first = err;
	}
	return first;
}

uint64_t pool_bytes(int g)
{
	struct pool *p = pool_of(g);
	uint64_t total = 0;

	for (unsigned i = 0; p != 0 && i < p->n; i++)
		total += 1ULL << p->part[i].bits;
	return total;
}

unsigned pool_parts(int g)
{
	struct pool *p = pool_of(g);
	return p == 0 ? 0 : p->n;
}

uint64_t pool_free_bytes(int g)
{
	struct pool *p = pool_of(g);
	uint64_t total = 0;

	for (unsigned i = 0; p != 0 && i < p->n; i++)
		total += (1ULL << p->part[i].bits) - p->part[i].used;
	return total;
}

uint64_t pool_kernel_free_bytes(int g)
{
	struct pool *p = pool_of(g);
	uint64_t total = 0;

	for (unsigned i = 0; p != 0 && i < p->n; i++) {
		struct tsr_untyped_info info;
		if (tsr_untyped_describe(p->part[i].cap, &info) == ERR_OK)
			total += info.bytes_free;
	}
	return total;
}

uint64_t pool_kernel_free_all(void)
{
	uint64_t total = 0;

	for (int g = 0; g < ALLOC_MAX_GROUPS; g++)
		total += pool_kernel_free_bytes(g);
	return total;
}
