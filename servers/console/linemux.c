// SPDX-License-Identifier: BSD-2-Clause
/* Console line multiplexer; see linemux.h. */
#include <string.h>

#include "linemux.h"

bool linemux_init(struct linemux *m, unsigned num, const char *const names[], bool use_prefix,
		  linemux_sink_fn *sink, void *ctx)
{
	if (num > LINEMUX_CLIENTS_MAX)
		return false;
	memset(m, 0, sizeof(*m));
	m->num_clients = num;
	m->midline = -1;
	m->sink = sink;
	m->ctx = ctx;
	for (unsigned i = 0; i < num; i++) {
		char *p = m->client[i].prefix;
		size_t n = use_prefix ? strlen(names[i]) : 0;
		if (n > LINEMUX_PREFIX_MAX - 3)
			n = LINEMUX_PREFIX_MAX - 3;
		memcpy(p, names[i], n);
		if (use_prefix) {
			p[n++] = ':';
			p[n++] = ' ';
		}
		p[n] = 0;
	}
	return true;
}

void linemux_break(struct linemux *m)
{
	if (m->midline < 0)
		return;
	m->midline = -1;
	m->sink(m->ctx, "\n", 1);
}

/* Brings client c's line up to date on the terminal: the rest of it when
 * the terminal is mid-line for c, else a fresh prefixed copy. */
static void show(struct linemux *m, unsigned c)
{
	struct linemux_client *cl = &m->client[c];

	if (m->midline != (int)c) {
		linemux_break(m);
		m->sink(m->ctx, cl->prefix, strlen(cl->prefix));
		cl->shown = 0;
	}
	m->sink(m->ctx, cl->line + cl->shown, cl->len - cl->shown);
	cl->shown = cl->len;
	m->midline = (int)c;
}

/* Ends client c's line on the terminal. */
static void end_line(struct linemux *m, unsigned c)
{
	struct linemux_client *cl = &m->client[c];

	show(m, c);
	m->sink(m->ctx, "\n", 1);
	m->lines++;
	m->midline = -1;
	cl->len = cl->shown = 0;
}

void linemux_write(struct linemux *m, unsigned c, const char *buf, size_t len)
{
	if (c >= m->num_clients)
		return;
	struct linemux_client *cl = &m->client[c];

	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n') {
			end_line(m, c);
			continue;
		}
		if (cl->len == LINEMUX_LINE_MAX) {
			m->cuts++;
			end_line(m, c);
		}
		cl->line[cl->len++] = buf[i];
	}
}

void linemux_flush_partial(struct linemux *m, unsigned c)
{
	if (c < m->num_clients && m->client[c].len > m->client[c].shown)
		show(m, c);
}
