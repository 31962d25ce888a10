/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The heap arena behind brk and anonymous mmap (Linux semantics, as musl's
 * malloc expects them). One contiguous arena of 4 KiB pages: the brk area
 * grows up from its start, mmap takes page runs from the top down (first
 * fit), tracked in a bitmap kept in the arena's first page(s). Memory is
 * zeroed when handed out. Pure C: host-tested in tests/unit/test_heap.c.
 */
#ifndef LIBTESSERA_HEAP_H
#define LIBTESSERA_HEAP_H

#include <stddef.h>
#include <stdint.h>

#define HEAP_PAGE 4096UL

struct heap {
	uintptr_t base; /* first usable page (after the bitmap) */
	size_t pages;	/* usable pages */
	uintptr_t brk;	/* current break, base <= brk */
	uint8_t *map;	/* bit i set: page i is mmapped */
};

/* Sets h up over [arena, arena + size); arena is page aligned. */
void heap_init(struct heap *h, void *arena, size_t size);

/* Linux brk: want == 0 or out of reach leaves the break; returns it. */
uintptr_t heap_brk(struct heap *h, uintptr_t want);

/* Linux mmap for anonymous private memory: returns the address or -errno.
 * MAP_FIXED is granted only inside the brk area (musl's guard page). */
long heap_mmap(struct heap *h, uintptr_t addr, size_t len, int prot, int flags, int fd);

/* Linux munmap: frees whole pages of the mmap area; 0 or -errno. */
long heap_munmap(struct heap *h, uintptr_t addr, size_t len);

#endif
