// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of init's shell reader (servers/init/shellread.c, included to
 * see its state, with the real invocation wrappers) against a fake kernel
 * that runs the reader as a host thread: notifications are words under
 * one lock, CNode mints and deletes a table of (object, badge), the
 * console server a byte queue answering ConsoleLink.read (or holding the
 * call while "hung"), TCB_WriteRegisters starts the thread at its pc. The
 * test's main thread is init's event loop: it calls shellread_service()
 * when init's notification has MGR_SHELL_BIT. Checks: the reader's caps,
 * badges and registers; input arrives once and in order, also through a
 * nested service (a command serving events) and through a full ring; a
 * read outstanding on a hung server that is restarted is cancelled, the
 * reader gets a new cap from the main thread and reads the new server at
 * once without a new signal; while the server is stopped the mint fails
 * and the reader waits for the restarted server's signal. The link buffer
 * is mapped at its fixed address (SHELLREAD_BUF_VADDR) in the host process.
 */
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "check.h"
#include "../../servers/init/shellread.c"

__thread struct ipc_buffer *tsr_ipcbuf_tls;
static struct ipc_buffer buf;

/* ---- the fake kernel ---------------------------------------------------- */

#define NSLOTS 4096
#define EP_OBJ 101 /* slots[1]: the console server's endpoint */
#define NT_OBJ 102 /* slots[2]: init.shell.ntfn */
#define FAULT  50  /* init's fault endpoint */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static struct {
	uint64_t obj, badge; /* obj 0: empty slot */
	unsigned rights;
} cap[NSLOTS];
static uint64_t word[NSLOTS]; /* notification words, by object */
static char queue[16384];     /* the console server's input for init */
static size_t queued;
static bool hung;	    /* the server holds calls */
static unsigned server_gen; /* a restart cancels held calls */
static unsigned reads, cancelled;
static uint64_t started_pc, started_sp, prio;
static pthread_t reader;

static void ret(uint64_t r[7], enum tessera_err e)
{
	memset(r, 0, 7 * sizeof(r[0]));
	r[0] = e;
}

static void cnode_op(uint64_t label, uint64_t r[7])
{
	uint64_t dest = r[2], src = r[4];

	if (label == INV_CNODE_DELETE) {
		cap[dest].obj = 0;
		return ret(r, ERR_OK);
	}
	if (cap[src].obj == 0 || cap[dest].obj != 0)
		return ret(r, ERR_FAILED_LOOKUP);
	cap[dest].obj = cap[src].obj;
	cap[dest].badge = label == INV_CNODE_MINT ? buf.msg[5] : cap[src].badge;
	cap[dest].rights = (unsigned)buf.msg[4];
	ret(r, ERR_OK);
}

/* ConsoleLink.read (called with mu held). */
static void link_read(uint64_t r[7])
{
	unsigned gen = server_gen;
	uint64_t max = r[2];

	while (hung && gen == server_gen)
		pthread_cond_wait(&cv, &mu);
	if (gen != server_gen) {
		cancelled++;
		return ret(r, ERR_CANCELLED);
	}
	size_t n = queued < max ? queued : max;
	memcpy((void *)SHELLREAD_BUF_VADDR, queue, n);
	memmove(queue, queue + n, queued - n);
	queued -= n;
	reads++;
	ret(r, ERR_OK);
	r[2] = n;
}

static void *run_reader(void *pc)
{
	((void (*)(void))pc)();
	return 0;
}

static void call(uint64_t r[7])
{
	uint64_t c = r[0], label = MSGINFO_LABEL(r[1]);

	if (c == SLOT_INIT_CNODE)
		return cnode_op(label, r);
	if (cap[c].obj == EP_OBJ && label == LINK_READ)
		return link_read(r);
	if (cap[c].obj == 0)
		return ret(r, ERR_INVALID_CAPABILITY);
	if (label == INV_TCB_WRITE_REGS && r[2] == 1) {
		started_pc = r[4];
		started_sp = r[5];
		pthread_create(&reader, 0, run_reader, (void *)started_pc);
	} else if (label == INV_TCB_SET_PRIORITY) {
		prio = r[2];
	}
	ret(r, ERR_OK);
}

