/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console line multiplexer (docs/servers.md "console"): the output of
 * several clients shares one terminal. Each client's bytes are assembled
 * into lines; a complete line goes out as "<prefix><line>\n" in one piece,
 * so lines of different clients never interleave. A line longer than
 * LINEMUX_LINE_MAX is cut: the first part goes out with a newline added.
 * The focused client (the one the keyboard types into) may show a partial
 * line at once (a shell prompt, echoed keys): linemux_flush_partial puts it
 * on the terminal and remembers the terminal is mid-line for that client.
 * If another client's line comes first, the terminal gets a newline before
 * it, and the interrupted line is shown again from its start (with its
 * prefix) when it continues: every complete line appears whole on one
 * terminal line. Pure logic, host-tested (tests/unit/test_console_linemux.c).
 */
#ifndef CONSOLE_LINEMUX_H
#define CONSOLE_LINEMUX_H

#include <stdbool.h>
#include <stddef.h>

#define LINEMUX_LINE_MAX    256
#define LINEMUX_CLIENTS_MAX 17 /* 16 links and the kernel log */
#define LINEMUX_PREFIX_MAX  40

/* Where the bytes go (the uart, or a test buffer). */
typedef void linemux_sink_fn(void *ctx, const char *buf, size_t len);

struct linemux_client {
	char prefix[LINEMUX_PREFIX_MAX]; /* "<name>: " or "" */
	char line[LINEMUX_LINE_MAX];
	size_t len;   /* bytes of the current line */
	size_t shown; /* of which on the terminal, when it is mid-line for us */
};

struct linemux {
	struct linemux_client client[LINEMUX_CLIENTS_MAX];
	unsigned num_clients;
	int midline; /* client whose partial line ends the terminal, or -1 */
	linemux_sink_fn *sink;
	void *ctx;
	unsigned long lines; /* lines written to the terminal */
	unsigned long cuts;  /* lines cut because they were too long */
};

/* Sets up num clients (at most LINEMUX_CLIENTS_MAX, else false); names[i]
 * is client i's name; with use_prefix, its lines start "<name>: ". */
bool linemux_init(struct linemux *m, unsigned num, const char *const names[], bool use_prefix,
		  linemux_sink_fn *sink, void *ctx);

/* Client c wrote len bytes. Complete lines go to the sink; the rest waits. */
void linemux_write(struct linemux *m, unsigned c, const char *buf, size_t len);

/* Puts client c's partial line on the terminal now (see above). */
void linemux_flush_partial(struct linemux *m, unsigned c);

/* Ends a partial line on the terminal (before a message of the server's own). */
void linemux_break(struct linemux *m);

#endif
