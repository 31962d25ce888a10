// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of libs/libtessera/heap.c: Linux brk/mmap semantics over one arena. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../../libs/libtessera/heap.h"
#include "check.h"

#define ARENA (64 * HEAP_PAGE)
#define ANON  (MAP_PRIVATE | MAP_ANONYMOUS)

static struct heap h;
static unsigned char *arena;

static void setup(void)
{
	free(arena);
	arena = aligned_alloc(HEAP_PAGE, ARENA);
	memset(arena, 0xee, ARENA);
	heap_init(&h, arena, ARENA);
}

static void brk_grows_and_zeroes(void)
{
	setup();
	CHECK(h.base == (uintptr_t)arena + HEAP_PAGE); /* one bitmap page */
	CHECK(h.pages == 63);
	uintptr_t b = heap_brk(&h, 0);
	CHECK(b == h.base);
	CHECK(heap_brk(&h, b + 3 * HEAP_PAGE) == b + 3 * HEAP_PAGE);
	CHECK(((unsigned char *)b)[3 * HEAP_PAGE - 1] == 0);
	CHECK(heap_brk(&h, b + 100 * HEAP_PAGE) == b + 3 * HEAP_PAGE); /* too far: unchanged */
	CHECK(heap_brk(&h, b - 1) == b + 3 * HEAP_PAGE);	       /* below: unchanged */
	CHECK(heap_brk(&h, b + 10) == b + 10);			       /* shrink */
}

static void mmap_from_top(void)
{
	setup();
	long a = heap_mmap(&h, 0, 2 * HEAP_PAGE, PROT_READ, ANON, -1);
	CHECK(a == (long)(h.base + 61 * HEAP_PAGE));
	CHECK(((unsigned char *)a)[0] == 0 && ((unsigned char *)a)[2 * HEAP_PAGE - 1] == 0);
	long b = heap_mmap(&h, 0, 1, PROT_READ, ANON, -1);
	CHECK(b == (long)(h.base + 60 * HEAP_PAGE));
	CHECK(heap_munmap(&h, (uintptr_t)a, 2 * HEAP_PAGE) == 0);
	long c = heap_mmap(&h, 0, HEAP_PAGE, PROT_READ, ANON, -1);
	CHECK(c == (long)(h.base + 62 * HEAP_PAGE)); /* freed pages reused */
	CHECK(heap_mmap(&h, 0, 100 * HEAP_PAGE, PROT_READ, ANON, -1) == -ENOMEM);
	CHECK(heap_mmap(&h, 0, 0, PROT_READ, ANON, -1) == -EINVAL);
	CHECK(heap_mmap(&h, 0, HEAP_PAGE, PROT_READ, MAP_PRIVATE, 3) == -ENODEV);
	CHECK(heap_munmap(&h, (uintptr_t)c + 1, HEAP_PAGE) == -EINVAL);
}

static void brk_and_mmap_do_not_collide(void)
{
	setup();
	uintptr_t b = heap_brk(&h, 0);
	long a = heap_mmap(&h, 0, 60 * HEAP_PAGE, PROT_READ, ANON, -1);
	CHECK(a == (long)(h.base + 3 * HEAP_PAGE));
	CHECK(heap_brk(&h, b + 4 * HEAP_PAGE) == b); /* would overlap the mapping */
	CHECK(heap_brk(&h, b + 3 * HEAP_PAGE) == b + 3 * HEAP_PAGE);
	CHECK(heap_mmap(&h, 0, HEAP_PAGE, PROT_READ, ANON, -1) == -ENOMEM);
	/* musl's guard page: MAP_FIXED inside the brk area only. */
	CHECK(heap_mmap(&h, b, HEAP_PAGE, PROT_NONE, ANON | MAP_FIXED, -1) == (long)b);
	CHECK(heap_mmap(&h, (uintptr_t)a, HEAP_PAGE, PROT_NONE, ANON | MAP_FIXED, -1) == -ENOMEM);
}

int main(void)
{
	RUN("unit_heap", brk_grows_and_zeroes);
	RUN("unit_heap", mmap_from_top);
	RUN("unit_heap", brk_and_mmap_do_not_collide);
	free(arena);
	return DONE("unit_heap");
}
