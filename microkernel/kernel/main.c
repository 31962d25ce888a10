// SPDX-License-Identifier: BSD-2-Clause
/* Generic kernel entry after the arch has set up vectors and page tables. */
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/cpu.h>
#include <kernel/irq.h>
#include <kernel/irqcap.h>
#include <kernel/printf.h>
#include <kernel/vcpu.h>
#include <tessera/version.h>

#define TICKS_PER_SECOND 200

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

static void print_banner(const struct boot_info *bi, unsigned cores)
{
	kprintf("\nTessera %s (ABI %d) on %s, kernel at %s\n", TESSERA_VERSION, TESSERA_ABI_VERSION,
		bi->platform, arch_kernel_level());
	arch_print_banner();
	kprintf("cores: %u online\n", cores);
	kprintf("timer: %lu Hz\n", (unsigned long)timer_freq());
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
	arch_user_init_cpu(0, arch_stack_top(0));
	sched_init_cpu(0, &cpus[0].idle_tcb);
	irqc_init();
	irqc_init_cpu();
	timer_init_cpu();
	arch_vcpu_init_cpu(0);
	unsigned cores = smp_start_secondaries();
	ncpus = cores;
	print_banner(bi, cores);
	struct selftest_result r = arch_selftest(bi);
	if (bi->boot_instructions != 0) /* QEMU counts instructions only under -icount */
		kprintf("BENCH boot_instructions %lu\n", (unsigned long)bi->boot_instructions);
	kprintf("SUMMARY boot %d %d\n", r.passed, r.failed);
	kernel_lock();
	kernel_timer_tick();
	if (!boot_create_init(bi))
		kprintf("kernel: boot complete; idling\n");
	sched_exit_to_user();
}

/* Secondary cores: per-core scheduler state, then idle until there is work. */
NORETURN void kernel_secondary_main(unsigned core)
{
	arch_user_init_cpu(core, arch_stack_top(core));
	sched_init_cpu(core, &cpus[core].idle_tcb);
	arch_vcpu_init_cpu(core);
	smp_report_online();
	kernel_lock();
	kernel_timer_tick();
	sched_exit_to_user();
}

/* Round robin within a priority: every tick the running thread goes behind its equals. */
void kernel_timer_tick(void)
{
	timer_set_deadline(timer_now() + timer_freq() / TICKS_PER_SECOND);
	sched_yield_current();
	vcpu_tick();
}

void kernel_ipi(void)
{
	sched_request();
}

bool kernel_irq(unsigned irq)
{
	return irq_deliver(irq);
}

unsigned cpus_online(void)
{
	return ncpus;
}
