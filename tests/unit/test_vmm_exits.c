// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the VMM's exit handling (vmm/exit.c, psci.c, sysreg.c,
 * mmio.c, gic.c) against a fake kernel that records vCPU starts, stops,
 * injections and enables: PSCI/SMCCC results for every function the VMM
 * implements and for unknown ones, CPU_ON/AFFINITY_INFO/CPU_OFF state, SMC
 * replies advancing the pc, MMIO dispatch and unassigned accesses (abort
 * injected, VMM alive), sysreg RAZ/WI, SGI routing, level lines, the
 * GICv2 distributor (banked registers, GICD_SGIR with sources, targets),
 * passthrough SPIs linked to vCPU 0 and enabled through the distributor.
 */
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include <tessera/invocation.h>
#include <tessera/invoke.h>

#include "check.h"
#include "gic.h"
#include "vmm.h"

struct vmm vmm;
unsigned tsr_irqc_version = 3; /* init passes it at start; these tests model GICv3 */
static struct tsr_vm_config cfg = {.name = "t"};
static uint8_t ram[0x10000];
static const struct tsr_vm_memory mem = {0x40000000, sizeof(ram), 0};
static int started[VMM_MAX_VCPUS], stopped[VMM_MAX_VCPUS];
static uint64_t start_pc, start_x0;
static unsigned inj_vcpu, inj_intid, inj_mode, ninj;

/* Fakes of main.c and vcpu.c (the parts that invoke the kernel). */
void vmm_log(const char *fmt, ...)
{
	(void)fmt;
}
void *vmm_gpa(uint64_t gpa, uint64_t len)
{
	return gpa >= mem.base && gpa - mem.base + len <= mem.size ? ram + (gpa - mem.base) : 0;
}
uint64_t vmm_guest_pc(unsigned i)
{
	return 0x1000 + i;
}
bool vmm_vcpu_start(unsigned i, uint64_t pc, uint64_t x0)
{
	started[i]++;
	start_pc = pc;
	start_x0 = x0;
	vmm.vcpu[i].on = true;
	return true;
}
void vmm_vcpu_stop(unsigned i)
{
	stopped[i]++;
	vmm.vcpu[i].on = false;
}
void vmm_fdt_dump(void)
{
}
static unsigned power_offs, power_resets;
void vmm_life_power(bool reset)
{
	if (reset)
		power_resets++;
	else
		power_offs++;
}
static unsigned disk_checks;
unsigned vmm_disk_check(unsigned *failed)
{
	disk_checks++;
	*failed = 0;
	return 0;
}
enum tessera_err tsr_vcpu_inject_irq(tsr_cptr_t vcpu, unsigned virq, unsigned mode)
{
	inj_vcpu = (unsigned)vcpu;
	inj_intid = virq;
	inj_mode = mode;
	ninj++;
	return ERR_OK;
}
static unsigned en_vcpu, en_intid, nen;
static int en_on;
enum tessera_err tsr_vcpu_set_irq_enable(tsr_cptr_t vcpu, unsigned virq, int enable)
{
	en_vcpu = (unsigned)vcpu;
	en_intid = virq;
	en_on = enable;
	nen++;
	return ERR_OK;
}
static tsr_cptr_t linked_handler[4], linked_vcpu[4];
static unsigned nlinked;
static enum tessera_err link_result = ERR_OK;
enum tessera_err tsr_irq_handler_set_vcpu(tsr_cptr_t handler, tsr_cptr_t vcpu)
{
	if (link_result == ERR_OK && nlinked < 4) {
		linked_handler[nlinked] = handler;
		linked_vcpu[nlinked++] = vcpu;
	}
	return link_result;
}
static unsigned sgi_vcpu[8], sgi_id[8], sgi_src[8], nsgi;
enum tessera_err tsr_vcpu_inject_sgi(tsr_cptr_t vcpu, unsigned sgi, unsigned source)
{
	if (nsgi < 8) {
		sgi_vcpu[nsgi] = (unsigned)vcpu;
		sgi_id[nsgi] = sgi;
		sgi_src[nsgi] = source;
	}
	nsgi++;
	return ERR_OK;
}
__thread struct ipc_buffer *tsr_ipcbuf_tls;

