// SPDX-License-Identifier: BSD-2-Clause
/*
 * Split virtqueues, device side (virtio 1.2, 2.7); contract in
 * <tessera/virtq.h>. Guest and host are both little endian (aarch64 guests,
 * aarch64 or x86_64 hosts), so ring fields are read as they are.
 */
#include <string.h>
#include <tessera/virtq.h>

void *virtq_gmem_ptr(const struct virtq_gmem *m, uint64_t ipa, uint64_t len)
{
	for (unsigned k = 0; k < m->n && k < VIRTQ_GMEM_MAX; k++) {
		const struct virtq_gmem_region *g = &m->r[k];
		/* ipa - g->ipa cannot wrap once ipa >= g->ipa; neither can size - len. */
		if (ipa >= g->ipa && ipa - g->ipa < g->size && len <= g->size - (ipa - g->ipa))
			return g->host + (ipa - g->ipa);
	}
	return 0;
}

/* 2.7: descriptor table 16-byte aligned, 16 * num bytes; available ring
 * 2-byte aligned, 6 + 2 * num; used ring 4-byte aligned, 6 + 8 * num. */
enum virtq_err virtq_setup(struct virtq *q, const struct virtq_gmem *mem, uint16_t num,
			   uint64_t desc, uint64_t avail, uint64_t used, uint32_t max_total)
{
	if (num == 0 || num > VIRTQ_NUM_MAX || (desc & 15) || (avail & 1) || (used & 3))
		return VIRTQ_E_RANGE;
	void *d = virtq_gmem_ptr(mem, desc, 16ULL * num);
	void *a = virtq_gmem_ptr(mem, avail, 6 + 2ULL * num);
	void *u = virtq_gmem_ptr(mem, used, 6 + 8ULL * num);
	if (d == 0 || a == 0 || u == 0)
		return VIRTQ_E_RANGE;
	*q = (struct virtq){.num = num, .max_total = max_total, .mem = mem};
	q->desc = d;
	q->avail = a;
	q->used = u;
	/* 2.7.13: a fresh queue starts at index 0 on both rings (the driver
	 * zeroes them); we keep our own counters and never trust used->idx. */
	return VIRTQ_OK;
}

static struct virtq_desc read_desc(const struct virtq *q, uint16_t i)
{
	struct virtq_desc d;

	d.addr = q->desc[i].addr;
	d.len = q->desc[i].len;
	d.flags = q->desc[i].flags;
	d.next = q->desc[i].next;
	return d;
}

/* Adds one descriptor's buffer to r; false (r->err set) ends the walk. */
static bool add_seg(const struct virtq *q, struct virtq_req *r, const struct virtq_desc *d)
{
	if (d->flags & VIRTQ_DESC_F_INDIRECT) {
		r->err = VIRTQ_E_INDIRECT;
		return false;
	}
	bool w = (d->flags & VIRTQ_DESC_F_WRITE) != 0;
	if (!w && r->nw != 0) {
		r->err = VIRTQ_E_ORDER;
		return false;
	}
	if (r->rlen + r->wlen + d->len > q->max_total) { /* sums of u32s: no wrap */
		r->err = VIRTQ_E_TOO_LONG;
		return false;
	}
	uint8_t *p = virtq_gmem_ptr(q->mem, d->addr, d->len);
	if (p == 0) {
		r->err = VIRTQ_E_RANGE;
		return false;
	}
	r->seg[r->nr + r->nw] = (struct virtq_seg){p, d->len};
	if (w) {
		r->nw++;
		r->wlen += d->len;
	} else {
		r->nr++;
		r->rlen += d->len;
	}
	return true;
}

/* 2.7.5.1: follow NEXT links from the head; at most num links, else a loop. */
static void walk(const struct virtq *q, struct virtq_req *r)
{
	uint16_t i = r->head;

	for (unsigned links = 0;; links++) {
		if (links == q->num) {
			r->err = VIRTQ_E_LOOP;
			return;
		}
		struct virtq_desc d = read_desc(q, i);
		if (!add_seg(q, r, &d) || !(d.flags & VIRTQ_DESC_F_NEXT))
			return;
		if (d.next >= q->num) {
			r->err = VIRTQ_E_INDEX;
			return;
		}
		i = d.next;
	}
}

