// SPDX-License-Identifier: BSD-2-Clause
/* Fault-isolation experiments, campaigns and the stop/start cycle; see experiment.h. */
#include <stdio.h>
#include <string.h>
#include <tessera/invoke.h>

#include "experiment.h"
#include "lifecycle.h"
#include "manager.h"
#include "lifeguest.h" /* tests/fault: the test guest's mailbox commands */

#define WATCH_MS   400	/* how long the other VMs are watched */
#define RECOVER_MS 5000 /* the victim must run again within this */

enum exp_kind { EXP_CRASH, EXP_ILLEGAL, EXP_SPIN, EXP_PANIC, EXP_REACH, EXP_SERVER, EXP_KINDS };
static const char *const kind_names[EXP_KINDS] = {"crash", "illegal", "spin",
						  "panic", "reach",   "server"};
static unsigned passed, failed;		  /* suite fault */
static unsigned camp_passed, camp_failed; /* suite campaign */
static unsigned life_passed, life_failed; /* suite lifecycle */

struct watch {
	uint64_t exits[ALLOC_MAX_GROUPS];
	uint64_t links[ALLOC_MAX_GROUPS];
};

#define CLIENT_WATCH_MS 1500 /* a lifeguest writes a line a second */

static uint64_t exits_of(int gi)
{
	const struct lc_group *g = &lc.g[gi];
	volatile struct vmm_stats *st = lc_stats(gi);
	return g->state == LC_RUNNING && st != 0 ? st->exits : 0;
}

static void snapshot(struct watch *w)
{
	for (unsigned gi = 0; gi < lc.n; gi++) {
		volatile struct vmm_stats *st = lc_stats((int)gi);
		w->exits[gi] = exits_of((int)gi);
		w->links[gi] = st != 0 && lc.g[gi].state == LC_RUNNING ? st->link_ok : 0;
	}
}

/* Whether a space of group c holds a cap to an object of group server. */
static bool is_client(int c, int server)
{
	for (unsigned i = 0; i < lc.g[c].nspaces; i++)
		if (lc_uses(lc.g[c].space[i], server))
			return true;
	return false;
}

/* After a server came back: every running client that publishes link
 * counts has made a successful call to a link server since *w. */
static bool clients_resumed(int server, const struct watch *w, unsigned *n)
{
	bool all = true;

	*n = 0;
	for (unsigned c = 0; c < lc.n; c++) {
		volatile struct vmm_stats *st = lc_stats((int)c);
		if ((int)c == server || st == 0 || lc.g[c].state != LC_RUNNING ||
		    !is_client((int)c, server))
			continue;
		(*n)++;
		if (st->link_ok <= w->links[c]) {
			printf("init: experiment: %s's calls to %s have not resumed\n",
			       lc.g[c].name, lc.g[server].name);
			all = false;
		}
	}
	return all;
}

/* VMs other than victim that were running at *before and advanced since. */
static bool others_ran(int victim, const struct watch *before, unsigned *n)
{
	bool all = true;

	*n = 0;
	for (unsigned gi = 0; gi < lc.n; gi++) {
		if ((int)gi == victim || lc.g[gi].kind != LC_VM || before->exits[gi] == 0)
			continue;
		(*n)++;
		if (exits_of((int)gi) <= before->exits[gi]) {
			printf("init: experiment: vm %s made no progress\n", lc.g[gi].name);
			all = false;
		}
	}
	return all;
}

/* The victim runs again: started after t0 and its VMM has handled exits
 * (a VM), or it is running (a server). */
static bool recovered(void *ctx)
{
	int gi = *(int *)ctx;
	const struct lc_group *g = &lc.g[gi];

	if (g->state != LC_RUNNING)
		return false;
	return g->kind == LC_SERVER || exits_of(gi) > 0;
}

static bool victim_down(void *ctx)
{
	int gi = *(int *)ctx;
	return lc.g[gi].state != LC_RUNNING || lc.g[gi].restarts != 0;
}

static int pick(enum exp_kind k, const char *target)
{
	if (target != 0) {
		int gi = lc_find(target);
		if (gi >= 0 && (lc.g[gi].kind == LC_SERVER) == (k == EXP_SERVER))
			return gi;
		printf("experiment %s: no %s named '%s'\n", kind_names[k],
		       k == EXP_SERVER ? "server" : "VM", target);
		return -1;
	}
	for (unsigned gi = 0; gi < lc.n; gi++)
		if ((lc.g[gi].kind == LC_SERVER) == (k == EXP_SERVER))
			return (int)gi;
	printf("experiment %s: this system has no %s to try it on\n", kind_names[k],
	       k == EXP_SERVER ? "restartable server" : "VM");
	return -1;
}

