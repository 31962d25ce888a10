// SPDX-License-Identifier: BSD-2-Clause
/*
 * The VMM's control thread (docs/vmm.md): sets up the devices, loads the
 * images and the device tree into guest RAM, starts vCPU 0, then serves
 * exits on the fault endpoint with ReplyRecv. Wake-ups of the bound
 * notification (links) arrive as messages with info 0.
 */
#include <stdarg.h>
#include <stdio.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/runtime.h>

#include "glue.h"
#include "vmm.h"

TSR_HEAP_SIZE(1UL << 20);

struct vmm vmm;

void vmm_log(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n = snprintf(buf, sizeof(buf), "vmm: %s: ", vmm.cfg->name);

	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	fputs(buf, stdout);
	fflush(stdout);
}

void *vmm_gpa(uint64_t gpa, uint64_t len)
{
	for (uint32_t k = 0; k < vmm.cfg->num_memory; k++) {
		const struct tsr_vm_memory *m = &vmm.cfg->memory[k];
		if (gpa >= m->base && len <= m->size && gpa - m->base <= m->size - len)
			return (void *)(m->vmm_vaddr + (gpa - m->base));
	}
	return 0;
}

uint64_t vmm_guest_pc(unsigned i)
{
	uint64_t regs[1];

	return tsr_tcb_read_regs(vmm.vcpu[i].tcb, 1, regs) == ERR_OK ? regs[0] : 0;
}

static bool setup_devices(void)
{
	const struct tsr_vm_config *c = vmm.cfg;
	bool ok = vmm_gic_init() && vmm_passthrough_init();

	for (uint32_t k = 0; ok && k < c->num_devices; k++) {
		const struct tsr_vm_device *d = &c->devices[k];
		switch (d->kind) {
		case TSR_VM_UART:
			ok = vmm_pl011_init(d);
			break;
		case TSR_VM_RTC:
			ok = vmm_pl031_init(d);
			break;
		default:
			ok = vmm_virtio_init(d);
			break;
		}
	}
	return ok;
}

static bool setup_vcpus(void)
{
	const struct tsr_vm_config *c = vmm.cfg;

	if (c->num_vcpus == 0 || c->num_vcpus > VMM_MAX_VCPUS) {
		vmm_log("%u vCPUs: this VMM handles 1..%u\n", c->num_vcpus, VMM_MAX_VCPUS);
		return false;
	}
	vmm.nvcpus = c->num_vcpus;
	for (unsigned i = 0; i < vmm.nvcpus; i++) {
		struct vmm_vcpu *v = &vmm.vcpu[i];
		v->vcpu = c->vcpu_slots[i];
		v->tcb = c->vcpu_tcb_slots[i];
		v->mpidr = i;
		enum tessera_err e = tsr_vcpu_write_reg(v->vcpu, VCPU_REG_VMPIDR_EL2, v->mpidr);
		if (e != ERR_OK) {
			vmm_log("vCPU %u: setting VMPIDR failed (%d)\n", i, e);
			return false;
		}
	}
	return true;
}

/* Serves exits and notifications. After SYSTEM_OFF/RESET (vmm.stopped) no
 * vCPU is resumed, but notifications (init's pings and injections, links)
 * are still served. */
static void serve(void)
{
	const struct tsr_vm_config *c = vmm.cfg;
	struct tsr_msg m = {0};
	bool have_reply = false;

	for (;;) {
		enum tessera_err e = have_reply ? tsr_replyrecv(c->fault_ep_slot, &m, c->reply_slot)
						: tsr_recv(c->fault_ep_slot, &m, c->reply_slot);
		if (e != ERR_OK) {
			vmm_log("receive on the exit endpoint failed (%d)\n", e);
			return;
		}
		if (m.info == 0) { /* the bound notification: m.badge has the bits */
			uint64_t bits = vmm_life_notify(m.badge);
			if (bits & ~vmm_chan_bits()) /* not only channel doorbells */
				vmm_pl011_notify();
			if (bits != 0)
				vmm_virtio_link_notify(bits);
			have_reply = false;
			continue;
		}
		unsigned i = (unsigned)m.badge - 1;
		if (m.badge == 0 || i >= vmm.nvcpus) {
			vmm_log("exit with unknown badge %llu ignored\n",
				(unsigned long long)m.badge);
			have_reply = false;
			continue;
		}
		vmm_life_exit();
		have_reply = vmm_handle_exit(i, &m) && !vmm.stopped;
	}
}

int run(void)
{
	static unsigned char dtb[64 * 1024] __attribute__((aligned(8)));

	vmm.cfg = &tsr_vm_config;
	vmm_life_init();
	tsr_console_use_token(vmm.cfg->console_token_slot, vmm.cfg->console_token_seed);
	vmm_log("VMM up: %u vCPUs, %u memory regions, %u devices\n", vmm.cfg->num_vcpus,
		vmm.cfg->num_memory, vmm.cfg->num_devices);
	if (!setup_vcpus() || !setup_devices() || !vmm_load_images() ||
	    !vmm_fdt_build(dtb, sizeof(dtb)) || !vmm_vcpu_start(0, vmm.entry, vmm.dtb_addr)) {
		vmm_log("VM not started\n");
		return 1;
	}
	vmm_log("started vCPU 0 at %#llx, DTB at %#llx\n", (unsigned long long)vmm.entry,
		(unsigned long long)vmm.dtb_addr);
	serve();
	vmm_log("VMM stopped\n");
	return 0;
}
