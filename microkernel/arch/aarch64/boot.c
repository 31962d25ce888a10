// SPDX-License-Identifier: BSD-2-Clause
/* aarch64 boot: page tables, vectors, boot information, then kernel_main. */
#include <arch/asm.h>
#include <arch/gic.h>
#include <arch/mmu.h>
#include <arch/pmu.h>
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <platform.h>

#define FDT_MAGIC 0xd00dfeedU

extern char vectors_el2[];
extern char __kernel_start[], __kernel_end[];

static struct boot_info boot_info;

static uint32_t be32(uint32_t v)
{
	return __builtin_bswap32(v);
}

/*
 * Finds the extent of the DTB QEMU placed at the start of RAM from its
 * header (magic, totalsize). The kernel does not parse the tree: it only
 * hands the frames to init.
 */
static size_t dtb_size_at(paddr_t base)
{
	const volatile uint32_t *hdr = (const volatile uint32_t *)base;

	if (be32(hdr[0]) != FDT_MAGIC)
		return 0;
	size_t size = be32(hdr[1]);
	return size <= PLAT_DTB_MAX ? size : 0;
}

NORETURN void arch_boot(void)
{
	mmu_init();
	sysreg_write(vbar_el2, (uint64_t)vectors_el2);
	isb();
	gic_probe();

	boot_info.platform = PLAT_NAME;
	boot_info.ram_base = PLAT_RAM_BASE;
	boot_info.ram_end = PLAT_RAM_BASE + PLAT_RAM_SIZE;
	boot_info.dtb_base = PLAT_DTB_BASE;
	boot_info.dtb_size = dtb_size_at(PLAT_DTB_BASE);
	boot_info.kernel_base = (paddr_t)__kernel_start;
	boot_info.kernel_end = (paddr_t)__kernel_end;
	boot_info.archive_base = PLAT_ARCHIVE_BASE;
	boot_info.device_end = PLAT_DEVICE_END;
	boot_info.boot_instructions = pmu_instructions();
	kernel_main(&boot_info);
}

extern char kernel_stacks[];

uint64_t arch_stack_top(unsigned core)
{
	return (uint64_t)kernel_stacks + (core + 1UL) * KERNEL_STACK_SIZE;
}

const char *arch_kernel_level(void)
{
	return ((sysreg_read(CurrentEL) >> 2) & 3) == 2 ? "EL2" : "not EL2";
}

void arch_halt(void)
{
	__asm__ volatile("msr daifset, #0xf");
	for (;;)
		__asm__ volatile("wfi");
}
