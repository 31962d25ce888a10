// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of libs/elfload: parsing and checking ELF64 executables built
 * in memory, loading them into a fake target address space (the page
 * provider init implements with frames), and the initial stack as musl's
 * crt1 and __init_libc read it.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/elfload.h>

#include "check.h"

#define BASE	   0x400000UL
#define MIN	   0x400000UL
#define MAX	   0x1000000UL
#define TARGET_PGS 64

static unsigned char img[3 * 4096];
static size_t img_len;

/* A fake target: pages at BASE.., with the flags each was requested with. */
static unsigned char target[TARGET_PGS][ELF_PAGE];
static unsigned flags_of[TARGET_PGS];
static int requested[TARGET_PGS], requests, fail_at = -1, finished;
static uint64_t last_vaddr = 0;

static void *fake_page(void *ctx, uint64_t vaddr, unsigned flags)
{
	(void)ctx;
	CHECK(vaddr % ELF_PAGE == 0 && vaddr >= BASE && vaddr >= last_vaddr);
	size_t i = (vaddr - BASE) / ELF_PAGE;
	if (i >= TARGET_PGS || requests++ == fail_at)
		return NULL;
	if (requested[i])
		CHECK(vaddr == last_vaddr && flags_of[i] == flags); /* shared page: same view */
	else
		memset(target[i], 0, ELF_PAGE);
	requested[i] = 1;
	flags_of[i] = flags;
	last_vaddr = vaddr;
	return target[i];
}

static int fake_finish(void *ctx)
{
	(void)ctx;
	finished++;
	return 0;
}

static const struct elf_page_ops ops = {fake_page, fake_finish};

static void reset_target(void)
{
	memset(target, 0xcc, sizeof(target));
	memset(requested, 0, sizeof(requested));
	requests = finished = 0;
	fail_at = -1;
	last_vaddr = 0;
}

/* An executable with text (RX, at BASE, 100 bytes of 'T' in the file)
 * and data (RW, at data_va: 50 bytes of 'D' then 5000 bytes of bss),
 * plus a PT_PHDR and a PT_TLS header. */
static void build(uint64_t data_va)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	Elf64_Phdr *ph = (Elf64_Phdr *)(img + sizeof(*eh));

	memset(img, 0, sizeof(img));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_AARCH64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = BASE + 0x1000 + 8;
	eh->e_phoff = sizeof(*eh);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = 4;
	ph[0] = (Elf64_Phdr){.p_type = PT_PHDR, .p_vaddr = BASE + 64, .p_filesz = 4 * 56};
	ph[1] = (Elf64_Phdr){PT_LOAD, PF_R | PF_X, 0x1000, BASE + 0x1000, 0, 100, 100, 0x1000};
	ph[2] = (Elf64_Phdr){PT_LOAD, PF_R | PF_W, 0x2000, data_va, 0, 50, 5050, 0x1000};
	ph[3] = (Elf64_Phdr){.p_type = PT_TLS, .p_vaddr = data_va, .p_filesz = 8, .p_memsz = 16};
	memset(img + 0x1000, 'T', 100);
	memset(img + 0x2000, 'D', 50);
	img_len = 0x2000 + 50;
}

static void parses(void)
{
	struct elf_info info;
	build(BASE + 0x3010);
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_OK);
	CHECK(info.nsegs == 2 && info.entry == BASE + 0x1008 && info.phnum == 4);
	CHECK(info.segs[0].vaddr == BASE + 0x1000 && info.segs[0].flags == (PF_R | PF_X));
	CHECK(info.segs[1].memsz == 5050 && info.segs[1].filesz == 50);
}

static void loads_and_zeroes(void)
{
	struct elf_info info;
	build(BASE + 0x3010);
	reset_target();
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_OK);
	CHECK(elf_load(img, &info, &ops, NULL) == ELF_OK && finished == 1);
	CHECK(target[1][0] == 'T' && target[1][99] == 'T' && target[1][100] == 0);
	CHECK(flags_of[1] == (PF_R | PF_X) && !requested[0] && !requested[2]);
	CHECK(target[3][0x0f] == 0 && target[3][0x10] == 'D' && target[3][0x10 + 49] == 'D');
	CHECK(target[3][0x10 + 50] == 0 && target[4][4095] == 0); /* bss */
	CHECK(requested[3] && requested[4] && !requested[5]);	  /* 0x3010 + 5050 < 0x5000 */
	CHECK(flags_of[4] == (PF_R | PF_W));
}

static void shared_page(void)
{
	struct elf_info info;
	build(BASE + 0x1080); /* data starts in the text's page */
	reset_target();
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_OK);
	CHECK(elf_load(img, &info, &ops, NULL) == ELF_OK);
	CHECK(flags_of[1] == (PF_R | PF_W | PF_X));
	CHECK(target[1][99] == 'T' && target[1][0x80] == 'D' && target[1][0x80 + 50] == 0);
	CHECK(requests == 3); /* page 1 twice, then page 2 */
}

