// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of libs/cpio/cpio.c: well-formed archives and every kind of damage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/cpio.h>

#include "check.h"

static char arch[4096];
static size_t arch_len;

static void add(const char *name, unsigned mode, const char *data)
{
	size_t nlen = strlen(name) + 1, dlen = strlen(data);
	arch_len += (size_t)sprintf(arch + arch_len,
				    "070701%08x%08x%08x%08x%08x%08x%08zx%08x%08x%08x%08x%08zx%08x",
				    1U, mode, 0U, 0U, 1U, 0U, dlen, 0U, 0U, 0U, 0U, nlen, 0U);
	memcpy(arch + arch_len, name, nlen);
	arch_len = (arch_len + nlen + 3) & ~3UL;
	memcpy(arch + arch_len, data, dlen);
	arch_len = (arch_len + dlen + 3) & ~3UL;
}

static void build(void)
{
	memset(arch, 0, sizeof(arch));
	arch_len = 0;
	add(".", 040755, "");
	add("init.elf", 0100755, "ELF-INIT");
	add("./console.elf", 0100644, "console!");
	add("empty", 0100644, "");
	add("TRAILER!!!", 0, "");
}

static void finds_files(void)
{
	struct cpio_entry e;
	build();
	CHECK(cpio_find(arch, arch_len, "init.elf", &e) == CPIO_OK);
	CHECK(e.size == 8 && memcmp(e.data, "ELF-INIT", 8) == 0);
	CHECK(cpio_find(arch, arch_len, "console.elf", &e) == CPIO_OK);
	CHECK(e.size == 8 && memcmp(e.data, "console!", 8) == 0);
	CHECK(cpio_find(arch, arch_len, "./init.elf", &e) == CPIO_OK);
	CHECK(cpio_find(arch, arch_len, "empty", &e) == CPIO_OK && e.size == 0);
	CHECK(cpio_find(arch, arch_len, "missing", &e) == CPIO_NOT_FOUND);
	CHECK(cpio_find(arch, arch_len, ".", &e) == CPIO_NOT_FOUND); /* a directory */
}

static void iterates_in_order(void)
{
	struct cpio_entry e;
	size_t off = 0;
	int n = 0;
	build();
	while (cpio_next(arch, arch_len, &off, &e) == CPIO_OK)
		n++;
	CHECK(n == 4);
	CHECK(cpio_next(arch, arch_len, &off, &e) == CPIO_END);
}

static void rejects_damage(void)
{
	struct cpio_entry e;
	build();
	/* Every truncation of the archive must fail cleanly, never read past it. */
	for (size_t len = 0; len < arch_len; len++) {
		char *copy = malloc(len ? len : 1);
		memcpy(copy, arch, len);
		enum cpio_status st = cpio_find(copy, len, "empty", &e);
		CHECK(st == CPIO_BAD ||
		      (st == CPIO_OK && (const char *)e.data + e.size <= copy + len));
		free(copy);
	}
	build();
	arch[0] = 'X';
	CHECK(cpio_find(arch, arch_len, "init.elf", &e) == CPIO_BAD);
	build();
	memcpy(arch + 6 + 6 * 8, "7fffffff", 8); /* filesize of "." past the end */
	CHECK(cpio_find(arch, arch_len, "init.elf", &e) == CPIO_BAD);
	build();
	memcpy(arch + 6 + 11 * 8, "0000000g", 8); /* not hex */
	CHECK(cpio_find(arch, arch_len, "init.elf", &e) == CPIO_BAD);
	build();
	memcpy(arch + 6 + 11 * 8, "00000001", 8); /* name without its NUL */
	CHECK(cpio_find(arch, arch_len, "init.elf", &e) == CPIO_BAD);
}

int main(void)
{
	RUN("unit_cpio", finds_files);
	RUN("unit_cpio", iterates_in_order);
	RUN("unit_cpio", rejects_damage);
	return DONE("unit_cpio");
}
