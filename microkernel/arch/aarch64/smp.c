// SPDX-License-Identifier: BSD-2-Clause
/*
 * Core numbering and secondary-core bring-up through PSCI CPU_ON (DEN0022
 * 5.6). With virtualization=on and no EL3, QEMU's built-in PSCI firmware
 * answers SMC (the SMC conduit). A started core enters secondary_entry
 * (secondary.S) at EL2 with the MMU off and its index in x0.
 */
#include <arch/gic.h>
#include <arch/mmu.h>
#include <arch/smp.h>
#include <kernel/arch.h>
#include <kernel/irq.h>
#include <kernel/printf.h>

#define PSCI_CPU_ON_64	      0xc4000003U
#define PSCI_SUCCESS	      0
#define PSCI_ALREADY_ON	      (-4)
#define SMP_ONLINE_TIMEOUT_MS 1000

extern char secondary_entry[];
/* secondary.S: SMC Calling Convention call, x0 = function id, result in x0. */
long psci_smc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);

static volatile bool cpu_online[PLAT_MAX_CPUS];

/* MPIDR_EL1.Aff0 (ARM ARM D17.2.101): QEMU virt numbers cores 0..7 per cluster. */
unsigned cpu_id(void)
{
	return sysreg_read(mpidr_el1) & 0xff;
}

/* All cores of QEMU virt with up to 8 cores share Aff3..Aff1 with the boot core. */
uint64_t cpu_mpidr(unsigned core)
{
	return (sysreg_read(mpidr_el1) & MPIDR_AFF_MASK & ~0xffUL) | core;
}

void smp_report_online(void)
{
	dsb(ish);
	cpu_online[cpu_id()] = true;
	dsb(ish);
}

bool smp_core_online(unsigned core)
{
	return core < PLAT_MAX_CPUS && cpu_online[core];
}

static bool wait_online(unsigned core)
{
	uint64_t end = timer_now() + timer_freq() * SMP_ONLINE_TIMEOUT_MS / 1000;

	while (!cpu_online[core]) {
		if (timer_now() > end)
			return false;
		cpu_relax();
	}
	return true;
}

unsigned smp_start_secondaries(void)
{
	unsigned self = cpu_id(), online = 1;

	cpu_online[self] = true;
	for (unsigned core = 0; core < PLAT_MAX_CPUS; core++) {
		if (core == self)
			continue;
		long r =
		    psci_smc(PSCI_CPU_ON_64, cpu_mpidr(core), (uintptr_t)secondary_entry, core);
		if (r != PSCI_SUCCESS && r != PSCI_ALREADY_ON)
			continue; /* e.g. INVALID_PARAMETERS: no such core */
		if (wait_online(core))
			online++;
		else
			kprintf("smp: core %u did not come online (PSCI %ld)\n", core, r);
	}
	return online;
}

/* Called by secondary.S on the core's own stack, MMU and vectors on. */
NORETURN void secondary_main(unsigned core)
{
	irqc_init_cpu();
	timer_init_cpu();
	kernel_secondary_main(core);
}

/* Default until the generic kernel schedules on secondaries: idle, interrupts on. */
__attribute__((weak)) NORETURN void kernel_secondary_main(unsigned core)
{
	(void)core;
	smp_report_online();
	__asm__ volatile("msr daifclr, #2" ::: "memory");
	for (;;)
		__asm__ volatile("wfi" ::: "memory");
}
