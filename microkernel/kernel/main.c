// SPDX-License-Identifier: BSD-2-Clause
/* Generic kernel entry after the arch has set up vectors and page tables. */
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/cpu.h>
#include <kernel/printf.h>
#include <tessera/version.h>

static unsigned ncpus;

static void print_region(const char *name, paddr_t base, paddr_t end, const char *what)
{
	unsigned long size = (unsigned long)(end - base);

	if (size >= (1UL << 20))
		kprintf("  %-8s 0x%010lx-0x%010lx %6lu MiB  %s\n", name, (unsigned long)base,
			(unsigned long)end - 1, size >> 20, what);
	else
		kprintf("  %-8s 0x%010lx-0x%010lx %6lu KiB  %s\n", name, (unsigned long)base,
			(unsigned long)end - 1, size >> 10, what);
}

static void print_banner(const struct boot_info *bi)
{
	kprintf("\nTessera %s (ABI %d) on %s, kernel at %s\n", TESSERA_VERSION, TESSERA_ABI_VERSION,
		bi->platform, arch_kernel_level());
	arch_print_banner();
	kprintf("memory map:\n");
	print_region("ram", bi->ram_base, bi->ram_end, "normal memory");
	if (bi->dtb_size != 0)
		print_region("dtb", bi->dtb_base, bi->dtb_base + bi->dtb_size,
			     "device tree from QEMU");
	else
		kprintf("  dtb      none found at 0x%lx\n", (unsigned long)bi->dtb_base);
	print_region("kernel", bi->kernel_base, bi->kernel_end, "kernel image");
	print_region("archive", bi->archive_base, bi->ram_end, "boot archive window");
	print_region("devices", 0, bi->device_end, "device space");
}

NORETURN void kernel_main(const struct boot_info *bi)
{
	print_banner(bi);
	struct selftest_result r = arch_selftest(bi);
	kprintf("BENCH boot_instructions %lu\n", (unsigned long)bi->boot_instructions);
	kprintf("SUMMARY boot %d %d\n", r.passed, r.failed);
	arch_user_init_cpu(0, arch_boot_stack_top());
	sched_init_cpu(0, &cpus[0].idle_tcb);
	ncpus = 1;
	if (!boot_create_init(bi))
		kprintf("kernel: boot complete; idling\n");
	kernel_lock();
	sched_exit_to_user();
}

unsigned cpus_online(void)
{
	return ncpus;
}
