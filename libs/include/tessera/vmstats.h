/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What a VMM (vmm/) and init's VM lifecycle manager share (docs/vmm.md
 * "Lifecycle hooks"):
 *  - a statistics block the VMM writes at VMM_STATS_OFFSET in the IPC
 *    buffer frame of its control thread; init reads it through its own
 *    mapping of that frame (the frame is init's object: the spec names it);
 *  - two bits init signals on the VMM's notification: a watchdog ping the
 *    VMM answers by incrementing pongs, and a fault injection the VMM
 *    performs as told by inject_cmd (fault-isolation experiments);
 *  - two message labels the VMM Sends to init on its VM config's
 *    init_ep_slot (init's fault endpoint, badged with the VMM control
 *    thread's fault badge) when the guest asks PSCI SYSTEM_OFF or
 *    SYSTEM_RESET; the VMM then serves notifications only and never resumes
 *    a vCPU.
 * The VMM's other notification bits (links, passthrough IRQs) are allocated
 * from bit 0 up and never reach bit 62.
 */
#ifndef TESSERA_VMSTATS_H
#define TESSERA_VMSTATS_H

#include <stddef.h>
#include <stdint.h>
#include <tessera/ipcbuf.h>

#define VMM_STATS_OFFSET  0xf00	      /* in the VMM control thread's IPC buffer frame */
#define VMM_STATS_MAGIC	  0x564d4d53u /* "VMMS" */
#define VMM_STATS_VERSION 1
#define VMM_PING_BADGE	  (1ULL << 63) /* init signals the VMM's notification: watchdog ping */
#define VMM_INJECT_BADGE  (1ULL << 62) /* init signals: perform stats->inject_cmd */
#define VMM_LIFE_BADGES	  (VMM_PING_BADGE | VMM_INJECT_BADGE)

enum vmm_inject {
	VMM_INJECT_NONE = 0,
	VMM_INJECT_BAD_POINTER = 1, /* a store through an unmapped pointer: a VM fault */
	VMM_INJECT_ILLEGAL = 2,	    /* an undefined instruction (udf) */
	VMM_INJECT_SPIN = 3,	    /* loops forever without a system call (pongs stop) */
	VMM_INJECT_REACH = 4,	    /* tries others' caps and memory; the final load faults */
};

/* Written by the VMM only (except inject_cmd), read by init. */
struct vmm_stats {
	uint32_t magic, version; /* VMM_STATS_MAGIC, VMM_STATS_VERSION once valid */
	uint64_t exits;		 /* VM exits handled */
	uint64_t pongs;		 /* watchdog pings answered */
	uint64_t inject_cmd;	 /* enum vmm_inject; written by init before VMM_INJECT_BADGE */
	uint64_t reach_tried;	 /* VMM_INJECT_REACH: cptrs outside its CNode invoked */
	uint64_t reach_denied;	 /* ... of which the kernel refused (reached no object) */
	uint64_t powered_off;	 /* 1 once the guest asked SYSTEM_OFF, 2 SYSTEM_RESET */
	uint64_t link_ok;	 /* calls to a link server (console, netswitch) that worked */
};

/* Labels of a Send from the VMM to init on init_ep_slot (no reply). */
#define VMM_REQ_POWER_OFF 0x7e50
#define VMM_REQ_RESET	  0x7e51

_Static_assert(sizeof(struct ipc_buffer) <= VMM_STATS_OFFSET,
	       "the stats block lies past the IPC buffer the kernel reads and writes");
_Static_assert(VMM_STATS_OFFSET + sizeof(struct vmm_stats) <= 4096,
	       "the stats block fits the IPC buffer frame");
_Static_assert(VMM_STATS_OFFSET % 8 == 0, "the stats block is 8-byte aligned");

#endif
