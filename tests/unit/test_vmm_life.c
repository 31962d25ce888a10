// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the VMM's lifecycle hooks (vmm/life.c, <tessera/vmstats.h>)
 * against a fake kernel: the statistics block lands at VMM_STATS_OFFSET in
 * the IPC buffer frame with its magic, exits and pings are counted, the
 * lifecycle bits never reach the device code, an injection runs the
 * command init wrote, power requests are one Send with the right label on
 * init_ep_slot (none without one), and the command-line test hooks fire
 * once, at the 400th exit.
 */
#include <string.h>
#include <tessera/vmstats.h>

#include "check.h"
#include "vmm.h"

struct vmm vmm;
static struct tsr_vm_config cfg = {.name = "t", .init_ep_slot = 4};
static uint64_t ram[0x2000 / 8];
static unsigned char frame[4096] __attribute__((aligned(4096)));
__thread struct ipc_buffer *tsr_ipcbuf_tls;
static unsigned sends, injects, last_inject;
static uint64_t send_cptr, send_info;

/* The fake kernel: every system call is a Send here. */
void tsr_syscall_regs(uint64_t sysno, uint64_t r[7])
{
	if (sysno == SYS_SEND) {
		sends++;
		send_cptr = r[0];
		send_info = r[1];
	}
	r[0] = ERR_OK;
}
void vmm_log(const char *fmt, ...)
{
	(void)fmt;
}
void *vmm_gpa(uint64_t gpa, uint64_t len)
{
	return gpa >= 0x40000000 && gpa - 0x40000000 + len <= sizeof(ram)
		   ? (char *)ram + (gpa - 0x40000000)
		   : 0;
}
void vmm_inject(unsigned cmd)
{
	injects++;
	last_inject = cmd;
}

static const struct vmm_stats *stats(void)
{
	return (const struct vmm_stats *)(frame + VMM_STATS_OFFSET);
}

static void start(const char *bootargs)
{
	memset(frame, 0xee, sizeof(frame));
	tsr_ipcbuf_tls = (struct ipc_buffer *)frame;
	cfg.bootargs = bootargs;
	vmm.cfg = &cfg;
	sends = injects = 0;
	vmm_life_init();
}

static void stats_block_published(void)
{
	start("");
	CHECK(stats()->magic == VMM_STATS_MAGIC && stats()->version == 1);
	CHECK(stats()->exits == 0 && stats()->pongs == 0 && stats()->powered_off == 0);
	CHECK(stats()->inject_cmd == VMM_INJECT_NONE && stats()->reach_tried == 0);
	CHECK(frame[VMM_STATS_OFFSET - 1] == 0xee); /* the IPC buffer itself is untouched */
	CHECK(vmm_life_stats() == (volatile struct vmm_stats *)(frame + VMM_STATS_OFFSET));
	vmm_life_exit();
	vmm_life_exit();
	CHECK(stats()->exits == 2);
}

static void pings_and_bits(void)
{
	start("");
	CHECK(vmm_life_notify(VMM_PING_BADGE | 0x5) == 0x5);
	CHECK(vmm_life_notify(VMM_PING_BADGE) == 0);
	CHECK(stats()->pongs == 2 && injects == 0);
	CHECK(vmm_life_notify(0x3) == 0x3 && stats()->pongs == 2);
	((struct vmm_stats *)(frame + VMM_STATS_OFFSET))->inject_cmd = VMM_INJECT_REACH;
	CHECK(vmm_life_notify(VMM_INJECT_BADGE | VMM_PING_BADGE) == 0);
	CHECK(injects == 1 && last_inject == VMM_INJECT_REACH && stats()->pongs == 3);
}

static void power_requests(void)
{
	start("");
	vmm_life_power(false);
	CHECK(stats()->powered_off == 1 && sends == 1 && send_cptr == 4);
	CHECK(tsr_msginfo_label(send_info) == VMM_REQ_POWER_OFF);
	vmm_life_power(true);
	CHECK(stats()->powered_off == 2 && sends == 2);
	CHECK(tsr_msginfo_label(send_info) == VMM_REQ_RESET);
	cfg.init_ep_slot = 0; /* no init endpoint: recorded, nothing sent */
	vmm_life_power(false);
	CHECK(stats()->powered_off == 1 && sends == 2);
	cfg.init_ep_slot = 4;
}

static void test_hooks(void)
{
	start("console=ttyAMA0 tessera.poke=0x40001000:3 tessera.inject=2");
	ram[0x1000 / 8] = 0;
	for (unsigned k = 0; k < 399; k++)
		vmm_life_exit();
	CHECK(ram[0x1000 / 8] == 0 && injects == 0);
	vmm_life_exit();
	CHECK(ram[0x1000 / 8] == 3 && injects == 1 && last_inject == VMM_INJECT_ILLEGAL);
	for (unsigned k = 0; k < 1000; k++)
		vmm_life_exit();
	CHECK(injects == 1); /* once */
	start("tessera.hook_at=3 tessera.inject=3");
	vmm_life_exit();
	vmm_life_exit();
	CHECK(injects == 0);
	vmm_life_exit();
	CHECK(injects == 1 && last_inject == VMM_INJECT_SPIN);
}

int main(void)
{
	RUN("unit_vmm_life", stats_block_published);
	RUN("unit_vmm_life", pings_and_bits);
	RUN("unit_vmm_life", power_requests);
	RUN("unit_vmm_life", test_hooks);
	return DONE("unit_vmm_life");
}
