// SPDX-License-Identifier: BSD-2-Clause
/*
 * virtio-blk (virtio 1.2, 5.2) over a disk image in memory; contract in
 * <tessera/virtio_mmio.h>. One request queue. A request (5.2.6) is a
 * 16-byte header {le32 type, le32 reserved, le64 sector} in the readable
 * part, data (readable for OUT, writable for IN and GET_ID), and a status
 * byte: the last writable byte. Every sector range is checked against the
 * image; a broken chain, a range past the end, a misaligned length or a
 * write to a read-only disk gets VIRTIO_BLK_S_IOERR.
 */
#include <string.h>
#include <tessera/virtio_mmio.h>

#define VIRTIO_ID_BLOCK 2

/* 5.2.3 feature bits. */
#define VIRTIO_BLK_F_SEG_MAX (1ULL << 2)
#define VIRTIO_BLK_F_RO	     (1ULL << 5)
#define VIRTIO_BLK_F_FLUSH   (1ULL << 9)

/* 5.2.6 request types and status values. */
#define VIRTIO_BLK_T_IN	    0
#define VIRTIO_BLK_T_OUT    1
#define VIRTIO_BLK_T_FLUSH  4
#define VIRTIO_BLK_T_GET_ID 8
#define VIRTIO_BLK_S_OK	    0
#define VIRTIO_BLK_S_IOERR  1
#define VIRTIO_BLK_S_UNSUPP 2

#define SECTOR	  512U
#define HDR_LEN	  16U
#define SEG_MAX	  (VIRTQ_NUM_MAX - 2) /* data segments: header and status take two */
#define MAX_TOTAL (8U << 20)	      /* bytes per request (Linux sends <= 1.25 MiB) */

static struct virtio_blk *blk_of(struct virtio_mmio *d)
{
	return d->dev;
}

/* 5.2.4 config: le64 capacity at 0, le32 size_max at 8, le32 seg_max at 12. */
static uint64_t blk_config_read(struct virtio_mmio *d, uint64_t off, unsigned size)
{
	const struct virtio_blk *b = blk_of(d);
	uint8_t cfg[16] = {0};
	uint64_t v = 0;
	uint32_t seg = SEG_MAX;

	memcpy(cfg, &b->sectors, 8);
	memcpy(cfg + 12, &seg, 4);
	if (off >= sizeof(cfg) || size > sizeof(cfg) - off || size > 8)
		return 0;
	memcpy(&v, cfg + off, size);
	return v;
}

/* Checks [sector, sector + len / 512) against the image; false if it is
 * outside or len is not whole sectors. Overflow-safe. */
static bool blk_range(const struct virtio_blk *b, uint64_t sector, uint64_t len)
{
	return len % SECTOR == 0 && sector <= b->sectors && len / SECTOR <= b->sectors - sector;
}

/* Serves one well-formed chain; returns the status, *data = data bytes
 * written into the chain (before the status byte). */
static uint8_t blk_serve(struct virtio_blk *b, const struct virtq_req *r, uint64_t *data)
{
	struct {
		uint32_t type, reserved;
		uint64_t sector;
	} h;
	uint64_t in = r->wlen - 1; /* writable bytes before the status byte */

	*data = 0;
	if (!virtq_req_read(r, 0, &h, HDR_LEN))
		return VIRTIO_BLK_S_IOERR;
	switch (h.type) {
	case VIRTIO_BLK_T_IN:
		if (!blk_range(b, h.sector, in) ||
		    !virtq_req_write(r, 0, b->disk + h.sector * SECTOR, in))
			return VIRTIO_BLK_S_IOERR;
		*data = in;
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_OUT:
		if (b->readonly || !blk_range(b, h.sector, r->rlen - HDR_LEN) ||
		    !virtq_req_read(r, HDR_LEN, b->disk + h.sector * SECTOR, r->rlen - HDR_LEN))
			return VIRTIO_BLK_S_IOERR;
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_FLUSH:
		return VIRTIO_BLK_S_OK; /* the image is the backing store: nothing to flush */
	case VIRTIO_BLK_T_GET_ID: {
		uint64_t n = in < VIRTIO_BLK_ID_LEN ? in : VIRTIO_BLK_ID_LEN;
		if (!virtq_req_write(r, 0, b->id, n))
			return VIRTIO_BLK_S_IOERR;
		*data = n;
		return VIRTIO_BLK_S_OK;
	}
	default:
		return VIRTIO_BLK_S_UNSUPP;
	}
}

