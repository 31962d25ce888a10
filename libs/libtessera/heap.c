// SPDX-License-Identifier: BSD-2-Clause
/* The brk/mmap heap arena; see heap.h. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "heap.h"

static size_t pages_for(size_t bytes)
{
	return (bytes + HEAP_PAGE - 1) / HEAP_PAGE;
}

static int page_used(const struct heap *h, size_t i)
{
	return (h->map[i / 8] >> (i % 8)) & 1;
}

static void mark(struct heap *h, size_t first, size_t n, int used)
{
	for (size_t i = first; i < first + n; i++) {
		if (used)
			h->map[i / 8] |= (uint8_t)(1U << (i % 8));
		else
			h->map[i / 8] &= (uint8_t) ~(1U << (i % 8));
	}
}

/* Pages [0, brk_pages) belong to the brk area. */
static size_t brk_pages(const struct heap *h)
{
	return pages_for(h->brk - h->base);
}

void heap_init(struct heap *h, void *arena, size_t size)
{
	size_t total = size / HEAP_PAGE;
	size_t map_pages = pages_for((total + 7) / 8);

	h->map = arena;
	memset(h->map, 0, map_pages * HEAP_PAGE);
	h->base = (uintptr_t)arena + map_pages * HEAP_PAGE;
	h->pages = total > map_pages ? total - map_pages : 0;
	h->brk = h->base;
}

uintptr_t heap_brk(struct heap *h, uintptr_t want)
{
	if (want < h->base || want > h->base + h->pages * HEAP_PAGE)
		return h->brk;
	size_t need = pages_for(want - h->base);
	for (size_t i = brk_pages(h); i < need; i++)
		if (page_used(h, i))
			return h->brk;
	if (want > h->brk)
		memset((void *)h->brk, 0, want - h->brk);
	h->brk = want;
	return h->brk;
}

long heap_mmap(struct heap *h, uintptr_t addr, size_t len, int prot, int flags, int fd)
{
	(void)prot;
	if (len == 0)
		return -EINVAL;
	if (len > h->pages * HEAP_PAGE)
		return -ENOMEM;
	if (!(flags & MAP_ANONYMOUS) || fd != -1)
		return -ENODEV;
	if (flags & MAP_FIXED) {
		/* Only musl's PROT_NONE guard page below its first brk area. */
		if (addr >= h->base && addr + len <= h->base + brk_pages(h) * HEAP_PAGE)
			return (long)addr;
		return -ENOMEM;
	}
	size_t n = pages_for(len), low = brk_pages(h);
	size_t run = 0;
	for (size_t i = h->pages; i-- > low;) {
		run = page_used(h, i) ? 0 : run + 1;
		if (run == n) {
			mark(h, i, n, 1);
			void *p = (void *)(h->base + i * HEAP_PAGE);
			memset(p, 0, n * HEAP_PAGE);
			return (long)(uintptr_t)p;
		}
	}
	return -ENOMEM;
}

long heap_munmap(struct heap *h, uintptr_t addr, size_t len)
{
	if (addr % HEAP_PAGE != 0 || len == 0)
		return -EINVAL;
	if (addr < h->base || addr >= h->base + h->pages * HEAP_PAGE)
		return 0; /* not ours: Linux ignores unmapped ranges */
	size_t first = (addr - h->base) / HEAP_PAGE;
	size_t n = pages_for(len);
	if (n > h->pages - first)
		n = h->pages - first;
	mark(h, first, n, 0);
	return 0;
}
