// SPDX-License-Identifier: BSD-2-Clause
/*
 * Creating the first user thread, init (docs/spec: "Boot information").
 * Init gets: its TCB, CNode, VSpace, IPC buffer, the boot info frame, the
 * kernel log ring and its notification, IRQ control, frame caps over its
 * own image and stack, read-only frames over the boot archive and the DTB,
 * and every other byte of RAM and user device space as untyped memory.
 */
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/cpu.h>
#include <kernel/invoke.h>
#include <kernel/log.h>
#include <kernel/printf.h>
#include <kernel/vspace.h>
#include <platform.h>
#include <tessera/bootinfo.h>
#include <tessera/version.h>

#define PAGE	      4096UL
#define MIB2	      0x200000UL
#define BOOT_PT_SLOTS 64

struct range {
	paddr_t base, end;
};

static struct {
	paddr_t cur, end; /* bump allocator for boot objects */
	struct cte *cnode;
	uint64_t next_slot;
	uint64_t pt_slot; /* page-table caps: [SLOT_FIRST_FREE_FIXED, +BOOT_PT_SLOTS) */
	uint64_t root, vmid;
	struct bootinfo *bi;
} b;

static void *boot_alloc(uint64_t bytes)
{
	paddr_t p = ALIGN_UP(b.cur, bytes);

	if (p + bytes > b.end)
		panic("boot: out of memory for init's objects");
	b.cur = p + bytes;
	uint64_t *w = (uint64_t *)p;
	for (uint64_t i = 0; i < bytes / 8; i++)
		w[i] = 0;
	return (void *)p;
}

static struct cte *put_cap(uint64_t slot, const struct cap *cap)
{
	struct cte *s = &b.cnode[slot];
	cdt_insert_child(NULL, s, cap, true);
	return s;
}

static uint64_t new_slot(void)
{
	if (b.next_slot >= (1UL << INIT_CNODE_BITS))
		panic("boot: init's CNode is full");
	return b.next_slot++;
}

/* Maps a frame into init's VSpace, creating page tables (and their caps) as needed. */
static void map(uint64_t va, paddr_t pa, unsigned size_bits, unsigned rights, unsigned attrs,
		uint64_t slot, bool device)
{
	for (;;) {
		err_t e = s2pt_map_frame(b.root, b.vmid, va, pa, size_bits, rights, attrs);
		if (e == ERR_OK)
			break;
		if (e != ERR_FAILED_LOOKUP)
			panic("boot: cannot map 0x%lx for init (error %d)", (unsigned long)va, e);
		uint64_t pt = (uint64_t)boot_alloc(PAGE);
		unsigned level;
		if (s2pt_map_table(b.root, va, pt, &level) != ERR_OK)
			panic("boot: page table for 0x%lx", (unsigned long)va);
		struct cap c = {.type = CAP_PAGE_TABLE,
				.size_bits = OBJ_PAGE_TABLE_BITS,
				.rights = RIGHTS_ALL,
				.obj = pt,
				.aux = FRAME_AUX(level, b.vmid),
				.word1 = b.root,
				.word2 = va};
		if (b.pt_slot >= SLOT_FIRST_FREE_FIXED + BOOT_PT_SLOTS)
			panic("boot: init needs more than %d page tables", BOOT_PT_SLOTS);
		put_cap(b.pt_slot++, &c);
	}
	struct cap f = {.type = CAP_FRAME,
			.rights = (uint8_t)rights,
			.size_bits = (uint8_t)size_bits,
			.flags = device ? CAP_F_DEVICE : 0,
			.aux = FRAME_AUX(attrs, b.vmid),
			.obj = pa,
			.word1 = b.root,
			.word2 = va};
	put_cap(slot, &f);
}

/* Maps [pa, pa+len) at va with frames of 2^bits bytes; returns their slot range. */
static struct bootinfo_range map_range(uint64_t va, paddr_t pa, uint64_t len, unsigned bits,
				       unsigned rights, unsigned attrs)
{
	uint64_t step = 1UL << bits;
	uint64_t n = ALIGN_UP(len, step) / step;
	struct bootinfo_range r = {b.next_slot, b.next_slot + n};

	if (r.end > (1UL << INIT_CNODE_BITS))
		panic("boot: init's CNode is full");
	b.next_slot = r.end; /* frame slots stay contiguous; page-table caps come after */
	for (uint64_t i = 0; i < n; i++)
		map(va + i * step, pa + i * step, bits, rights, attrs, r.start + i, false);
	return r;
}

