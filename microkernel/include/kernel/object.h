/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel objects and capabilities. A capability lives in a CNode slot
 * (struct cte) and names one object; the slots are linked in one list in
 * derivation order (the "MDB", as in seL4): a cap's descendants follow it
 * directly, so revoking is deleting successors while they are children.
 * Kernel virtual addresses equal physical addresses (identity map), so an
 * object pointer is also its physical address.
 */
#ifndef KERNEL_OBJECT_H
#define KERNEL_OBJECT_H

#include <kernel/types.h>
#include <tessera/errors.h>
#include <tessera/objects.h>

typedef enum tessera_err err_t;

/* Capability types: object types shifted by one, 0 = empty slot. */
enum cap_type {
	CAP_NULL = 0,
	CAP_UNTYPED = OBJ_UNTYPED + 1,
	CAP_TCB = OBJ_TCB + 1,
	CAP_ENDPOINT = OBJ_ENDPOINT + 1,
	CAP_NOTIFICATION = OBJ_NOTIFICATION + 1,
	CAP_REPLY = OBJ_REPLY + 1,
	CAP_CNODE = OBJ_CNODE + 1,
	CAP_VSPACE = OBJ_VSPACE + 1,
	CAP_PAGE_TABLE = OBJ_PAGE_TABLE + 1,
	CAP_FRAME = OBJ_FRAME_4K + 1, /* size_bits tells 4 KiB from 2 MiB */
	CAP_VCPU = OBJ_VCPU + 1,
	CAP_IRQ_CONTROL = OBJ_IRQ_CONTROL + 1,
	CAP_IRQ_HANDLER = OBJ_IRQ_HANDLER + 1,
	CAP_TYPE_COUNT
};

/* 32 bytes. Field use per type:
 *  UNTYPED:   obj = base, size_bits, flags = is_device, word1 = watermark offset
 *  CNODE:     obj, size_bits = radix, aux = guard size, word1 = guard
 *  ENDPOINT/NOTIFICATION: obj, word1 = badge
 *  FRAME:     obj, size_bits (12|21), aux = map attrs, word1 = mapped vspace (0 if not), word2 =
 * vaddr PAGE_TABLE: obj, aux = level it is mapped at, word1 = mapped vspace, word2 = vaddr VSPACE:
 * obj, word1 = VMID IRQ_HANDLER: word2 = irq
 */
struct cap {
	uint8_t type;
	uint8_t rights;
	uint8_t size_bits;
	uint8_t flags;
	uint32_t aux;
	uint64_t obj;
	uint64_t word1;
	uint64_t word2;
};

/* A CNode slot: 64 bytes (OBJ_CNODE_SLOT_BITS). */
struct cte {
	struct cap cap;
	struct cte *mdb_prev, *mdb_next;
	uint8_t revocable;    /* may have children (original caps and minted-badge caps) */
	uint8_t first_badged; /* first cap with this badge: parent of same-badge copies */
	uint8_t pad[6];
	uint64_t link; /* kernel scratch: CNode destruction worklist (slot 0 only) */
};
_Static_assert(sizeof(struct cte) == (1 << OBJ_CNODE_SLOT_BITS), "slot size");

#ifdef __FRAMAC__
#include <kernel/acsl.h>
#endif

#define CAP_F_DEVICE 1

static inline uint64_t cap_size(const struct cap *c)
{
	return c->type == CAP_CNODE ? (uint64_t)sizeof(struct cte) << c->size_bits
				    : 1ULL << c->size_bits;
}

/* Derivation tree and slot operations (cdt.c). */
void cdt_insert_child(struct cte *parent, struct cte *child, const struct cap *cap, bool revocable);
void cdt_move(struct cte *dest, struct cte *src);
bool cdt_is_parent_of(const struct cte *parent, const struct cte *child);
bool cdt_has_children(const struct cte *slot);
bool cdt_is_final(const struct cte *slot);
void cdt_remove(struct cte *slot);
bool cap_same_object(const struct cap *a, const struct cap *b);

/* Deletion and revocation (cdt.c + object.c). */
void cte_delete(struct cte *slot);
void cte_revoke(struct cte *slot);

/* Object lifecycle (object.c). */
MUST_CHECK err_t object_check_retype(unsigned type, unsigned size_bits, uint64_t *bytes);
void object_init(unsigned type, uint64_t addr, unsigned size_bits, struct cap *cap);
void object_finalise(const struct cap *cap);

/* CSpace addressing (cspace.c). cspace_lookup_cap is the 64-bit-depth
 * lookup of a capability to invoke, with the single-level CSpace (one CNode
 * whose guard and radix cover all 64 bits, as init's) resolved inline. */
MUST_CHECK err_t cspace_lookup(const struct cap *root, uint64_t cptr, unsigned depth, bool exact,
			       struct cte **slot);

static ALWAYS_INLINE err_t cspace_lookup_cap(const struct cap *root, uint64_t cptr,
					     struct cte **slot)
{
	if (root->type == CAP_CNODE && root->size_bits + root->aux == 64) {
		if ((cptr >> root->size_bits) != root->word1)
			return ERR_FAILED_LOOKUP;
		*slot = (struct cte *)root->obj + (cptr & ((1ULL << root->size_bits) - 1));
		return ERR_OK;
	}
	return cspace_lookup(root, cptr, 64, false, slot);
}

#endif
