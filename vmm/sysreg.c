// SPDX-License-Identifier: BSD-2-Clause
/*
 * Trapped system registers (FAULT_VCPU_SYSREG). The kernel traps debug,
 * OS-lock, PMU (without VCPU_F_PMU), the EL1 physical timer and
 * ICC_SGI1R_EL1 (HCR_EL2.IMO). SGI writes go to the GIC model; everything
 * else reads as zero and ignores writes (ARM ARM D19: Linux only probes
 * these), with one note per unknown register.
 */
#include "vmm.h"

#define ICC_SGI1R_EL1  VCPU_SYSREG(3, 0, 12, 11, 5)
#define ICC_ASGI1R_EL1 VCPU_SYSREG(3, 1, 12, 11, 6)
#define ICC_SGI0R_EL1  VCPU_SYSREG(3, 2, 12, 11, 7)
#define OP0(enc)       (((enc) >> 20) & 3)
#define OP1(enc)       (((enc) >> 14) & 7)
#define CRN(enc)       (((enc) >> 10) & 15)
#define CRM(enc)       (((enc) >> 1) & 15)
#define OP2(enc)       (((enc) >> 17) & 7)

/* Debug and OS-lock registers (op0 = 2), PMU (op0 3, op1 3, CRn 9 or
 * PMEVxxx in CRn 14) and the EL1 physical timer (op0 3, op1 3, CRn 14,
 * CRm 2): known, silently RAZ/WI. */
static bool known(uint32_t enc)
{
	if (OP0(enc) == 2)
		return true;
	if (OP0(enc) == 3 && OP1(enc) == 3 && (CRN(enc) == 9 || CRN(enc) == 14))
		return true;
	return false;
}

static void note_once(unsigned i, uint32_t enc, bool read)
{
	static uint32_t seen[32];
	static unsigned nseen;

	for (unsigned k = 0; k < nseen; k++)
		if (seen[k] == enc)
			return;
	if (nseen < 32)
		seen[nseen++] = enc;
	vmm_log("vCPU %u: %s of unknown system register S%u_%u_C%u_C%u_%u: %s (noted once)\n", i,
		read ? "read" : "write", OP0(enc), OP1(enc), CRN(enc), CRM(enc), OP2(enc),
		read ? "reads as zero" : "ignored");
}

bool vmm_sysreg(unsigned i, const struct tsr_msg *m, struct tsr_msg *r)
{
	uint32_t enc = (uint32_t)m->mr[0];
	bool read = m->mr[1] != 0;
	uint64_t val = m->mr[2];

	if (!read && (enc == ICC_SGI1R_EL1 || enc == ICC_ASGI1R_EL1 || enc == ICC_SGI0R_EL1))
		vmm_gic_sgi(i, val);
	else if (!known(enc))
		note_once(i, enc, read);
	if (read)
		vmm_reply(r, VCPU_REPLY_LOAD | VCPU_REPLY_ADVANCE, 1, 0, 0);
	else
		vmm_reply(r, VCPU_REPLY_ADVANCE, 0, 0, 0);
	return true;
}
