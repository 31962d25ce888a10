// SPDX-License-Identifier: BSD-2-Clause
/* Files of the boot archive; see archive.h. */
#include <tessera/cpio.h>

#include "archive.h"

const void *archive_find(const struct bootinfo *bi, const char *name, size_t *size)
{
	const struct archive_header *h = (const void *)ARCHIVE_VADDR;
	struct cpio_entry e;

	if (bi->archive_size <= ARCHIVE_CPIO_OFFSET || h->magic != ARCHIVE_MAGIC ||
	    h->total_size > bi->archive_size || h->total_size <= ARCHIVE_CPIO_OFFSET)
		return 0;
	if (cpio_find((const char *)h + ARCHIVE_CPIO_OFFSET, h->total_size - ARCHIVE_CPIO_OFFSET,
		      name, &e) != CPIO_OK)
		return 0;
	*size = e.size;
	return e.data;
}
