// SPDX-License-Identifier: BSD-2-Clause
/* Bounded input byte queue; see inq.h. */
#include "inq.h"

int inq_put(struct inq *q, char c)
{
	if (q->count == INQ_SIZE) {
		q->dropped++;
		return -1;
	}
	q->data[(q->head + q->count) % INQ_SIZE] = c;
	q->count++;
	return 0;
}

size_t inq_take(struct inq *q, char *dst, size_t max)
{
	size_t n = 0;

	while (n < max && q->count > 0) {
		dst[n++] = q->data[q->head];
		q->head = (q->head + 1) % INQ_SIZE;
		q->count--;
	}
	return n;
}