void tsr_syscall_regs(uint64_t sysno, uint64_t r[7])
{
	uint64_t c = r[0] < NSLOTS ? r[0] : 0;

	pthread_mutex_lock(&mu);
	if (sysno == SYS_SIGNAL) {
		word[cap[c].obj] |= cap[c].badge;
		pthread_cond_broadcast(&cv);
		ret(r, cap[c].obj != 0 ? ERR_OK : ERR_INVALID_CAPABILITY);
	} else if (sysno == SYS_WAIT) {
		while (word[cap[c].obj] == 0)
			pthread_cond_wait(&cv, &mu);
		uint64_t w = word[cap[c].obj];
		word[cap[c].obj] = 0;
		ret(r, ERR_OK);
		r[6] = w;
	} else if (sysno == SYS_CALL) {
		call(r);
	} else {
		ret(r, ERR_ILLEGAL_OPERATION);
	}
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
}

/* ---- fakes of the rest of init ----------------------------------------- */

static char typed[16384];
static size_t ntyped;
static unsigned nested;

void shell_input(char c)
{
	typed[ntyped++] = c;
	if (c == '!') { /* a command that serves events while it runs */
		nested++;
		shellread_service();
	}
}

static tsr_cptr_t next_slot = 1000;
static int group = ALLOC_GROUP_INIT;
tsr_cptr_t alloc_slot(void)
{
	return next_slot++;
}
tsr_cptr_t alloc_object(unsigned type, unsigned size_bits)
{
	(void)type, (void)size_bits;
	cap[next_slot].obj = next_slot;
	return next_slot++;
}
int alloc_group(void)
{
	return group;
}
void alloc_set_group(int g)
{
	group = g;
}
void alloc_free_slot(tsr_cptr_t slot)
{
	(void)slot;
}
enum tessera_err vs_map(tsr_cptr_t vspace, tsr_cptr_t frame, uint64_t vaddr, unsigned rights,
			unsigned attrs)
{
	(void)vspace, (void)frame, (void)vaddr, (void)rights, (void)attrs;
	return ERR_OK;
}
unsigned mgr_ticks;
void mgr_sleep_ms(unsigned ms)
{
	(void)ms;
}
void mgr_wait_until(uint64_t t, bool (*stop)(void *), void *ctx)
{
	(void)t, (void)stop, (void)ctx;
}
uint64_t mgr_ms_to_ticks(unsigned ms)
{
	return ms;
}
uint64_t lc_now(void)
{
	return 0;
}

struct lifecycle lc;
static struct realise r;
static tsr_cptr_t slots[8];
static int8_t space_group[2] = {0, ALLOC_GROUP_INIT};
static const struct tsr_spec_shell shell = {
    .server_space = 0, .ep = 1, .badge = 3, .buffer = 3, .ntfn = 2};
static const struct tsr_spec spec = {.shell = &shell};

/* ---- the test's event loop ---------------------------------------------- */

static bool poll_main(void)
{
	pthread_mutex_lock(&mu);
	uint64_t w = word[SLOT_LOG_NOTIFICATION];
	word[SLOT_LOG_NOTIFICATION] = 0;
	pthread_mutex_unlock(&mu);
	if (w & MGR_SHELL_BIT)
		shellread_service();
	return w != 0;
}

static void nap(void)
{
	const struct timespec ms = {0, 1000000};
	nanosleep(&ms, 0);
}

/* Serves init's events until cond holds (true) or 5 s pass (false). */
static bool serve_until(bool (*cond)(void))
{
	for (int i = 0; i < 5000; i++) {
		if (!poll_main())
			nap();
		if (cond())
			return true;
	}
	return false;
}

/* Waits (serving nothing) until the reader is in state s. */
static bool reader_in(int s)
{
	for (int i = 0; i < 5000 && LOAD(&sr.state) != s; i++)
		nap();
	return LOAD(&sr.state) == s;
}

static size_t expect_len;
static bool all_typed(void)
{
	return ntyped >= expect_len && LOAD(&sr.state) == SR_WAITING;
}

/* The server gets bytes for init and signals its notification (bit 0). */
static void server_types(const char *s, size_t n, bool notify)
{
	pthread_mutex_lock(&mu);
	memcpy(queue + queued, s, n);
	queued += n;
	if (notify)
		word[NT_OBJ] |= 1;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
}

static bool typed_is(size_t from, const char *s, size_t n)
{
	expect_len = from + n;
	return serve_until(all_typed) && ntyped == from + n && memcmp(typed + from, s, n) == 0;
}

