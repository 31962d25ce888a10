// SPDX-License-Identifier: BSD-2-Clause
/*
 * Stage-2 translation tables (ARM ARM D8: VMSAv8-64 stage 2, 4 KiB granule,
 * 40-bit IPA starting at level 1 with two concatenated level-1 tables, as
 * VTCR_EL2.SL0=1/T0SZ=24 select). Used for user threads (EL0 with stage 1
 * off: every address is an IPA) and for guests alike. Each VSpace owns a
 * VMID; TLB maintenance is by VMID (TLBI VMALLS12E1IS with VTTBR_EL2
 * temporarily holding that VMID).
 */
#include <arch/machine.h>
#include <kernel/arch.h>
#include <kernel/vspace.h>
#include <tessera/objects.h>

#define DESC_VALID	 (1ULL << 0)
#define DESC_TABLE	 (1ULL << 1)   /* table at levels 1-2, page at level 3 */
#define DESC_ATTR_NORMAL (0xfULL << 2) /* MemAttr: Normal, inner+outer write-back */
#define DESC_ATTR_DEVICE (0x1ULL << 2) /* MemAttr: Device-nGnRE */
#define DESC_S2AP_R	 (1ULL << 6)
#define DESC_S2AP_W	 (1ULL << 7)
#define DESC_SH_INNER	 (3ULL << 8)
#define DESC_AF		 (1ULL << 10)
#define DESC_XN		 (2ULL << 53) /* XN[1:0] = 0b10: not executable at EL1 or EL0 */
#define DESC_ADDR_MASK	 0x000000fffffff000ULL

#define ROOT_ENTRIES 1024
#define ENTRIES	     512
#define VMID_COUNT   4096

static uint64_t vmid_owner[VMID_COUNT]; /* VSpace root per VMID; VMID 0 is never given out */
static unsigned vmid_next = 1, vmids_used;

static uint64_t *entry_at(uint64_t root, unsigned level, uint64_t table, uint64_t va)
{
	if (level == 1)
		return (uint64_t *)root + ((va >> 30) & (ROOT_ENTRIES - 1));
	unsigned shift = level == 2 ? 21 : 12;
	return (uint64_t *)table + ((va >> shift) & (ENTRIES - 1));
}

/* Walks to the entry for va at `level` (1..3); NULL if a table on the way is missing. */
static uint64_t *walk(uint64_t root, uint64_t va, unsigned level)
{
	uint64_t *e = entry_at(root, 1, 0, va);

	for (unsigned l = 2; l <= level; l++) {
		if ((*e & (DESC_VALID | DESC_TABLE)) != (DESC_VALID | DESC_TABLE))
			return NULL;
		e = entry_at(root, l, *e & DESC_ADDR_MASK, va);
	}
	return e;
}

static void flush_vmid(uint64_t vmid)
{
	uint64_t saved = sysreg_read(vttbr_el2);

	dsb(ishst);
	sysreg_write(vttbr_el2, vmid << 48);
	isb();
	__asm__ volatile("tlbi vmalls12e1is" ::: "memory");
	dsb(ish);
	sysreg_write(vttbr_el2, saved);
	isb();
}

unsigned vspace_vmids_free(void)
{
	return VMID_COUNT - 1 - vmids_used;
}

uint64_t vspace_create(uint64_t root)
{
	while (vmid_owner[vmid_next] != 0)
		vmid_next = vmid_next + 1 < VMID_COUNT ? vmid_next + 1 : 1;
	uint64_t vmid = vmid_next;
	vmid_owner[vmid] = root;
	vmids_used++;
	flush_vmid(vmid); /* nothing of a previous owner of this VMID may remain */
	return vmid;
}

bool vspace_valid(uint64_t root, uint64_t vmid)
{
	return vmid > 0 && vmid < VMID_COUNT && vmid_owner[vmid] == root && root != 0;
}

void vspace_destroy(uint64_t root, uint64_t vmid)
{
	if (!vspace_valid(root, vmid))
		return;
	vmid_owner[vmid] = 0;
	vmids_used--;
	flush_vmid(vmid);
}

uint64_t vspace_vttbr(uint64_t root, uint64_t vmid)
{
	return root | (vmid << 48);
}

