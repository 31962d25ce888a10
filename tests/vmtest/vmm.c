// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test VMM (component vmtest of configs/test-vm.tsr): builds a guest VSpace that
 * maps this image at the same addresses, binds a VCPU to a thread that
 * starts at guest_entry (guest.S) at EL1, serves its exits, then checks
 * what the guest reported and prints TEST vm.<name> lines.
 */
#include <stdio.h>
#include <string.h>
#include <tessera/fault.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/runtime.h>

#include "guest.h"
#include "vmtest.h"

extern char guest_entry[], guest_stack_top[], guest_entry2[], guest_stack2_top[];

static uint64_t rep[T_COUNT];
static bool got[T_COUNT];
static struct mmio_write {
	uint64_t ipa, access, data;
} writes[8];
static unsigned nwrites, nloads;
static uint64_t smc_x0, smc_flags, sysreg_read_enc, sysreg_write_enc, sysreg_write_val;
static bool ro_write_perm, hole_seen, smc_seen, sgir_bad, unmapped, race_fault;
static bool pt_refusals_ok, pt_enable_bad, pt_moved_back;
static uint64_t stress_stores, stress_bad, stress_smc, stress_sysreg;
static uint64_t ro_page_value = 0x0123456789abcdefUL;

/* Replies: flags then values. */
static void reply_set(struct tsr_msg *r, uint64_t flags, unsigned n, uint64_t a, uint64_t b)
{
	r->info = tsr_msginfo(FAULT_REPLY_VCPU, 0, 1 + n);
	r->mr[0] = flags;
	r->mr[1] = a;
	r->mr[2] = b;
}

static bool hvc(const struct tsr_msg *m, struct tsr_msg *r)
{
	uint64_t imm = tsr_ipcbuf()->msg[4], x0 = m->mr[0], x1 = m->mr[1];

	reply_set(r, 0, 0, 0, 0);
	switch (imm) {
	case HVC_REPORT:
		if (x0 < T_COUNT) {
			rep[x0] = x1;
			got[x0] = true;
		}
		break;
	case HVC_ECHO:
		reply_set(r, VCPU_REPLY_SET_REGS, 1, x0 + 1, 0);
		break;
	case HVC_INJECT:
		if (tsr_vcpu_inject_irq(vm_vcpu, (unsigned)x0, (unsigned)x1) != ERR_OK)
			printf("vmm: inject %llu failed\n", (unsigned long long)x0);
		break;
	case HVC_START2:
		if (!vm_start_vcpu2((uint64_t)guest_entry2, (uint64_t)guest_stack2_top)) {
			printf("vmm: cannot start the second vCPU\n");
			return false;
		}
		break;
	case HVC_UNMAP:
		unmapped = tsr_frame_unmap(vm_race_frame) == ERR_OK;
		break;
	case HVC_PASSTHROUGH:
		reply_set(r, VCPU_REPLY_SET_REGS, 1, vm_passthrough(&pt_refusals_ok), 0);
		break;
	case HVC_PT_DONE:
		pt_moved_back = vm_passthrough_done();
		break;
	case HVC_UNDEF:
		reply_set(r, VCPU_REPLY_INJECT_UNDEF, 0, 0, 0);
		break;
	case HVC_BENCH:
		printf("BENCH %s %llu\n",
		       x0 == B_HVC    ? "hvc_roundtrip"
		       : x0 == B_MMIO ? "mmio_read_roundtrip"
				      : "vtimer_latency_tessera",
		       (unsigned long long)x1);
		break;
	case HVC_DONE:
		return false;
	default:
		printf("vmm: unknown hvc #%llu\n", (unsigned long long)imm);
		return false;
	}
	return true;
}

/* GICv2 GICD_SGIR (IHI 0048B 4.3.15): TargetListFilter [25:24], CPUTargetList
 * [23:16], SGIINTID [3:0]; CPU interface n is vCPU n, the writer is the source. */
