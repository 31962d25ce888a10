// SPDX-License-Identifier: BSD-2-Clause
/* init's shell input through the console server: the reader thread; see shellread.h. */
#include <stdio.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>

#include "alloc.h"
#include "lifecycle.h"
#include "manager.h"
#include "shell.h"
#include "shellread.h"
#include "vspace.h"

#define LINK_READ 2	/* ConsoleLink.read (docs/servers.md) */
#define READ_MAX  4096U /* the link's buffer: one page */
#define RING_SIZE 4096U /* a power of two */
#define PAGE	  4096UL

/* What the reader is doing (for the main thread's reports and the test). */
enum sr_state { SR_OFF, SR_WAITING, SR_CALLING, SR_MINTING, SR_FULL };
/* The cap hand-over: the reader asks, the main thread answers. */
enum sr_mint { MINT_IDLE, MINT_ASKED, MINT_DONE, MINT_FAILED };

/* Shared by the two threads: only through __atomic builtins. head is
 * written by the reader only, tail by the main thread only (free-running
 * counters; head - tail bytes are in the ring). */
static struct {
	char ring[RING_SIZE];
	uint32_t head, tail;
	int state, mint;
	int want_space; /* the reader waits for the main thread to drain */
	unsigned mints; /* caps minted at the reader's request */
} sr;

/* Caps the reader uses (set before it starts, never changed after). */
static tsr_cptr_t link_ep;   /* badged cap to the server's endpoint (re-minted) */
static tsr_cptr_t link_ntfn; /* init.shell.ntfn: the server's "read" signal */
static tsr_cptr_t to_main;   /* init's bound notification, badge MGR_SHELL_BIT */
static tsr_cptr_t wake_ntfn; /* the reader's own notification */
static tsr_cptr_t to_reader; /* the same, badge 1: the main thread's wake-up */
static tsr_cptr_t reader_tcb;
static const volatile char *link_buf;

#define LOAD(p)	    __atomic_load_n(p, __ATOMIC_SEQ_CST)
#define STORE(p, v) __atomic_store_n(p, v, __ATOMIC_SEQ_CST)

/* ---- the reader thread: system call stubs and the ring only ------------ */

static void reader_sleep(void)
{
	uint64_t word;

	(void)!tsr_wait(wake_ntfn, &word);
}

/* Free bytes in the ring; waits for the main thread while there are none.
 * want_space is published before the second look, the main thread clears
 * it after moving tail: one of the two sees the other (seq_cst). */
static uint32_t reader_room(void)
{
	for (;;) {
		uint32_t room = RING_SIZE - (sr.head - LOAD(&sr.tail));
		if (room != 0)
			return room;
		STORE(&sr.state, SR_FULL);
		STORE(&sr.want_space, 1);
		if (RING_SIZE - (sr.head - LOAD(&sr.tail)) == 0)
			reader_sleep();
	}
}

/* A cap to the (new) server's endpoint from the main thread; false: none. */
static bool reader_remint(void)
{
	STORE(&sr.state, SR_MINTING);
	STORE(&sr.mint, MINT_ASKED);
	(void)!tsr_signal(to_main);
	while (LOAD(&sr.mint) == MINT_ASKED)
		reader_sleep();
	return LOAD(&sr.mint) == MINT_DONE;
}

/* ConsoleLink.read until it returns 0; each chunk into the ring. */
static void reader_read_all(void)
{
	bool reminted = false;

	for (;;) {
		uint32_t max = reader_room();
		if (max > READ_MAX)
			max = READ_MAX;
		struct tsr_msg m = {.info = tsr_msginfo(LINK_READ, 0, 1), .mr = {max}};
		STORE(&sr.state, SR_CALLING);
		if (tsr_call(link_ep, &m) != ERR_OK) {
			/* the server was restarted (or stopped): once per wake-up */
			if (reminted || !reader_remint())
				return;
			reminted = true;
			continue;
		}
		uint64_t n = m.mr[0];
		if (n == 0 || n > max)
			return;
		uint32_t head = sr.head;
		for (uint32_t i = 0; i < n; i++)
			sr.ring[(head + i) & (RING_SIZE - 1)] = link_buf[i];
		STORE(&sr.head, head + (uint32_t)n);
		(void)!tsr_signal(to_main);
	}
}

static _Noreturn void reader_main(void)
{
	for (;;) {
		uint64_t bits = 0;
		STORE(&sr.state, SR_WAITING);
		/* init's own notification: cannot fail; if it did, a fault
		 * (reported by the main loop) rather than a spin */
		if (tsr_wait(link_ntfn, &bits) != ERR_OK)
			__builtin_trap();
		if (bits != 0)
			reader_read_all();
	}
}

/* ---- the main thread --------------------------------------------------- */

