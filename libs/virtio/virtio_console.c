// SPDX-License-Identifier: BSD-2-Clause
/*
 * virtio-console (virtio 1.2, 5.3); contract in <tessera/virtio_mmio.h>.
 * One port and no feature bits (no CONSOLE_F_SIZE, F_MULTIPORT or
 * F_EMERG_WRITE), so the driver uses receiveq 0 and transmitq 1 (5.3.2)
 * and reads no config space (5.3.4: its fields exist only with those
 * features; we read it as zeros). A transmit chain is device-readable
 * bytes, a receive chain device-writable room (5.3.6); neither has a header.
 * The backend may take only part of a transmit chain: the chain is then
 * held (not completed) and offered again by virtio_console_tx_resume.
 */
#include <string.h>
#include <tessera/virtio_mmio.h>

#define VIRTIO_ID_CONSOLE 3
#define RXQ		  0
#define TXQ		  1
#define MAX_TOTAL	  (1U << 20) /* longest chain we accept, bytes */

static struct virtio_console *con_of(struct virtio_mmio *d)
{
	return d->dev;
}

static uint64_t con_config_read(struct virtio_mmio *d, uint64_t off, unsigned size)
{
	(void)d;
	(void)off;
	(void)size;
	return 0; /* 5.3.4: cols, rows, max_nr_ports, emerg_wr: none offered */
}

static void con_error(struct virtio_console *c, struct virtq *q, const char *what)
{
	c->errors++;
	if (q->errors++ < VIRTQ_ERR_LOGGED)
		virtio_mmio_log(&c->mmio, "%s%s\n", what,
				q->errors == VIRTQ_ERR_LOGGED ? " (further errors not logged)"
							      : "");
}

static void con_reset(struct virtio_mmio *d)
{
	struct virtio_console *c = con_of(d);

	c->tx_held = false; /* a held chain belongs to the old rings */
	c->tx_off = 0;
}

/* Offers the held chain's bytes from tx_off on; true once all are taken. */
static bool con_tx_chain(struct virtio_console *c)
{
	const struct virtq_req *r = &c->req;
	uint64_t skip = c->tx_off;

	for (unsigned k = 0; k < r->nr; k++) {
		const struct virtq_seg *s = &r->seg[k];
		if (skip >= s->len) {
			skip -= s->len;
			continue;
		}
		while (skip < s->len) {
			uint32_t left = (uint32_t)(s->len - skip);
			uint32_t took = c->tx(c->ctx, s->host + skip, left);
			if (took == 0)
				return false;
			if (took > left) /* a backend never takes more; clamp anyway */
				took = left;
			skip += took;
			c->tx_off += took;
			c->tx_bytes += took;
		}
		skip = 0;
	}
	return true;
}

/* Takes the next transmit chain into c->req; false when none is left.
 * Broken chains are completed with length 0 on the way (*used set). */
static bool con_tx_next(struct virtio_console *c, struct virtq *q, bool *used)
{
	for (unsigned k = 0; k <= q->num; k++) {
		if (!virtq_pop(q, &c->req))
			return false;
		if (c->req.head == VIRTQ_NUM_MAX) {
			con_error(c, q, virtq_strerror(c->req.err));
			continue;
		}
		if (c->req.err == VIRTQ_OK && c->req.nw == 0) {
			c->tx_held = true;
			c->tx_off = 0;
			return true;
		}
		con_error(c, q,
			  c->req.err != VIRTQ_OK ? virtq_strerror(c->req.err)
						 : "transmit: device-writable buffer");
		virtq_push(q, c->req.head, 0);
		*used = true;
	}
	return false;
}

/* Serves the transmit queue until it is empty or the backend is full. */
static bool con_tx_run(struct virtio_console *c)
{
	struct virtq *q = &c->mmio.q[TXQ].vq;
	bool used = false;

	for (unsigned k = 0; k <= q->num; k++) {
		if (!c->tx_held && !con_tx_next(c, q, &used))
			break;
		if (!con_tx_chain(c))
			break; /* held: virtio_console_tx_resume goes on */
		c->tx_held = false;
		virtq_push(q, c->req.head, 0);
		used = true;
	}
	return used;
}

static bool con_live(const struct virtio_console *c, unsigned qi)
{
	return (c->mmio.status & VIRTIO_STATUS_DRIVER_OK) && c->mmio.q[qi].ready;
}

static bool con_notify(struct virtio_mmio *d, unsigned qi)
{
	struct virtio_console *c = con_of(d);

	if (qi == RXQ) { /* new receive buffers: the backend may have input */
		if (c->rx_ready != 0)
			c->rx_ready(c->ctx);
		return false;
	}
	return con_tx_run(c);
}

void virtio_console_tx_resume(struct virtio_console *c)
{
	if (con_live(c, TXQ) && con_tx_run(c))
		virtio_mmio_used(&c->mmio, TXQ);
}

bool virtio_console_tx_pending(const struct virtio_console *c)
{
	return c->tx_held;
}

bool virtio_console_rx_ready(const struct virtio_console *c)
{
	return con_live(c, RXQ) && virtq_has_avail(&c->mmio.q[RXQ].vq);
}

/* Fills one receive chain from data; returns the bytes it took. */
static uint32_t con_rx_one(struct virtio_console *c, struct virtq *q, const uint8_t *data,
			   uint32_t len)
{
	struct virtq_req *r = &c->rx_req;

	if (r->err != VIRTQ_OK || r->wlen == 0) {
		con_error(c, q,
			  r->err != VIRTQ_OK ? virtq_strerror(r->err)
					     : "receive: no device-writable buffer");
		virtq_push(q, r->head, 0);
		return 0;
	}
	uint32_t n = r->wlen < len ? (uint32_t)r->wlen : len;
	if (!virtq_req_write(r, 0, data, n)) /* cannot fail: n <= wlen */
		n = 0;
	virtq_push(q, r->head, n);
	c->rx_bytes += n;
	return n;
}

uint32_t virtio_console_rx(struct virtio_console *c, const uint8_t *data, uint32_t len)
{
	struct virtq *q = &c->mmio.q[RXQ].vq;
	uint32_t done = 0;
	bool used = false;

	for (unsigned k = 0; k <= q->num && done < len && virtio_console_rx_ready(c); k++) {
		if (!virtq_pop(q, &c->rx_req))
			break;
		if (c->rx_req.head == VIRTQ_NUM_MAX) {
			con_error(c, q, virtq_strerror(c->rx_req.err));
			continue;
		}
		done += con_rx_one(c, q, data + done, len - done);
		used = true;
	}
	if (used)
		virtio_mmio_used(&c->mmio, RXQ);
	return done;
}

void virtio_console_init(struct virtio_console *c)
{
	memset(c, 0, sizeof(*c));
	c->ops = (struct virtio_mmio_ops){
	    .device_id = VIRTIO_ID_CONSOLE,
	    .features = 0,
	    .num_queues = 2,
	    .max_total = MAX_TOTAL,
	    .notify = con_notify,
	    .config_read = con_config_read,
	    .reset = con_reset,
	};
	c->mmio.ops = &c->ops;
	c->mmio.dev = c;
	virtio_mmio_init(&c->mmio);
}
