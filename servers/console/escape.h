/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The console's keyboard escape (docs/servers.md "Switching input"):
 * Ctrl-a then a digit n selects client n; Ctrl-a Ctrl-a sends one Ctrl-a
 * to the selected client; Ctrl-a then anything else asks for the help
 * line and sends nothing. Every other byte goes to the selected client.
 * Pure logic, host-tested (tests/unit/test_console_escape.c).
 */
#ifndef CONSOLE_ESCAPE_H
#define CONSOLE_ESCAPE_H

#include <stdbool.h>

#define ESCAPE_KEY 0x01 /* Ctrl-a */

enum escape_action {
	ESCAPE_NONE,	/* byte consumed (the escape key itself) */
	ESCAPE_DELIVER, /* deliver out->byte to the selected client */
	ESCAPE_SWITCH,	/* select client out->target */
	ESCAPE_HELP,	/* unknown escape sequence: show the help line */
};

struct escape {
	bool pending; /* the last byte was the escape key */
};

struct escape_out {
	char byte;
	unsigned target;
};

/* Feeds one input byte; returns what to do with it. */
enum escape_action escape_feed(struct escape *e, char c, struct escape_out *out);

#endif
