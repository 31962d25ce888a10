/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reader for the boot archive: a cpio "newc" archive (magic 070701, as
 * written by `cpio -H newc`). Every access is bounds-checked against the
 * archive size; a malformed archive yields CPIO_BAD, never a read outside.
 */
#ifndef TESSERA_CPIO_H
#define TESSERA_CPIO_H

#include <stddef.h>

enum cpio_status {
	CPIO_OK = 0,
	CPIO_END = 1, /* reached the TRAILER!!! entry */
	CPIO_BAD = 2, /* malformed header or sizes past the end */
	CPIO_NOT_FOUND = 3,
};

struct cpio_entry {
	const char *name; /* NUL-terminated, inside the archive */
	const void *data;
	size_t size;
	unsigned mode;
};

/*
 * Reads the entry at *offset and advances *offset to the next one.
 * Returns CPIO_OK with *entry filled, CPIO_END at the trailer, or CPIO_BAD.
 */
enum cpio_status cpio_next(const void *archive, size_t archive_size, size_t *offset,
			   struct cpio_entry *entry);

/* Finds the regular file called name (a leading "./" is ignored). */
enum cpio_status cpio_find(const void *archive, size_t archive_size, const char *name,
			   struct cpio_entry *entry);

#endif
