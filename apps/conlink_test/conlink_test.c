// SPDX-License-Identifier: BSD-2-Clause
/*
 * A fake VM console for configs/test-links.tsr: talks ConsoleLink to
 * servers/console exactly as a VMM does (bytes in the shared buffer,
 * write(len) / read(max), the server's notification when input waits).
 * Two instances run at once (attribute 'which' 0 and 1). Each reports its
 * TEST lines through the console itself, so the runner sees them only if
 * the console prefixed them with the instance name and kept them whole
 * (tests/qemu/scenarios/links.manifest). Input comes from the runner
 * through QEMU's stdin: client 0 has the focus first and expects "abc";
 * then Ctrl-a 1 switches to client 1, which expects "xy", a literal
 * Ctrl-a (sent as Ctrl-a Ctrl-a), "z".
 */
#include <stdio.h>
#include <string.h>
#include <tessera/sys.h>

#include "glue.h"

static int passed, failed;

/* Sends text through the console in pieces of at most piece bytes,
 * yielding between them so the other client's writes interleave. */
static int32_t send(const char *text, size_t piece)
{
	size_t len = strlen(text);
	int32_t r = 0;

	for (size_t at = 0; at < len; at += piece) {
		size_t n = len - at < piece ? len - at : piece;
		memcpy(con_buffer, text + at, n);
		r |= con_write((uint32_t)n);
		tsr_yield();
	}
	return r;
}

/* One TEST line, written in pieces of piece bytes. */
static void check(const char *name, int ok, size_t piece)
{
	char line[96];

	snprintf(line, sizeof(line), "TEST conlink.%s %s\n", name, ok ? "PASS" : "FAIL");
	send(line, piece);
	if (ok)
		passed++;
	else
		failed++;
}

/* Reads input until a newline (or the buffer is full). */
static size_t read_line(char *out, size_t size)
{
	size_t len = 0;

	while (len + 1 < size && (len == 0 || out[len - 1] != '\n')) {
		uint32_t n = con_read((uint32_t)(size - 1 - len));
		if (n == 0) {
			(void)con_wait();
			continue;
		}
		memcpy(out + len, con_buffer, n);
		len += n;
	}
	out[len] = 0;
	return len;
}

int run(void)
{
	char line[64], want[64];

	/* Lines in 5-byte pieces, interleaved with the other client's. */
	for (int i = 0; i < 3; i++) {
		snprintf(line, sizeof(line), "line %d of client %u: 0123456789\n", i, which);
		send(line, 5);
	}
	/* Judged by the runner: it sees this line only if it arrives whole. */
	check("pieces_kept_whole", 1, 5);
	check("write_too_long_refused", con_write((uint32_t)con_buffer_size + 1) == -1, 64);
	send("conlink: waiting for input\n", 64);
	read_line(line, sizeof(line));
	strcpy(want, which == 0 ? "abc\n" : "xy\001z\n");
	/* After a key press the focused client's partial lines show at once
	 * (docs/servers.md): whole lines from here on. */
	check(which == 0 ? "input_focus" : "input_after_switch", strcmp(line, want) == 0, 64);
	snprintf(line, sizeof(line), "SUMMARY conlink %d %d\n", passed, failed);
	send(line, 64);
	return 0;
}
