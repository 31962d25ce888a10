// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of init's kernel-log handover (servers/init/klog.c, with the
 * real invocation wrappers) on the golden generated spec
 * tests/idl/good/klog (component d holds the `klog` item), against a fake
 * kernel that records signals and CNode mints. Checks: before the
 * handover, without a holder, and while the holder's group is stopped,
 * init drains the ring itself and wakes nobody; while the holder runs,
 * init never drains, wakes it (a cap minted from the holder's
 * notification with badge 1) once per new head, and mints again after a
 * restart; a holder that is init's own and faults loses the ring.
 */
#include <string.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>

#include "alloc.h"
#include "boot.h"
#include "check.h"
#include "klog.h"
#include "lifecycle.h"

__thread struct ipc_buffer *tsr_ipcbuf_tls;
static struct ipc_buffer buf;

static int signals, mints, deletes, drains;
static uint64_t last_signal, mint_src, mint_badge, mint_rights;

void tsr_syscall_regs(uint64_t sysno, uint64_t r[7])
{
	uint64_t label = MSGINFO_LABEL(r[1]), mr4 = buf.msg[4], mr5 = buf.msg[5];

	if (sysno == SYS_SIGNAL) {
		signals++;
		last_signal = r[0];
	} else if (sysno == SYS_CALL && label == INV_CNODE_MINT) {
		mints++;
		mint_src = r[4];
		mint_rights = mr4;
		mint_badge = mr5;
	} else if (sysno == SYS_CALL && label == INV_CNODE_DELETE) {
		deletes++;
	}
	memset(r, 0, 7 * sizeof(r[0]));
}

/* Fakes of init's allocator and console. */
static tsr_cptr_t next_slot = 3000;
static int group = ALLOC_GROUP_INIT;
tsr_cptr_t alloc_slot(void)
{
	return next_slot++;
}
tsr_cptr_t alloc_object(unsigned type, unsigned size_bits)
{
	(void)type, (void)size_bits;
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
static struct log_ring ring;
void boot_drain_log(void) /* what it does to the ring */
{
	ring.tail = ring.head;
	drains++;
}

struct lifecycle lc;
static struct realise r;
static tsr_cptr_t slots[64];
static int8_t space_group[8];

static void setup(void)
{
	for (unsigned k = 0; k < 64; k++)
		slots[k] = 100 + k;
	r = (struct realise){.spec = &tsr_spec, .slot = slots};
	memset(&lc, 0, sizeof(lc));
	lc.r = &r;
	lc.space_group = space_group;
	space_group[0] = 0; /* d, the holder: group 0 */
	space_group[1] = 1; /* r */
	lc.n = 2;
	lc.live[0] = lc.live[1] = 1;
	lc.g[0].starts = lc.g[1].starts = 1;
	memset(&ring, 0, sizeof(ring));
	klog_ring_view = &ring;
	tsr_ipcbuf_tls = &buf;
}

static void kernel_writes(void)
{
	ring.head += 10;
}

/* The holder drains the ring after it took it: init moves tail no more. */
static void holder_drains(void)
{
	ring.tail = ring.head;
}

static void holder_running(void)
{
	setup();
	CHECK(tsr_spec.klog != 0 && tsr_spec.klog->space == 0);
	kernel_writes();
	klog_service(); /* not handed over yet: init drains */
	CHECK(drains == 1 && signals == 0 && !klog_held());
	klog_handover();
	CHECK(klog_held());
	klog_service(); /* nothing new since init drained */
	CHECK(drains == 1 && signals == 0);
	kernel_writes();
	klog_service();
	CHECK(drains == 1 && signals == 1 && mints == 1);
	CHECK(mint_src == slots[tsr_spec.klog->ntfn] && mint_badge == 1 &&
	      mint_rights == RIGHT_WRITE);
	CHECK(last_signal != slots[tsr_spec.klog->ntfn]); /* the badged copy */
	klog_service();					  /* same head: no second wake-up */
	CHECK(signals == 1);
	holder_drains();
	klog_service();
	CHECK(signals == 1);
	kernel_writes();
	klog_service();
	CHECK(signals == 2 && mints == 1 && drains == 1);
}

static void holder_stopped_and_restarted(void)
{
	holder_drains();
	lc.live[0] = 0; /* lc_stop: init takes the ring back */
	CHECK(!klog_held());
	kernel_writes();
	klog_service();
	CHECK(drains == 2 && signals == 2 && ring.tail == ring.head);
	lc.live[0] = 1; /* lc_start: a new notification object */
	lc.g[0].starts = 2;
	kernel_writes();
	klog_service();
	CHECK(drains == 2 && signals == 3 && mints == 2 && deletes >= 2);
}

static void holder_of_another_group_faulting_keeps_it(void)
{
	klog_fault("r");
	klog_fault("d"); /* restartable: lc restarts it, init does nothing here */
	CHECK(klog_held());
}

static void init_group_holder_faulting_loses_it(void)
{
	space_group[0] = ALLOC_GROUP_INIT; /* not restartable */
	CHECK(klog_held());
	int before = drains;
	klog_fault("d");
	CHECK(!klog_held() && drains == before + 1);
	kernel_writes();
	klog_service();
	CHECK(drains == before + 2);
}

int main(void)
{
	RUN("unit_init_klog", holder_running);
	RUN("unit_init_klog", holder_stopped_and_restarted);
	RUN("unit_init_klog", holder_of_another_group_faulting_keeps_it);
	RUN("unit_init_klog", init_group_holder_faulting_loses_it);
	return DONE("unit_init_klog");
}
