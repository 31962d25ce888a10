// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test VMM set-up (configs/test-vm.tsr gives the caps): objects from the
 * untyped pool; a guest VSpace that maps copies of this image's loaded
 * segments at the same addresses (the guest code is part of this image),
 * one read-only page at GUEST_RO, the GICV frame at GUEST_GICC (used by
 * GICv2 guests); a TCB bound to a VCPU, faulting to vm_fault_ep. On the
 * guest's request, QEMU's PL031 passed through (vm_passthrough).
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>

#include "glue.h"
#include "guest.h"
#include "vmtest.h"

/* Where this task maps a frame while it copies into it. */
#define COPY_WINDOW 0x00300000UL

tsr_cptr_t vm_vcpu, vm_vcpu2, vm_fault_ep, vm_reply, vm_race_frame;
static tsr_cptr_t guest_vs, guest_tcb;
static uint64_t next_slot = TSR_SLOT_FIRST_FREE;
static unsigned num_cores;
static int passed, failed;

void report(const char *name, bool ok, const char *detail)
{
	printf("TEST vm.%s %s%s%s\n", name, ok ? "PASS" : "FAIL", detail[0] ? " " : "", detail);
	ok ? passed++ : failed++;
}

void report_summary(void)
{
	printf("SUMMARY vm %d %d\n", passed, failed);
}

static tsr_cptr_t slot_alloc(void)
{
	return next_slot < TSR_SLOT_END ? next_slot++ : 0;
}

static tsr_cptr_t make_from_bits(tsr_cptr_t ut, unsigned type, unsigned bits)
{
	tsr_cptr_t s = slot_alloc();

	if (s == 0 || tsr_untyped_retype(ut, type, bits, TSR_SLOT_CNODE, TSR_SLOT_CNODE, TSR_DEPTH,
					 s, 1) != ERR_OK)
		return 0;
	return s;
}

static tsr_cptr_t make(unsigned type)
{
	return make_from_bits(TSR_SLOT_POOL, type, 0);
}

/* The core count, found by moving a fresh thread to each core in turn
 * (TCB_SetAffinity refuses a core that is not online with ERR_RANGE). */
static unsigned count_cores(void)
{
	tsr_cptr_t t = make(OBJ_TCB);
	unsigned n = 1;

	while (t && n < 64 && tsr_tcb_set_affinity(t, n) == ERR_OK)
		n++;
	if (t && tsr_cnode_delete(TSR_SLOT_CNODE, t, TSR_DEPTH) != ERR_OK)
		printf("vmm: cannot delete the probe thread\n");
	return n;
}

void vm_setup_resources(void)
{
	vm_fault_ep = make(OBJ_ENDPOINT);
	vm_reply = make(OBJ_REPLY);
	num_cores = count_cores();
}

static bool map_table(tsr_cptr_t vs, uint64_t va)
{
	tsr_cptr_t pt = make(OBJ_PAGE_TABLE);
	enum tessera_err e = pt ? tsr_page_table_map(pt, vs, va) : ERR_NOT_ENOUGH_MEMORY;
	if (e != ERR_DELETE_FIRST)
		return e == ERR_OK;
	/* The table exists already: give back the slot (the last one made). */
	if (tsr_cnode_delete(TSR_SLOT_CNODE, pt, TSR_DEPTH) != ERR_OK)
		return false;
	next_slot--;
	return true;
}

/* A new frame holding a copy of this task's page at va, mapped at va in vs. */
static bool copy_page(tsr_cptr_t vs, uint64_t va)
{
	tsr_cptr_t f = make(OBJ_FRAME_4K);

	if (!f || !map_table(TSR_SLOT_VSPACE, COPY_WINDOW) ||
	    tsr_frame_map(f, TSR_SLOT_VSPACE, COPY_WINDOW, RIGHT_READ | RIGHT_WRITE, 0) != ERR_OK)
		return false;
	memcpy((void *)COPY_WINDOW, (const void *)va, 4096);
	return tsr_frame_unmap(f) == ERR_OK && map_table(vs, va) &&
	       tsr_frame_map(f, vs, va, RIGHT_READ | RIGHT_WRITE, MAP_EXEC) == ERR_OK;
}

/* The guest sees a copy of this image's loaded segments (as init loaded
 * them: code, data, bss) where we do, executable; each guest its own. */
