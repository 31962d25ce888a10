// SPDX-License-Identifier: BSD-2-Clause
/* cpio newc reader; see tessera/cpio.h. */
#include <tessera/cpio.h>

#define HDR_SIZE       110
#define FIELD_LEN      8
#define FIELD_MODE     1
#define FIELD_FILESIZE 6
#define FIELD_NAMESIZE 11
#define MODE_TYPE_MASK 0170000U
#define MODE_REGULAR   0100000U

static int parse_hex(const char *s, unsigned long *out)
{
	unsigned long v = 0;

	for (int i = 0; i < FIELD_LEN; i++) {
		char c = s[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return 0;
		v = (v << 4) | d;
	}
	*out = v;
	return 1;
}

static int field(const char *hdr, int index, unsigned long *out)
{
	return parse_hex(hdr + 6 + index * FIELD_LEN, out);
}

static size_t align4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

static int streq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

enum cpio_status cpio_next(const void *archive, size_t archive_size, size_t *offset,
			   struct cpio_entry *entry)
{
	const char *base = archive;
	size_t off = *offset;
	unsigned long mode, filesize, namesize;

	if (off > archive_size || archive_size - off < HDR_SIZE)
		return CPIO_BAD;
	const char *hdr = base + off;
	static const char magic[6] = {'0', '7', '0', '7', '0', '1'};
	for (int i = 0; i < 6; i++)
		if (hdr[i] != magic[i])
			return CPIO_BAD;
	if (!field(hdr, FIELD_MODE, &mode) || !field(hdr, FIELD_FILESIZE, &filesize) ||
	    !field(hdr, FIELD_NAMESIZE, &namesize))
		return CPIO_BAD;
	size_t name_off = off + HDR_SIZE;
	if (namesize == 0 || namesize > archive_size - name_off)
		return CPIO_BAD;
	const char *name = base + name_off;
	if (name[namesize - 1] != '\0')
		return CPIO_BAD;
	size_t data_off = align4(name_off + namesize);
	if (data_off > archive_size || filesize > archive_size - data_off)
		return CPIO_BAD;
	if (streq(name, "TRAILER!!!"))
		return CPIO_END;
	entry->name = name;
	entry->data = base + data_off;
	entry->size = filesize;
	entry->mode = (unsigned)mode;
	*offset = align4(data_off + filesize);
	return CPIO_OK;
}

enum cpio_status cpio_find(const void *archive, size_t archive_size, const char *name,
			   struct cpio_entry *entry)
{
	size_t off = 0;
	enum cpio_status st;

	if (name[0] == '.' && name[1] == '/')
		name += 2;
	while ((st = cpio_next(archive, archive_size, &off, entry)) == CPIO_OK) {
		const char *n = entry->name;
		if (n[0] == '.' && n[1] == '/')
			n += 2;
		if ((entry->mode & MODE_TYPE_MASK) == MODE_REGULAR && streq(n, name))
			return CPIO_OK;
	}
	return st == CPIO_END ? CPIO_NOT_FOUND : st;
}
