/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The layout of a process that init (servers/init/spawn.c) starts from the
 * boot archive: its CSpace slots and its fixed virtual addresses. Slots 1-3
 * match init's own (bootinfo.h), so the runtime's exit path works in both.
 */
#ifndef TESSERA_PROC_H
#define TESSERA_PROC_H

#include <tessera/bootinfo.h>

/* The CNode has 2^PROC_CNODE_BITS slots and a guard of 64 - that, so a
 * plain slot number is a valid depth-64 cptr, as in init's CSpace. */
#define PROC_CNODE_BITS 8

enum proc_slot {
	PROC_SLOT_NULL = 0,
	PROC_SLOT_TCB = SLOT_INIT_TCB,
	PROC_SLOT_CNODE = SLOT_INIT_CNODE,
	PROC_SLOT_VSPACE = SLOT_INIT_VSPACE,
	PROC_SLOT_IPCBUF = SLOT_INIT_IPCBUF,
	PROC_SLOT_FAULT_EP = 9, /* init's endpoint, badged for faults (TCB fault endpoint) */
	PROC_SLOT_SERVICE = 10, /* init's endpoint, badged for this process's RPCs */
	PROC_SLOT_FIRST_FREE = 16
};

/* Virtual layout: as init's (the program is linked at 0x400000 or above). */
#define PROC_IPCBUF_VADDR INIT_IPCBUF_VADDR
#define PROC_STACK_TOP	  INIT_STACK_TOP
#define PROC_STACK_SIZE	  INIT_STACK_SIZE
#define PROC_IMAGE_MIN	  INIT_VADDR	   /* lowest address an ELF segment may use */
#define PROC_IMAGE_MAX	  0x00f000000000UL /* below this; the VSpace has 40 bits */

/* init's tiny RPC protocol (servers/init/serve.c, apps/ping). */
enum init_rpc_label {
	INIT_RPC_PING = 0x100,	/* MR0 v -> MR0 v + 1 */
	INIT_RPC_SUM = 0x101,	/* MR0..len-1 -> MR0 their sum (exercises the IPC buffer) */
	INIT_RPC_DONE = 0x102,	/* MR0 passed, MR1 failed: the client reports its tests */
	INIT_RPC_WRITE = 0x103, /* MR0 byte count, MR1.. the bytes: console output */
};

#endif