static bool mirror_image(tsr_cptr_t vs)
{
	extern const Elf64_Ehdr __ehdr_start;
	const Elf64_Phdr *ph =
	    (const Elf64_Phdr *)((const char *)&__ehdr_start + __ehdr_start.e_phoff);

	if (!map_table(vs, 0))
		return false;
	for (unsigned i = 0; i < __ehdr_start.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		uint64_t end = ph[i].p_vaddr + ph[i].p_memsz;
		for (uint64_t va = ph[i].p_vaddr & ~0xfffUL; va < end; va += 4096)
			if (!copy_page(vs, va))
				return false;
	}
	return true;
}

/* A page the guest may only read; we see it at GUEST_RO_BACKING. */
static bool map_ro_page(tsr_cptr_t vs)
{
	tsr_cptr_t f = make(OBJ_FRAME_4K), copy = slot_alloc();

	return f && map_table(vs, GUEST_RO) && map_table(TSR_SLOT_VSPACE, GUEST_RO_BACKING) &&
	       tsr_frame_map(f, TSR_SLOT_VSPACE, GUEST_RO_BACKING, RIGHT_READ | RIGHT_WRITE, 0) ==
		   ERR_OK &&
	       tsr_cnode_copy(TSR_SLOT_CNODE, copy, TSR_DEPTH, TSR_SLOT_CNODE, f, TSR_DEPTH,
			      RIGHTS_ALL) == ERR_OK &&
	       tsr_frame_map(copy, vs, GUEST_RO, RIGHT_READ, 0) == ERR_OK;
}

/* A copy of the device frame cap in slot, which must be the frame at paddr. */
static tsr_cptr_t device_frame(tsr_cptr_t slot, uint64_t paddr)
{
	tsr_cptr_t f = slot_alloc();
	uint64_t pa = 0;

	if (!f || tsr_cnode_copy(TSR_SLOT_CNODE, f, TSR_DEPTH, TSR_SLOT_CNODE, slot, TSR_DEPTH,
				 RIGHTS_ALL) != ERR_OK)
		return 0;
	return tsr_frame_address(f, &pa) == ERR_OK && pa == paddr ? f : 0;
}

/* GICv2 guests use the virtual CPU interface as their GICC (on GICv3 the
 * guest uses system registers and never touches it). */
static bool map_gicv(tsr_cptr_t vs)
{
	tsr_cptr_t f = device_frame(TSR_SLOT_GICV, TSR_GICV_GICV_PADDR);

	return f && map_table(vs, GUEST_GICC) &&
	       tsr_frame_map(f, vs, GUEST_GICC, RIGHT_READ | RIGHT_WRITE, MAP_DEVICE) == ERR_OK;
}

/* The link's decode checks (spec 4.30b): each refusal as the spec lists it. */
static bool passthrough_refusals(tsr_cptr_t handler)
{
	tsr_cptr_t ntfn = make(OBJ_NOTIFICATION), timer = slot_alloc();
	bool ok = ntfn && timer && tsr_irq_handler_set_vcpu(handler, vm_vcpu) == ERR_DELETE_FIRST &&
		  tsr_irq_handler_set_vcpu(handler, ntfn) == ERR_INVALID_CAPABILITY &&
		  tsr_irq_handler_ack(handler) == ERR_ILLEGAL_OPERATION &&
		  tsr_vcpu_inject_irq(vm_vcpu, RTC_IRQ, VIRQ_EDGE) == ERR_ILLEGAL_OPERATION &&
		  tsr_irq_control_get(TSR_SLOT_IRQC, TSR_USER_TIMER_IRQ, TSR_SLOT_CNODE, timer,
				      TSR_DEPTH) == ERR_OK &&
		  tsr_irq_handler_set_vcpu(timer, vm_vcpu) == ERR_ILLEGAL_OPERATION;
	return ok && tsr_cnode_delete(TSR_SLOT_CNODE, timer, TSR_DEPTH) == ERR_OK;
}