bool virtq_pop(struct virtq *q, struct virtq_req *r)
{
	if (q->broken)
		return false;
	uint16_t idx = __atomic_load_n(&q->avail[1], __ATOMIC_ACQUIRE);
	uint16_t pending = (uint16_t)(idx - q->last_avail);
	if (pending == 0)
		return false;
	r->nr = r->nw = 0;
	r->rlen = r->wlen = 0;
	if (pending > q->num) { /* 2.7.6: idx runs at most num ahead of us */
		q->broken = true;
		r->head = VIRTQ_NUM_MAX;
		r->err = VIRTQ_E_AVAIL;
		return true;
	}
	uint16_t head = q->avail[2 + q->last_avail % q->num];
	q->last_avail++;
	r->err = VIRTQ_OK;
	if (head >= q->num) {
		r->head = VIRTQ_NUM_MAX;
		r->err = VIRTQ_E_INDEX;
		return true;
	}
	r->head = head;
	walk(q, r);
	return true;
}

bool virtq_has_avail(const struct virtq *q)
{
	return !q->broken && __atomic_load_n(&q->avail[1], __ATOMIC_ACQUIRE) != q->last_avail;
}

void virtq_push(struct virtq *q, uint16_t head, uint32_t written)
{
	volatile uint32_t *elem = (volatile uint32_t *)&q->used[2] + 2 * (q->used_idx % q->num);

	elem[0] = head;
	elem[1] = written;
	q->used_idx++;
	/* 2.7.8.2: the element is visible before the index that publishes it. */
	__atomic_store_n(&q->used[1], q->used_idx, __ATOMIC_RELEASE);
}

bool virtq_want_irq(const struct virtq *q)
{
	/* Our used->idx store must be seen before we read the driver's flags
	 * (2.7.7.2), else a driver re-enabling interrupts could miss one. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return !(q->avail[0] & VIRTQ_AVAIL_F_NO_INTERRUPT);
}

/* Copies between segments [first, first + n) at logical offset off. */
static bool copy_segs(const struct virtq_req *r, unsigned first, unsigned n, uint64_t off,
		      uint8_t *buf, uint64_t len, bool to_guest)
{
	for (unsigned k = first; k < first + n && len != 0; k++) {
		const struct virtq_seg *s = &r->seg[k];
		if (off >= s->len) {
			off -= s->len;
			continue;
		}
		uint64_t chunk = s->len - off < len ? s->len - off : len;
		if (to_guest)
			memcpy(s->host + off, buf, chunk);
		else
			memcpy(buf, s->host + off, chunk);
		buf += chunk;
		len -= chunk;
		off = 0;
	}
	return len == 0;
}

bool virtq_req_read(const struct virtq_req *r, uint64_t off, void *dst, uint64_t len)
{
	if (off > r->rlen || len > r->rlen - off)
		return false;
	return copy_segs(r, 0, r->nr, off, dst, len, false);
}

bool virtq_req_write(const struct virtq_req *r, uint64_t off, const void *src, uint64_t len)
{
	if (off > r->wlen || len > r->wlen - off)
		return false;
	return copy_segs(r, r->nr, r->nw, off, (uint8_t *)(uintptr_t)src, len, true);
}

const char *virtq_strerror(enum virtq_err e)
{
	switch (e) {
	case VIRTQ_OK:
		return "ok";
	case VIRTQ_E_RANGE:
		return "buffer outside guest RAM";
	case VIRTQ_E_INDEX:
		return "descriptor index out of range";
	case VIRTQ_E_LOOP:
		return "descriptor chain loops";
	case VIRTQ_E_TOO_LONG:
		return "chain too long";
	case VIRTQ_E_ORDER:
		return "readable descriptor after a writable one";
	case VIRTQ_E_INDIRECT:
		return "indirect descriptor (not offered)";
	case VIRTQ_E_AVAIL:
		return "available index ran ahead: queue stopped until reset";
	}
	return "unknown";
}
