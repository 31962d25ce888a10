// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test mode (guest command line tessera.test=...): after SYSTEM_OFF, find
 * the file the guest wrote in each writable virtio_blk's backing store
 * (the VMM's copy of the image) and print its checksum (docs/vmm.md,
 * "Checking the backing store"). The guest's writer (apps/linux-guest/
 * diskpattern.c) makes every 512-byte record self-identifying: the magic
 * "TSRDISK1", a little-endian 64-bit record index, 496 bytes of payload.
 * A file system places file data in whole, 512-byte aligned blocks, so we
 * scan the image sector by sector, put the records in index order, and
 * CRC-32 them: the same bytes as the file. The QEMU runner compares the
 * CRC with the one computed on the host (apps/linux-guest/diskpattern.py).
 * Records missing, duplicated or out of range make the test FAIL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmm.h"

#define SECTOR	    512U
#define MAX_RECORDS (1U << 16) /* 32 MiB of records */

static const char magic[8] = {'T', 'S', 'R', 'D', 'I', 'S', 'K', '1'};
/* Sector + 1 of record i; 0: not seen. From the heap (256 KiB), not .bss:
 * every VMM image page costs init a CNode slot. */
static uint32_t *where;
static uint32_t crc_table[256];

/* CRC-32 (IEEE 802.3, reflected, polynomial 0xedb88320), as zlib's crc32. */
static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
	if (crc_table[1] == 0)
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = (c & 1) ? 0xedb88320U ^ (c >> 1) : c >> 1;
			crc_table[i] = c;
		}
	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* Fills where[]; returns the record count (highest index + 1), or 0 with
 * *why set if the records are not exactly 0..count-1, once each. */
static uint32_t scan(const uint8_t *img, uint64_t sectors, const char **why)
{
	uint32_t count = 0, seen = 0;

	if (where == 0)
		where = malloc(MAX_RECORDS * sizeof(*where));
	if (where == 0) {
		*why = "no memory for the record table";
		return 0;
	}
	memset(where, 0, MAX_RECORDS * sizeof(*where));
	*why = "no records";
	for (uint64_t s = 0; s < sectors && s < UINT32_MAX; s++) {
		const uint8_t *p = img + s * SECTOR;
		if (memcmp(p, magic, sizeof(magic)) != 0)
			continue;
		uint64_t idx;
		memcpy(&idx, p + 8, 8);
		if (idx >= MAX_RECORDS) {
			*why = "record index out of range";
			return 0;
		}
		if (where[idx] != 0) {
			*why = "a record appears twice";
			return 0;
		}
		where[idx] = (uint32_t)s + 1;
		seen++;
		if (idx + 1 > count)
			count = (uint32_t)idx + 1;
	}
	if (seen != count) {
		*why = "records missing";
		return 0;
	}
	return count;
}

/* One TEST line per writable disk; returns how many failed in *failed. */
unsigned vmm_disk_check(unsigned *failed)
{
	unsigned n = 0;

	*failed = 0;
	for (unsigned k = 0; k < vmm_virtio_blk_count(); k++) {
		uint64_t reqs, errors;
		const struct tsr_vm_device *d = vmm_virtio_blk_disk(k, &reqs, &errors);
		if (d == 0 || d->readonly)
			continue;
		const uint8_t *img = (const uint8_t *)(uintptr_t)d->disk.vaddr;
		const char *why;
		uint32_t count = scan(img, d->disk.size / SECTOR, &why);
		uint32_t crc = 0;
		for (uint32_t i = 0; i < count; i++)
			crc = crc32_update(crc, img + (uint64_t)(where[i] - 1) * SECTOR, SECTOR);
		n++;
		if (count == 0) {
			(*failed)++;
			printf("TEST vmm.disk.%s FAIL %s (requests %llu, errors %llu)\n", d->name,
			       why, (unsigned long long)reqs, (unsigned long long)errors);
		} else {
			printf("TEST vmm.disk.%s PASS requests=%llu errors=%llu records=%u "
			       "crc32=%08x\n",
			       d->name, (unsigned long long)reqs, (unsigned long long)errors, count,
			       crc);
		}
	}
	fflush(stdout);
	return n;
}