static void reset(unsigned n)
{
	memset(&vmm, 0, sizeof(vmm));
	memset(started, 0, sizeof(started));
	memset(stopped, 0, sizeof(stopped));
	cfg.memory = &mem;
	cfg.num_memory = 1;
	vmm.cfg = &cfg;
	vmm.nvcpus = n;
	for (unsigned i = 0; i < n; i++)
		vmm.vcpu[i] = (struct vmm_vcpu){.vcpu = 100 + i, .tcb = 200 + i, .mpidr = i};
	vmm.vcpu[0].on = true;
}

/* An HVC exit with x0..x3; returns whether the VMM replies, result in x0. */
static bool call(unsigned label, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
		 struct tsr_msg *m)
{
	*m = (struct tsr_msg){.info = tsr_msginfo(label, 0, 6), .mr = {x0, x1, x2, x3}};
	return vmm_handle_exit(0, m);
}

static int64_t psci(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3)
{
	struct tsr_msg m;
	bool r = call(FAULT_VCPU_HVC, x0, x1, x2, x3, &m);

	CHECK(r && tsr_msginfo_label(m.info) == FAULT_REPLY_VCPU);
	CHECK(m.mr[0] == VCPU_REPLY_SET_REGS);
	return (int64_t)m.mr[1];
}

static void psci_versions_and_features(void)
{
	reset(2);
	CHECK(psci(0x84000000, 0, 0, 0) == 0x10001);
	CHECK(psci(0x80000000, 0, 0, 0) == 0x10001);
	CHECK(psci(0x84000006, 0, 0, 0) == 2);
	CHECK(psci(0x8400000a, 0xc4000003, 0, 0) == 0);
	CHECK(psci(0x8400000a, 0x84000008, 0, 0) == 0);
	CHECK(psci(0x8400000a, 0x8400000e, 0, 0) == -1); /* SYSTEM_SUSPEND: not offered */
	CHECK(psci(0x80000001, 0x80008000, 0, 0) == -1); /* ARCH_WORKAROUND_1 */
	CHECK(psci(0xc2000000, 0, 0, 0) == -1);		 /* an unknown SiP call */
	CHECK(psci(0x84000001, 0, 0, 0) == 0);		 /* CPU_SUSPEND standby */
}

static void psci_cpu_on_off(void)
{
	reset(2);
	CHECK(psci(0xc4000004, 1, 0, 0) == 1);		   /* AFFINITY_INFO: off */
	CHECK(psci(0xc4000003, 7, 0x40001000, 0) == -2);   /* no such MPIDR */
	CHECK(psci(0xc4000003, 1, 0x10, 0) == -2);	   /* entry outside RAM */
	CHECK(psci(0xc4000003, 1, 0x40001000, 0x55) == 0); /* CPU_ON */
	CHECK(started[1] == 1 && start_pc == 0x40001000 && start_x0 == 0x55);
	CHECK(psci(0xc4000003, 1, 0x40001000, 0) == -4); /* ALREADY_ON */
	CHECK(psci(0xc4000004, 1, 0, 0) == 0);		 /* AFFINITY_INFO: on */
	struct tsr_msg m;
	CHECK(!call(FAULT_VCPU_HVC, 0x84000002, 0, 0, 0, &m)); /* CPU_OFF: no reply */
	CHECK(stopped[0] == 1 && !vmm.vcpu[0].on);
}

/* A PSCI call by HVC with its standard output captured into out. */
static bool call_captured(uint64_t fn, char *out, size_t size)
{
	struct tsr_msg m;
	FILE *tmp = tmpfile();
	int saved = dup(1);

	fflush(stdout);
	dup2(fileno(tmp), 1);
	bool r = call(FAULT_VCPU_HVC, fn, 0, 0, 0, &m);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	rewind(tmp);
	out[fread(out, 1, size - 1, tmp)] = 0;
	fclose(tmp);
	return r;
}

