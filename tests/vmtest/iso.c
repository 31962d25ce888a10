// SPDX-License-Identifier: BSD-2-Clause
/*
 * Two guests at once (docs/testing.md, scenario vm): guests A and B, each in
 * its own VSpace (so its own VMID), run iso.S on the same core at the same
 * priority and alternate (the round-robin tick; on several cores they may
 * also run side by side). Both have a
 * private page at the same IPA (GUEST_PRIV) backed by different frames,
 * and each has one page the other's VSpace does not map. The guests check
 * their private page after every switch; each then reads the other's
 * page, which must fault to its own exit stream (its badge), never reach
 * the other's frame. The mirrored image (guest code) is shared on purpose.
 */
#include <stdio.h>
#include <tessera/fault.h>
#include <tessera/invoke.h>
#include <tessera/runtime.h>

#include "guest.h"
#include "vmtest.h"

extern char iso_entry[], guest_stack2_top[];

#define BACKING_A 0x00390000UL
#define BACKING_B 0x00391000UL

static const struct iso_guest guests[2] = {
    {0x10, 0xa1a1a1a1a1a1a1a1UL, GUEST_ONLY_A, GUEST_ONLY_B, BACKING_A},
    {0x11, 0xb2b2b2b2b2b2b2b2UL, GUEST_ONLY_B, GUEST_ONLY_A, BACKING_B},
};

static struct {
	uint64_t errors, other_ec, fault_ipa, switches;
	bool got_errors, got_ec, faulted, done;
} st[2];

static int which(uint64_t badge)
{
	return badge == guests[0].badge ? 0 : badge == guests[1].badge ? 1 : -1;
}

/* One exit of guest g; false if it was unexpected. *reply: answer it. */
static bool iso_exit(int g, const struct tsr_msg *m, struct tsr_msg *r, bool *reply)
{
	unsigned label = (unsigned)tsr_msginfo_label(m->info);

	*reply = true;
	r->info = tsr_msginfo(FAULT_REPLY_VCPU, 0, 1);
	r->mr[0] = 0;
	if (label == FAULT_VCPU_HVC) {
		uint64_t imm = tsr_ipcbuf()->msg[4];
		if (imm == HVC_DONE) {
			st[g].done = true;
			*reply = false; /* it stays stopped */
		} else if (imm == HVC_REPORT && m->mr[0] == T_ISO_ERRORS) {
			st[g].errors = m->mr[1];
			st[g].got_errors = true;
		} else if (imm == HVC_REPORT && m->mr[0] == T_ISO_SWITCHES) {
			st[g].switches = m->mr[1];
		} else if (imm == HVC_REPORT && m->mr[0] == T_ISO_OTHER_EC) {
			st[g].other_ec = m->mr[1];
			st[g].got_ec = true;
		} else {
			return false;
		}
		return true;
	}
	if (label == FAULT_VCPU_DABT && !st[g].faulted) {
		st[g].faulted = true;
		st[g].fault_ipa = m->mr[0];
		r->mr[0] = VCPU_REPLY_INJECT_DABT;
		return true;
	}
	printf("vmm: iso guest %d: unexpected exit %u at 0x%llx\n", g, label,
	       (unsigned long long)m->mr[0]);
	return false;
}

static bool serve_iso(tsr_cptr_t reply)
{
	struct tsr_msg m = {0}, r = {0};
	bool answer = false;

	while (!st[0].done || !st[1].done) {
		enum tessera_err e;
		if (answer) {
			m = r;
			e = tsr_replyrecv(vm_fault_ep, &m, reply);
		} else {
			e = tsr_recv(vm_fault_ep, &m, reply);
		}
		int g = e == ERR_OK ? which(m.badge) : -1;
		if (g < 0 || !iso_exit(g, &m, &r, &answer)) {
			printf("vmm: iso: exit from badge 0x%llx (err %d)\n",
			       (unsigned long long)m.badge, (int)e);
			return false;
		}
	}
	return true;
}

static bool page_holds(uint64_t va, uint64_t pattern)
{
	const volatile uint64_t *p = (const volatile uint64_t *)va;
	for (unsigned i = 0; i < 512; i++)
		if (p[i] != pattern)
			return false;
	return true;
}

void iso_run(void)
{
	tsr_cptr_t reply = vm_make_reply();
	bool ok = reply != 0 &&
		  vm_start_iso_guest(&guests[0], (uint64_t)iso_entry, (uint64_t)guest_stack2_top) &&
		  vm_start_iso_guest(&guests[1], (uint64_t)iso_entry, (uint64_t)guest_stack2_top);
	ok = ok && serve_iso(reply);
	char d[96];
	snprintf(d, sizeof(d), "errors=%llu/%llu switches=%llu/%llu",
		 (unsigned long long)st[0].errors, (unsigned long long)st[1].errors,
		 (unsigned long long)st[0].switches, (unsigned long long)st[1].switches);
	/* both saw the other run at least once after their page was filled */
	report("two_guests_private_memory",
	       ok && st[0].switches >= 2 && st[1].switches >= 2 && st[0].got_errors &&
		   st[1].got_errors && st[0].errors == 0 && st[1].errors == 0 &&
		   page_holds(BACKING_A, guests[0].pattern) &&
		   page_holds(BACKING_B, guests[1].pattern),
	       d);
	snprintf(d, sizeof(d), "ipa=0x%llx/0x%llx ec=0x%llx/0x%llx",
		 (unsigned long long)st[0].fault_ipa, (unsigned long long)st[1].fault_ipa,
		 (unsigned long long)st[0].other_ec, (unsigned long long)st[1].other_ec);
	report("two_guests_no_cross_access",
	       ok && st[0].faulted && st[1].faulted && st[0].fault_ipa == guests[0].other_ipa &&
		   st[1].fault_ipa == guests[1].other_ipa && st[0].got_ec && st[1].got_ec &&
		   st[0].other_ec == 0x25 && st[1].other_ec == 0x25,
	       d);
}
