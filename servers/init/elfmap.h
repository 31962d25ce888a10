/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Loading a parsed ELF image (libs/elfload) into a VSpace: for each page
 * elf_load asks for, init retypes a 4 KiB frame, fills it through its
 * scratch window and maps it into the target VSpace (read, write if PF_W,
 * MAP_EXEC if PF_X). Used by the spec realiser (realise_space.c) for the
 * image of every component and VMM.
 */
#ifndef INIT_ELFMAP_H
#define INIT_ELFMAP_H

#include <tessera/elfload.h>
#include <tessera/sys.h>

/* Maps every segment of image into vspace; *pages (if not NULL) gets the
 * number of frames made. ERR_NOT_ENOUGH_MEMORY on any failure. */
__attribute__((warn_unused_result)) enum tessera_err
elfmap_load(tsr_cptr_t vspace, const void *image, const struct elf_info *info, unsigned *pages);

#endif
