// SPDX-License-Identifier: BSD-2-Clause
/* init's slot and object allocator; see alloc.h. */
#include <tessera/invoke.h>
#include <tessera/objects.h>

#include "alloc.h"

static const struct bootinfo *boot;
static uint64_t next_slot;
static uint64_t ut_used[BOOTINFO_MAX_UNTYPED];

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
	next_slot = bi->empty.start;
}

tsr_cptr_t alloc_slot(void)
{
	if (boot == 0 || next_slot >= boot->empty.end)
		return 0;
	return next_slot++;
}

static uint64_t untyped_count(void)
{
	uint64_t n = boot->untyped.end - boot->untyped.start;
	return n < BOOTINFO_MAX_UNTYPED ? n : BOOTINFO_MAX_UNTYPED;
}

enum tessera_err alloc_retype_into(tsr_cptr_t slot, unsigned type, unsigned size_bits)
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
