/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * init's shell input from the console server (docs/lifecycle.md "The
 * management shell"). init is the console server's last ConsoleLink client
 * (tsr_spec.shell). Its main thread never calls the console server: a
 * reader thread in init's own address space (TCB of init's own group,
 * priority 255 like init, core 0 like init, its stack one page at
 * SHELLREAD_STACK_VADDR with unmapped pages around it) waits on the
 * link's notification, calls ConsoleLink.read until it returns 0, copies
 * the bytes into a single-producer single-consumer ring and signals
 * init's bound notification with MGR_SHELL_BIT; the main loop feeds the
 * ring to shell_input(). A console server that hangs or faults with a
 * read outstanding thus blocks only the reader.
 *
 * When the server is restarted its endpoint and reply object are deleted
 * and the kernel ends the reader's Call with an error: the reader asks the
 * main thread (a flag plus MGR_SHELL_BIT) for a cap to the new endpoint
 * and waits on a notification of its own until the main thread has minted
 * it (or failed: the server is stopped; then it waits for input again,
 * and the restarted server's "read again" signal brings it back). It then
 * reads at once, since the signal that woke it is consumed.
 *
 * The reader touches no allocator, no stdio and no thread-local storage
 * (TPIDR_EL0 is 0 for it: only the register-only system call stubs); it
 * has no IPC buffer (its messages fit the registers). Its faults go to
 * init's fault endpoint with badge SHELLREAD_FAULT_BADGE: the main loop
 * reports them and shell input through the console server ends (should
 * its Wait on init's own notification ever fail, it traps: a reported
 * fault rather than a spin at init's priority).
 */
#ifndef INIT_SHELLREAD_H
#define INIT_SHELLREAD_H

#include <stdbool.h>
#include <tessera/sys.h>

#define SHELLREAD_BUF_VADDR   0x0e800000UL /* the link's buffer page */
#define SHELLREAD_STACK_VADDR 0x0e810000UL /* the reader's stack page */
/* Fault badge of the reader: above every global thread number. */
#define SHELLREAD_FAULT_BADGE (1ULL << 40)

/* Sets the link up and starts the reader; fault_ep is init's fault
 * endpoint. Returns false (nothing started) when the system has no
 * console server or something failed (printed). */
bool shellread_start(tsr_cptr_t fault_ep);
/* The main loop's part, on MGR_SHELL_BIT: the ring's bytes to
 * shell_input() (re-entrant: a command run from there may serve events
 * again), and the new cap the reader asked for. */
void shellread_service(void);
/* The reader faulted (its fault message m): reported; no more input. */
void shellread_faulted(const struct tsr_msg *m);
/* Test hook (shell command `shellhang`): the console server hangs (every
 * thread suspended) while the reader's read is outstanding; init must run
 * on; then the server faults, init restarts it, and the reader must read
 * from the new one. Prints TEST shellread.hang, shellread.restart and
 * SUMMARY shellread. */
void shellread_hang_test(void);

#endif
