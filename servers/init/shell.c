// SPDX-License-Identifier: BSD-2-Clause
/* The management shell; see shell.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/runtime.h>

#include "experiment.h"
#include "klog.h"
#include "lifecycle.h"
#include "manager.h"
#include "pool.h"
#include "shell.h"
#include "shellread.h"

#define LINE_MAX 128
#define ARGS_MAX 6

static char line[LINE_MAX];
static unsigned len;
static bool busy;

void shell_prompt(void)
{
	printf("tessera> ");
	fflush(stdout);
}

static void cmd_list(void)
{
	uint64_t now = lc_now(), hz = lc_freq();

	printf("%-10s %-6s %-8s %5s %9s %10s %9s %6s %7s\n", "NAME", "KIND", "STATE", "VCPUS",
	       "MEM_KIB", "EXITS", "UPTIME_S", "STARTS", "CRASHES");
	for (unsigned gi = 0; gi < lc.n; gi++) {
		const struct lc_group *g = &lc.g[gi];
		bool up = g->state == LC_RUNNING || g->state == LC_PAUSED;
		volatile struct vmm_stats *st = lc_stats((int)gi);
		uint64_t exits = up && st != 0 ? st->exits : 0;
		uint64_t ms = up && hz != 0 ? (now - g->started_at) * 1000 / hz : 0;
		printf("%-10s %-6s %-8s %5u %9llu %10llu %5llu.%03llu %6u %7u\n", g->name,
		       g->kind == LC_VM ? "vm" : "server", lc_state_name(g->state), g->vcpus,
		       (unsigned long long)(g->ram >> 10), (unsigned long long)exits,
		       (unsigned long long)(ms / 1000), (unsigned long long)(ms % 1000), g->starts,
		       g->crashes);
	}
}

static void cmd_free(void)
{
	printf("free RAM untyped (kernel): %llu KiB; init's CNode: %u slots used\n",
	       (unsigned long long)(alloc_kernel_free_bytes() >> 10), alloc_slots_used());
	for (unsigned gi = 0; gi < lc.n; gi++)
		printf("  pool %-10s %u parts, %llu KiB, %llu KiB free\n", lc.g[gi].name,
		       pool_parts((int)gi), (unsigned long long)(pool_bytes((int)gi) >> 10),
		       (unsigned long long)(pool_kernel_free_bytes((int)gi) >> 10));
}

static int find(const char *name)
{
	int gi = name != 0 ? lc_find(name) : -1;

	if (gi < 0)
		printf("no VM or server named '%s' (try 'list')\n", name != 0 ? name : "");
	return gi;
}

static void cmd_group(const char *op, const char *name)
{
	int gi = find(name);
	enum tessera_err err = ERR_OK;

	if (gi < 0)
		return;
	if (strcmp(op, "start") == 0)
		err = lc_start(gi);
	else if (strcmp(op, "stop") == 0)
		err = lc_stop(gi, "by the shell");
	else if (strcmp(op, "restart") == 0)
		err = lc_restart(gi, "by the shell");
	else if (strcmp(op, "pause") == 0)
		err = lc_pause(gi);
	else
		err = lc_resume(gi);
	if (err != ERR_OK)
		printf("%s %s: failed (error %d)\n", op, name, err);
}

static void cmd_help(void)
{
	printf("commands:\n"
	       "  list                    VMs and servers: state, vCPUs, memory, exits, uptime\n"
	       "  start|stop|restart NAME start, stop (revoke everything) or restart one\n"
	       "  pause|resume NAME       suspend or resume all its threads\n"
	       "  free                    free untyped memory, per pool\n"
	       "  cycle NAME N            stop and start NAME N times, checking memory\n"
	       "  experiment KIND [NAME]  fault-isolation experiment: crash illegal spin panic\n"
	       "                          reach server all (docs/lifecycle.md)\n"
	       "  campaign SEED N         N random experiments from SEED\n"
	       "  pausecheck NAME         pause NAME, check it stands still, resume it\n"
	       "  summary                 SUMMARY lines of the experiment suites\n"
	       "  klogprobe               make the kernel log a line (a fault with no handler)\n"
	       "  shellhang               test: the console server hangs, then faults, with\n"
	       "                          init's read outstanding (docs/lifecycle.md)\n"
	       "  sleep MS                wait (serving events)\n"
	       "  help                    this text\n");
}

static unsigned split(char *s, char **argv)
{
	unsigned n = 0;

	for (char *tok = strtok(s, " \t"); tok != 0 && n < ARGS_MAX; tok = strtok(0, " \t"))
		argv[n++] = tok;
	return n;
}

void shell_exec(const char *text)
{
	char buf[LINE_MAX];
	char *argv[ARGS_MAX] = {0};

	snprintf(buf, sizeof(buf), "%s", text);
	unsigned argc = split(buf, argv);
	if (argc == 0 || argv[0][0] == '#')
		return;
	busy = true;
	const char *cmd = argv[0];
	if (strcmp(cmd, "list") == 0)
		cmd_list();
	else if (strcmp(cmd, "free") == 0)
		cmd_free();
	else if (strcmp(cmd, "help") == 0)
		cmd_help();
	else if (strcmp(cmd, "sleep") == 0 && argc == 2)
		mgr_sleep_ms((unsigned)strtoul(argv[1], 0, 0));
	else if (strcmp(cmd, "cycle") == 0 && argc == 3)
		experiment_cycle(find(argv[1]), (unsigned)strtoul(argv[2], 0, 0));
	else if (strcmp(cmd, "pausecheck") == 0 && argc == 2)
		experiment_pause(find(argv[1]));
	else if (strcmp(cmd, "summary") == 0)
		experiment_summary();
	else if (strcmp(cmd, "klogprobe") == 0)
		klog_probe();
	else if (strcmp(cmd, "shellhang") == 0)
		shellread_hang_test();
	else if (strcmp(cmd, "experiment") == 0 && argc >= 2)
		experiment_run(argv[1], argc > 2 ? argv[2] : 0);
	else if (strcmp(cmd, "campaign") == 0 && argc == 3)
		experiment_campaign(strtoull(argv[1], 0, 0), (unsigned)strtoul(argv[2], 0, 0));
	else if (argc == 2 && (strcmp(cmd, "start") == 0 || strcmp(cmd, "stop") == 0 ||
			       strcmp(cmd, "restart") == 0 || strcmp(cmd, "pause") == 0 ||
			       strcmp(cmd, "resume") == 0))
		cmd_group(cmd, argv[1]);
	else
		printf("unknown command or wrong arguments: '%s' (try 'help')\n", text);
	busy = false;
}

void shell_input(char c)
{
	if (c == '\r' || c == '\n') {
		printf("\n");
		line[len] = 0;
		if (busy) {
			printf("busy: a command is running; '%s' ignored\n", line);
		} else {
			shell_exec(line);
			shell_prompt();
		}
		len = 0;
		return;
	}
	if ((c == 0x7f || c == '\b') && len > 0) {
		len--;
		printf("\b \b");
	} else if (c >= ' ' && c < 0x7f && len + 1 < LINE_MAX) {
		line[len++] = c;
		printf("%c", c);
	}
	fflush(stdout);
}

void shell_run_script(const char *text, unsigned long size)
{
	char buf[LINE_MAX];
	unsigned long i = 0;

	while (i < size) {
		unsigned n = 0;
		while (i < size && text[i] != '\n') {
			if (n + 1 < LINE_MAX)
				buf[n++] = text[i];
			i++;
		}
		i++;
		buf[n] = 0;
		if (n > 0 && buf[0] != '#') {
			printf("init.rc: %s\n", buf);
			shell_exec(buf);
		}
	}
}