/* Makes the victim fault: the VMM's own injection hook, a guest command,
 * or (a server) its thread redirected to address 0. */
static bool inject(enum exp_kind k, int gi)
{
	static const uint64_t vmm_cmd[] = {VMM_INJECT_BAD_POINTER, VMM_INJECT_ILLEGAL,
					   VMM_INJECT_SPIN, 0, VMM_INJECT_REACH};
	struct lc_group *g = &lc.g[gi];

	if (k == EXP_PANIC)
		return lc_poke_guest(gi, LG_MAILBOX, LG_CMD_PANIC) == ERR_OK;
	if (k == EXP_SERVER) {
		const struct tsr_spec_thread *t = &lc.r->spec->spaces[g->space[0]].threads[0];
		const uint64_t regs[1] = {0};
		tsr_cptr_t tcb = lc.r->slot[t->tcb] + t->tcb_index;
		/* suspended first: that ends any wait it is blocked in */
		return tsr_tcb_suspend(tcb) == ERR_OK &&
		       tsr_tcb_write_regs(tcb, 1, 1, regs) == ERR_OK;
	}
	if (g->stats == 0)
		return false;
	g->stats->inject_cmd = vmm_cmd[k];
	return lc_signal_vmm(gi, VMM_INJECT_BADGE) == ERR_OK;
}

/* What the victim did, from the manager's records. */
static const char *outcome(enum exp_kind k, int gi, unsigned faults0, unsigned wd0, bool hung)
{
	if (k == EXP_SPIN)
		return mgr_watchdog_restarts > wd0 ? "watchdog restarted it" : "not detected";
	if (k == EXP_PANIC)
		return hung ? "guest hung (no exits)" : "guest still running";
	if (mgr_last_fault.count == faults0 || mgr_last_fault.group != gi)
		return "no fault reported";
	if (k == EXP_SERVER)
		return "fault reported, restarted";
	return k == EXP_REACH ? "denied; fault of the offender" : "fault reported, stopped";
}

/* A panicked guest makes no more exits: two samples WATCH_MS apart. */
static bool guest_hung(int gi)
{
	mgr_sleep_ms(100); /* it polls its mailbox every 10 ms */
	uint64_t e1 = exits_of(gi);
	mgr_sleep_ms(WATCH_MS);
	return e1 != 0 && exits_of(gi) == e1;
}

static bool run_one(enum exp_kind k, int gi)
{
	struct lc_group *g = &lc.g[gi];
	struct watch before, mid;
	unsigned faults0 = mgr_last_fault.count, wd0 = mgr_watchdog_restarts, others = 0;
	unsigned restarts0 = g->restarts;
	bool hung = false, others_ok;

	if (g->state != LC_RUNNING && lc_restart(gi, "experiment setup") != ERR_OK) {
		printf("| %-7s | %-8s | could not be started for the experiment | FAIL\n",
		       kind_names[k], g->name);
		failed++;
		return false;
	}
	mgr_wait_until(lc_now() + mgr_ms_to_ticks(RECOVER_MS), recovered, &gi);
	mgr_sleep_ms(100);
	snapshot(&before);
	uint64_t t0 = lc_now();
	bool ok = inject(k, gi);
	g->restarts = 0;
	/* detection: a fault stops it, the watchdog restarts it, or it hangs */
	if (k == EXP_PANIC)
		hung = guest_hung(gi);
	else
		mgr_wait_until(t0 + mgr_ms_to_ticks(RECOVER_MS), victim_down, &gi);
	uint64_t t_detect = lc_now();
	/* watch the others for WATCH_MS at least while the victim is down */
	mgr_wait_until(t0 + mgr_ms_to_ticks(WATCH_MS), 0, 0);
	snapshot(&mid);
	/* the others kept their share of the CPU while the victim was down */
	others_ok = others_ran(gi, &before, &others);
	uint64_t t_restart = lc_now();
	if (g->state != LC_RUNNING || k == EXP_PANIC)
		(void)!lc_restart(gi, "experiment recovery");
	g->restarts += restarts0;
	mgr_wait_until(lc_now() + mgr_ms_to_ticks(RECOVER_MS), recovered, &gi);
	bool back = recovered(&gi);
	uint64_t t_back = lc_now();
	struct watch after;
	snapshot(&after);
	mgr_sleep_ms(k == EXP_SERVER ? CLIENT_WATCH_MS : WATCH_MS);
	unsigned clients = 0;
	bool served = k != EXP_SERVER || clients_resumed(gi, &after, &clients);
	/* and after the victim came back */
	others_ok = others_ran(gi, &mid, &others) && others_ok;
	const char *what = outcome(k, gi, faults0, wd0, hung);
	bool detected = strcmp(what, "no fault reported") != 0 &&
			strcmp(what, "not detected") != 0 &&
			strcmp(what, "guest still running") != 0;
	uint64_t detect = t_detect - t0, recover = t_back - t_restart;
	bool pass = ok && detected && others_ok && back && served;
	if (k == EXP_REACH)
		pass = pass && mgr_last_fault.reach_tried > 0 &&
		       mgr_last_fault.reach_denied == mgr_last_fault.reach_tried;
	printf("| %-7s | %-8s | %-30s | %u others %-10s | %10llu + %9llu = %10llu | %s\n",
	       kind_names[k], g->name, what, others, others_ok ? "kept going" : "STALLED",
	       (unsigned long long)detect, (unsigned long long)recover,
	       (unsigned long long)(detect + recover), pass ? "PASS" : "FAIL");
	if (k == EXP_REACH)
		printf("|         | %-8s | capability invocations outside its CNode: %llu, denied "
		       "%llu\n",
		       g->name, (unsigned long long)mgr_last_fault.reach_tried,
		       (unsigned long long)mgr_last_fault.reach_denied);
	if (k == EXP_SERVER)
		printf("|         | %-8s | %u clients' links working again: %s\n", g->name, clients,
		       served ? "yes" : "NO");
	pass ? passed++ : failed++;
	return pass;
}

