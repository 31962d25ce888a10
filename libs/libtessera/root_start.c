// SPDX-License-Identifier: BSD-2-Clause
/*
 * C start of a root task. The kernel gives init no argv, environment or
 * auxiliary vector, but musl's static start-up (__libc_start_main ->
 * __init_libc -> __init_tls) reads all three: it walks envp to find the
 * auxv, takes AT_PAGESZ for malloc, and finds the TLS template through
 * AT_PHDR/AT_PHNUM. A flat image carries no program headers, so this file
 * builds one PT_TLS header from root.ld's symbols and hands musl a frame
 * argc = 0, argv = {NULL}, envp = {NULL}, auxv = {...}. Runs before TLS
 * exists: it must not touch thread-local data or the stack protector.
 */
#include <elf.h>
#include <stddef.h>
#include <stdint.h>
#include <tessera/runtime.h>

int main(int argc, char **argv, char **envp);
int __libc_start_main(int (*main)(int, char **, char **), int argc, char **argv, void (*init)(void),
		      void (*fini)(void), void (*ldso)(void));

/* root.ld: the TLS template (.tdata, then .tbss). */
extern char __tls_start[], __tls_data_end[], __tls_end[], __tls_align[];

static Elf64_Phdr tls_phdr;
static char progname[] = "init";
static unsigned char random_bytes[16];

/* argv NULL, envp NULL, then auxv pairs ending with AT_NULL. */
static size_t frame[] = {
    0, /* argv[0] */
    0, /* envp[0] */
    AT_PHDR,   0, AT_PHNUM,  1, AT_PHENT,	   sizeof(Elf64_Phdr), AT_PAGESZ, 4096,
    AT_EXECFN, 0, AT_RANDOM, 0, TSR_AT_IPC_BUFFER, INIT_IPCBUF_VADDR,  AT_NULL,	  0,
};

__attribute__((noreturn)) void tsr_root_start(const struct bootinfo *bi);

void tsr_root_start(const struct bootinfo *bi)
{
	tsr_bootinfo = bi;
	tls_phdr = (Elf64_Phdr){
	    .p_type = PT_TLS,
	    .p_flags = PF_R,
	    .p_vaddr = (uintptr_t)__tls_start,
	    .p_filesz = (uintptr_t)__tls_data_end - (uintptr_t)__tls_start,
	    .p_memsz = (uintptr_t)__tls_end - (uintptr_t)__tls_start,
	    .p_align = (uintptr_t)__tls_align,
	};
	/* Not random: the root task has no entropy source yet (musl only
	 * seeds the stack protector canary from it). */
	for (size_t i = 0; i < sizeof(random_bytes); i++)
		random_bytes[i] = (unsigned char)(0x5a + 17 * i);
	frame[3] = (uintptr_t)&tls_phdr;
	frame[11] = (uintptr_t)progname;
	frame[13] = (uintptr_t)random_bytes;
	__libc_start_main(main, 0, (char **)frame, 0, 0, 0);
	for (;;)
		;
}

#ifdef TSR_LINK_INIT_VADDR
_Static_assert(TSR_LINK_INIT_VADDR == INIT_VADDR, "libtessera.mk INIT_VADDR matches bootinfo.h");
#endif
