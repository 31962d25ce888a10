/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Split virtqueues, device side (virtio 1.2, section 2.7), over a window
 * onto guest memory (libs/virtio/virtq.c, docs/vmm.md "Virtio").
 *
 * Every guest address goes through virtq_gmem_ptr(), which checks that the
 * whole range lies in one guest RAM region without overflow. The guest may
 * change its rings at any moment: each descriptor and ring index is read
 * once, and nothing a guest writes can make these functions crash, loop or
 * touch memory outside its RAM. A broken chain is reported as an error
 * code; the device decides what status to give (virtio_blk: IOERR).
 * INDIRECT descriptors and EVENT_IDX are not supported (the transport does
 * not offer them); an INDIRECT descriptor makes the chain an error.
 */
#ifndef TESSERA_VIRTQ_H
#define TESSERA_VIRTQ_H

#include <stdbool.h>
#include <stdint.h>

#define VIRTQ_GMEM_MAX	 4
#define VIRTQ_NUM_MAX	 256 /* QueueNumMax we offer; a chain has at most this many links */
#define VIRTQ_ERR_LOGGED 8   /* errors per queue the device logs (a hostile guest floods) */

/* 2.7.5: descriptor flags; 2.7.6/2.7.8: ring flags. */
#define VIRTQ_DESC_F_NEXT	   1
#define VIRTQ_DESC_F_WRITE	   2
#define VIRTQ_DESC_F_INDIRECT	   4
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1

/* One guest RAM region as the device sees it. */
struct virtq_gmem_region {
	uint64_t ipa, size;
	uint8_t *host;
};

struct virtq_gmem {
	unsigned n;
	struct virtq_gmem_region r[VIRTQ_GMEM_MAX];
};

/* Host pointer for guest [ipa, ipa + len), or NULL unless the whole range
 * lies in one region (len 0 still needs ipa inside a region). */
void *virtq_gmem_ptr(const struct virtq_gmem *m, uint64_t ipa, uint64_t len);

enum virtq_err {
	VIRTQ_OK = 0,
	VIRTQ_E_RANGE,	  /* a ring or buffer outside guest RAM, or misaligned */
	VIRTQ_E_INDEX,	  /* a descriptor index >= queue size */
	VIRTQ_E_LOOP,	  /* more links than the queue has descriptors */
	VIRTQ_E_TOO_LONG, /* total length over the device's limit */
	VIRTQ_E_ORDER,	  /* a readable descriptor after a writable one (2.7.4.2) */
	VIRTQ_E_INDIRECT, /* VIRTQ_DESC_F_INDIRECT, which we do not offer */
	VIRTQ_E_AVAIL,	  /* avail idx moved more than the queue size: queue broken */
};

/* 2.7.5 Descriptor table entry, as the guest lays it out (little endian). */
struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};

struct virtq {
	uint16_t num;	     /* queue size, 1..VIRTQ_NUM_MAX */
	uint16_t last_avail; /* next avail ring entry we consume */
	uint16_t used_idx;   /* our copy of used->idx */
	bool broken;	     /* a bad avail index: stop serving until reset */
	uint32_t max_total;  /* longest chain (bytes) the device accepts */
	unsigned errors;     /* chain errors seen (for rate-limited logging) */
	volatile struct virtq_desc *desc;
	volatile uint16_t *avail; /* flags, idx, ring[num] */
	volatile uint16_t *used;  /* flags, idx, then num {le32 id, le32 len} */
	const struct virtq_gmem *mem;
};

/* One buffer segment of a chain, already checked to lie in guest RAM. */
struct virtq_seg {
	uint8_t *host;
	uint32_t len;
};

/* A popped chain: readable segments first, then writable ones. */
struct virtq_req {
	uint16_t head;
	enum virtq_err err; /* VIRTQ_OK, or why the chain is broken */
	unsigned nr, nw;    /* readable / writable segments in seg[] */
	uint64_t rlen, wlen;
	struct virtq_seg seg[VIRTQ_NUM_MAX];
};

/* 2.7 alignments and sizes: checks and maps the three areas. q is left
 * unset on an error (VIRTQ_E_RANGE: outside RAM or misaligned). */
enum virtq_err virtq_setup(struct virtq *q, const struct virtq_gmem *mem, uint16_t num,
			   uint64_t desc, uint64_t avail, uint64_t used, uint32_t max_total)
    __attribute__((warn_unused_result));

/* Takes the next available chain into *r. Returns false if there is none
 * (or the queue is broken: then r->err = VIRTQ_E_AVAIL once). A chain with
 * r->err != VIRTQ_OK must still be completed with virtq_push (its head is
 * valid) unless r->err is VIRTQ_E_INDEX on the head itself (head ==
 * VIRTQ_NUM_MAX: nothing to give back, the entry is dropped). */
bool virtq_pop(struct virtq *q, struct virtq_req *r);

/* Whether a chain is available (without taking it). */
bool virtq_has_avail(const struct virtq *q);

/* Publishes used element (head, written) (2.7.8) with release order. */
void virtq_push(struct virtq *q, uint16_t head, uint32_t written);

/* Whether the driver wants a used-buffer interrupt (2.7.7: flags only). */
bool virtq_want_irq(const struct virtq *q);

/* Copies between a chain's readable / writable bytes at a logical offset
 * (2.6.4: no assumption about framing). Return false if the range is
 * beyond the readable / writable length. */
bool virtq_req_read(const struct virtq_req *r, uint64_t off, void *dst, uint64_t len)
    __attribute__((warn_unused_result));
bool virtq_req_write(const struct virtq_req *r, uint64_t off, const void *src, uint64_t len)
    __attribute__((warn_unused_result));

const char *virtq_strerror(enum virtq_err e);

#endif