/* The shell's console server is running (its endpoint slot is its own). */
static bool server_live(void)
{
	int g = lc.space_group[lc.r->spec->shell->server_space];

	return g == ALLOC_GROUP_INIT || lc.live[g];
}

static bool link_mint(void)
{
	const struct tsr_spec_shell *sh = lc.r->spec->shell;

	(void)!tsr_cnode_delete(SLOT_INIT_CNODE, link_ep, TSR_DEPTH);
	return server_live() &&
	       tsr_cnode_mint(SLOT_INIT_CNODE, link_ep, TSR_DEPTH, SLOT_INIT_CNODE,
			      lc.r->slot[sh->ep], TSR_DEPTH, RIGHT_WRITE | RIGHT_GRANT_REPLY,
			      sh->badge) == ERR_OK;
}

static tsr_cptr_t mint_of(tsr_cptr_t src, unsigned rights, uint64_t badge)
{
	tsr_cptr_t c = alloc_slot();

	if (c != 0 && tsr_cnode_mint(SLOT_INIT_CNODE, c, TSR_DEPTH, SLOT_INIT_CNODE, src, TSR_DEPTH,
				     rights, badge) != ERR_OK)
		return 0;
	return c;
}

/* The link's buffer page mapped, caps minted, the reader's objects made. */
static bool link_setup(tsr_cptr_t fault_ep, tsr_cptr_t *fault_cap, tsr_cptr_t *stack)
{
	const struct tsr_spec_shell *sh = lc.r->spec->shell;
	tsr_cptr_t page = alloc_slot();

	link_ep = alloc_slot();
	if (page == 0 || link_ep == 0 || !link_mint() ||
	    tsr_cnode_copy(SLOT_INIT_CNODE, page, TSR_DEPTH, SLOT_INIT_CNODE,
			   lc.r->slot[sh->buffer], TSR_DEPTH, RIGHTS_ALL) != ERR_OK ||
	    vs_map(SLOT_INIT_VSPACE, page, SHELLREAD_BUF_VADDR, RIGHT_READ | RIGHT_WRITE, 0) !=
		ERR_OK)
		return false;
	link_buf = (const volatile char *)SHELLREAD_BUF_VADDR;
	link_ntfn = lc.r->slot[sh->ntfn];
	wake_ntfn = alloc_object(OBJ_NOTIFICATION, 0);
	*stack = alloc_object(OBJ_FRAME_4K, 0);
	reader_tcb = alloc_object(OBJ_TCB, 0);
	if (wake_ntfn == 0 || *stack == 0 || reader_tcb == 0)
		return false;
	to_reader = mint_of(wake_ntfn, RIGHT_WRITE, 1);
	to_main = mint_of(SLOT_LOG_NOTIFICATION, RIGHT_WRITE, MGR_SHELL_BIT);
	*fault_cap = mint_of(fault_ep, RIGHT_WRITE | RIGHT_GRANT_REPLY, SHELLREAD_FAULT_BADGE);
	return to_reader != 0 && to_main != 0 && *fault_cap != 0 &&
	       vs_map(SLOT_INIT_VSPACE, *stack, SHELLREAD_STACK_VADDR, RIGHT_READ | RIGHT_WRITE,
		      0) == ERR_OK;
}

bool shellread_start(tsr_cptr_t fault_ep)
{
	const struct tsr_spec_shell *sh = lc.r->spec->shell;
	tsr_cptr_t fault_cap = 0, stack = 0;
	int saved = alloc_group();

	if (sh == 0)
		return false;
	alloc_set_group(ALLOC_GROUP_INIT); /* never released by a stop */
	bool ok = link_setup(fault_ep, &fault_cap, &stack);
	alloc_set_group(saved);
	/* no IPC buffer (ipcbuf 0): every message of the reader fits the registers */
	const tsr_cptr_t caps[2] = {SLOT_INIT_CNODE, SLOT_INIT_VSPACE};
	const uint64_t words[2] = {fault_cap, 0};
	const uint64_t regs[3] = {(uint64_t)reader_main, SHELLREAD_STACK_VADDR + PAGE,
				  0 /* EL0t */};
	enum tessera_err err = ok ? ERR_OK : ERR_NOT_ENOUGH_MEMORY;
	if (err == ERR_OK)
		err = tsr_invoke(reader_tcb, INV_TCB_CONFIGURE, 2, caps, 2, words, 0);
	if (err == ERR_OK) /* a new TCB is on core 0, init's core */
		err = tsr_tcb_set_priority(reader_tcb, 255);
	if (err == ERR_OK)
		err = tsr_tcb_write_regs(reader_tcb, 1, 3, regs);
	if (err != ERR_OK) {
		printf("init: management shell: cannot start its reader thread (error %d)\n", err);
		return false;
	}
	printf("init: management shell: console client %llu ('Ctrl-a %llu' on the console, "
	       "Ctrl-a Ctrl-a %llu under 'make run')\n",
	       (unsigned long long)sh->badge - 1, (unsigned long long)sh->badge - 1,
	       (unsigned long long)sh->badge - 1);
	return true;
}

