// SPDX-License-Identifier: BSD-2-Clause
/* Starting and stopping vCPUs (PSCI CPU_ON/CPU_OFF, SYSTEM_OFF). The vCPU
 * threads were bound to their VCPUs and configured by init; they start
 * suspended. */
#include <tessera/invocation.h>
#include <tessera/invoke.h>

#include "vmm.h"

/* EL1h with D, A, I and F masked: the arm64 boot protocol's entry state
 * (Documentation/arch/arm64/booting.rst) and PSCI CPU_ON's (DEN0022 6.4). */
#define VMM_PSTATE_EL1H_MASKED 0x3c5UL

bool vmm_vcpu_start(unsigned i, uint64_t pc, uint64_t x0)
{
	struct vmm_vcpu *v = &vmm.vcpu[i];
	const uint64_t regs[4] = {pc, 0, VMM_PSTATE_EL1H_MASKED, x0};
	enum tessera_err e = tsr_tcb_write_regs(v->tcb, 1, 4, regs);

	if (e != ERR_OK) {
		vmm_log("vCPU %u: start at %#llx failed (%d)\n", i, (unsigned long long)pc, e);
		return false;
	}
	v->on = true;
	return true;
}

/* Called while the vCPU waits for our reply (an exit): suspending it drops
 * the pending reply, so the caller must not reply. */
void vmm_vcpu_stop(unsigned i)
{
	struct vmm_vcpu *v = &vmm.vcpu[i];

	if (tsr_tcb_suspend(v->tcb) != ERR_OK)
		vmm_log("vCPU %u: suspend failed\n", i);
	v->on = false;
}
