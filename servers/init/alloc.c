// SPDX-License-Identifier: BSD-2-Clause
/* init's slot and object allocator; see alloc.h. */
#include <stdio.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>

#include "alloc.h"
#include "pool.h"

#define NSLOTS (1UL << INIT_CNODE_BITS)

static const struct bootinfo *boot;
static uint64_t ut_used[BOOTINFO_MAX_UNTYPED];
static int group = ALLOC_GROUP_INIT;
/* Per slot of init's CNode: 0 free (or not ours to hand out), else owner group + 2. */
static uint8_t slot_owner[NSLOTS];
static uint64_t search_from; /* no free slot below this one */

int64_t ut_fit(uint64_t *used, unsigned ut_bits, unsigned obj_bits)
{
	if (obj_bits > ut_bits || ut_bits >= 64)
		return -1;
	uint64_t size = 1ULL << obj_bits, cap = 1ULL << ut_bits;
	uint64_t at = (*used + size - 1) & ~(size - 1);
	if (at < *used || at > cap || cap - at < size)
		return -1;
	*used = at + size;
	return (int64_t)at;
}

unsigned obj_bits(unsigned type, unsigned size_bits)
{
	switch (type) {
	case OBJ_UNTYPED:
		return size_bits;
	case OBJ_CNODE:
		return size_bits + OBJ_CNODE_SLOT_BITS;
	case OBJ_TCB:
		return OBJ_TCB_BITS;
	case OBJ_ENDPOINT:
		return OBJ_ENDPOINT_BITS;
	case OBJ_NOTIFICATION:
		return OBJ_NOTIFICATION_BITS;
	case OBJ_REPLY:
		return OBJ_REPLY_BITS;
	case OBJ_VSPACE:
		return OBJ_VSPACE_BITS;
	case OBJ_PAGE_TABLE:
		return OBJ_PAGE_TABLE_BITS;
	case OBJ_FRAME_2M:
		return OBJ_FRAME_2M_BITS;
	case OBJ_VCPU:
		return OBJ_VCPU_BITS;
	default:
		return OBJ_FRAME_4K_BITS;
	}
}

void alloc_init(const struct bootinfo *bi)
{
	boot = bi;
	search_from = bi->empty.start;
}

void alloc_set_group(int g)
{
	group = g;
}

int alloc_group(void)
{
	return group;
}

tsr_cptr_t alloc_slots(unsigned n)
{
	uint64_t end = boot == 0 ? 0 : (boot->empty.end < NSLOTS ? boot->empty.end : NSLOTS);

	for (uint64_t at = search_from; n > 0 && at + n <= end; at++) {
		unsigned run = 0;
		while (run < n && slot_owner[at + run] == 0)
			run++;
		if (run < n) {
			at += run; /* skip past the slot in use */
			continue;
		}
		for (unsigned i = 0; i < n; i++)
			slot_owner[at + i] = (uint8_t)(group + 2);
		if (at == search_from)
			search_from = at + n;
		return at;
	}
	if (boot != 0)
		printf("init: init's CNode has no %u free slot%s left (%u of %lu in use)\n", n,
		       n == 1 ? "" : "s in a row", alloc_slots_used(), NSLOTS);
	return 0;
}

tsr_cptr_t alloc_slot(void)
{
	return alloc_slots(1);
}

void alloc_free_slot(tsr_cptr_t slot)
{
	if (slot < NSLOTS && slot_owner[slot] != 0) {
		slot_owner[slot] = 0;
		if (slot < search_from)
			search_from = slot;
	}
}

unsigned alloc_release_slots(int g)
{
	unsigned n = 0;

	for (uint64_t s = boot->empty.start; s < NSLOTS && s < boot->empty.end; s++) {
		if (slot_owner[s] != (uint8_t)(g + 2))
			continue;
		/* empty already unless it was derived from another group's object */
		(void)!tsr_cnode_delete(SLOT_INIT_CNODE, s, TSR_DEPTH);
		slot_owner[s] = 0;
		if (s < search_from)
			search_from = s;
		n++;
	}
	return n;
}

unsigned alloc_slots_used(void)
{
	unsigned n = 0;

	for (uint64_t s = 0; s < NSLOTS; s++)
		n += slot_owner[s] != 0;
	return n;
}

static uint64_t untyped_count(void)
{
	uint64_t n = boot->untyped.end - boot->untyped.start;
	return n < BOOTINFO_MAX_UNTYPED ? n : BOOTINFO_MAX_UNTYPED;
}

enum tessera_err alloc_retype_boot(tsr_cptr_t slot, unsigned type, unsigned size_bits)
{
	unsigned bits = obj_bits(type, size_bits);

	for (uint64_t i = 0; i < untyped_count(); i++) {
		const struct bootinfo_untyped *ut = &boot->untyped_list[i];
		uint64_t used = ut_used[i];
		/* a child untyped must be smaller than its parent (abi-v1.md, Untyped_Retype) */
		if (ut->is_device || (type == OBJ_UNTYPED && bits >= ut->size_bits) ||
		    ut_fit(&used, ut->size_bits, bits) < 0)
			continue;
		enum tessera_err err =
		    tsr_untyped_retype(boot->untyped.start + i, type, size_bits, SLOT_INIT_CNODE,
				       SLOT_INIT_CNODE, TSR_DEPTH, slot, 1);
		if (err == ERR_OK) {
			ut_used[i] = used;
			return ERR_OK;
		}
		if (err == ERR_NOT_ENOUGH_MEMORY)
			ut_used[i] = 1ULL << ut->size_bits; /* our model was wrong: full */
		else
			return err;
	}
	return ERR_NOT_ENOUGH_MEMORY;
}

enum tessera_err alloc_retype_into(tsr_cptr_t slot, unsigned type, unsigned size_bits)
{
	if (group != ALLOC_GROUP_INIT && pool_exists(group))
		return pool_retype(group, slot, type, size_bits);
	return alloc_retype_boot(slot, type, size_bits);
}

tsr_cptr_t alloc_object(unsigned type, unsigned size_bits)
{
	tsr_cptr_t slot = alloc_slot();

	if (slot == 0 || alloc_retype_into(slot, type, size_bits) != ERR_OK)
		return 0;
	return slot;
}

uint64_t alloc_free_bytes(void)
{
	uint64_t total = 0;

	for (uint64_t i = 0; boot != 0 && i < untyped_count(); i++)
		if (!boot->untyped_list[i].is_device)
			total += (1ULL << boot->untyped_list[i].size_bits) - ut_used[i];
	return total;
}

uint64_t alloc_kernel_free_bytes(void)
{
	uint64_t total = pool_kernel_free_all();

	for (uint64_t i = 0; boot != 0 && i < untyped_count(); i++) {
		struct tsr_untyped_info info;
		if (!boot->untyped_list[i].is_device &&
		    tsr_untyped_describe(boot->untyped.start + i, &info) == ERR_OK)
			total += info.bytes_free;
	}
	return total;
}