static void sgir_write(uint64_t badge, uint64_t val)
{
	const tsr_cptr_t vcpus[2] = {vm_vcpu, vm_vcpu2};
	unsigned self = badge == VCPU2_BADGE, filter = (unsigned)(val >> 24) & 3;
	unsigned targets = filter == 0	 ? (unsigned)(val >> 16) & 3
			   : filter == 1 ? 3U & ~(1U << self)
					 : 1U << self;
	for (unsigned i = 0; i < 2; i++)
		if ((targets >> i) & 1 && tsr_vcpu_inject_sgi(vcpus[i], val & 0xf, self) != ERR_OK)
			sgir_bad = true;
}

static bool dabt(const struct tsr_msg *m, struct tsr_msg *r)
{
	uint64_t ipa = m->mr[0], access = m->mr[1], data = m->mr[2];

	if (ipa == GUEST_STRESS && (access & VCPU_ACCESS_WRITE)) {
		stress_bad += data != stress_stores++;
		reply_set(r, VCPU_REPLY_ADVANCE, 0, 0, 0);
		return true;
	}
	if (ipa == GUEST_RACE && unmapped && m->badge == VCPU2_BADGE) {
		race_fault = true;
		reply_set(r, VCPU_REPLY_INJECT_DABT, 0, 0, 0);
		return true;
	}
	if (ipa == GUEST_ISENABLER1 && (access & VCPU_ACCESS_WRITE)) {
		for (unsigned b = 0; b < 32; b++) /* what a VMM's distributor model forwards */
			if (((data >> b) & 1) && tsr_vcpu_set_irq_enable(vm_vcpu, 32 + b, true))
				pt_enable_bad = true;
		reply_set(r, VCPU_REPLY_ADVANCE, 0, 0, 0);
		return true;
	}
	if (ipa == GUEST_SGIR && (access & VCPU_ACCESS_WRITE)) {
		sgir_write(m->badge, data);
		reply_set(r, VCPU_REPLY_ADVANCE, 0, 0, 0);
		return true;
	}
	if (ipa >= GUEST_MMIO && ipa < GUEST_MMIO + 0x1000 && (access & VCPU_ACCESS_VALID)) {
		if (access & VCPU_ACCESS_WRITE) {
			if (nwrites < 8)
				writes[nwrites++] = (struct mmio_write){ipa, access, data};
			reply_set(r, VCPU_REPLY_ADVANCE, 0, 0, 0);
		} else {
			nloads++;
			reply_set(r, VCPU_REPLY_LOAD | VCPU_REPLY_ADVANCE, 1, MMIO_PATTERN, 0);
		}
		return true;
	}
	if (ipa == GUEST_RO && (access & VCPU_ACCESS_WRITE)) {
		ro_write_perm = (access & VCPU_ACCESS_PERM) != 0;
		reply_set(r, VCPU_REPLY_ADVANCE, 0, 0, 0);
		return true;
	}
	if (ipa == GUEST_HOLE) {
		hole_seen = true;
		reply_set(r, VCPU_REPLY_INJECT_DABT, 0, 0, 0);
		return true;
	}
	printf("vmm: unexpected data abort at 0x%llx (access 0x%llx)\n", (unsigned long long)ipa,
	       (unsigned long long)access);
	return false;
}

static bool sysreg(const struct tsr_msg *m, struct tsr_msg *r)
{
	/* The first read and write are checked (sysreg_trap); the stress run's
	 * writes must carry its iteration count (0, 1, ...). */
	if (m->mr[1]) {
		if (sysreg_read_enc == 0)
			sysreg_read_enc = m->mr[0];
		reply_set(r, VCPU_REPLY_LOAD | VCPU_REPLY_ADVANCE, 1, 0x1234, 0);
	} else {
		if (sysreg_write_enc == 0) {
			sysreg_write_enc = m->mr[0];
			sysreg_write_val = m->mr[2];
		} else {
			stress_bad += m->mr[2] != stress_sysreg++;
		}
		reply_set(r, VCPU_REPLY_ADVANCE, 0, 0, 0);
	}
	return true;
}

