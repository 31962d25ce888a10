// SPDX-License-Identifier: BSD-2-Clause
/* The checker's harness for exercise 2: WP must prove these with the
 * student's contract of msg_len (it does not look into its body). */
#include "msg_len.c"

void copy_words(unsigned length, int has_buffer)
{
	unsigned n = msg_len(length, has_buffer);
	//@ assert n <= MSG_MAX_LENGTH && n <= length;
	//@ assert has_buffer == 0 ==> n <= MSG_REG_COUNT;
	//@ assert length <= MSG_REG_COUNT ==> n == length;
}