static void header(void)
{
	printf("| kind    | victim   | victim afterwards              | other VMs           | "
	       "recovery in ticks: detect + restart = total | result\n");
}

void experiment_run(const char *kind, const char *target)
{
	int all = strcmp(kind, "all") == 0;
	unsigned p0 = passed, f0 = failed;

	header();
	for (int k = 0; k < EXP_KINDS; k++) {
		if (!all && strcmp(kind, kind_names[k]) != 0)
			continue;
		int gi = pick((enum exp_kind)k, all && k == EXP_SERVER ? 0 : target);
		if (gi < 0) {
			if (!all)
				failed++;
			continue;
		}
		bool pass = run_one((enum exp_kind)k, gi);
		printf("TEST fault.%s.%s %s\n", kind_names[k], lc.g[gi].name,
		       pass ? "PASS" : "FAIL");
		if (!all)
			break;
	}
	if (passed == p0 && failed == f0)
		printf(
		    "experiment: unknown kind '%s' (crash illegal spin panic reach server all)\n",
		    kind);
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

/* The i-th candidate victim for kind k, counting from 0 (-1: none). */
static int nth_victim(enum exp_kind k, unsigned n)
{
	unsigned count = 0;

	for (unsigned gi = 0; gi < lc.n; gi++)
		if ((lc.g[gi].kind == LC_SERVER) == (k == EXP_SERVER))
			count++;
	if (count == 0)
		return -1;
	n %= count;
	for (unsigned gi = 0; gi < lc.n; gi++)
		if ((lc.g[gi].kind == LC_SERVER) == (k == EXP_SERVER) && n-- == 0)
			return (int)gi;
	return -1;
}

void experiment_campaign(uint64_t seed, unsigned n)
{
	unsigned p0 = passed, f0 = failed;
	bool servers = nth_victim(EXP_SERVER, 0) >= 0;
	uint64_t s = seed;

	printf("campaign: seed %#llx, %u injections (replay one with 'campaign <its seed> 1')\n",
	       (unsigned long long)seed, n);
	header();
	for (unsigned i = 0; i < n; i++, s = mix(s + 0x9e3779b97f4a7c15ULL)) {
		enum exp_kind k = (enum exp_kind)(mix(s) % (servers ? EXP_KINDS : EXP_SERVER));
		int gi = nth_victim(k, (unsigned)(mix(s) >> 32));
		printf("campaign: injection %u seed %#llx: %s on %s\n", i + 1,
		       (unsigned long long)s, kind_names[k], gi >= 0 ? lc.g[gi].name : "?");
		if (gi < 0 || !run_one(k, gi))
			printf("campaign: injection %u (seed %#llx) FAILED\n", i + 1,
			       (unsigned long long)s);
	}
	unsigned ok = passed - p0, bad = failed - f0;
	printf("campaign: seed %#llx: %u injections, %u survived, %u failed\n",
	       (unsigned long long)seed, n, ok, bad);
	bool pass = bad == 0 && ok == n;
	printf("TEST campaign.%#llx %s\n", (unsigned long long)seed, pass ? "PASS" : "FAIL");
	pass ? camp_passed++ : camp_failed++;
	passed = p0; /* a campaign's injections count in its own suite */
	failed = f0;
}

static bool guest_reported(void *ctx)
{
	int gi = *(int *)ctx;
	return lc_peek_guest(gi, LG_STATUS) != 0;
}

void experiment_cycle(int gi, unsigned n)
{
	if (gi < 0 || lc.g[gi].kind != LC_VM) {
		printf("cycle: needs a VM\n");
		return;
	}
	struct lc_group *g = &lc.g[gi];
	uint64_t stopped0 = 0, running0 = 0;
	unsigned good = 0, zeroed = 0;

	if (g->state != LC_RUNNING && lc_restart(gi, "cycle setup") != ERR_OK)
		return;
	mgr_wait_until(lc_now() + mgr_ms_to_ticks(RECOVER_MS), guest_reported, &gi);
	running0 = alloc_kernel_free_bytes();
	for (unsigned i = 1; i <= n; i++) {
		if (lc_stop(gi, "cycle") != ERR_OK)
			break;
		uint64_t stopped = alloc_kernel_free_bytes();
		if (i == 1)
			stopped0 = stopped;
		if (lc_start(gi) != ERR_OK)
			break;
		mgr_wait_until(lc_now() + mgr_ms_to_ticks(RECOVER_MS), guest_reported, &gi);
		uint64_t status = lc_peek_guest(gi, LG_STATUS), running = alloc_kernel_free_bytes();
		zeroed += status == LG_STATUS_ZEROED;
		bool ok = stopped == stopped0 && running == running0 && status == LG_STATUS_ZEROED;
		good += ok;
		printf(
		    "cycle %2u: free after stop %llu KiB, after start %llu KiB, guest RAM %s: %s\n",
		    i, (unsigned long long)(stopped >> 10), (unsigned long long)(running >> 10),
		    status == LG_STATUS_ZEROED ? "zeroed"
		    : status == 0	       ? "not reported"
					       : "DIRTY",
		    ok ? "ok" : "MISMATCH");
	}
	printf("cycle: vm %s %u times: free untyped back to %llu KiB (stopped) and %llu KiB "
	       "(running) every time: %s; RAM zeroed %u/%u\n",
	       g->name, n, (unsigned long long)(stopped0 >> 10),
	       (unsigned long long)(running0 >> 10), good == n ? "yes" : "NO", zeroed, n);
	bool pass = good == n && n > 0;
	printf("TEST lifecycle.cycle_%s %s\n", g->name, pass ? "PASS" : "FAIL");
	pass ? life_passed++ : life_failed++;
}

void experiment_pause(int gi)
{
	if (gi < 0 || lc.g[gi].kind != LC_VM || lc.g[gi].state != LC_RUNNING) {
		printf("pause check: needs a running VM\n");
		return;
	}
	uint64_t e0 = exits_of(gi);
	bool ok = lc_pause(gi) == ERR_OK;
	mgr_sleep_ms(50); /* an exit in flight may still finish */
	uint64_t e1 = lc_stats(gi) != 0 ? lc_stats(gi)->exits : 0;
	mgr_sleep_ms(WATCH_MS);
	uint64_t e2 = lc_stats(gi) != 0 ? lc_stats(gi)->exits : 0;
	ok = lc_resume(gi) == ERR_OK && ok;
	mgr_sleep_ms(WATCH_MS);
	uint64_t e3 = exits_of(gi);
	bool pass = ok && e1 == e2 && e3 > e2;
	printf("pause check: vm %s exits %llu before, %llu..%llu while paused (%u ms), %llu after "
	       "resuming: %s\n",
	       lc.g[gi].name, (unsigned long long)e0, (unsigned long long)e1,
	       (unsigned long long)e2, (unsigned)WATCH_MS, (unsigned long long)e3,
	       pass ? "ok" : "WRONG");
	printf("TEST lifecycle.pause_%s %s\n", lc.g[gi].name, pass ? "PASS" : "FAIL");
	pass ? life_passed++ : life_failed++;
}

void experiment_summary(void)
{
	printf("SUMMARY fault %u %u\n", passed, failed);
	printf("SUMMARY campaign %u %u\n", camp_passed, camp_failed);
	printf("SUMMARY lifecycle %u %u\n", life_passed, life_failed);
}