static void psci_system_off_and_smc(void)
{
	struct tsr_msg m;

	reset(2);
	vmm.vcpu[1].on = true;
	CHECK(call(FAULT_VCPU_SMC, 0x84000000, 0, 0, 0, &m));
	CHECK(m.mr[0] == (VCPU_REPLY_SET_REGS | VCPU_REPLY_ADVANCE) && m.mr[1] == 0x10001);
	/* SYSTEM_OFF prints the line the linux scenario waits for: capture it */
	char out[256] = {0};
	CHECK(!call_captured(0x84000008, out, sizeof(out)));
	CHECK(strstr(out, "TEST vmm.system_off PASS vm=t PSCI SYSTEM_OFF\nSUMMARY vmm 1 0\n") != 0);
	CHECK(disk_checks == 0); /* only in test mode (tessera.test= on the command line) */
	CHECK(vmm.stopped && stopped[0] == 1 && stopped[1] == 1);
	CHECK(power_offs == 1 && power_resets == 0); /* init is told after the vCPUs stop */
}

static void psci_system_reset(void)
{
	reset(2);
	vmm.vcpu[1].on = true;
	power_offs = power_resets = 0;
	char out[256] = {0};
	CHECK(!call_captured(0x84000009, out, sizeof(out))); /* no reply: every vCPU stops */
	CHECK(strstr(out, "TEST ") == 0 && strstr(out, "SUMMARY") == 0); /* no test result */
	CHECK(vmm.stopped && !vmm.vcpu[0].on && !vmm.vcpu[1].on);
	CHECK(power_resets == 1 && power_offs == 0);
}

static uint64_t last_write, reads;
static uint64_t dev_read(void *ctx, unsigned vcpu, uint64_t off, unsigned size)
{
	(void)ctx, (void)vcpu, (void)size;
	reads++;
	return 0x1122334455667788ULL + off;
}
static void dev_write(void *ctx, unsigned vcpu, uint64_t off, unsigned size, uint64_t val)
{
	(void)ctx, (void)vcpu, (void)size;
	last_write = off << 32 | val;
}

static void mmio_dispatch_and_unassigned(void)
{
	static bool added;
	const struct vmm_mmio_dev d = {"dev", 0x09000000, 0x1000, dev_read, dev_write, 0};
	struct tsr_msg m;

	reset(1);
	if (!added)
		CHECK(vmm_mmio_add(&d));
	added = true;
	CHECK(!vmm_mmio_add(&d)); /* overlaps itself */
	uint64_t rd4 = 2 | VCPU_ACCESS_VALID, wr1 = 0 | VCPU_ACCESS_VALID | VCPU_ACCESS_WRITE;
	m = (struct tsr_msg){.info = tsr_msginfo(FAULT_VCPU_DABT, 0, 4), .mr = {0x09000010, rd4}};
	CHECK(vmm_handle_exit(0, &m));
	CHECK(m.mr[0] == (VCPU_REPLY_LOAD | VCPU_REPLY_ADVANCE) && m.mr[1] == 0x55667798);
	m = (struct tsr_msg){.info = tsr_msginfo(FAULT_VCPU_DABT, 0, 4),
			     .mr = {0x09000004, wr1, 0x41}};
	CHECK(vmm_handle_exit(0, &m) && m.mr[0] == VCPU_REPLY_ADVANCE);
	CHECK(last_write == (4ULL << 32 | 0x41));
	m = (struct tsr_msg){.info = tsr_msginfo(FAULT_VCPU_DABT, 0, 4), .mr = {0x0c000000, rd4}};
	CHECK(vmm_handle_exit(0, &m) && m.mr[0] == VCPU_REPLY_INJECT_DABT);
	/* no valid syndrome (e.g. LDP): cannot be emulated, abort */
	m = (struct tsr_msg){.info = tsr_msginfo(FAULT_VCPU_DABT, 0, 4), .mr = {0x09000010, 2}};
	uint64_t before = reads;
	CHECK(vmm_handle_exit(0, &m) && m.mr[0] == VCPU_REPLY_INJECT_DABT && reads == before);
}