uint64_t vspace_vttbr_checked(uint64_t root, uint64_t vmid)
{
	return vspace_valid(root, vmid) ? vspace_vttbr(root, vmid) : 0;
}

err_t s2pt_map_table(uint64_t root, uint64_t va, uint64_t table, unsigned *level)
{
	uint64_t *e = entry_at(root, 1, 0, va);

	if (*e & DESC_VALID) {
		if (!(*e & DESC_TABLE))
			return ERR_DELETE_FIRST; /* a 1 GiB block is mapped there */
		e = entry_at(root, 2, *e & DESC_ADDR_MASK, va);
		if (*e & DESC_VALID)
			return ERR_DELETE_FIRST; /* every level exists already */
		*level = 3;
	} else {
		*level = 2;
	}
	dsb(ishst);
	*e = table | DESC_VALID | DESC_TABLE;
	dsb(ishst);
	return ERR_OK;
}

err_t s2pt_map_frame(uint64_t root, uint64_t vmid, uint64_t va, uint64_t pa, unsigned size_bits,
		     unsigned rights, unsigned attrs) /*@ ghost (const struct cap *cap) */
{
	unsigned level = size_bits == OBJ_FRAME_2M_BITS ? 2 : 3;
	uint64_t *e = walk(root, va, level);

	(void)vmid;
	if (e == NULL)
		return ERR_FAILED_LOOKUP; /* map the page tables first */
	if (*e & DESC_VALID)
		return ERR_DELETE_FIRST;
	uint64_t d = pa | DESC_VALID | DESC_AF | DESC_SH_INNER;
	d |= level == 3 ? DESC_TABLE : 0;
	d |= (attrs & MAP_DEVICE) ? DESC_ATTR_DEVICE : DESC_ATTR_NORMAL;
	d |= (rights & RIGHT_READ) ? DESC_S2AP_R : 0;
	d |= (rights & RIGHT_WRITE) ? DESC_S2AP_W : 0;
	d |= (attrs & MAP_EXEC) ? 0 : DESC_XN;
	*e = d;
	dsb(ishst);
	return ERR_OK;
}

void vspace_unmap_cap(const struct cap *cap)
{
	uint64_t root = cap->word1, va = cap->word2, vmid = FRAME_AUX_VMID(cap->aux);

	if (root == 0 || !vspace_valid(root, vmid))
		return;
	if (cap->type == CAP_FRAME) {
		uint64_t *e = walk(root, va, cap->size_bits == OBJ_FRAME_2M_BITS ? 2 : 3);
		if (e == NULL || !(*e & DESC_VALID) || (*e & DESC_ADDR_MASK) != cap->obj)
			return;
		*e = 0;
	} else {
		unsigned level = FRAME_AUX_ATTRS(cap->aux);
		uint64_t *e = walk(root, va, level - 1);
		if (e == NULL || (*e & (DESC_VALID | DESC_TABLE)) != (DESC_VALID | DESC_TABLE) ||
		    (*e & DESC_ADDR_MASK) != cap->obj)
			return;
		*e = 0;
		uint64_t *t = (uint64_t *)cap->obj;
		for (unsigned i = 0; i < ENTRIES; i++)
			t[i] = 0; /* frames mapped through it are gone too */
	}
	flush_vmid(vmid);
}

bool s2pt_lookup(uint64_t root, uint64_t va, uint64_t *pa, unsigned *rights)
{
	for (unsigned level = 1; level <= 3; level++) {
		uint64_t *e = walk(root, va, level);
		if (e == NULL || !(*e & DESC_VALID))
			return false;
		bool leaf = level == 3 || !(*e & DESC_TABLE);
		if (leaf) {
			unsigned shift = level == 1 ? 30 : level == 2 ? 21 : 12;
			*pa = (*e & DESC_ADDR_MASK & ~((1ULL << shift) - 1)) |
			      (va & ((1ULL << shift) - 1));
			*rights = ((*e & DESC_S2AP_R) ? RIGHT_READ : 0) |
				  ((*e & DESC_S2AP_W) ? RIGHT_WRITE : 0);
			return true;
		}
	}
	return false;
}