/* Hands [base, end) to init as untyped caps of the largest aligned power-of-two sizes. */
static void give_untyped(paddr_t base, paddr_t end, bool device)
{
	struct bootinfo *bi = b.bi;

	while (base + PAGE <= end) {
		unsigned bits = base ? (unsigned)__builtin_ctzll(base) : 47;
		while (bits > 47 || (bits >= 12 && base + (1ULL << bits) > end))
			bits--;
		if (bits < 12)
			break;
		uint64_t n = bi->untyped.end - bi->untyped.start;
		if (n >= BOOTINFO_MAX_UNTYPED) {
			kprintf(
			    "boot: more than %d untyped regions; 0x%lx-0x%lx not given to init\n",
			    BOOTINFO_MAX_UNTYPED, (unsigned long)base, (unsigned long)end);
			return;
		}
		struct cap c = {.type = CAP_UNTYPED,
				.rights = RIGHTS_ALL,
				.size_bits = (uint8_t)bits,
				.flags = device ? CAP_F_DEVICE : 0,
				.obj = base};
		put_cap(new_slot(), &c);
		bi->untyped_list[n] = (struct bootinfo_untyped){
		    .paddr = base, .size_bits = (uint8_t)bits, .is_device = device};
		bi->untyped.end++;
		base += 1ULL << bits;
	}
}

/* RAM not reserved for the kernel, init's image, the archive or boot objects. */
static void give_free_ram(const struct range *reserved, unsigned nres, paddr_t ram_end)
{
	paddr_t at = PLAT_RAM_BASE;

	for (unsigned i = 0; i <= nres; i++) {
		paddr_t stop = i < nres ? reserved[i].base : ram_end;
		if (stop > at)
			give_untyped(at, stop, false);
		if (i < nres && reserved[i].end > at)
			at = reserved[i].end;
	}
}

static void make_thread_roots(struct tcb *t)
{
	struct cap c;
	bool rev;

	if (cap_derive(&b.cnode[SLOT_INIT_CNODE], RIGHTS_ALL, 0, false, &c, &rev) == ERR_OK)
		cdt_insert_child(&b.cnode[SLOT_INIT_CNODE], &t->cspace_slot, &c, false);
	if (cap_derive(&b.cnode[SLOT_INIT_VSPACE], RIGHTS_ALL, 0, false, &c, &rev) == ERR_OK)
		cdt_insert_child(&b.cnode[SLOT_INIT_VSPACE], &t->vspace_slot, &c, false);
	if (cap_derive(&b.cnode[SLOT_INIT_IPCBUF], RIGHTS_ALL, 0, false, &c, &rev) == ERR_OK)
		cdt_insert_child(&b.cnode[SLOT_INIT_IPCBUF], &t->ipcbuf_slot, &c, false);
}