uint64_t vm_passthrough(bool *refusals_ok)
{
	tsr_cptr_t rtc = device_frame(TSR_SLOT_RTC, GUEST_RTC), handler = slot_alloc();
	enum tessera_err e = ERR_NOT_ENOUGH_MEMORY;

	*refusals_ok = false;
	if (!rtc || !handler || !map_table(guest_vs, GUEST_RTC))
		return e;
	if ((e = tsr_frame_map(rtc, guest_vs, GUEST_RTC, RIGHT_READ | RIGHT_WRITE, MAP_DEVICE)) ||
	    (e = tsr_irq_control_get(TSR_SLOT_IRQC, RTC_IRQ, TSR_SLOT_CNODE, handler, TSR_DEPTH)) ||
	    (e = tsr_vcpu_set_irq_enable(vm_vcpu, RTC_IRQ, false)) ||
	    (e = tsr_irq_handler_set_vcpu(handler, vm_vcpu)))
		return e;
	*refusals_ok = passthrough_refusals(handler);
	/* With a second core the guest now runs on core 1 while the SPI still
	 * targets core 0: the first alarm is taken there, injected across and
	 * re-targeted; the guest's EOI on core 1 must deactivate it. */
	if (num_cores > 1)
		e = tsr_tcb_set_affinity(guest_tcb, 1);
	return e;
}

bool vm_passthrough_done(void)
{
	if (num_cores < 2)
		return true;
	/* The guest's state is live on core 1: only core 1 can move it back. */
	return tsr_tcb_set_affinity(TSR_SLOT_CONTROL_TCB, 1) == ERR_OK &&
	       tsr_tcb_set_affinity(guest_tcb, 0) == ERR_OK &&
	       tsr_tcb_set_affinity(TSR_SLOT_CONTROL_TCB, 0) == ERR_OK;
}

/* A thread in the guest VSpace bound to vcpu, faulting to ep, started at entry. */
/* x0 and x1 of an isolation guest come from g (NULL: left as they are). */
static bool start_vcpu_in(tsr_cptr_t vs, tsr_cptr_t vcpu, tsr_cptr_t tcb, tsr_cptr_t ep,
			  uint64_t entry, uint64_t stack_top, uint64_t vmpidr,
			  const struct iso_guest *g)
{
	const tsr_cptr_t caps[2] = {TSR_SLOT_CNODE, vs};
	const uint64_t w[2] = {ep, 0};
	enum tessera_err e;
	const char *step = "TCB_Configure";
	if ((e = tsr_invoke(tcb, INV_TCB_CONFIGURE, 2, caps, 2, w, 0)) != ERR_OK ||
	    (step = "TCB_SetPriority", e = tsr_tcb_set_priority(tcb, 100)) != ERR_OK ||
	    (step = "VCPU_SetTCB", e = tsr_vcpu_set_tcb(vcpu, tcb, VCPU_F_PMU)) != ERR_OK ||
	    (step = "VCPU_WriteReg", e = tsr_vcpu_write_reg(vcpu, VCPU_REG_SP_EL1, stack_top)) ||
	    (e = tsr_vcpu_write_reg(vcpu, VCPU_REG_VMPIDR_EL2, vmpidr)) != ERR_OK) {
		printf("vmm: cannot configure the vCPU: %s failed with error %d\n", step, (int)e);
		return false;
	}
	uint64_t regs[TCB_REG_X0 + 2];
	unsigned n = g != NULL ? TCB_REG_X0 + 2 : 3;
	if (tsr_tcb_read_regs(tcb, n, regs) != ERR_OK)
		return false;
	regs[TCB_REG_PC] = entry;
	regs[TCB_REG_SP] = 0;
	if (g != NULL) {
		regs[TCB_REG_X0] = g->pattern;
		regs[TCB_REG_X0 + 1] = g->other_ipa;
	}
	return tsr_tcb_write_regs(tcb, 1, n, regs) == ERR_OK;
}

static bool start_vcpu(tsr_cptr_t vcpu, tsr_cptr_t tcb, tsr_cptr_t ep, uint64_t entry,
		       uint64_t stack_top, uint64_t vmpidr)
{
	return start_vcpu_in(guest_vs, vcpu, tcb, ep, entry, stack_top, vmpidr, NULL);
}

bool vm_start_vcpu2(uint64_t entry, uint64_t stack_top)
{
	tsr_cptr_t tcb = make(OBJ_TCB), ep = slot_alloc();
	vm_vcpu2 = make(OBJ_VCPU);
	if (!tcb || !vm_vcpu2 || !ep ||
	    tsr_cnode_mint(TSR_SLOT_CNODE, ep, TSR_DEPTH, TSR_SLOT_CNODE, vm_fault_ep, TSR_DEPTH,
			   RIGHTS_ALL, VCPU2_BADGE) != ERR_OK)
		return false;
	if (num_cores > 1 && tsr_tcb_set_affinity(tcb, 1) != ERR_OK)
		return false;
	return start_vcpu(vm_vcpu2, tcb, ep, entry, stack_top, 0x103);
}

