// SPDX-License-Identifier: BSD-2-Clause
/* init's event loop, watchdog and user timer; see manager.h. */
#include <stdio.h>
#include <tessera/fault.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>
#include <tessera/runtime.h>

#include "boot.h"
#include "klog.h"
#include "lifecycle.h"
#include "manager.h"
#include "pool.h"
#include "shell.h"
#include "shellread.h"
#include "uart.h"

#define UART_IRQ 33 /* QEMU virt: PL011 SPI 1 */

struct mgr_fault mgr_last_fault = {.group = -2};
unsigned mgr_watchdog_restarts;
unsigned mgr_ticks;

static tsr_cptr_t fault_ep, reply, timer, input_irq;
static uint64_t next_tick, wake_at;

uint64_t mgr_ms_to_ticks(unsigned ms)
{
	return lc_freq() * ms / 1000;
}

/* An IRQ handler in a new slot of init's, signalling its notification with bit. */
static tsr_cptr_t claim_irq(unsigned irq, uint64_t bit)
{
	tsr_cptr_t h = alloc_slot(), n = alloc_slot();
	enum tessera_err err = h == 0 || n == 0 ? ERR_NOT_ENOUGH_MEMORY : ERR_OK;

	if (err == ERR_OK)
		err = tsr_irq_control_get(SLOT_IRQ_CONTROL, irq, SLOT_INIT_CNODE, h, TSR_DEPTH);
	if (err == ERR_OK)
		err = tsr_cnode_mint(SLOT_INIT_CNODE, n, TSR_DEPTH, SLOT_INIT_CNODE,
				     SLOT_LOG_NOTIFICATION, TSR_DEPTH, RIGHT_WRITE, bit);
	if (err == ERR_OK)
		err = tsr_irq_handler_set_notification(h, n);
	if (err != ERR_OK) {
		printf("init: interrupt %u: cannot claim it (error %d)\n", irq, err);
		return 0;
	}
	return h;
}

bool mgr_init(tsr_cptr_t ep, bool uart_input)
{
	fault_ep = ep;
	reply = alloc_object(OBJ_REPLY, 0);
	timer = claim_irq(TSR_USER_TIMER_IRQ, MGR_TIMER_BIT);
	if (timer == 0)
		printf("init: no user timer: the watchdog is off\n");
	if (uart_input && (input_irq = claim_irq(UART_IRQ, MGR_INPUT_BIT)) != 0)
		uart_rx_enable();
	bool shell = !uart_input && shellread_start(ep);
	next_tick = lc_now() + mgr_ms_to_ticks(MGR_TICK_MS);
	return input_irq != 0 || shell;
}

static void arm(void)
{
	uint64_t t = wake_at != 0 && wake_at < next_tick ? wake_at : next_tick;

	if (timer != 0)
		(void)!tsr_irq_handler_set_deadline(timer, t);
}

static void watchdog_tick(void)
{
	for (unsigned gi = 0; gi < lc.n; gi++) {
		struct lc_group *g = &lc.g[gi];
		if (g->state != LC_RUNNING || g->stats == 0 || g->ping == 0)
			continue;
		uint64_t pongs = g->stats->pongs;
		if (pongs != g->last_pongs) {
			g->last_pongs = pongs;
			g->misses = 0;
		} else if (pongs != 0 && g->watchdog && ++g->misses >= LC_WATCHDOG_MISSES) {
			printf("init: watchdog: vm %s's VMM answered none of %u pings (%u ms): "
			       "restarting it\n",
			       g->name, g->misses, g->misses * MGR_TICK_MS);
			mgr_watchdog_restarts++;
			(void)!lc_restart((int)gi, "watchdog");
			continue;
		}
		(void)!tsr_signal(g->ping);
	}
}

