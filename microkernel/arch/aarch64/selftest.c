// SPDX-License-Identifier: BSD-2-Clause
/*
 * Boot self-checks of the aarch64 foundation, printed as TEST lines for the
 * QEMU runner: the kernel runs at EL2, its page tables translate and protect
 * as intended, its vectors catch an exception and return, the interrupt
 * controller was recognised and the PMU counts instructions; then the
 * interrupt, timer and SMP checks of selftest_irq.c.
 */
#include <arch/gic.h>
#include <arch/mmu.h>
#include <arch/pmu.h>
#include <arch/selftest.h>
#include <arch/trap.h>
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/printf.h>
#include <platform.h>

static void report(struct selftest_result *r, const char *name, bool ok, const char *detail)
{
	kprintf("TEST boot.%s %s%s%s\n", name, ok ? "PASS" : "FAIL", detail[0] ? " " : "", detail);
	if (ok)
		r->passed++;
	else
		r->failed++;
}

static bool check_mmu(void)
{
	paddr_t pa = 0;
	static volatile uint64_t probe;

	if (!mmu_enabled())
		return false;
	/* Identity map of RAM and of the UART, and nothing above RAM. */
	if (!mmu_translate((vaddr_t)&probe, &pa) || pa != (paddr_t)&probe)
		return false;
	if (!mmu_translate(PLAT_UART_BASE, &pa) || pa != PLAT_UART_BASE)
		return false;
	if (mmu_translate(PLAT_RAM_BASE + PLAT_RAM_SIZE, &pa))
		return false;
	probe = 0x5e55e7a;
	return probe == 0x5e55e7a;
}

static bool check_vectors(void)
{
	unsigned before = trap_selftest_brks;

	__asm__ volatile("brk %0" ::"i"(BRK_SELFTEST));
	__asm__ volatile("brk %0" ::"i"(BRK_SELFTEST));
	return trap_selftest_brks == before + 2;
}

/*
 * QEMU implements INST_RETIRED only under -icount and then advertises it in
 * PMCEID0_EL0 bit 8 (ARM ARM D17.5.10). The counter must advance exactly
 * when the event is advertised.
 */
static bool check_pmu(bool *supported)
{
	uint64_t a = pmu_instructions();
	for (volatile int i = 0; i < 100; i++)
		;
	uint64_t b = pmu_instructions();

	*supported = (sysreg_read(pmceid0_el0) >> PMU_EVENT_INST_RETIRED) & 1;
	return *supported ? b > a + 100 : b == a;
}

struct selftest_result arch_selftest(const struct boot_info *bi)
{
	struct selftest_result r = {0, 0};
	char detail[64];

	report(&r, "el2", ((sysreg_read(CurrentEL) >> 2) & 3) == 2, "");
	report(&r, "mmu", check_mmu(), "");
	report(&r, "vectors", check_vectors(), "");
	ksnprintf(detail, sizeof(detail), "gicv%u", arch_irqc_version());
	report(&r, "gic", arch_irqc_version() == 2 || arch_irqc_version() == 3, detail);
	bool counting;
	bool pmu_ok = check_pmu(&counting);
	report(&r, "pmu", pmu_ok,
	       counting ? "inst_retired counting" : "inst_retired not offered (no -icount)");
	ksnprintf(detail, sizeof(detail), "%zu bytes", bi->dtb_size);
	report(&r, "dtb", bi->dtb_size != 0, detail);
	report(&r, "timer_irq", selftest_timer_irq(detail, sizeof(detail)), detail);
	report(&r, "smp", selftest_smp(detail, sizeof(detail)), detail);
	report(&r, "ipi", selftest_ipi(detail, sizeof(detail)), detail);
	report(&r, "irqc_spi", selftest_irqc_spi(detail, sizeof(detail)), detail);
	return r;
}

void arch_print_banner(void)
{
	uint64_t midr = sysreg_read(midr_el1);
	unsigned gic = arch_irqc_version();

	kprintf("cpu: MIDR 0x%lx, boot core MPIDR 0x%lx\n", (unsigned long)midr,
		(unsigned long)(sysreg_read(mpidr_el1) & 0xff00ffffffUL));
	if (gic == 3)
		kprintf("gic: GICv3, distributor 0x%lx, redistributors 0x%lx\n", PLAT_GICD_BASE,
			PLAT_GICR_BASE);
	else if (gic == 2)
		kprintf("gic: GICv2, distributor 0x%lx, cpu interface 0x%lx\n", PLAT_GICD_BASE,
			PLAT_GICC_BASE);
	else
		kprintf("gic: unrecognised distributor at 0x%lx\n", PLAT_GICD_BASE);
}
