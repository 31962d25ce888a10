/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPC buffer: one 4 KiB frame per thread, mapped in its VSpace and
 * registered with TCB_CONFIGURE (ABI, docs/spec/). Message words 0-3 travel
 * in registers x2-x5; words 4..length-1 in msg[4..]. Extra caps to send are
 * cptrs in caps[]; on receive, caps[] holds the badges of unwrapped caps,
 * and a transferred cap lands in the slot named by receive_*.
 */
#ifndef TESSERA_IPCBUF_H
#define TESSERA_IPCBUF_H

#include <stdint.h>
#include <tessera/syscall.h>

struct ipc_buffer {
	uint64_t tag; /* unused by the kernel */
	uint64_t msg[MSG_MAX_LENGTH];
	uint64_t caps[MSG_MAX_EXTRA_CAPS]; /* send: cptrs; receive: badges of unwrapped caps */
	uint64_t receive_cnode;		   /* cptr of the CNode for a received cap (0: none) */
	uint64_t receive_index;
	uint64_t receive_depth;
	uint64_t user_data; /* free for the runtime (thread-local pointer) */
};

_Static_assert(sizeof(struct ipc_buffer) <= 4096, "IPC buffer fits one page");

#endif