bool boot_create_init(const struct boot_info *kbi)
{
	const struct init_image_header *h = (const struct init_image_header *)PLAT_INIT_BASE;
	const struct archive_header *ah = (const struct archive_header *)PLAT_ARCHIVE_BASE;

	if (h->magic != INIT_IMAGE_MAGIC || h->mem_size < h->file_size || h->mem_size > 0x4000000 ||
	    h->entry < INIT_VADDR || h->entry >= INIT_VADDR + h->mem_size) {
		kprintf("boot: no valid init image at 0x%lx: no user level\n", PLAT_INIT_BASE);
		return false;
	}
	uint64_t archive = ah->magic == ARCHIVE_MAGIC ? ah->total_size : 0;
	if (archive > kbi->ram_end - PLAT_ARCHIVE_BASE)
		archive = 0;
	paddr_t image_end = PLAT_INIT_BASE + ALIGN_UP(h->mem_size, PAGE);
	struct range res[3] = {
	    {PLAT_RAM_BASE, ALIGN_UP(kbi->kernel_end, PAGE)},
	    {PLAT_INIT_BASE, image_end},
	    {PLAT_ARCHIVE_BASE, PLAT_ARCHIVE_BASE + ALIGN_UP(archive, MIB2)},
	};
	/* Boot objects come from the RAM between the kernel and init's image. */
	b.cur = res[0].end;
	b.end = PLAT_INIT_BASE;
	b.cnode = boot_alloc(sizeof(struct cte) << INIT_CNODE_BITS);
	b.pt_slot = SLOT_FIRST_FREE_FIXED;
	b.next_slot = SLOT_FIRST_FREE_FIXED + BOOT_PT_SLOTS;
	struct tcb *t = boot_alloc(1UL << OBJ_TCB_BITS);
	b.root = (uint64_t)boot_alloc(1UL << OBJ_VSPACE_BITS);
	b.vmid = vspace_create(b.root);
	b.bi = boot_alloc(PAGE);
	struct log_ring *ring = boot_alloc(PAGE);
	struct notification *log_ntfn = boot_alloc(1UL << OBJ_NOTIFICATION_BITS);

	struct cap c = {.type = CAP_CNODE,
			.rights = RIGHTS_ALL,
			.size_bits = INIT_CNODE_BITS,
			.aux = 64 - INIT_CNODE_BITS,
			.obj = (uint64_t)b.cnode};
	put_cap(SLOT_INIT_CNODE, &c);
	tcb_init(t);
	put_cap(SLOT_INIT_TCB, &(struct cap){.type = CAP_TCB,
					     .rights = RIGHTS_ALL,
					     .obj = (uint64_t)t,
					     .size_bits = OBJ_TCB_BITS});
	put_cap(SLOT_INIT_VSPACE, &(struct cap){.type = CAP_VSPACE,
						.rights = RIGHTS_ALL,
						.obj = b.root,
						.word1 = b.vmid,
						.size_bits = OBJ_VSPACE_BITS});
	put_cap(SLOT_IRQ_CONTROL, &(struct cap){.type = CAP_IRQ_CONTROL, .rights = RIGHTS_ALL});
	put_cap(SLOT_LOG_NOTIFICATION, &(struct cap){.type = CAP_NOTIFICATION,
						     .rights = RIGHTS_ALL,
						     .obj = (uint64_t)log_ntfn,
						     .size_bits = OBJ_NOTIFICATION_BITS});
	struct bootinfo *bi = b.bi;
	bi->abi_version = TESSERA_ABI_VERSION;
	bi->num_cores = cpus_online();
	bi->ram_base = PLAT_RAM_BASE;
	bi->ram_size = kbi->ram_end - PLAT_RAM_BASE;
	bi->archive_size = archive;
	bi->dtb_size = kbi->dtb_size;
	bi->log_ring_size = PAGE;
	bi->uart_paddr = PLAT_UART_BASE;
	bi->irqc_version = arch_irqc_version();

	uint64_t *bss = (uint64_t *)(PLAT_INIT_BASE + ALIGN_UP(h->file_size, 8));
	for (uint64_t *p = bss; (paddr_t)p < PLAT_INIT_BASE + h->mem_size; p++)
		*p = 0;
	bi->image_frames = map_range(INIT_VADDR, PLAT_INIT_BASE, h->mem_size, 12,
				     RIGHT_READ | RIGHT_WRITE, MAP_EXEC);
	paddr_t stack = (paddr_t)boot_alloc(INIT_STACK_SIZE);
	struct bootinfo_range st = map_range(INIT_STACK_TOP - INIT_STACK_SIZE, stack,
					     INIT_STACK_SIZE, 12, RIGHT_READ | RIGHT_WRITE, 0);
	map(INIT_IPCBUF_VADDR, (paddr_t)boot_alloc(PAGE), 12, RIGHT_READ | RIGHT_WRITE, 0,
	    SLOT_INIT_IPCBUF, false);
	map(BOOTINFO_VADDR, (paddr_t)bi, 12, RIGHT_READ, 0, SLOT_BOOTINFO_FRAME, false);
	map(LOG_RING_VADDR, (paddr_t)ring, 12, RIGHT_READ | RIGHT_WRITE, 0, SLOT_LOG_RING_FRAME,
	    false);
	bi->archive_frames =
	    map_range(ARCHIVE_VADDR, PLAT_ARCHIVE_BASE, archive, 21, RIGHT_READ, 0);
	bi->dtb_frames = map_range(DTB_VADDR, kbi->dtb_base, kbi->dtb_size, 12, RIGHT_READ, 0);
	bi->image_frames.end = st.end;
	bi->paging = (struct bootinfo_range){SLOT_FIRST_FREE_FIXED, b.pt_slot};

	res[0].end = ALIGN_UP(b.cur, PAGE); /* boot objects stay with the kernel */
	bi->untyped.start = bi->untyped.end = b.next_slot;
	give_free_ram(res, 3, kbi->ram_end);
	give_untyped(0, PLAT_KERNEL_DEV_BASE, true);
	give_untyped(PLAT_KERNEL_DEV_END, PLAT_DEVICE_END, true);
	give_untyped(PLAT_GUEST_DEV_BASE, PLAT_GUEST_DEV_END, true);
	bi->empty.start = b.next_slot;
	bi->empty.end = 1UL << INIT_CNODE_BITS;

	make_thread_roots(t);
	t->ipcbuf_vaddr = INIT_IPCBUF_VADDR;
	t->regs.pc = h->entry;
	t->regs.sp = INIT_STACK_TOP;
	t->regs.x[0] = BOOTINFO_VADDR;
	t->priority = 255;
	t->mcp = 255;
	log_attach(ring, log_ntfn);
	sched_make_runnable(t);
	kprintf("boot: init at 0x%lx, %lu untyped caps, archive %lu KiB\n", (unsigned long)h->entry,
		(unsigned long)(bi->untyped.end - bi->untyped.start), (unsigned long)archive >> 10);
	return true;
}