static void drain(void)
{
	uint32_t t;

	/* tail moves before shell_input(): a command it runs may serve events
	 * and come back here for the next byte */
	while ((t = LOAD(&sr.tail)) != LOAD(&sr.head)) {
		char c = sr.ring[t & (RING_SIZE - 1)];
		STORE(&sr.tail, t + 1);
		if (__atomic_exchange_n(&sr.want_space, 0, __ATOMIC_SEQ_CST))
			(void)!tsr_signal(to_reader);
		shell_input(c);
	}
}

void shellread_service(void)
{
	if (link_buf == 0)
		return;
	if (LOAD(&sr.mint) == MINT_ASKED) {
		bool ok = link_mint();
		if (ok)
			sr.mints++;
		STORE(&sr.mint, ok ? MINT_DONE : MINT_FAILED);
		(void)!tsr_signal(to_reader);
	}
	drain();
}

void shellread_faulted(const struct tsr_msg *m)
{
	printf("init: thread init.shellreader faulted: type %llu pc %#llx word1 %#llx; the "
	       "management shell takes no more input\n",
	       (unsigned long long)tsr_msginfo_label(m->info), (unsigned long long)m->mr[0],
	       (unsigned long long)m->mr[1]);
}

/* ---- the test hook (shell command shellhang) --------------------------- */

#define HANG_MS	   250	/* short of the VM watchdog's 500 ms: a VMM may block writing a line */
#define RECOVER_MS 3000 /* restart, new cap, read from the new server */

struct hang_watch {
	int group;
	unsigned starts, mints;
};

static bool reader_back(void *ctx)
{
	const struct hang_watch *w = ctx;

	return lc.g[w->group].starts > w->starts && sr.mints > w->mints &&
	       LOAD(&sr.state) == SR_WAITING;
}

static const char *state_name(int s)
{
	static const char *const names[] = {"off", "waiting for input", "in its read call",
					    "waiting for a cap", "waiting for room"};
	return s >= SR_OFF && s <= SR_FULL ? names[s] : "?";
}

/* Input pending, as the server says it (its badge for init: bit 0). */
static void signal_link(void)
{
	tsr_cptr_t c = mint_of(link_ntfn, RIGHT_WRITE, 1);

	if (c == 0)
		return;
	(void)!tsr_signal(c);
	(void)!tsr_cnode_delete(SLOT_INIT_CNODE, c, TSR_DEPTH);
	alloc_free_slot(c);
}

void shellread_hang_test(void)
{
	const struct tsr_spec_shell *sh = link_buf != 0 ? lc.r->spec->shell : 0;
	int gi = sh != 0 ? lc.space_group[sh->server_space] : -1;

	if (gi < 0 || lc.g[gi].state != LC_RUNNING) {
		printf("shellhang: init reads no running restartable console server\n");
		return;
	}
	const struct tsr_spec_space *sp = &lc.r->spec->spaces[sh->server_space];
	struct hang_watch w = {gi, lc.g[gi].starts, sr.mints};
	for (uint32_t k = 0; k < sp->num_threads; k++)
		(void)!tsr_tcb_suspend(lc.r->slot[sp->threads[k].tcb] + sp->threads[k].tcb_index);
	unsigned ticks0 = mgr_ticks;
	signal_link();
	printf("shellhang: %s hung (every thread suspended) with input for init pending\n",
	       lc.g[gi].name);
	mgr_sleep_ms(HANG_MS);
	int state = LOAD(&sr.state);
	unsigned ticks = mgr_ticks - ticks0;
	bool hang_ok = state == SR_CALLING && ticks >= 1;
	printf("TEST shellread.hang %s init served %u ticks while its reader was %s\n",
	       hang_ok ? "PASS" : "FAIL", ticks, state_name(state));
	/* now it faults with the read outstanding: thread 0 to address 0 */
	const uint64_t regs[1] = {0};
	const struct tsr_spec_thread *t = &sp->threads[0];
	enum tessera_err err = tsr_tcb_write_regs(lc.r->slot[t->tcb] + t->tcb_index, 1, 1, regs);
	mgr_wait_until(lc_now() + mgr_ms_to_ticks(RECOVER_MS), reader_back, &w);
	bool back = err == ERR_OK && reader_back(&w);
	printf("TEST shellread.restart %s %s restarted (start %u), %u new caps, reader %s\n",
	       back ? "PASS" : "FAIL", lc.g[gi].name, lc.g[gi].starts, sr.mints - w.mints,
	       state_name(LOAD(&sr.state)));
	printf("SUMMARY shellread %d %d\n", hang_ok + back, 2 - hang_ok - back);
}
