// SPDX-License-Identifier: BSD-2-Clause
/*
 * The initial stack of a program started by init: the System V / Linux
 * aarch64 process entry layout that musl's crt1 (_start_c) and
 * __init_libc read; see tessera/elfload.h.
 */
#include <elf.h>
#include <string.h>
#include <tessera/elfload.h>

#define BASE_AUX 7 /* AT_PHDR .. AT_EXECFN */

struct stack_builder {
	char *view;
	uint64_t view_base; /* target address of view[0] */
	uint64_t sp;	    /* target address of the lowest byte used so far */
};

/* Reserves n bytes below sp, aligned to align; returns the view pointer or NULL. */
static void *push(struct stack_builder *b, size_t n, size_t align)
{
	if (b->sp - b->view_base < n)
		return NULL;
	uint64_t at = (b->sp - n) & ~(uint64_t)(align - 1);
	if (at < b->view_base)
		return NULL;
	b->sp = at;
	return b->view + (at - b->view_base);
}

uint64_t elf_build_stack(void *view, size_t view_size, uint64_t top, const void *image,
			 const struct elf_info *info, const char *name, const uint8_t random[16],
			 const struct elf_aux *extra, unsigned nextra)
{
	struct stack_builder b = {view, top - view_size, top};
	size_t name_len = strlen(name) + 1;
	size_t ph_bytes = (size_t)info->phnum * sizeof(Elf64_Phdr);

	if (top % 16 != 0 || view_size % 16 != 0 || (uintptr_t)view % 16 != 0)
		return 0;

	char *s = push(&b, name_len, 1);
	if (s == NULL)
		return 0;
	memcpy(s, name, name_len);
	uint64_t name_at = b.sp;
	uint8_t *r = push(&b, 16, 16);
	if (r == NULL)
		return 0;
	memcpy(r, random, 16);
	uint64_t random_at = b.sp;
	Elf64_Phdr *ph = push(&b, ph_bytes, 8);
	if (ph == NULL)
		return 0;
	memcpy(ph, (const char *)image + info->phoff, ph_bytes);
	for (unsigned i = 0; i < info->phnum; i++)
		if (ph[i].p_type == PT_PHDR)
			ph[i].p_type = PT_NULL;
	uint64_t phdr_at = b.sp;

	const struct elf_aux base[BASE_AUX] = {
	    {AT_PHDR, phdr_at},	   {AT_PHENT, sizeof(Elf64_Phdr)}, {AT_PHNUM, info->phnum},
	    {AT_PAGESZ, ELF_PAGE}, {AT_ENTRY, info->entry},	   {AT_RANDOM, random_at},
	    {AT_EXECFN, name_at},
	};
	/* argc, argv[0], NULL, envp NULL, auxv pairs, AT_NULL pair. */
	size_t words = 4 + 2 * ((size_t)BASE_AUX + nextra + 1);
	uint64_t *v = push(&b, words * 8, 16);
	if (v == NULL)
		return 0;
	size_t w = 0;
	v[w++] = 1;
	v[w++] = name_at;
	v[w++] = 0;
	v[w++] = 0;
	for (unsigned i = 0; i < BASE_AUX; i++) {
		v[w++] = base[i].type;
		v[w++] = base[i].value;
	}
	for (unsigned i = 0; i < nextra; i++) {
		v[w++] = extra[i].type;
		v[w++] = extra[i].value;
	}
	v[w++] = AT_NULL;
	v[w++] = 0;
	return b.sp;
}
