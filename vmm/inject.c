// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fault injection for init's fault-isolation experiments
 * (<tessera/vmstats.h>): on VMM_INJECT_BADGE the VMM's control thread
 * breaks itself in the way init asked. Each case but REACH's probes ends
 * in a fault of this thread (init receives it on its fault endpoint) or in
 * a loop without system calls (init's watchdog sees pongs stop); nothing
 * here may affect another VM, which is what the experiments check.
 */
#include <tessera/sys.h>
#include <tessera/vmstats.h>

#include "vmm.h"

#define WILD_POINTER	  0xdead0000UL /* nothing is mapped there in a VMM (docs/idl.md) */
#define REACH_PAST_SLOTS  4096	       /* cptrs probed right past the CNode */
#define REACH_GUARD_SLOTS 64	       /* slot numbers probed under each foreign guard */
#define REACH_LABEL	  0x7e5f

/* One probe: a non-blocking Send with no words (an endpoint with a waiting
 * receiver would get it; a notification would be signalled; any other cap
 * is refused without effect). Counts as denied unless the kernel found an
 * endpoint or notification there (ERR_OK, ERR_WOULD_BLOCK). */
static void reach_probe(volatile struct vmm_stats *s, uint64_t cptr, uint64_t *lookup_failed)
{
	const struct tsr_msg m = {.info = tsr_msginfo(REACH_LABEL, 0, 0)};
	enum tessera_err e = tsr_nbsend(cptr, &m);

	s->reach_tried++;
	if (e != ERR_OK && e != ERR_WOULD_BLOCK)
		s->reach_denied++;
	else
		vmm_log("reach: cptr %#llx reached a capability (%d)\n", (unsigned long long)cptr,
			e);
	if (e == ERR_FAILED_LOOKUP)
		(*lookup_failed)++;
}

/* Every cptr of [2^bits, 2^bits + REACH_PAST_SLOTS) (slots past our CNode),
 * then each slot number below REACH_GUARD_SLOTS under every guard other
 * than ours (0): one guard bit set at a time, then all of them. */
static void reach_caps(volatile struct vmm_stats *s, unsigned bits)
{
	uint64_t past = 1ULL << bits, lookup_failed = 0;

	for (uint64_t k = 0; k < REACH_PAST_SLOTS; k++)
		reach_probe(s, past + k, &lookup_failed);
	for (unsigned g = bits; g < 64; g++)
		for (uint64_t k = 0; k < REACH_GUARD_SLOTS; k++)
			reach_probe(s, (1ULL << g) | k, &lookup_failed);
	for (uint64_t k = 0; k < REACH_GUARD_SLOTS; k++)
		reach_probe(s, (~0ULL << bits) | k, &lookup_failed);
	vmm_log("reach: %llu cptrs outside our CNode (%u bits) tried, %llu denied (%llu failed "
		"lookup)\n",
		(unsigned long long)s->reach_tried, bits, (unsigned long long)s->reach_denied,
		(unsigned long long)lookup_failed);
}

/* Another VM's RAM lies at the same guest address in its own VMM; here that
 * address is unmapped (guest RAM is seen at GUEST_WINDOW + IPA only). */
static void reach_memory(void)
{
	const struct tsr_vm_config *c = vmm.cfg;
	uintptr_t va = c->num_memory > 0 ? c->memory[0].base : 0x40000000UL;

	vmm_log("injecting a load from %#lx (another VM's RAM by guest address): must fault\n",
		(unsigned long)va);
	uint64_t v = *(volatile uint64_t *)va;
	vmm_log("reach: the load from %#lx returned %#llx: isolation broken\n", (unsigned long)va,
		(unsigned long long)v);
}

void vmm_inject(unsigned cmd)
{
	volatile struct vmm_stats *s = vmm_life_stats();
	volatile uintptr_t wild = WILD_POINTER;

	switch (cmd) {
	case VMM_INJECT_BAD_POINTER:
		vmm_log("injecting a store through the wild pointer %#lx\n", (unsigned long)wild);
		*(volatile uint64_t *)wild = 0xbad;
		break;
	case VMM_INJECT_ILLEGAL:
		vmm_log("injecting an undefined instruction\n");
		__asm__ volatile("udf #0");
		break;
	case VMM_INJECT_SPIN:
		vmm_log("injecting an endless loop without system calls\n");
		for (;;)
			__asm__ volatile("" ::: "memory");
	case VMM_INJECT_REACH:
		vmm_log("injecting reach: invoking cptrs outside our CNode\n");
		reach_caps(s, vmm.cfg->cnode_bits != 0 ? vmm.cfg->cnode_bits : 12);
		reach_memory();
		break;
	default:
		vmm_log("inject command %u unknown: ignored\n", cmd);
		return;
	}
	vmm_log("survived inject command %u\n", cmd);
}
