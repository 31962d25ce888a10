// SPDX-License-Identifier: BSD-2-Clause
// bootstamp: the Linux guest's first command (docs/guest.md, "Boot
// benchmark"). Prints "BOOT_CNTVCT <count> CNTFRQ <hz>": the virtual
// counter (ARM ARM D11.2, "The Generic Timer in AArch64 state") read as
// early in user space as possible. A static aarch64 program with no C
// library: raw Linux system calls only, so nothing runs before main's
// counter read but the kernel's exec and this file's few instructions.

typedef unsigned long u64;

#define SYS_WRITE 64
#define SYS_EXIT  93

static long bootstamp_syscall3(long nr, long a0, long a1, long a2)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a0;
	register long x1 __asm__("x1") = a1;
	register long x2 __asm__("x2") = a2;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	return x0;
}

// The ISB keeps the counter read from being taken early (ARM ARM D11.2.2).
static u64 bootstamp_cntvct(void)
{
	u64 v;
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v)::"memory");
	return v;
}

static u64 bootstamp_cntfrq(void)
{
	u64 v;
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

// Appends the decimal digits of v at p; returns the new end.
static char *bootstamp_u64(char *p, u64 v)
{
	char tmp[20];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *bootstamp_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

void bootstamp_main(void) __attribute__((noreturn, used));
void bootstamp_main(void)
{
	u64 count = bootstamp_cntvct();
	char line[64];
	char *p = line;
	p = bootstamp_str(p, "BOOT_CNTVCT ");
	p = bootstamp_u64(p, count);
	p = bootstamp_str(p, " CNTFRQ ");
	p = bootstamp_u64(p, bootstamp_cntfrq());
	*p++ = '\n';
	long rc = bootstamp_syscall3(SYS_WRITE, 1, (long)line, p - line);
	bootstamp_syscall3(SYS_EXIT, rc == p - line ? 0 : 1, 0, 0);
	__builtin_unreachable();
}

// The kernel enters at _start with sp aligned (AAPCS64 needs 16 bytes).
__asm__(".globl _start\n_start:\n\tmov x29, #0\n\tbl bootstamp_main\n");