static void blk_error(struct virtio_blk *b, struct virtq *q, const char *what)
{
	b->errors++;
	if (q->errors++ < VIRTQ_ERR_LOGGED)
		virtio_mmio_log(&b->mmio, "request failed: %s%s\n", what,
				q->errors == VIRTQ_ERR_LOGGED ? " (further errors not logged)"
							      : "");
}

/* Completes one popped chain. A chain without a writable byte has nowhere
 * for a status: it is given back with length 0. */
static void blk_complete(struct virtio_blk *b, struct virtq *q, const struct virtq_req *r)
{
	uint64_t data = 0;
	uint8_t st = VIRTIO_BLK_S_IOERR;

	if (r->err != VIRTQ_OK)
		blk_error(b, q, virtq_strerror(r->err));
	else if (r->wlen == 0 || r->rlen < HDR_LEN)
		blk_error(b, q, "no header or no status byte");
	else if ((st = blk_serve(b, r, &data)) != VIRTIO_BLK_S_OK && st != VIRTIO_BLK_S_UNSUPP)
		blk_error(b, q, "I/O error (range, length or read-only disk)");
	b->reqs++;
	if (r->wlen == 0) {
		virtq_push(q, r->head, 0);
		return;
	}
	/* The status byte is the last writable byte (5.2.6); on a broken chain,
	 * the last one we could check. */
	if (!virtq_req_write(r, r->wlen - 1, &st, 1))
		data = 0; /* cannot happen: wlen >= 1 */
	virtq_push(q, r->head, (uint32_t)(r->err == VIRTQ_OK ? data + 1 : r->wlen));
}

static bool blk_notify(struct virtio_mmio *d, unsigned qi)
{
	struct virtio_blk *b = blk_of(d);
	struct virtq *q = &d->q[qi].vq;
	bool used = false;

	/* At most num chains per notify: the guest cannot keep us here. */
	for (unsigned k = 0; k < q->num && virtq_pop(q, &b->req); k++) {
		if (b->req.head == VIRTQ_NUM_MAX) { /* nothing to give back */
			blk_error(b, q, virtq_strerror(b->req.err));
			continue;
		}
		blk_complete(b, q, &b->req);
		used = true;
	}
	return used;
}

void virtio_blk_init(struct virtio_blk *b, uint8_t *disk, uint64_t size, bool readonly,
		     const char *id)
{
	memset(b, 0, sizeof(*b));
	b->disk = disk;
	b->sectors = size / SECTOR;
	b->readonly = readonly;
	/* 5.2.6: up to 20 bytes, NUL-terminated only if shorter. */
	for (unsigned k = 0; k < sizeof(b->id) && id[k] != 0; k++)
		b->id[k] = id[k];
	b->ops = (struct virtio_mmio_ops){
	    .device_id = VIRTIO_ID_BLOCK,
	    .features =
		VIRTIO_BLK_F_SEG_MAX | VIRTIO_BLK_F_FLUSH | (readonly ? VIRTIO_BLK_F_RO : 0),
	    .num_queues = 1,
	    .max_total = MAX_TOTAL,
	    .notify = blk_notify,
	    .config_read = blk_config_read,
	};
	b->mmio.ops = &b->ops;
	b->mmio.dev = b;
	virtio_mmio_init(&b->mmio);
}
