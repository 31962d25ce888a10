// SPDX-License-Identifier: BSD-2-Clause
/*
 * Passthrough devices (docs/vmm.md "Passthrough"). init maps each
 * `passthrough mmio` region into the guest at its host address and gives us
 * an IRQ handler cap for each `passthrough irq` (routed to our notification).
 * Here every such SPI is linked to vCPU 0 as the same virtual INTID,
 * hardware-linked (spec 4.30b): the guest's EOI deactivates the physical
 * interrupt, and the kernel, not this VMM, delivers it. The INTID starts
 * disabled in the kernel, as in our distributor model (GICD_ISENABLER
 * reset value); the guest's enable reaches the kernel through the model.
 */
#include <tessera/invocation.h>
#include <tessera/invoke.h>

#include "vmm.h"

bool vmm_passthrough_init(void)
{
	const struct tsr_vm_config *c = vmm.cfg;

	for (uint32_t k = 0; k < c->num_irqs; k++) {
		const struct tsr_vm_irq *q = &c->irqs[k];
		enum tessera_err e = tsr_vcpu_set_irq_enable(vmm.vcpu[0].vcpu, q->irq, false);
		if (e == ERR_OK)
			e = tsr_irq_handler_set_vcpu(q->handler_slot, vmm.vcpu[0].vcpu);
		if (e != ERR_OK) {
			vmm_log("passthrough irq %u: cannot link it to vCPU 0 (%d)\n", q->irq, e);
			return false;
		}
	}
	return true;
}

bool vmm_passthrough_irq(unsigned intid)
{
	for (uint32_t k = 0; k < vmm.cfg->num_irqs; k++)
		if (vmm.cfg->irqs[k].irq == intid)
			return true;
	return false;
}
