// SPDX-License-Identifier: BSD-2-Clause
/* Exit dispatch (docs/architecture.md "The exit ABI"): data aborts go to
 * the MMIO table, HVC/SMC to PSCI/SMCCC, trapped system registers to
 * sysreg.c. Anything the VMM cannot emulate is reported and answered with
 * an abort or an undefined-instruction exception; the VMM never dies. */
#include <tessera/ipcbuf.h>

#include "vmm.h"

static bool dabt(unsigned i, struct tsr_msg *m)
{
	uint64_t ipa = m->mr[0], access = m->mr[1], data = m->mr[2];
	const struct vmm_mmio_dev *d = vmm_mmio_find(ipa);
	unsigned size = VCPU_ACCESS_SIZE(access);

	if (d == 0 || !(access & VCPU_ACCESS_VALID) || (access & VCPU_ACCESS_S1PTW)) {
		vmm_log("vCPU %u: %s %s at IPA %#llx, pc %#llx: injecting an abort\n", i,
			d == 0 ? "unassigned" : "unemulatable",
			access & VCPU_ACCESS_WRITE ? "write" : "read", (unsigned long long)ipa,
			(unsigned long long)vmm_guest_pc(i));
		vmm_reply(m, VCPU_REPLY_INJECT_DABT, 0, 0, 0);
		return true;
	}
	if (access & VCPU_ACCESS_WRITE) {
		if (d->write)
			d->write(d->ctx, i, ipa - d->base, size, data);
		vmm_reply(m, VCPU_REPLY_ADVANCE, 0, 0, 0);
	} else {
		uint64_t v = d->read ? d->read(d->ctx, i, ipa - d->base, size) : 0;
		if (size < 8)
			v &= (1ULL << (8 * size)) - 1;
		vmm_reply(m, VCPU_REPLY_LOAD | VCPU_REPLY_ADVANCE, 1, v, 0);
	}
	return true;
}

static bool call(unsigned i, struct tsr_msg *m, bool smc)
{
	uint64_t x[4] = {m->mr[0], m->mr[1], m->mr[2], m->mr[3]};
	bool reply = vmm_psci(i, x, m);

	if (reply && smc) /* the pc is the SMC itself */
		m->mr[0] |= VCPU_REPLY_ADVANCE;
	return reply;
}

bool vmm_handle_exit(unsigned i, struct tsr_msg *m)
{
	unsigned label = (unsigned)tsr_msginfo_label(m->info);

	vmm.exits[label < 16 ? label : 15]++;
	switch (label) {
	case FAULT_VCPU_DABT:
		return dabt(i, m);
	case FAULT_VCPU_HVC:
	case FAULT_VCPU_SMC:
		return call(i, m, label == FAULT_VCPU_SMC);
	case FAULT_VCPU_SYSREG:
		return vmm_sysreg(i, m, m);
	case FAULT_VCPU_IABT:
		vmm_log(
		    "vCPU %u: instruction fetch from IPA %#llx (pc %#llx): injecting an abort\n", i,
		    (unsigned long long)m->mr[0], (unsigned long long)m->mr[2]);
		vmm_reply(m, VCPU_REPLY_INJECT_DABT, 0, 0, 0);
		return true;
	case FAULT_VCPU_OTHER:
		vmm_log("vCPU %u: unhandled exception (ESR %#llx, pc %#llx): injecting undef\n", i,
			(unsigned long long)m->mr[0], (unsigned long long)m->mr[2]);
		vmm_reply(m, VCPU_REPLY_INJECT_UNDEF, 0, 0, 0);
		return true;
	default:
		vmm_log(
		    "vCPU %u: fault %u (not a VM exit: word0 %#llx word1 %#llx); vCPU stopped\n", i,
		    label, (unsigned long long)m->mr[0], (unsigned long long)m->mr[1]);
		vmm.vcpu[i].on = false;
		return false;
	}
}
