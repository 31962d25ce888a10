// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of servers/console: line assembly (linemux.c), the escape
 * state machine (escape.c) and the input queue (inq.c). */
#include <string.h>

#include "../../servers/console/escape.h"
#include "../../servers/console/inq.h"
#include "../../servers/console/linemux.h"
#include "check.h"

static char out[8192];
static size_t out_len;

static void sink(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	CHECK(out_len + len <= sizeof(out));
	if (out_len + len <= sizeof(out)) {
		memcpy(out + out_len, buf, len);
		out_len += len;
	}
	out[out_len < sizeof(out) ? out_len : sizeof(out) - 1] = 0;
}

static const char *const names[] = {"vm0", "vm1", "vm2"};

static void setup(struct linemux *m, bool prefix)
{
	out_len = 0;
	out[0] = 0;
	CHECK(linemux_init(m, 3, names, prefix, sink, 0));
}

static void w(struct linemux *m, unsigned c, const char *s)
{
	linemux_write(m, c, s, strlen(s));
}

static void lines_are_prefixed_and_kept_whole(void)
{
	static struct linemux m;

	setup(&m, true);
	w(&m, 0, "hel");
	w(&m, 1, "wor");
	CHECK(out_len == 0); /* nothing complete yet */
	w(&m, 0, "lo\nsecond ");
	w(&m, 1, "ld\n");
	w(&m, 0, "line\n");
	CHECK(strcmp(out, "vm0: hello\nvm1: world\nvm0: second line\n") == 0);
	CHECK(m.lines == 3);
}

static void no_prefix_when_disabled(void)
{
	static struct linemux m;

	setup(&m, false);
	w(&m, 2, "a\nb\n");
	CHECK(strcmp(out, "a\nb\n") == 0);
}

static void long_line_is_cut(void)
{
	static struct linemux m;
	char big[LINEMUX_LINE_MAX + 5];

	setup(&m, true);
	memset(big, 'x', sizeof(big));
	linemux_write(&m, 1, big, sizeof(big));
	CHECK(m.cuts == 1);
	CHECK(out_len == 5 + LINEMUX_LINE_MAX + 1);
	CHECK(memcmp(out, "vm1: xxx", 8) == 0 && out[out_len - 1] == '\n');
	w(&m, 1, "\n");
	CHECK(out_len == 2 * 5 + LINEMUX_LINE_MAX + 1 + 5 + 1);
}

static void focused_partial_shown_and_redrawn(void)
{
	static struct linemux m;

	setup(&m, true);
	w(&m, 0, "/ # ");
	linemux_flush_partial(&m, 0);
	CHECK(strcmp(out, "vm0: / # ") == 0);
	w(&m, 0, "l");
	linemux_flush_partial(&m, 0);
	CHECK(strcmp(out, "vm0: / # l") == 0);
	w(&m, 1, "boot message\n"); /* another VM interrupts the prompt */
	w(&m, 0, "s\n");
	CHECK(strcmp(out, "vm0: / # l\nvm1: boot message\nvm0: / # ls\n") == 0);
	linemux_flush_partial(&m, 0); /* nothing pending: nothing shown */
	linemux_flush_partial(&m, 7); /* no such client */
	w(&m, 7, "ignored\n");
	CHECK(strcmp(out, "vm0: / # l\nvm1: boot message\nvm0: / # ls\n") == 0);
}

static void break_ends_a_partial_line(void)
{
	static struct linemux m;

	setup(&m, true);
	linemux_break(&m); /* not mid-line: nothing */
	w(&m, 2, "abc");
	linemux_flush_partial(&m, 2);
	linemux_break(&m);
	CHECK(strcmp(out, "vm2: abc\n") == 0);
}

static void too_many_clients_refused(void)
{
	static struct linemux m;
	const char *many[LINEMUX_CLIENTS_MAX + 1] = {0};

	CHECK(!linemux_init(&m, LINEMUX_CLIENTS_MAX + 1, many, true, sink, 0));
}

/* Feeds s; returns the delivered bytes in got and the last switch target. */
static int feed(struct escape *e, const char *s, size_t n, char *got, int *helps)
{
	int target = -1;
	size_t k = 0;
	struct escape_out o;

	for (size_t i = 0; i < n; i++) {
		switch (escape_feed(e, s[i], &o)) {
		case ESCAPE_DELIVER:
			got[k++] = o.byte;
			break;
		case ESCAPE_SWITCH:
			target = (int)o.target;
			break;
		case ESCAPE_HELP:
			(*helps)++;
			break;
		case ESCAPE_NONE:
			break;
		}
	}
	got[k] = 0;
	return target;
}

static void escape_switches_and_passes_literal(void)
{
	struct escape e = {0};
	char got[32];
	int helps = 0;

	CHECK(feed(&e, "ab", 2, got, &helps) == -1 && strcmp(got, "ab") == 0);
	CHECK(feed(&e, "x\0013y", 4, got, &helps) == 3 && strcmp(got, "xy") == 0);
	CHECK(feed(&e, "\001\001", 2, got, &helps) == -1 && strcmp(got, "\001") == 0);
	CHECK(feed(&e, "\001q", 2, got, &helps) == -1 && got[0] == 0 && helps == 1);
	/* An escape split across two feeds still works. */
	CHECK(feed(&e, "\001", 1, got, &helps) == -1 && got[0] == 0);
	CHECK(feed(&e, "0", 1, got, &helps) == 0 && got[0] == 0);
	CHECK(feed(&e, "9", 1, got, &helps) == -1 && strcmp(got, "9") == 0);
}

static void input_queue_bounds(void)
{
	static struct inq q;
	char buf[INQ_SIZE];

	for (int i = 0; i < INQ_SIZE; i++)
		CHECK(inq_put(&q, (char)('a' + i % 26)) == 0);
	CHECK(inq_put(&q, 'z') == -1 && q.dropped == 1);
	CHECK(inq_take(&q, buf, 3) == 3 && memcmp(buf, "abc", 3) == 0);
	CHECK(inq_put(&q, '!') == 0);
	CHECK(inq_take(&q, buf, sizeof(buf)) == INQ_SIZE - 2);
	CHECK(buf[INQ_SIZE - 3] == '!');
	CHECK(inq_take(&q, buf, sizeof(buf)) == 0);
}

int main(void)
{
	RUN("unit_console", lines_are_prefixed_and_kept_whole);
	RUN("unit_console", no_prefix_when_disabled);
	RUN("unit_console", long_line_is_cut);
	RUN("unit_console", focused_partial_shown_and_redrawn);
	RUN("unit_console", break_ends_a_partial_line);
	RUN("unit_console", too_many_clients_refused);
	RUN("unit_console", escape_switches_and_passes_literal);
	RUN("unit_console", input_queue_bounds);
	return DONE("unit_console");
}