/* Serves exits until the guest says it is done; false on anything unexpected. */
static bool serve(void)
{
	struct tsr_msg m = {0}, r;
	bool ok = tsr_recv(vm_fault_ep, &m, vm_reply) == ERR_OK;

	while (ok) {
		switch (tsr_msginfo_label(m.info)) {
		case FAULT_VCPU_HVC:
			if (!hvc(&m, &r))
				return tsr_ipcbuf()->msg[4] == HVC_DONE;
			break;
		case FAULT_VCPU_SMC:
			if (smc_seen) { /* the stress run's: PSCI_VERSION */
				stress_bad += m.mr[0] != 0x84000000UL;
				stress_smc++;
			} else {
				smc_seen = true;
				smc_x0 = m.mr[0];
				smc_flags = tsr_ipcbuf()->msg[5];
			}
			reply_set(&r, VCPU_REPLY_ADVANCE | VCPU_REPLY_SET_REGS, 1, (uint64_t)-3, 0);
			break;
		case FAULT_VCPU_DABT:
			ok = dabt(&m, &r);
			break;
		case FAULT_VCPU_SYSREG:
			ok = sysreg(&m, &r);
			break;
		default:
			printf("vmm: unexpected exit %llu: %llx %llx %llx\n",
			       (unsigned long long)tsr_msginfo_label(m.info),
			       (unsigned long long)m.mr[0], (unsigned long long)m.mr[1],
			       (unsigned long long)m.mr[2]);
			ok = false;
			break;
		}
		if (!ok)
			break;
		m = r;
		ok = tsr_replyrecv(vm_fault_ep, &m, vm_reply) == ERR_OK;
	}
	return false;
}

static bool loads_ok(void)
{
	static const struct {
		unsigned tag;
		uint64_t want;
	} t[] = {
	    {T_LDRB, 0x88},
	    {T_LDRH, 0x8788},
	    {T_LDRW, 0x85868788},
	    {T_LDRX, MMIO_PATTERN},
	    {T_LDRSB, 0xffffffffffffff88UL},
	    {T_LDRSH, 0xffffffffffff8788UL},
	    {T_LDRSW, 0xffffffff85868788UL},
	    {T_LDRSBW, 0xffffff88UL},
	};
	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!got[t[i].tag] || rep[t[i].tag] != t[i].want)
			return false;
	return true;
}

static bool stores_ok(void)
{
	static const struct mmio_write want[4] = {
	    {GUEST_MMIO + 0x20, 0, 0x88},
	    {GUEST_MMIO + 0x22, 1, 0x7788},
	    {GUEST_MMIO + 0x24, 2, 0x55667788},
	    {GUEST_MMIO + 0x28, 3 | VCPU_ACCESS_SF, 0x1122334455667788UL},
	};
	if (nwrites != 4)
		return false;
	for (unsigned i = 0; i < 4; i++) {
		uint64_t a = writes[i].access;
		if (writes[i].ipa != want[i].ipa || (a & 3) != (want[i].access & 3) ||
		    !(a & VCPU_ACCESS_WRITE) || VCPU_ACCESS_REG(a) != 2 ||
		    writes[i].data != want[i].data)
			return false;
	}
	return true;
}

static bool tag_is(unsigned tag, uint64_t v)
{
	return got[tag] && rep[tag] == v;
}

