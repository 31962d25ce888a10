/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot archive init sees read-only at ARCHIVE_VADDR (header page, then
 * a cpio "newc" archive; docs/userland.md "Image formats"): images of the
 * system's components and VMMs, the files its VMs name, init.rc.
 */
#ifndef INIT_ARCHIVE_H
#define INIT_ARCHIVE_H

#include <stddef.h>
#include <tessera/bootinfo.h>

/* The data of file name and its size in *size, or 0 (no archive, a broken
 * header, or no such file). */
const void *archive_find(const struct bootinfo *bi, const char *name, size_t *size);

#endif