static void on_fault(const struct tsr_msg *m)
{
	if (m->badge == SHELLREAD_FAULT_BADGE) {
		shellread_faulted(m);
		return;
	}
	int gi = lc_group_of_thread(m->badge);
	const char *space, *thread = realise_thread_name(lc.r->spec, m->badge, &space);

	volatile struct vmm_stats *st = gi >= 0 ? lc.g[gi].stats : 0;
	mgr_last_fault = (struct mgr_fault){gi,
					    lc_now(),
					    tsr_msginfo_label(m->info),
					    m->mr[0],
					    m->mr[1],
					    st != 0 ? st->reach_tried : 0,
					    st != 0 ? st->reach_denied : 0,
					    mgr_last_fault.count + 1};
	printf("init: thread %s.%s faulted: type %llu pc %#llx word1 %#llx\n", space, thread,
	       (unsigned long long)tsr_msginfo_label(m->info), (unsigned long long)m->mr[0],
	       (unsigned long long)m->mr[1]);
	if (gi < 0 || !lc.live[gi]) {
		klog_fault(space);
		printf("init: %s is not restartable: left stopped\n", space);
		return;
	}
	struct lc_group *g = &lc.g[gi];
	g->crashes++;
	if (g->kind == LC_SERVER) {
		(void)!lc_restart(gi, "crashed");
		return;
	}
	(void)!lc_stop(gi, "its VMM crashed");
	g->state = LC_CRASHED;
	printf("init: vm %s crashed; the other VMs run on ('start %s' restarts it)\n", g->name,
	       g->name);
}

static void on_request(const struct tsr_msg *m)
{
	int gi = lc_group_of_thread(m->badge);
	uint64_t label = tsr_msginfo_label(m->info);

	if (gi < 0 || lc.g[gi].kind != LC_VM || !lc.live[gi])
		return;
	if (label == VMM_REQ_POWER_OFF) {
		bool ok = lc_stop(gi, "powered off") == ERR_OK &&
			  pool_kernel_free_bytes(gi) == pool_bytes(gi);
		printf("TEST release.%s %s pool %llu KiB free of %llu\n", lc.g[gi].name,
		       ok ? "PASS" : "FAIL", (unsigned long long)(pool_kernel_free_bytes(gi) >> 10),
		       (unsigned long long)(pool_bytes(gi) >> 10));
		printf("SUMMARY release %d %d\n", ok, !ok);
	} else {
		(void)!lc_restart(gi, "guest reset");
	}
}

static void on_input(void)
{
	int c;

	while ((c = uart_getc()) >= 0)
		shell_input((char)c);
	(void)!tsr_irq_handler_ack(input_irq);
}

static void handle(const struct tsr_msg *m)
{
	if (m->info != 0) {
		uint64_t label = tsr_msginfo_label(m->info);
		if (label == VMM_REQ_POWER_OFF || label == VMM_REQ_RESET)
			on_request(m);
		else
			on_fault(m);
		return;
	}
	if (m->badge & MGR_INPUT_BIT)
		on_input();
	if (m->badge & MGR_SHELL_BIT)
		shellread_service();
	if ((m->badge & MGR_TIMER_BIT) && lc_now() >= next_tick) {
		next_tick = lc_now() + mgr_ms_to_ticks(MGR_TICK_MS);
		mgr_ticks++;
		watchdog_tick();
	}
}

static void serve_one(void)
{
	struct tsr_msg m = {0};

	arm();
	klog_service();
	if (tsr_recv(fault_ep, &m, reply) == ERR_OK)
		handle(&m);
	klog_service();
}

void mgr_wait_until(uint64_t t, bool (*stop)(void *), void *ctx)
{
	uint64_t saved = wake_at;

	if (timer == 0) {
		printf("init: no user timer: cannot wait\n");
		return;
	}
	while (lc_now() < t && (stop == 0 || !stop(ctx))) {
		wake_at = t;
		serve_one();
	}
	wake_at = saved;
}

void mgr_sleep_ms(unsigned ms)
{
	mgr_wait_until(lc_now() + mgr_ms_to_ticks(ms), 0, 0);
}

void mgr_run(void)
{
	for (;;)
		serve_one();
}
