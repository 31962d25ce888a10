// SPDX-License-Identifier: BSD-2-Clause
/* VCPU invocations (see tessera/invoke.h and tessera/invocation.h). */
#include <tessera/invocation.h>
#include <tessera/invoke.h>

enum tessera_err tsr_vcpu_set_tcb(tsr_cptr_t vcpu, tsr_cptr_t tcb, unsigned flags)
{
	const uint64_t w[1] = {flags};

	return tsr_invoke(vcpu, INV_VCPU_SET_TCB, 1, &tcb, 1, w, 0);
}

enum tessera_err tsr_vcpu_read_reg(tsr_cptr_t vcpu, unsigned reg, uint64_t *value)
{
	const uint64_t w[1] = {reg};
	struct tsr_msg m;
	enum tessera_err err = tsr_invoke(vcpu, INV_VCPU_READ_REG, 0, 0, 1, w, &m);

	if (err == ERR_OK)
		*value = m.mr[0];
	return err;
}

enum tessera_err tsr_vcpu_write_reg(tsr_cptr_t vcpu, unsigned reg, uint64_t value)
{
	const uint64_t w[2] = {reg, value};

	return tsr_invoke(vcpu, INV_VCPU_WRITE_REG, 0, 0, 2, w, 0);
}

enum tessera_err tsr_vcpu_inject_irq(tsr_cptr_t vcpu, unsigned virq, unsigned mode)
{
	const uint64_t w[2] = {virq, mode};

	return tsr_invoke(vcpu, INV_VCPU_INJECT_IRQ, 0, 0, 2, w, 0);
}

enum tessera_err tsr_vcpu_inject_sgi(tsr_cptr_t vcpu, unsigned sgi, unsigned source)
{
	const uint64_t w[3] = {sgi, VIRQ_EDGE, source};

	return tsr_invoke(vcpu, INV_VCPU_INJECT_IRQ, 0, 0, 3, w, 0);
}

enum tessera_err tsr_vcpu_set_irq_enable(tsr_cptr_t vcpu, unsigned virq, int enable)
{
	const uint64_t w[2] = {virq, enable != 0};

	return tsr_invoke(vcpu, INV_VCPU_SET_IRQ_ENABLE, 0, 0, 2, w, 0);
}
