// SPDX-License-Identifier: BSD-2-Clause
/*
 * PSCI 1.1 (Arm DEN0022D) and SMCCC 1.1 (Arm DEN0028) over HVC or SMC, on
 * the SMC32/SMC64 function IDs. Every function ID not listed here returns
 * NOT_SUPPORTED (-1) in x0; the guest never gets an undefined instruction.
 */
#include <stdio.h>
#include <string.h>

#include "vmm.h"

#define PSCI_VERSION	       0x84000000U
#define PSCI_CPU_SUSPEND       0x84000001U
#define PSCI_CPU_OFF	       0x84000002U
#define PSCI_CPU_ON	       0x84000003U
#define PSCI_AFFINITY_INFO     0x84000004U
#define PSCI_MIGRATE_INFO_TYPE 0x84000006U
#define PSCI_SYSTEM_OFF	       0x84000008U
#define PSCI_SYSTEM_RESET      0x84000009U
#define PSCI_FEATURES	       0x8400000aU
#define PSCI_64		       0x40000000U /* SMC64 bit of the function ID */
#define SMCCC_VERSION	       0x80000000U
#define SMCCC_ARCH_FEATURES    0x80000001U

#define PSCI_SUCCESS	    0
#define PSCI_NOT_SUPPORTED  (-1)
#define PSCI_INVALID_PARAMS (-2)
#define PSCI_ALREADY_ON	    (-4)
#define PSCI_ON_PENDING	    (-5)
#define PSCI_MIGRATE_NONE   2 /* MIGRATE_INFO_TYPE: no trusted OS to migrate */
#define PSCI_1_1	    0x10001U
#define SMCCC_1_1	    0x10001U

static int find_mpidr(uint64_t mpidr)
{
	for (unsigned i = 0; i < vmm.nvcpus; i++)
		if (vmm.vcpu[i].mpidr == (mpidr & 0xff00ffffffULL))
			return (int)i;
	return -1;
}

static int64_t cpu_on(uint64_t target, uint64_t entry, uint64_t ctx)
{
	int k = find_mpidr(target);

	if (k < 0)
		return PSCI_INVALID_PARAMS;
	if (vmm.vcpu[k].on)
		return PSCI_ALREADY_ON;
	if (vmm_gpa(entry, 4) == 0)
		return PSCI_INVALID_PARAMS; /* DEN0022 5.6: INVALID_ADDRESS is -9 */
	return vmm_vcpu_start((unsigned)k, entry, ctx) ? PSCI_SUCCESS : PSCI_INVALID_PARAMS;
}

static bool is_supported(uint32_t fn)
{
	switch (fn & ~PSCI_64) {
	case PSCI_VERSION:
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
	case SMCCC_VERSION:
		return true;
	default:
		return false;
	}
}

/* SYSTEM_OFF and SYSTEM_RESET: every vCPU stops and stays stopped; init
 * is told (vmm_life_power), and restarting the VM on a reset is its part.
 * Only SYSTEM_OFF reports a test result: a reset may recur in every run of
 * a restarted VM, and a scenario must see each test once. */
static void system_off(unsigned i, const char *what, bool reset)
{
	vmm_log("%s from vCPU %u: stopping the VM\n", what, i);
	for (unsigned k = 0; k < vmm.nvcpus; k++)
		if (vmm.vcpu[k].on || k == i)
			vmm_vcpu_stop(k);
	vmm.stopped = true;
	vmm_log("exits: dabt %lu hvc %lu smc %lu sysreg %lu other %lu\n", vmm.exits[4],
		vmm.exits[6], vmm.exits[7], vmm.exits[8], vmm.exits[9]);
	/* What the QEMU scenario `linux` waits for (tests/qemu/scenarios). */
	/* A boot benchmark (guest command line tessera.bench=...) is over: its
	 * native twin boots the DTB we generated. */
	if (vmm.cfg->bootargs != 0 && strstr(vmm.cfg->bootargs, "tessera.bench=") != 0)
		vmm_fdt_dump();
	if (reset) {
		vmm_life_power(true);
		return;
	}
	printf("TEST vmm.system_off PASS vm=%s %s\n", vmm.cfg->name, what);
	/* Test mode: the disks' backing stores are checked after power-off. */
	unsigned n = 0, failed = 0;
	if (vmm.cfg->bootargs != 0 && strstr(vmm.cfg->bootargs, "tessera.test=") != 0)
		n = vmm_disk_check(&failed);
	printf("SUMMARY vmm %u %u\n", 1 + n - failed, failed);
	fflush(stdout);
	vmm_life_power(false);
}

bool vmm_psci(unsigned i, uint64_t x[4], struct tsr_msg *r)
{
	uint32_t fn = (uint32_t)x[0];
	int64_t ret = PSCI_NOT_SUPPORTED;

	switch (fn & ~PSCI_64) {
	case PSCI_VERSION:
		ret = PSCI_1_1;
		break;
	case PSCI_CPU_SUSPEND: /* standby: return at once (a spurious wake-up is allowed) */
		ret = PSCI_SUCCESS;
		break;
	case PSCI_CPU_OFF:
		vmm_vcpu_stop(i);
		return false;
	case PSCI_CPU_ON:
		ret = cpu_on(x[1], x[2], x[3]);
		break;
	case PSCI_AFFINITY_INFO: {
		int k = x[2] != 0 ? -1 : find_mpidr(x[1]);
		ret = k < 0 ? PSCI_INVALID_PARAMS : vmm.vcpu[k].on ? 0 : 1;
		break;
	}
	case PSCI_MIGRATE_INFO_TYPE:
		ret = PSCI_MIGRATE_NONE;
		break;
	case PSCI_SYSTEM_OFF:
		system_off(i, "PSCI SYSTEM_OFF", false);
		return false;
	case PSCI_SYSTEM_RESET:
		system_off(i, "PSCI SYSTEM_RESET (the VM stays off; init may start it again)",
			   true);
		return false;
	case PSCI_FEATURES:
		ret = is_supported((uint32_t)x[1]) ? 0 : PSCI_NOT_SUPPORTED;
		break;
	case SMCCC_VERSION:
		ret = SMCCC_1_1;
		break;
	case SMCCC_ARCH_FEATURES: /* no workaround function is implemented */
	default:
		ret = PSCI_NOT_SUPPORTED;
		break;
	}
	vmm_reply(r, VCPU_REPLY_SET_REGS, 1, (uint64_t)ret, 0);
	return true;
}
