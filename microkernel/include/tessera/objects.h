/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel object types, their sizes and capability rights (ABI, see
 * docs/spec/). Shared by kernel, servers, VMM, the IDL generator and tests.
 */
#ifndef TESSERA_OBJECTS_H
#define TESSERA_OBJECTS_H

/* Object types, as given to Untyped_Retype. Values are ABI. */
enum tessera_obj_type {
	OBJ_UNTYPED = 0, /* size_bits: 4..47 */
	OBJ_TCB = 1,
	OBJ_ENDPOINT = 2,
	OBJ_NOTIFICATION = 3,
	OBJ_REPLY = 4,
	OBJ_CNODE = 5,	    /* size_bits = log2(slots), 1..20 */
	OBJ_VSPACE = 6,	    /* root of a stage-2 address space (user or guest) */
	OBJ_PAGE_TABLE = 7, /* an intermediate stage-2 table */
	OBJ_FRAME_4K = 8,
	OBJ_FRAME_2M = 9,
	OBJ_VCPU = 10,
	OBJ_IRQ_CONTROL = 11, /* never retyped: one cap given to the root task */
	OBJ_IRQ_HANDLER = 12, /* made by IrqControl_Get, not by retype */
	OBJ_TYPE_COUNT
};

/* log2 of each object's size in bytes (fixed-size objects). */
#define OBJ_TCB_BITS	      11
#define OBJ_ENDPOINT_BITS     5
#define OBJ_NOTIFICATION_BITS 6
#define OBJ_REPLY_BITS	      5
#define OBJ_CNODE_SLOT_BITS   6	 /* one slot is 64 bytes */
#define OBJ_VSPACE_BITS	      13 /* two concatenated level-1 tables: 40-bit IPA */
#define OBJ_PAGE_TABLE_BITS   12
#define OBJ_FRAME_4K_BITS     12
#define OBJ_FRAME_2M_BITS     21
#define OBJ_VCPU_BITS	      12
#define OBJ_UNTYPED_MIN_BITS  4
#define OBJ_UNTYPED_MAX_BITS  47
#define OBJ_CNODE_MAX_BITS    20

/* Capability rights (a bit set). Derived caps can only lose rights. */
#define RIGHT_READ	  (1U << 0)
#define RIGHT_WRITE	  (1U << 1)
#define RIGHT_GRANT	  (1U << 2) /* may transfer caps through this endpoint */
#define RIGHT_GRANT_REPLY (1U << 3) /* Call through it may create a reply cap */
#define RIGHTS_ALL	  0xfU

/* Mapping attributes for frames (VSpace_Map). */
#define MAP_EXEC   (1U << 0)
#define MAP_DEVICE (1U << 1) /* device memory (nGnRE) instead of normal WB */

#endif
