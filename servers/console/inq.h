/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A bounded byte queue: keyboard input waiting for a client's read().
 * When full, new bytes are dropped and counted (a VM that does not read
 * its console must not hold the others up). Pure logic.
 */
#ifndef CONSOLE_INQ_H
#define CONSOLE_INQ_H

#include <stddef.h>

#define INQ_SIZE 1024

struct inq {
	char data[INQ_SIZE];
	size_t head, count;
	unsigned long dropped;
};

/* Appends c; returns 0, or -1 (and counts a drop) when full. */
int inq_put(struct inq *q, char c);

/* Moves at most max bytes into dst; returns how many. */
size_t inq_take(struct inq *q, char *dst, size_t max);

#endif