static void sysreg_raz_wi_and_sgi(void)
{
	struct tsr_msg m;

	reset(2);
	m = (struct tsr_msg){.info = tsr_msginfo(FAULT_VCPU_SYSREG, 0, 5),
			     .mr = {VCPU_SYSREG(2, 0, 1, 1, 4), 1, 0, 3}}; /* OSLSR_EL1 read */
	CHECK(vmm_handle_exit(0, &m));
	CHECK(m.mr[0] == (VCPU_REPLY_LOAD | VCPU_REPLY_ADVANCE) && m.mr[1] == 0);
	ninj = 0;
	/* ICC_SGI1R_EL1: INTID 3 to Aff0 1 */
	m = (struct tsr_msg){.info = tsr_msginfo(FAULT_VCPU_SYSREG, 0, 5),
			     .mr = {VCPU_SYSREG(3, 0, 12, 11, 5), 0, (3ULL << 24) | 2, 1}};
	CHECK(vmm_handle_exit(0, &m) && m.mr[0] == VCPU_REPLY_ADVANCE);
	CHECK(ninj == 1 && inj_vcpu == 101 && inj_intid == 3 && inj_mode == VIRQ_EDGE);
	/* IRM: everyone but the sender */
	m = (struct tsr_msg){
	    .info = tsr_msginfo(FAULT_VCPU_SYSREG, 0, 5),
	    .mr = {VCPU_SYSREG(3, 0, 12, 11, 5), 0, (1ULL << 40) | (5ULL << 24), 1}};
	CHECK(vmm_handle_exit(0, &m));
	CHECK(ninj == 2 && inj_vcpu == 101 && inj_intid == 5);
}

static void irq_lines_only_on_change(void)
{
	reset(2);
	ninj = 0;
	vmm_irq_set_level(33, true);
	vmm_irq_set_level(33, true);
	CHECK(ninj == 1 && inj_intid == 33 && inj_mode == VIRQ_LEVEL_HIGH && inj_vcpu == 100);
	vmm_irq_set_level(33, false);
	CHECK(ninj == 2 && inj_mode == VIRQ_LEVEL_LOW);
	vmm_irq_set_level(5000, true); /* out of range: ignored */
	CHECK(ninj == 2);
}

/* A GICD access by vCPU i (size 1 or 4 bytes); returns the loaded value. */
static uint64_t gicd(unsigned i, uint64_t off, unsigned size, bool write, uint64_t val)
{
	uint64_t acc = (size == 1 ? 0 : 2) | VCPU_ACCESS_VALID | (write ? VCPU_ACCESS_WRITE : 0);
	struct tsr_msg m = {.info = tsr_msginfo(FAULT_VCPU_DABT, 0, 4),
			    .mr = {0x08000000 + off, acc, val}};

	CHECK(vmm_handle_exit(i, &m));
	CHECK(m.mr[0] == (write ? VCPU_REPLY_ADVANCE : VCPU_REPLY_LOAD | VCPU_REPLY_ADVANCE));
	return write ? 0 : m.mr[1];
}

