/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ELF loading for programs from the boot archive (libs/elfload): checks a
 * static ELF64 executable, copies its PT_LOAD segments page by page into
 * pages the caller provides (init retypes, maps and later moves frames),
 * and builds the Linux-style initial stack musl's crt1 expects. No system
 * calls here: init supplies the page operations, host tests supply fakes
 * (tests/unit/test_elfload.c). Every offset and size read from the image is
 * checked against the image's size before use.
 */
#ifndef TESSERA_ELFLOAD_H
#define TESSERA_ELFLOAD_H

#include <stddef.h>
#include <stdint.h>

#define ELF_PAGE	 4096UL
#define ELF_MAX_SEGMENTS 8
#define ELF_MAX_PHDRS	 32

enum elf_status {
	ELF_OK = 0,
	ELF_BAD_HEADER,	 /* not a little-endian ELF64 executable for this machine */
	ELF_BAD_PHDRS,	 /* program headers outside the file or malformed */
	ELF_BAD_SEGMENT, /* a PT_LOAD outside the file or the allowed window, or overlapping */
	ELF_BAD_ENTRY,	 /* the entry point is not in an executable segment */
	ELF_LOAD_FAILED, /* the page provider failed */
};

struct elf_segment {
	uint64_t vaddr, memsz, offset, filesz;
	unsigned flags; /* PF_R | PF_W | PF_X */
};

struct elf_info {
	uint64_t entry;
	uint64_t phoff; /* the program headers, inside the image */
	unsigned phnum;
	unsigned nsegs; /* PT_LOAD segments with memsz > 0, ascending */
	struct elf_segment segs[ELF_MAX_SEGMENTS];
};

/* Checks image[0..size) and fills *info. Segments must lie in
 * [min_vaddr, max_vaddr) and appear in ascending, non-overlapping order. */
enum elf_status elf_parse(const void *image, size_t size, uint64_t min_vaddr, uint64_t max_vaddr,
			  struct elf_info *info);

/*
 * The caller's page provider. page() returns a writable view of the
 * target page at vaddr (page aligned), zero-filled when first returned,
 * to be mapped with pf_flags. Pages are requested in ascending order; two
 * segments sharing a page request it twice in a row with the same flags
 * (the union of both), and page() must return the same view. finish()
 * follows the last page. Both return NULL / non-zero on failure.
 */
struct elf_page_ops {
	void *(*page)(void *ctx, uint64_t vaddr, unsigned pf_flags);
	int (*finish)(void *ctx);
};

/* Copies every segment of a parsed image into pages from ops. */
enum elf_status elf_load(const void *image, const struct elf_info *info,
			 const struct elf_page_ops *ops, void *ctx);

/*
 * Writes the initial stack into view, a buffer of view_size bytes that the
 * target sees at [top - view_size, top): the program name, 16 AT_RANDOM
 * bytes, a copy of the program headers (PT_PHDR entries turned into
 * PT_NULL, so musl takes the addresses as absolute), then argc = 1,
 * argv = {name, NULL}, envp = {NULL} and the auxv (AT_PHDR, AT_PHENT,
 * AT_PHNUM, AT_PAGESZ, AT_ENTRY, AT_RANDOM, AT_EXECFN, then the caller's
 * extra pairs, then AT_NULL). top, view_size and view must be 16-byte
 * aligned. Returns the target's sp (16-byte aligned), or 0 if it does not
 * fit.
 */
struct elf_aux {
	uint64_t type, value;
};
uint64_t elf_build_stack(void *view, size_t view_size, uint64_t top, const void *image,
			 const struct elf_info *info, const char *name, const uint8_t random[16],
			 const struct elf_aux *extra, unsigned nextra);

#endif
