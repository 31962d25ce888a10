/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Starting a program from the boot archive in its own CSpace, VSpace and
 * TCB (layout in <tessera/proc.h>): ELF segments and the stack go into
 * frames init retypes, fills through its scratch page and then maps into
 * the new VSpace; the CSpace gets the process's own caps and two badged
 * copies of init's endpoint (its service cap and its fault endpoint).
 */
#ifndef INIT_SPAWN_H
#define INIT_SPAWN_H

#include <stdint.h>
#include <tessera/sys.h>

struct proc {
	const char *name;
	tsr_cptr_t tcb, cnode, vspace, ipcbuf;
};

struct spawn_args {
	const char *name;	/* file name in the archive */
	tsr_cptr_t endpoint;	/* init's endpoint (in init's CSpace) */
	uint64_t service_badge; /* badge of PROC_SLOT_SERVICE */
	uint64_t fault_badge;	/* badge of PROC_SLOT_FAULT_EP */
	unsigned priority;
};

/* Finds name in the archive mapped at ARCHIVE_VADDR. */
const void *archive_find(const struct bootinfo *bi, const char *name, size_t *size);

/* Returns ERR_OK and fills *p when the process runs. */
__attribute__((warn_unused_result)) enum tessera_err
spawn(const struct bootinfo *bi, const struct spawn_args *a, struct proc *p);

#endif
