// SPDX-License-Identifier: BSD-2-Clause
/*
 * init for a generated system (docs/userland.md "init realising a spec"):
 * the spec of configs/<name>.tsr is linked in as tsr_spec. init reports the
 * boot information, takes the console, realises the spec (realise.h),
 * prints one line per component, then serves its fault endpoint: a
 * faulting thread is reported by name and left stopped; wake-ups by the
 * kernel log notification drain the log ring.
 */
#include <stdio.h>
#include <tessera/fault.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>
#include <tessera/runtime.h>
#include <tessera/version.h>

#include "alloc.h"
#include "boot.h"
#include "realise.h"

TSR_HEAP_SIZE(4UL << 20);

static enum tessera_err realise_all(struct realise *r)
{
	enum tessera_err err = realise_init(r, &tsr_spec, tsr_bootinfo);

	if (err == ERR_OK)
		err = realise_objects(r);
	for (uint32_t s = 0; err == ERR_OK && s < tsr_spec.num_spaces; s++)
		err = realise_space(r, s);
	return err == ERR_OK ? realise_start(r) : err;
}

static void report(const struct realise *r)
{
	for (uint32_t s = 0; s < tsr_spec.num_spaces; s++) {
		const struct realise_stats *st = &r->stats[s];
		printf("init: component %s: %u objects, %u caps, %u threads, %llu KiB "
		       "(image %u pages)\n",
		       tsr_spec.spaces[s].name, st->objects, st->caps, st->threads,
		       (unsigned long long)(st->bytes >> 10), st->image_pages);
	}
	printf("init: shared (connections, init): %u objects, %llu bytes; %llu KiB of RAM "
	       "untyped left\n",
	       r->shared.objects, (unsigned long long)r->shared.bytes,
	       (unsigned long long)(alloc_free_bytes() >> 10));
}

static void serve_faults(tsr_cptr_t ep, tsr_cptr_t reply)
{
	struct tsr_msg m = {0};

	for (;;) {
		boot_drain_log();
		if (tsr_recv(ep, &m, reply) != ERR_OK) {
			printf("init: receive on the fault endpoint failed\n");
			return;
		}
		if (m.info == 0)
			continue; /* the log notification woke us */
		const char *space, *thread = realise_thread_name(&tsr_spec, m.badge, &space);
		printf(
		    "init: thread %s.%s faulted: type %llu pc %#llx word1 %#llx (left stopped)\n",
		    space, thread, (unsigned long long)tsr_msginfo_label(m.info),
		    (unsigned long long)m.mr[0], (unsigned long long)m.mr[1]);
	}
}

int main(void)
{
	const struct bootinfo *bi = tsr_bootinfo;
	struct realise r;

	alloc_init(bi);
	boot_summary(bi);
	boot_take_console(bi);
	boot_drain_log();
	printf("init: system %s: %u objects, %u components, %llu KiB of RAM untyped needed "
	       "(plus images), %llu KiB free\n",
	       tsr_spec.system, tsr_spec.num_objects, tsr_spec.num_spaces,
	       (unsigned long long)(tsr_spec.untyped_bytes >> 10),
	       (unsigned long long)(alloc_free_bytes() >> 10));
	int ok = bi->abi_version == TESSERA_ABI_VERSION;
	printf("TEST init.bootinfo_abi %s\n", ok ? "PASS" : "FAIL");
	enum tessera_err err = realise_all(&r);
	if (err == ERR_OK)
		report(&r);
	printf("TEST init.realise %s\n", err == ERR_OK ? "PASS" : "FAIL");
	printf("SUMMARY init %d %d\n", ok + (err == ERR_OK), !ok + (err != ERR_OK));
	tsr_cptr_t reply = alloc_object(OBJ_REPLY, 0);
	if (err == ERR_OK && reply != 0 &&
	    tsr_tcb_bind_notification(SLOT_INIT_TCB, SLOT_LOG_NOTIFICATION) == ERR_OK)
		serve_faults(r.slot[tsr_spec.fault_ep], reply);
	for (;;) {
		uint64_t word;
		boot_drain_log();
		(void)tsr_wait(SLOT_LOG_NOTIFICATION, &word);
	}
}
