// SPDX-License-Identifier: BSD-2-Clause
// diskpattern N: writes N 512-byte records to standard output, the file the
// guest's block check writes (docs/guest.md). Record i is the magic
// "TSRDISK1", i as a little-endian 64-bit number, and 62 little-endian
// 64-bit words of xorshift64* (Vigna) seeded with
// i * 0x9e3779b97f4a7c15 + 0x2545f4914f6cdd1d. Deterministic, so the host
// knows the checksums (diskpattern.py), and self-identifying, so the VMM
// can find the file's blocks in its backing store (vmm/disk_check.c).
// A static aarch64 program with raw Linux system calls, like bootstamp.c.

typedef unsigned long u64;

#define SYS_WRITE 64
#define SYS_EXIT  93
#define RECORD	  512
#define BATCH	  128 /* records per write */

static long diskpattern_syscall3(long nr, long a0, long a1, long a2)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a0;
	register long x1 __asm__("x1") = a1;
	register long x2 __asm__("x2") = a2;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	return x0;
}

static void __attribute__((noreturn)) diskpattern_exit(int code)
{
	diskpattern_syscall3(SYS_EXIT, code, 0, 0);
	__builtin_unreachable();
}

static void diskpattern_put64(unsigned char *p, u64 v)
{
	for (int k = 0; k < 8; k++)
		p[k] = (unsigned char)(v >> (8 * k));
}

static void diskpattern_record(unsigned char *p, u64 idx)
{
	static const char magic[8] = "TSRDISK1";
	u64 s = idx * 0x9e3779b97f4a7c15UL + 0x2545f4914f6cdd1dUL;

	for (int k = 0; k < 8; k++)
		p[k] = (unsigned char)magic[k];
	diskpattern_put64(p + 8, idx);
	for (int w = 0; w < 62; w++) {
		s ^= s >> 12;
		s ^= s << 25;
		s ^= s >> 27;
		diskpattern_put64(p + 16 + 8 * w, s * 0x2545f4914f6cdd1dUL);
	}
}

static int diskpattern_write_all(const unsigned char *p, long n)
{
	while (n > 0) {
		long r = diskpattern_syscall3(SYS_WRITE, 1, (long)p, n);
		if (r <= 0)
			return -1;
		p += r;
		n -= r;
	}
	return 0;
}

void diskpattern_main(long *sp) __attribute__((noreturn, used));
void diskpattern_main(long *sp)
{
	static unsigned char buf[BATCH * RECORD];
	const char *arg = sp[0] > 1 ? (const char *)sp[2] : 0;
	u64 n = 0;

	if (arg == 0 || *arg == 0)
		diskpattern_exit(2);
	for (; *arg; arg++) {
		if (*arg < '0' || *arg > '9')
			diskpattern_exit(2);
		n = n * 10 + (u64)(*arg - '0');
	}
	for (u64 i = 0; i < n; i += BATCH) {
		u64 m = n - i < BATCH ? n - i : BATCH;
		for (u64 k = 0; k < m; k++)
			diskpattern_record(buf + k * RECORD, i + k);
		if (diskpattern_write_all(buf, (long)(m * RECORD)) != 0)
			diskpattern_exit(1);
	}
	diskpattern_exit(0);
}

// The kernel enters at _start with sp -> argc, argv[], NULL, envp[].
__asm__(".globl _start\n_start:\n\tmov x29, #0\n\tmov x0, sp\n\tbl diskpattern_main\n");
