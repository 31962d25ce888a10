/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The lifecycle manager (docs/lifecycle.md): init keeps, for every VM and
 * every restartable server of the spec, a group (alloc.h) with its own
 * untyped pool (pool.h). Stopping a group revokes its pool: every object
 * it had, and every capability anyone held to them, is gone, and its
 * slots in init's CNode are emptied for reuse. Starting it realises its
 * part of the spec again from the same pool (the kernel zeroes what it
 * retypes) and gives the other components back their caps to it. A
 * server is restartable when it holds no untyped and no IRQ control cap
 * (those are handed over for good).
 */
#ifndef INIT_LIFECYCLE_H
#define INIT_LIFECYCLE_H

#include <stdbool.h>
#include <stdint.h>
#include <tessera/vmstats.h>

#include "alloc.h"
#include "realise.h"

enum lc_kind { LC_VM, LC_SERVER };
enum lc_state { LC_STOPPED, LC_RUNNING, LC_PAUSED, LC_CRASHED };

struct lc_group {
	const char *name;
	enum lc_kind kind;
	enum lc_state state;
	uint32_t space[2]; /* a VM: its VMM, its guest; a server: itself */
	unsigned nspaces;
	unsigned vcpus;
	uint64_t ram;	     /* a VM's guest RAM in bytes */
	uint64_t started_at; /* counter value of the last start */
	unsigned starts, crashes, restarts;
	tsr_cptr_t ping;		  /* badged copy of the VMM's notification */
	volatile struct vmm_stats *stats; /* its statistics page, mapped in init; NULL if none */
	uint64_t last_pongs;
	unsigned misses;
	bool watchdog; /* restart after LC_WATCHDOG_MISSES unanswered pings */
};

#define LC_WATCHDOG_MISSES 5

struct lifecycle {
	struct realise *r;
	struct lc_group g[ALLOC_MAX_GROUPS];
	unsigned n;
	int8_t *space_group;
	uint8_t live[ALLOC_MAX_GROUPS];
};

extern struct lifecycle lc;

/* Forms the groups of r's spec and carves their pools; call before
 * realising (it sets r->space_group and r->group_live). */
__attribute__((warn_unused_result)) enum tessera_err lc_setup(struct realise *r);
/* After the boot realisation: every group running. */
void lc_booted(void);

/* The group named name (a VM or a server), or -1. */
int lc_find(const char *name);
/* The group of a fault badge (global thread number), or -1. */
int lc_group_of_thread(uint64_t badge);

__attribute__((warn_unused_result)) enum tessera_err lc_stop(int g, const char *why);
__attribute__((warn_unused_result)) enum tessera_err lc_start(int g);
__attribute__((warn_unused_result)) enum tessera_err lc_restart(int g, const char *why);
__attribute__((warn_unused_result)) enum tessera_err lc_pause(int g);
__attribute__((warn_unused_result)) enum tessera_err lc_resume(int g);

/* Signals the VMM of VM g with badge (VMM_PING_BADGE or VMM_INJECT_BADGE). */
__attribute__((warn_unused_result)) enum tessera_err lc_signal_vmm(int g, uint64_t badge);

/* g's statistics block if its magic says it is valid, else NULL. */
volatile struct vmm_stats *lc_stats(int g);
/* Whether space s holds a capability to an object of group g. */
bool lc_uses(uint32_t s, int g);

/* The counter (CNTVCT_EL0) and its frequency. */
uint64_t lc_now(void);
uint64_t lc_freq(void);
const char *lc_state_name(enum lc_state s);

/* Writes a command word into a VM's guest RAM at gpa (through init's own
 * cap to the frame: as a debugger would); ERR_RANGE if gpa is not RAM. */
__attribute__((warn_unused_result)) enum tessera_err lc_poke_guest(int g, uint64_t gpa,
								   uint64_t value);
/* Reads a word of guest RAM the same way (0 if gpa is not RAM). */
uint64_t lc_peek_guest(int g, uint64_t gpa);

#endif