bool vm_start_guest(uint64_t entry, uint64_t stack_top, uint64_t ro_value)
{
	tsr_cptr_t vs = make(OBJ_VSPACE), tcb = make(OBJ_TCB);
	vm_vcpu = make(OBJ_VCPU);
	if (!vs || !tcb || !vm_vcpu || !vm_fault_ep || !vm_reply) {
		printf("vmm: cannot create objects\n");
		return false;
	}
	vm_race_frame = make(OBJ_FRAME_4K);
	if (!mirror_image(vs) || !map_ro_page(vs) || !map_gicv(vs) || !vm_race_frame ||
	    tsr_frame_map(vm_race_frame, vs, GUEST_RACE, RIGHT_READ, 0) != ERR_OK) {
		printf("vmm: cannot build the guest address space\n");
		return false;
	}
	*(volatile uint64_t *)GUEST_RO_BACKING = ro_value;
	guest_vs = vs;
	guest_tcb = tcb;
	return start_vcpu(vm_vcpu, tcb, vm_fault_ep, entry, stack_top, 0x102);
}

tsr_cptr_t vm_make_reply(void)
{
	return make(OBJ_REPLY);
}

/* A frame mapped at ipa in vs (read-write) and, if backing != 0, at backing
 * in this task too. */
static bool map_private(tsr_cptr_t vs, uint64_t ipa, uint64_t backing)
{
	tsr_cptr_t f = make(OBJ_FRAME_4K), copy = slot_alloc();

	if (!f || !copy || !map_table(vs, ipa))
		return false;
	if (backing != 0 &&
	    (!map_table(TSR_SLOT_VSPACE, backing) ||
	     tsr_frame_map(f, TSR_SLOT_VSPACE, backing, RIGHT_READ | RIGHT_WRITE, 0) != ERR_OK))
		return false;
	return tsr_cnode_copy(TSR_SLOT_CNODE, copy, TSR_DEPTH, TSR_SLOT_CNODE, f, TSR_DEPTH,
			      RIGHTS_ALL) == ERR_OK &&
	       tsr_frame_map(copy, vs, ipa, RIGHT_READ | RIGHT_WRITE, 0) == ERR_OK;
}

/* The page both isolation guests map at GUEST_ISO_SHARED (zeroed). */
static bool map_iso_shared(tsr_cptr_t vs)
{
	static tsr_cptr_t shared;
	tsr_cptr_t copy = slot_alloc();

	if (shared == 0)
		shared = make(OBJ_FRAME_4K);
	return shared && copy &&
	       tsr_cnode_copy(TSR_SLOT_CNODE, copy, TSR_DEPTH, TSR_SLOT_CNODE, shared, TSR_DEPTH,
			      RIGHTS_ALL) == ERR_OK &&
	       map_table(vs, GUEST_ISO_SHARED) &&
	       tsr_frame_map(copy, vs, GUEST_ISO_SHARED, RIGHT_READ | RIGHT_WRITE, 0) == ERR_OK;
}

bool vm_start_iso_guest(const struct iso_guest *g, uint64_t entry, uint64_t stack_top)
{
	tsr_cptr_t vs = make(OBJ_VSPACE), tcb = make(OBJ_TCB), vcpu = make(OBJ_VCPU);
	tsr_cptr_t ep = slot_alloc();

	if (!vs || !tcb || !vcpu || !ep || !mirror_image(vs) ||
	    !map_private(vs, GUEST_PRIV, g->backing) || !map_private(vs, g->only_ipa, 0) ||
	    !map_iso_shared(vs) ||
	    tsr_cnode_mint(TSR_SLOT_CNODE, ep, TSR_DEPTH, TSR_SLOT_CNODE, vm_fault_ep, TSR_DEPTH,
			   RIGHTS_ALL, g->badge) != ERR_OK ||
	    !start_vcpu_in(vs, vcpu, tcb, ep, entry, stack_top, 0x100, g)) {
		printf("vmm: cannot build isolation guest %llu\n", (unsigned long long)g->badge);
		return false;
	}
	return true;
}
