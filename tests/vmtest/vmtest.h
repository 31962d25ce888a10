/* SPDX-License-Identifier: BSD-2-Clause */
/* The test VMM's resources (setup.c) and result reporting. */
#ifndef VMTEST_H
#define VMTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <tessera/sys.h>

/* Where this task sees the frame the guest has read-only at GUEST_RO. */
#define GUEST_RO_BACKING 0x00380000UL

extern tsr_cptr_t vm_vcpu, vm_vcpu2, vm_fault_ep, vm_reply, vm_race_frame;

/* The second vCPU's exits carry this badge (the first's carry 0). */
#define VCPU2_BADGE 2

/* The fault endpoint, the reply object, and the core count. */
void vm_setup_resources(void);
/* Builds the guest VSpace, thread and VCPU; starts it at entry (EL1h). */
bool vm_start_guest(uint64_t entry, uint64_t stack_top, uint64_t ro_value);
/* A second vCPU of the same VM (VMPIDR 0x103), on core 1 if there is one. */
bool vm_start_vcpu2(uint64_t entry, uint64_t stack_top);

/* One guest of the two-guest isolation test (iso.c, iso.S). */
struct iso_guest {
	uint64_t badge;	    /* its exits carry this badge */
	uint64_t pattern;   /* what it writes into its private page */
	uint64_t only_ipa;  /* a page only its VSpace maps */
	uint64_t other_ipa; /* the other guest's only_ipa: it must fault */
	uint64_t backing;   /* where this task sees its private page */
};
/* Builds g's own VSpace (this image mirrored, its private page, its
 * only_ipa page), VCPU and thread; starts it at entry with x0 = pattern,
 * x1 = other_ipa. */
bool vm_start_iso_guest(const struct iso_guest *g, uint64_t entry, uint64_t stack_top);
tsr_cptr_t vm_make_reply(void);
/* QEMU's PL031 for the first guest: mapped at GUEST_RTC (device memory), its
 * SPI hardware-linked to vm_vcpu and disabled there until the guest enables
 * it; then the link's refusals are tried (*refusals_ok). Returns 0 or the
 * first error. */
uint64_t vm_passthrough(bool *refusals_ok);
/* With two cores or more the first guest runs on core 1 from vm_passthrough
 * on; this moves it back to core 0 (its state live on core 1 must be saved
 * there: this task visits core 1 to do it). */
bool vm_passthrough_done(void);
/* Runs the two-guest isolation test and reports its TEST lines. */
void iso_run(void);

void report(const char *name, bool ok, const char *detail);
void report_summary(void);

#endif
