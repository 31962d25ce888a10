// SPDX-License-Identifier: BSD-2-Clause
/*
 * EL2 trap dispatch. A table with a handler in every slot: anything the
 * kernel does not expect is a broken kernel invariant and panics with the
 * syndrome. Traps from lower ELs arrive here once user threads exist.
 */
#include <arch/trap.h>
#include <kernel/arch.h>
#include <kernel/irq.h>
#include <kernel/printf.h>

volatile unsigned trap_selftest_brks;

typedef void (*trap_fn)(struct trap_frame *f, uint64_t kind);

static NORETURN void trap_unexpected(struct trap_frame *f, uint64_t kind)
{
	panic("unexpected exception kind %lu: ESR 0x%lx (EC 0x%lx) ELR 0x%lx FAR 0x%lx SPSR 0x%lx",
	      (unsigned long)kind, (unsigned long)f->esr, (unsigned long)ESR_EC(f->esr),
	      (unsigned long)f->elr, (unsigned long)f->far, (unsigned long)f->spsr);
}

static void trap_kernel_sync(struct trap_frame *f, uint64_t kind)
{
	if (ESR_EC(f->esr) == EC_BRK64 && (ESR_ISS(f->esr) & 0xffff) == BRK_SELFTEST) {
		trap_selftest_brks++;
		f->elr += 4; /* BRK's preferred return address is the BRK itself */
		return;
	}
	trap_unexpected(f, kind);
}

/*
 * Interrupts taken at EL2: only where the kernel unmasks them without
 * holding the kernel lock (boot self-checks, the idle wait).
 */
static void trap_irq(struct trap_frame *f UNUSED, uint64_t kind UNUSED)
{
	kernel_lock();
	arch_irq_dispatch();
	kernel_unlock();
}

static const trap_fn trap_table[TRAP_KINDS] = {
    [0 ... TRAP_KINDS - 1] = trap_unexpected,
    [TRAP_CUR_SPX_SYNC] = trap_kernel_sync,
    [TRAP_CUR_SPX_IRQ] = trap_irq,
};

void trap_handle(struct trap_frame *f, uint64_t kind)
{
	trap_table[kind & (TRAP_KINDS - 1)](f, kind);
}
