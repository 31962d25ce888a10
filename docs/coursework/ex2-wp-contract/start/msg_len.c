// SPDX-License-Identifier: BSD-2-Clause
/*
 * Exercise 2: the message length a transfer copies (spec 5.2: n =
 * min(length, 120); without an IPC buffer at most 4 words). Write the ACSL
 * contract of msg_len so that WP proves the caller's assertions in
 * harness.c (and, with -wp-rte, that nothing overflows).
 */
#define MSG_MAX_LENGTH 120
#define MSG_REG_COUNT  4

unsigned msg_len(unsigned length, int has_buffer)
{
	unsigned n = length < MSG_MAX_LENGTH ? length : MSG_MAX_LENGTH;
	if (!has_buffer && n > MSG_REG_COUNT)
		n = MSG_REG_COUNT;
	return n;
}