int run(void)
{
	vm_setup_resources();
	bool started =
	    vm_start_guest((uint64_t)guest_entry, (uint64_t)guest_stack_top, ro_page_value);
	report("guest_started", started, "");
	bool done = started && serve();
	report("guest_completed", done, "");
	char d[64];
	snprintf(d, sizeof(d), "loads=%u", nloads);
	report("mmio_read_sizes", loads_ok(), d);
	report("mmio_write_sizes", stores_ok(), "");
	report("hvc_roundtrip", tag_is(T_ECHO, 42), "");
	report("smc_psci_system_off",
	       smc_seen && smc_x0 == 0x84000008UL && (smc_flags & VCPU_EXIT_ADVANCE) &&
		   tag_is(T_SMC_ALIVE, 1),
	       "");
	snprintf(d, sizeof(d), "read=0x%llx write=0x%llx/0x%llx",
		 (unsigned long long)sysreg_read_enc, (unsigned long long)sysreg_write_enc,
		 (unsigned long long)sysreg_write_val);
	report("sysreg_trap",
	       sysreg_read_enc == VCPU_SYSREG(3, 3, 14, 2, 1) && tag_is(T_PMCR, 0x1234) &&
		   sysreg_write_enc == VCPU_SYSREG(3, 3, 14, 2, 2) && sysreg_write_val == 0x5a,
	       d);
	report("id_regs_sanitised",
	       got[T_PFR0] && ((rep[T_PFR0] >> 32) & 0xf) == 0 && tag_is(T_ZFR0, 0), "");
	report("vmpidr", tag_is(T_MPIDR, 0x80000102UL), "");
	report("stage2_permission", tag_is(T_RO_READ, ro_page_value) && ro_write_perm, "");
	report("unmapped_access", hole_seen && tag_is(T_HOLE_EC, 0x25), "");
	report("inject_undef", tag_is(T_UNDEF_EC, 0), "");
	report("wfi_vtimer", tag_is(T_VTIMER, 27), "");
	report("irq_edge", tag_is(T_EDGE, 40), "");
	report("irq_level_retaken", tag_is(T_LEVEL, 2), "");
	snprintf(d, sizeof(d), "got=%llu/%llu src=%llu/%llu", (unsigned long long)rep[T_SGI_RX1],
		 (unsigned long long)rep[T_SGI_RX2], (unsigned long long)rep[T_SGI_SRC1],
		 (unsigned long long)rep[T_SGI_SRC2]);
	bool v2 = ((rep[T_PFR0] >> 24) & 0xf) == 0;
	report("sgi_first_to_second", !sgir_bad && tag_is(T_SGI_RX2, 5) && tag_is(T_SGI_SRC2, 0),
	       d);
	report("sgi_second_to_first",
	       !sgir_bad && tag_is(T_SGI_RX1, 6) && tag_is(T_SGI_SRC1, v2 ? 1 : 0), d);
	report("second_vcpu_vtimer", tag_is(T_VTIMER2, 27), "");
	snprintf(d, sizeof(d), "setup=%llu irq=%llu/%llu alarms=%llu",
		 (unsigned long long)rep[T_PT_SETUP], (unsigned long long)rep[T_PT_IRQ1],
		 (unsigned long long)rep[T_PT_IRQ2], (unsigned long long)rep[T_PT_COUNT]);
	report("passthrough_setup", tag_is(T_PT_SETUP, 0) && pt_refusals_ok && !pt_enable_bad, d);
	report("passthrough_irq", tag_is(T_PT_IRQ1, RTC_IRQ), d);
	report("passthrough_irq_again",
	       tag_is(T_PT_IRQ2, RTC_IRQ) && tag_is(T_PT_COUNT, 2) && pt_moved_back, d);
	snprintf(d, sizeof(d), "lag=%llu", (unsigned long long)rep[T_RACE_LAG]);
	report("unmap_race", race_fault && tag_is(T_RACE_EC, 0x25) && rep[T_RACE_LAG] <= 2, d);
	snprintf(d, sizeof(d), "iterations=%llu exits=%llu errors=%llu/%llu",
		 (unsigned long long)rep[T_STRESS_N], (unsigned long long)rep[T_STRESS_N] * 8,
		 (unsigned long long)rep[T_STRESS_ER], (unsigned long long)stress_bad);
	report("stress_exits",
	       tag_is(T_STRESS_N, STRESS_ITERS) && tag_is(T_STRESS_ER, 0) && stress_bad == 0 &&
		   stress_stores == STRESS_ITERS && stress_smc == STRESS_ITERS &&
		   stress_sysreg == STRESS_ITERS,
	       d);
	if (done)
		iso_run(); /* the first guest is stopped: two other guests run at once */
	report_summary();
	for (;;)
		tsr_yield();
}
