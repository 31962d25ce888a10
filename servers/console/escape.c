// SPDX-License-Identifier: BSD-2-Clause
/* The console's keyboard escape; see escape.h. */
#include "escape.h"

enum escape_action escape_feed(struct escape *e, char c, struct escape_out *out)
{
	if (!e->pending) {
		if (c == ESCAPE_KEY) {
			e->pending = true;
			return ESCAPE_NONE;
		}
		out->byte = c;
		return ESCAPE_DELIVER;
	}
	e->pending = false;
	if (c == ESCAPE_KEY) {
		out->byte = c;
		return ESCAPE_DELIVER;
	}
	if (c >= '0' && c <= '9') {
		out->target = (unsigned)(c - '0');
		return ESCAPE_SWITCH;
	}
	return ESCAPE_HELP;
}
