/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Linux system call shim. Tessera's musl (the patches in libs/musl/) turns each
 * inline "svc 0" into a call of __tessera_syscall(); a program links exactly
 * one backend that defines it:
 *   linux_host.c  passes calls through to a Linux kernel (host tests under
 *                 qemu-aarch64 user mode);
 *   (later) the Tessera runtime, which serves them with IPC to servers.
 * The kernel never interprets Linux system call numbers.
 */
#ifndef TESSERA_LINUXSHIM_H
#define TESSERA_LINUXSHIM_H

long __tessera_syscall(long nr, long a, long b, long c, long d, long e, long f);

/* Number of calls the shim has served (lets tests prove the routing). */
extern unsigned long linuxshim_calls;

#endif