/* ---- tests ------------------------------------------------------------- */

static void starts_reader(void)
{
	void *p = mmap((void *)SHELLREAD_BUF_VADDR, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(p == (void *)SHELLREAD_BUF_VADDR);
	for (unsigned k = 0; k < 8; k++)
		cap[slots[k] = 100 + k].obj = 100 + k;
	cap[SLOT_LOG_NOTIFICATION].obj = SLOT_LOG_NOTIFICATION;
	cap[FAULT].obj = FAULT;
	cap[SLOT_INIT_VSPACE].obj = SLOT_INIT_VSPACE;
	r = (struct realise){.spec = &spec, .slot = slots};
	lc.r = &r;
	lc.space_group = space_group;
	lc.n = 1;
	lc.live[0] = 1;
	tsr_ipcbuf_tls = &buf;
	CHECK(shellread_start(FAULT));
	CHECK(cap[link_ep].obj == EP_OBJ && cap[link_ep].badge == 3 &&
	      cap[link_ep].rights == (RIGHT_WRITE | RIGHT_GRANT_REPLY));
	CHECK(cap[to_main].obj == SLOT_LOG_NOTIFICATION && cap[to_main].badge == MGR_SHELL_BIT &&
	      cap[to_main].rights == RIGHT_WRITE);
	CHECK(cap[to_reader].obj == wake_ntfn && cap[to_reader].badge == 1);
	CHECK(started_pc == (uint64_t)reader_main && started_sp == SHELLREAD_STACK_VADDR + PAGE &&
	      prio == 255);
	CHECK(link_ntfn == slots[2] && group == ALLOC_GROUP_INIT);
	CHECK(reader_in(SR_WAITING));
}

static void input_once_in_order(void)
{
	server_types("ab!cd\n", 6, true);
	CHECK(typed_is(0, "ab!cd\n", 6));
	CHECK(nested == 1);
}

static void through_a_full_ring(void)
{
	static char big[10000];
	size_t at = ntyped;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 23);
	server_types(big, sizeof(big), true);
	CHECK(reader_in(SR_FULL)); /* nobody drained: 4096 bytes wait */
	CHECK(typed_is(at, big, sizeof(big)));
}

static void hung_server_restarted(void)
{
	size_t at = ntyped;
	unsigned mints0 = sr.mints;

	pthread_mutex_lock(&mu);
	hung = true;
	pthread_mutex_unlock(&mu);
	server_types("lost", 4, true);
	CHECK(reader_in(SR_CALLING));
	for (int i = 0; i < 50; i++) /* init's loop runs on meanwhile */
		(void)poll_main();
	/* restart: the old endpoint (and init's cap to it) deleted, a held
	 * call cancelled; the new server's input came with the consumed
	 * signal: no new one */
	pthread_mutex_lock(&mu);
	cap[link_ep].obj = 0;
	hung = false;
	server_gen++;
	queued = 0;
	memcpy(queue, "new\n", 4);
	queued = 4;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	CHECK(typed_is(at, "new\n", 4));
	CHECK(cancelled == 1 && sr.mints == mints0 + 1 && cap[link_ep].obj == EP_OBJ);
}

static bool mint_failed(void)
{
	return LOAD(&sr.mint) == MINT_FAILED;
}

static void stopped_server_then_started(void)
{
	size_t at = ntyped;
	unsigned mints0 = sr.mints;

	pthread_mutex_lock(&mu);
	cap[link_ep].obj = 0; /* lc_stop revoked it */
	lc.live[0] = 0;
	word[NT_OBJ] |= 1;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	CHECK(reader_in(SR_MINTING));
	CHECK(serve_until(mint_failed) && reader_in(SR_WAITING) && sr.mints == mints0);
	lc.live[0] = 1; /* lc_start; the server's "read again" */
	server_types("up\n", 3, true);
	CHECK(typed_is(at, "up\n", 3));
	CHECK(sr.mints == mints0 + 1);
}

int main(void)
{
	RUN("unit_init_shellread", starts_reader);
	RUN("unit_init_shellread", input_once_in_order);
	RUN("unit_init_shellread", through_a_full_ring);
	RUN("unit_init_shellread", hung_server_restarted);
	RUN("unit_init_shellread", stopped_server_then_started);
	return DONE("unit_init_shellread");
}
