// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel's own EL2 stage-1 page tables (ARM ARM D8, VMSAv8-64, 4 KiB
 * granule, 39-bit VA starting at level 1). The kernel maps itself 1:1:
 * device space below RAM as Device-nGnRE, execute-never; RAM as Normal
 * write-back in 2 MiB blocks, execute-never except the kernel image.
 */
#include <arch/mmu.h>
#include <kernel/printf.h>
#include <platform.h>

#define PTE_VALID     (1UL << 0)
#define PTE_TABLE     (1UL << 1) /* levels 0-2: next-level table; level 3: page */
#define PTE_BLOCK     (0UL << 1)
#define PTE_ATTR(i)   ((uint64_t)(i) << 2)
#define PTE_AP_RW_EL2 (1UL << 6) /* AP[1] is RES1 in the EL2 regime; AP[2]=0: RW */
#define PTE_SH_INNER  (3UL << 8)
#define PTE_AF	      (1UL << 10)
#define PTE_XN	      (1UL << 54)

/* MAIR_EL2 attribute indices. */
#define ATTR_DEVICE_nGnRnE 0
#define ATTR_DEVICE_nGnRE  1
#define ATTR_NORMAL_WB	   2
#define ATTR_NORMAL_NC	   3
#define MAIR_VALUE	   (0x00UL | (0x04UL << 8) | (0xffUL << 16) | (0x44UL << 24))

/* TCR_EL2 (E2H=0): T0SZ=25, inner/outer WBWA, inner shareable, 4 KiB, 40-bit PA. */
#define TCR_VALUE                                                                                  \
	((1UL << 31) | (1UL << 23) | (2UL << 16) | (3UL << 12) | (1UL << 10) | (1UL << 8) | 25UL)

/* SCTLR_EL2: RES1 bits, plus M, C, SA, I. */
#define SCTLR_RES1 0x30c50830UL
#define SCTLR_M	   (1UL << 0)
#define SCTLR_C	   (1UL << 2)
#define SCTLR_SA   (1UL << 3)
#define SCTLR_I	   (1UL << 12)

#define L1_SHIFT   30
#define L2_SHIFT   21
#define PT_ENTRIES 512
#define RAM_GIB	   ((PLAT_RAM_SIZE + (1UL << L1_SHIFT) - 1) >> L1_SHIFT)

_Static_assert(PLAT_RAM_SIZE % (1UL << L2_SHIFT) == 0, "RAM size must be a multiple of 2 MiB");
_Static_assert(PLAT_RAM_BASE % (1UL << L1_SHIFT) == 0, "RAM base must be 1 GiB aligned");
_Static_assert(PLAT_DEVICE_END <= PLAT_RAM_BASE, "device space lies below RAM");

static uint64_t l1_table[PT_ENTRIES] __attribute__((aligned(4096)));
static uint64_t l2_ram[RAM_GIB][PT_ENTRIES] __attribute__((aligned(4096)));

extern char __text_start[], __text_end[];

static uint64_t ram_block_attrs(paddr_t pa)
{
	paddr_t text_lo = (paddr_t)__text_start & ~((1UL << L2_SHIFT) - 1);
	uint64_t attrs = PTE_VALID | PTE_BLOCK | PTE_ATTR(ATTR_NORMAL_WB) | PTE_AP_RW_EL2 |
			 PTE_SH_INNER | PTE_AF;

	if (pa < text_lo || pa >= (paddr_t)__text_end)
		attrs |= PTE_XN;
	return attrs;
}

/* Runs with the MMU off: only aligned 64-bit stores to page tables. */
void mmu_init(void)
{
	for (paddr_t pa = 0; pa < PLAT_DEVICE_END; pa += 1UL << L1_SHIFT)
		l1_table[pa >> L1_SHIFT] = pa | PTE_VALID | PTE_BLOCK |
					   PTE_ATTR(ATTR_DEVICE_nGnRE) | PTE_AP_RW_EL2 | PTE_AF |
					   PTE_XN;
	for (unsigned g = 0; g < RAM_GIB; g++) {
		paddr_t gib = PLAT_RAM_BASE + ((paddr_t)g << L1_SHIFT);
		for (unsigned i = 0; i < PT_ENTRIES; i++) {
			paddr_t pa = gib + ((paddr_t)i << L2_SHIFT);
			l2_ram[g][i] =
			    pa < PLAT_RAM_BASE + PLAT_RAM_SIZE ? pa | ram_block_attrs(pa) : 0;
		}
		l1_table[gib >> L1_SHIFT] = (paddr_t)l2_ram[g] | PTE_VALID | PTE_TABLE;
	}
	mmu_enable_this_cpu();
}

void mmu_enable_this_cpu(void)
{
	sysreg_write(mair_el2, MAIR_VALUE);
	sysreg_write(tcr_el2, TCR_VALUE);
	sysreg_write(ttbr0_el2, (paddr_t)l1_table);
	dsb(ish);
	__asm__ volatile("tlbi alle2" ::: "memory");
	dsb(ish);
	isb();
	sysreg_write(sctlr_el2, SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I);
	isb();
}

bool mmu_enabled(void)
{
	return (sysreg_read(sctlr_el2) & SCTLR_M) != 0;
}

/* Translates va with AT S1E2R (ARM ARM C5.5); returns false on a fault. */
bool mmu_translate(vaddr_t va, paddr_t *pa)
{
	__asm__ volatile("at s1e2r, %0" ::"r"(va));
	isb();
	uint64_t par = sysreg_read(par_el1);
	if (par & 1)
		return false;
	*pa = (par & 0xfffffffff000UL) | (va & 0xfff);
	return true;
}

/*
 * DC ZVA zeroes one block of 4 << DCZID_EL0.BS bytes per instruction (ARM
 * ARM C5.3.21, D17.2.35); DCZID_EL0.DZP set means it is prohibited. Ranges
 * not made of whole aligned blocks (small objects) are zeroed by stores.
 * Retyping guest RAM zeroes hundreds of MiB: this is most of a VM's
 * creation time.
 */
void arch_zero(uint64_t addr, uint64_t bytes)
{
	uint64_t dczid = sysreg_read(dczid_el0);
	uint64_t block = 4ULL << (dczid & 0xf);

	if ((dczid & (1U << 4)) == 0 && addr % block == 0 && bytes % (4 * block) == 0) {
		for (uint64_t a = addr; a < addr + bytes; a += 4 * block) /* 4 per turn */
			__asm__ volatile(
			    "dc zva, %0\n dc zva, %1\n dc zva, %2\n dc zva, %3" ::"r"(a),
			    "r"(a + block), "r"(a + 2 * block), "r"(a + 3 * block)
			    : "memory");
		dsb(ish);
		return;
	}
	uint64_t *p = (uint64_t *)addr;
	for (uint64_t i = 0; i < bytes / 8; i++)
		p[i] = 0;
}
