/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the runtime and init assume of a user program's layout: slot 1 of
 * a root task's CSpace holds its TCB (bootinfo.h; the runtime's exit path
 * suspends it), and every ELF image init loads lies in
 * [PROC_IMAGE_MIN, PROC_IMAGE_MAX) (components and VMMs, docs/idl.md).
 */
#ifndef TESSERA_PROC_H
#define TESSERA_PROC_H

#include <tessera/bootinfo.h>

enum proc_slot {
	PROC_SLOT_TCB = SLOT_INIT_TCB,
};

#define PROC_IMAGE_MIN INIT_VADDR	/* lowest address an ELF segment may use */
#define PROC_IMAGE_MAX 0x00f000000000UL /* below this; the VSpace has 40 bits */

#endif