static void gicv2_distributor(void)
{
	reset(3);
	gic.v2 = true;
	CHECK(gicv2_dist_init());
	CHECK(gicd(0, 0x004, 4, false, 0) == ((2U << 5) | (VMM_MAX_INTID / 32 - 1))); /* TYPER */
	CHECK(gicd(0, 0xfe8, 4, false, 0) == 0x20); /* ArchRev 2 */
	/* ITARGETSR0-7 read as the reader's own CPU interface (Linux finds itself so) */
	CHECK(gicd(2, 0x800, 4, false, 0) == 0x04040404 &&
	      gicd(1, 0x81c, 4, false, 0) == 0x02020202);
	/* SGIR, every other CPU: vCPUs 0 and 2, source 1 */
	nsgi = 0;
	gicd(1, 0xf00, 4, true, (1U << 24) | 7);
	CHECK(nsgi == 2 && sgi_vcpu[0] == 100 && sgi_vcpu[1] == 102);
	CHECK(sgi_id[0] == 7 && sgi_src[0] == 1 && sgi_src[1] == 1);
	/* SGIR, target list 0x04 from vCPU 0; then to the sender only */
	nsgi = 0;
	gicd(0, 0xf00, 4, true, (0x04U << 16) | 2);
	gicd(2, 0xf00, 4, true, (2U << 24) | 9);
	CHECK(nsgi == 2 && sgi_vcpu[0] == 102 && sgi_src[0] == 0 && sgi_id[1] == 9 &&
	      sgi_vcpu[1] == 102 && sgi_src[1] == 2);
	/* SPI 40 targeted at CPU interface 1 by a byte write: its line goes there */
	gicd(0, 0x800 + 40, 1, true, 0x02);
	CHECK(gicd(0, 0x800 + 40, 1, false, 0) == 0x02);
	ninj = 0;
	vmm_irq_set_level(40, true);
	CHECK(ninj == 1 && inj_vcpu == 101 && inj_intid == 40);
	vmm_irq_set_level(40, false);
	/* ISENABLER0 is banked: only vCPU 2's INTIDs 0..31 */
	gicd(2, 0x100, 4, true, 1U << 27);
	CHECK(gicd(2, 0x100, 4, false, 0) == 1U << 27 && gicd(0, 0x100, 4, false, 0) == 0);
	gic.v2 = false;
}

/* Each passthrough SPI: disabled, then linked to vCPU 0; the guest's
 * ISENABLER write enables it in the kernel; a refused link stops the VMM. */
static void passthrough_links(void)
{
	static const struct tsr_vm_irq irqs[2] = {{34, 70, 1U << 3}, {79, 71, 1U << 4}};
	reset(2);
	cfg.irqs = irqs;
	cfg.num_irqs = 2;
	nen = nlinked = 0;
	CHECK(vmm_passthrough_init());
	CHECK(nlinked == 2 && linked_handler[0] == 70 && linked_handler[1] == 71);
	CHECK(linked_vcpu[0] == 100 && linked_vcpu[1] == 100);
	CHECK(nen == 2 && en_vcpu == 100 && en_intid == 79 && en_on == 0);
	CHECK(vmm_passthrough_irq(34) && vmm_passthrough_irq(79) && !vmm_passthrough_irq(35));
	gic.v2 = true; /* the GICv2 distributor gicv2_distributor registered */
	nen = 0;
	gicd(0, 0x104, 4, true, 1U << 2);		 /* GICD_ISENABLER1: INTID 34 */
	CHECK(nen == 2 && en_intid == 34 && en_on == 1); /* to each vCPU it may go to */
	gic.v2 = false;
	link_result = ERR_DELETE_FIRST;
	CHECK(!vmm_passthrough_init());
	link_result = ERR_OK;
	cfg.irqs = NULL;
	cfg.num_irqs = 0;
}

int main(void)
{
	RUN("unit_vmm_exits", psci_versions_and_features);
	RUN("unit_vmm_exits", psci_cpu_on_off);
	RUN("unit_vmm_exits", psci_system_off_and_smc);
	RUN("unit_vmm_exits", psci_system_reset);
	RUN("unit_vmm_exits", mmio_dispatch_and_unassigned);
	RUN("unit_vmm_exits", sysreg_raz_wi_and_sgi);
	RUN("unit_vmm_exits", irq_lines_only_on_change);
	RUN("unit_vmm_exits", gicv2_distributor);
	RUN("unit_vmm_exits", passthrough_links);
	return DONE("unit_vmm_exits");
}
