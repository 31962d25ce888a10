// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Tessera backend of musl's Linux system call shim (see
 * tessera/linuxshim.h and docs/userland.md): console output, the heap
 * arena, exit, and harmless answers for the calls musl's start-up and
 * stdio make. Everything else is -ENOSYS.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <tessera/linuxshim.h>
#include <tessera/runtime.h>
#include <tessera/sys.h>

#include "heap.h"

unsigned long linuxshim_calls;

static struct heap heap;

static struct heap *the_heap(void)
{
	if (heap.map == 0)
		heap_init(&heap, tsr_heap_arena, tsr_heap_arena_size);
	return &heap;
}

static long sys_write(long fd, const char *buf, size_t len)
{
	if (fd != 1 && fd != 2)
		return -EBADF;
	tsr_console_write(buf, len);
	return (long)len;
}

static long sys_writev(long fd, const struct iovec *iov, long cnt)
{
	long total = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (cnt < 0 || cnt > 1024)
		return -EINVAL;
	for (long i = 0; i < cnt; i++) {
		tsr_console_write(iov[i].iov_base, iov[i].iov_len);
		total += (long)iov[i].iov_len;
	}
	return total;
}

static long sys_ioctl(long fd, unsigned long req, void *arg)
{
	if (fd < 0 || fd > 2)
		return -EBADF;
	if (req != TIOCGWINSZ)
		return -ENOTTY;
	/* The console is a terminal: musl then line-buffers stdout. */
	*(struct winsize *)arg = (struct winsize){.ws_row = 24, .ws_col = 80};
	return 0;
}

static __attribute__((noreturn)) void killed(long sig)
{
	char msg[48];
	int n = snprintf(msg, sizeof(msg), "[killed by signal %ld]\n", sig);

	tsr_console_write(msg, (size_t)n);
	tsr_exit(128 + (int)sig);
}

long __tessera_syscall(long nr, long a, long b, long c, long d, long e, long f)
{
	linuxshim_calls++;
	switch (nr) {
	case SYS_write:
		return sys_write(a, (const char *)b, (size_t)c);
	case SYS_writev:
		return sys_writev(a, (const struct iovec *)b, c);
	case SYS_read:
		return a == 0 ? 0 : -EBADF; /* stdin is at end of file */
	case SYS_close:
		return a >= 0 && a <= 2 ? 0 : -EBADF;
	case SYS_lseek:
		return -ESPIPE;
	case SYS_ioctl:
		return sys_ioctl(a, (unsigned long)b, (void *)c);
	case SYS_brk:
		return (long)heap_brk(the_heap(), (uintptr_t)a);
	case SYS_mmap:
		return heap_mmap(the_heap(), (uintptr_t)a, (size_t)b, (int)c, (int)d, (int)e);
	case SYS_munmap:
		return heap_munmap(the_heap(), (uintptr_t)a, (size_t)b);
	case SYS_mremap:
		return -ENOMEM; /* musl's realloc falls back to malloc + copy */
	case SYS_mprotect:
	case SYS_madvise:
	case SYS_rt_sigprocmask:
	case SYS_rt_sigaction:
	case SYS_sigaltstack:
	case SYS_set_robust_list:
		return 0;
	case SYS_set_tid_address:
	case SYS_gettid:
	case SYS_getpid:
		return 1; /* one process, one thread, as musl sees it */
	case SYS_sched_yield:
		tsr_yield();
		return 0;
	case SYS_tkill:
		killed(b);
	case SYS_tgkill:
		killed(c);
	case SYS_exit:
	case SYS_exit_group:
		tsr_exit((int)a);
	default:
		(void)d;
		(void)f;
		return -ENOSYS;
	}
}
