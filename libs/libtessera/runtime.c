// SPDX-License-Identifier: BSD-2-Clause
/*
 * Runtime state: the IPC buffer pointer (thread-local, in musl's TLS block
 * behind TPIDR_EL0), the boot information of the root task, and exit.
 */
#include <sys/auxv.h>
#include <tessera/proc.h>
#include <tessera/runtime.h>
#include <tessera/invoke.h>

__thread struct ipc_buffer *tsr_ipcbuf_tls;
const struct bootinfo *tsr_bootinfo;
volatile int tsr_exit_status;

void tsr_set_ipcbuf(struct ipc_buffer *buf)
{
	tsr_ipcbuf_tls = buf;
}

/* Runs before main (musl calls constructors after its TLS is set up). */
__attribute__((constructor)) static void runtime_init(void)
{
	unsigned long v = getauxval(TSR_AT_IPC_BUFFER);

	if (v != 0)
		tsr_set_ipcbuf((struct ipc_buffer *)v);
}

void tsr_exit(int status)
{
	tsr_exit_status = status;
	/* Suspending ourselves does not return if it works. */
	(void)!tsr_tcb_suspend(PROC_SLOT_TCB);
	for (;;)
		tsr_yield();
}
