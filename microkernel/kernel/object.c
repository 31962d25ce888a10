// SPDX-License-Identifier: BSD-2-Clause
/* Creating objects in retyped memory, and finalising them when their last cap goes. */
#include <kernel/irqcap.h>
#include <kernel/thread.h>
#include <kernel/vcpu.h>
#include <kernel/vspace.h>

/* Sizes of fixed-size objects, with the kernel structs checked against them. */
static const uint8_t fixed_bits[OBJ_TYPE_COUNT] = {
    [OBJ_TCB] = OBJ_TCB_BITS,
    [OBJ_ENDPOINT] = OBJ_ENDPOINT_BITS,
    [OBJ_NOTIFICATION] = OBJ_NOTIFICATION_BITS,
    [OBJ_REPLY] = OBJ_REPLY_BITS,
    [OBJ_VSPACE] = OBJ_VSPACE_BITS,
    [OBJ_PAGE_TABLE] = OBJ_PAGE_TABLE_BITS,
    [OBJ_FRAME_4K] = OBJ_FRAME_4K_BITS,
    [OBJ_FRAME_2M] = OBJ_FRAME_2M_BITS,
    [OBJ_VCPU] = OBJ_VCPU_BITS,
};
_Static_assert(sizeof(struct tcb) <= (1 << OBJ_TCB_BITS), "tcb fits");
_Static_assert(sizeof(struct endpoint) <= (1 << OBJ_ENDPOINT_BITS), "endpoint fits");
_Static_assert(sizeof(struct notification) <= (1 << OBJ_NOTIFICATION_BITS), "ntfn fits");
_Static_assert(sizeof(struct reply) <= (1 << OBJ_REPLY_BITS), "reply fits");

/* Checks a retype request; on success *bytes is one object's size. */
err_t object_check_retype(unsigned type, unsigned size_bits, uint64_t *bytes)
{
	switch (type) {
	case OBJ_UNTYPED:
		if (size_bits < OBJ_UNTYPED_MIN_BITS || size_bits > OBJ_UNTYPED_MAX_BITS)
			return ERR_RANGE;
		*bytes = 1ULL << size_bits;
		return ERR_OK;
	case OBJ_CNODE:
		if (size_bits < 1 || size_bits > OBJ_CNODE_MAX_BITS)
			return ERR_RANGE;
		*bytes = 1ULL << (size_bits + OBJ_CNODE_SLOT_BITS);
		return ERR_OK;
	case OBJ_IRQ_CONTROL:
	case OBJ_IRQ_HANDLER:
		return ERR_ILLEGAL_OPERATION;
	default:
		if (type >= OBJ_TYPE_COUNT)
			return ERR_INVALID_ARGUMENT;
		*bytes = 1ULL << fixed_bits[type];
		return ERR_OK;
	}
}

/*
 * Initialises a new object in zeroed memory at addr and fills in its
 * original cap (all rights). Cannot fail: object_check_retype and the
 * VMID check in the caller came first.
 */
void object_init(unsigned type, uint64_t addr, unsigned size_bits, struct cap *cap)
{
	*cap = (struct cap){.type = (uint8_t)(type + 1), .rights = RIGHTS_ALL, .obj = addr};
	switch (type) {
	case OBJ_UNTYPED:
		cap->size_bits = (uint8_t)size_bits;
		break;
	case OBJ_CNODE:
		cap->size_bits = (uint8_t)size_bits;
		break;
	case OBJ_TCB:
		tcb_init((struct tcb *)addr);
		break;
	case OBJ_FRAME_4K:
	case OBJ_FRAME_2M:
		cap->type = CAP_FRAME;
		cap->size_bits = fixed_bits[type];
		break;
	case OBJ_VSPACE:
		cap->word1 = vspace_create(addr);
		break;
	case OBJ_VCPU:
		vcpu_init((struct vcpu *)addr);
		break;
	default:
		break;
	}
}

void object_finalise(const struct cap *cap)
{
	switch (cap->type) {
	case CAP_TCB:
		tcb_finalise((struct tcb *)cap->obj);
		break;
	case CAP_ENDPOINT:
		endpoint_finalise((struct endpoint *)cap->obj);
		break;
	case CAP_NOTIFICATION:
		notification_finalise((struct notification *)cap->obj);
		break;
	case CAP_REPLY:
		reply_finalise((struct reply *)cap->obj);
		break;
	case CAP_VSPACE:
		vspace_destroy(cap->obj, cap->word1);
		break;
	case CAP_PAGE_TABLE:
	case CAP_FRAME:
		vspace_unmap_cap(cap);
		break;
	case CAP_VCPU:
		vcpu_finalise((struct vcpu *)cap->obj);
		break;
	case CAP_IRQ_HANDLER:
		irq_handler_finalise((unsigned)cap->word2);
		break;
	default:
		break;
	}
}
