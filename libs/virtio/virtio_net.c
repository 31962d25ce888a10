// SPDX-License-Identifier: BSD-2-Clause
/*
 * virtio-net (virtio 1.2, 5.1); contract in <tessera/virtio_mmio.h>.
 * Offered: VIRTIO_NET_F_MAC and VIRTIO_NET_F_STATUS (link always up); no
 * checksum or segmentation offloads, no mergeable receive buffers, one
 * queue pair. With VERSION_1 every buffer starts with the 12-byte
 * virtio_net_hdr (5.1.6: flags, gso_type, hdr_len, gso_size, csum_start,
 * csum_offset, num_buffers); we ignore it on transmit (no offloads were
 * negotiated, so it carries nothing) and write a zero one with
 * num_buffers = 1 on receive.
 */
#include <string.h>
#include <tessera/virtio_mmio.h>

#define VIRTIO_ID_NET	     1
#define VIRTIO_NET_F_MAC     (1ULL << 5)
#define VIRTIO_NET_F_STATUS  (1ULL << 16)
#define VIRTIO_NET_S_LINK_UP 1
#define NET_HDR		     12U
#define RXQ		     0
#define TXQ		     1
#define ETH_MIN		     14U
#define MAX_TOTAL	     (64U << 10) /* a chain: header + one frame, with room */

static struct virtio_net *net_of(struct virtio_mmio *d)
{
	return d->dev;
}

/* 5.1.4 config: mac[6] at 0, le16 status at 6. */
static uint64_t net_config_read(struct virtio_mmio *d, uint64_t off, unsigned size)
{
	const struct virtio_net *n = net_of(d);
	uint8_t cfg[8] = {0};
	uint64_t v = 0;

	memcpy(cfg, n->mac, 6);
	cfg[6] = VIRTIO_NET_S_LINK_UP;
	if (off >= sizeof(cfg) || size > sizeof(cfg) - off || size > 8)
		return 0;
	memcpy(&v, cfg + off, size);
	return v;
}

static void net_error(struct virtio_net *n, struct virtq *q, const char *what)
{
	n->errors++;
	if (q->errors++ < VIRTQ_ERR_LOGGED)
		virtio_mmio_log(&n->mmio, "%s%s\n", what,
				q->errors == VIRTQ_ERR_LOGGED ? " (further errors not logged)"
							      : "");
}

/* 5.1.6.2: each transmit chain is a header and one frame, device-readable. */
static void net_tx_one(struct virtio_net *n, struct virtq *q, const struct virtq_req *r)
{
	uint64_t len = r->rlen >= NET_HDR ? r->rlen - NET_HDR : 0;

	if (r->err != VIRTQ_OK)
		net_error(n, q, virtq_strerror(r->err));
	else if (len < ETH_MIN || len > n->frame_size)
		net_error(n, q, "transmit: frame length out of range");
	else if (!virtq_req_read(r, NET_HDR, n->frame, len))
		net_error(n, q, "transmit: short chain");
	else if (n->tx(n->ctx, (uint32_t)len))
		n->tx_frames++;
	else
		n->tx_dropped++;
	virtq_push(q, r->head, 0);
}

static bool net_notify(struct virtio_mmio *d, unsigned qi)
{
	struct virtio_net *n = net_of(d);
	struct virtq *q = &d->q[qi].vq;
	bool used = false;

	if (qi == RXQ) { /* new receive buffers: the link may have frames waiting */
		if (n->rx_ready != 0)
			n->rx_ready(n->ctx);
		return false;
	}
	for (unsigned k = 0; k < q->num && virtq_pop(q, &n->req); k++) {
		if (n->req.head == VIRTQ_NUM_MAX) {
			net_error(n, q, virtq_strerror(n->req.err));
			continue;
		}
		net_tx_one(n, q, &n->req);
		used = true;
	}
	return used;
}

bool virtio_net_rx_ready(const struct virtio_net *n)
{
	return (n->mmio.status & VIRTIO_STATUS_DRIVER_OK) && n->mmio.q[RXQ].ready &&
	       virtq_has_avail(&n->mmio.q[RXQ].vq);
}

bool virtio_net_rx(struct virtio_net *n, const uint8_t *frame, uint32_t len)
{
	struct virtq *q = &n->mmio.q[RXQ].vq;
	const uint8_t hdr[NET_HDR] = {[10] = 1}; /* num_buffers = 1 */

	if (!virtio_net_rx_ready(n) || !virtq_pop(q, &n->req))
		return false;
	if (n->req.head == VIRTQ_NUM_MAX) {
		net_error(n, q, virtq_strerror(n->req.err));
		n->rx_dropped++;
		return false;
	}
	bool ok = n->req.err == VIRTQ_OK && virtq_req_write(&n->req, 0, hdr, NET_HDR) &&
		  virtq_req_write(&n->req, NET_HDR, frame, len);
	if (!ok) {
		net_error(n, q,
			  n->req.err != VIRTQ_OK ? virtq_strerror(n->req.err)
						 : "receive buffer too small");
		n->rx_dropped++;
	} else {
		n->rx_frames++;
	}
	virtq_push(q, n->req.head, ok ? NET_HDR + len : 0);
	virtio_mmio_used(&n->mmio, RXQ);
	return ok;
}

void virtio_net_init(struct virtio_net *n, const uint8_t mac[6], uint8_t *frame,
		     uint32_t frame_size)
{
	memset(n, 0, sizeof(*n));
	memcpy(n->mac, mac, 6);
	n->frame = frame;
	n->frame_size = frame_size;
	n->ops = (struct virtio_mmio_ops){
	    .device_id = VIRTIO_ID_NET,
	    .features = VIRTIO_NET_F_MAC | VIRTIO_NET_F_STATUS,
	    .num_queues = 2,
	    .max_total = MAX_TOTAL,
	    .notify = net_notify,
	    .config_read = net_config_read,
	};
	n->mmio.ops = &n->ops;
	n->mmio.dev = n;
	virtio_mmio_init(&n->mmio);
}