static void provider_failure(void)
{
	struct elf_info info;
	build(BASE + 0x3010);
	reset_target();
	fail_at = 1;
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_OK);
	CHECK(elf_load(img, &info, &ops, NULL) == ELF_LOAD_FAILED && finished == 0);
}

static void rejects(void)
{
	struct elf_info info;
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	Elf64_Phdr *ph = (Elf64_Phdr *)(img + sizeof(*eh));

	/* Every truncation fails cleanly (sanitizers catch stray reads). */
	build(BASE + 0x3010);
	for (size_t len = 0; len < img_len; len++) {
		unsigned char *copy = malloc(len ? len : 1);
		memcpy(copy, img, len);
		CHECK(elf_parse(copy, len, MIN, MAX, &info) != ELF_OK);
		free(copy);
	}
	build(BASE + 0x3010);
	eh->e_machine = EM_X86_64;
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_BAD_HEADER);
	build(BASE + 0x3010);
	eh->e_type = ET_DYN;
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_BAD_HEADER);
	build(BASE + 0x3010);
	eh->e_phoff = 0xfffffffffffffff8ULL;
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_BAD_PHDRS);
	build(BASE + 0x3010);
	ph[2].p_offset = 0xfffffffffffff000ULL; /* offset + filesz overflows */
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_BAD_SEGMENT);
	build(BASE + 0x3010);
	ph[2].p_filesz = 6000; /* more than memsz */
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_BAD_SEGMENT);
	build(BASE + 0x1010); /* data overlaps text */
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_BAD_SEGMENT);
	build(MAX - 100); /* past the window */
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_BAD_SEGMENT);
	build(BASE + 0x3010);
	ph[2].p_memsz = 0xfffffffffffff000ULL; /* vaddr + memsz overflows */
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_BAD_SEGMENT);
	build(BASE + 0x3010);
	eh->e_entry = BASE + 0x3010; /* in the data segment */
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_BAD_ENTRY);
	build(BASE + 0x3010);
	CHECK(elf_parse(img, img_len, BASE + 0x2000, MAX, &info) == ELF_BAD_SEGMENT);
}

/* Reads the stack back the way musl's _start_c and __init_libc do. */
static void stack_as_musl_reads_it(void)
{
	static _Alignas(16) uint64_t view[512];
	const uint64_t top = 0x300000, base = top - sizeof(view);
	const uint8_t rnd[16] = {1, 2, 3};
	const struct elf_aux extra[] = {{0x74730001, 0x301000}};
	struct elf_info info;

	build(BASE + 0x3010);
	CHECK(elf_parse(img, img_len, MIN, MAX, &info) == ELF_OK);
	uint64_t sp = elf_build_stack(view, sizeof(view), top, img, &info, "ping", rnd, extra, 1);
	CHECK(sp != 0 && sp % 16 == 0 && sp >= base);
#define AT(va) ((unsigned char *)view + ((va)-base))
	uint64_t *p = (uint64_t *)AT(sp);
	CHECK(p[0] == 1 && strcmp((char *)AT(p[1]), "ping") == 0 && p[2] == 0 && p[3] == 0);
	uint64_t aux[64] = {0};
	for (uint64_t *a = p + 4; a[0] != AT_NULL; a += 2)
		if (a[0] < 64)
			aux[a[0]] = a[1];
		else
			CHECK(a[0] == 0x74730001 && a[1] == 0x301000);
	CHECK(aux[AT_PAGESZ] == 4096 && aux[AT_PHNUM] == 4 && aux[AT_PHENT] == 56);
	CHECK(aux[AT_ENTRY] == BASE + 0x1008 && aux[AT_PHDR] % 8 == 0);
	CHECK(memcmp(AT(aux[AT_RANDOM]), rnd, 16) == 0);
	CHECK(strcmp((char *)AT(aux[AT_EXECFN]), "ping") == 0);
	Elf64_Phdr *ph = (Elf64_Phdr *)AT(aux[AT_PHDR]);
	CHECK(ph[0].p_type == PT_NULL && ph[1].p_type == PT_LOAD && ph[3].p_type == PT_TLS);
	CHECK(ph[3].p_vaddr == BASE + 0x3010);
	/* Too small a stack: refused, not overrun. */
	CHECK(elf_build_stack(view, 64, top, img, &info, "ping", rnd, extra, 1) == 0);
	CHECK(elf_build_stack(view, 304, top, img, &info, "ping", rnd, extra, 1) == 0);
}

int main(void)
{
	RUN("unit_elfload", parses);
	RUN("unit_elfload", loads_and_zeroes);
	RUN("unit_elfload", shared_page);
	RUN("unit_elfload", provider_failure);
	RUN("unit_elfload", rejects);
	RUN("unit_elfload", stack_as_musl_reads_it);
	return DONE("unit_elfload");
}
