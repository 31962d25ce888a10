/* SPDX-License-Identifier: BSD-2-Clause */
/* aarch64 register access and barriers (ARM ARM DDI 0487, chapter D). */
#ifndef ARCH_MACHINE_H
#define ARCH_MACHINE_H

#include <stdint.h>

#define sysreg_read(reg)                                                                           \
	({                                                                                         \
		uint64_t v__;                                                                      \
		__asm__ volatile("mrs %0, " #reg : "=r"(v__));                                     \
		v__;                                                                               \
	})
#define sysreg_write(reg, v) __asm__ volatile("msr " #reg ", %0" ::"r"((uint64_t)(v)))

#define isb() __asm__ volatile("isb" ::: "memory")
/* In a busy-wait loop: a hint that another core must act first. YIELD
 * (ARM ARM C6.2.398) also makes QEMU's round-robin TCG (-icount) switch to
 * another vCPU instead of spinning out its whole time slice. */
#define cpu_relax() __asm__ volatile("yield" ::: "memory")
#define dsb(opt)    __asm__ volatile("dsb " #opt ::: "memory")

static inline uint32_t mmio_read32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

static inline uint8_t mmio_read8(uintptr_t addr)
{
	return *(volatile uint8_t *)addr;
}

static inline void mmio_write8(uintptr_t addr, uint8_t v)
{
	*(volatile uint8_t *)addr = v;
}

static inline uint64_t mmio_read64(uintptr_t addr)
{
	return *(volatile uint64_t *)addr;
}

static inline void mmio_write64(uintptr_t addr, uint64_t v)
{
	*(volatile uint64_t *)addr = v;
}

#endif
