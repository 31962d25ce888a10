/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The virtio-mmio transport, version 2 (virtio 1.2, 4.2.2), and the device
 * models behind it (libs/virtio/, docs/vmm.md "Virtio"). The transport
 * owns the register file, feature negotiation, queue setup and the
 * interrupt status; a device model supplies its ID, features, config space
 * and a notify handler that serves a queue. The interrupt is a level line:
 * set_irq(ctx, true) while InterruptStatus is non-zero.
 *
 * Offered: VIRTIO_F_VERSION_1 (required from the driver) and the device's
 * own bits. Not offered: INDIRECT_DESC, EVENT_IDX, ACCESS_PLATFORM,
 * RING_PACKED, NOTIFICATION_DATA, RING_RESET.
 */
#ifndef TESSERA_VIRTIO_MMIO_H
#define TESSERA_VIRTIO_MMIO_H

#include <stdbool.h>
#include <stdint.h>
#include <tessera/virtq.h>

#define VIRTIO_MMIO_MAGIC  0x74726976U /* "virt" */
#define VIRTIO_MMIO_SIZE   0x200
#define VIRTIO_MMIO_QUEUES 2
#define VIRTIO_F_VERSION_1 (1ULL << 32)

/* 2.1 Device status field. */
#define VIRTIO_STATUS_ACKNOWLEDGE	 1U
#define VIRTIO_STATUS_DRIVER		 2U
#define VIRTIO_STATUS_DRIVER_OK		 4U
#define VIRTIO_STATUS_FEATURES_OK	 8U
#define VIRTIO_STATUS_DEVICE_NEEDS_RESET 64U
#define VIRTIO_STATUS_FAILED		 128U

/* 4.2.2 register offsets. */
#define VIRTIO_MMIO_MAGIC_VALUE	    0x000
#define VIRTIO_MMIO_VERSION	    0x004
#define VIRTIO_MMIO_DEVICE_ID	    0x008
#define VIRTIO_MMIO_VENDOR_ID	    0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES 0x010
#define VIRTIO_MMIO_DEVICE_FEAT_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES 0x020
#define VIRTIO_MMIO_DRIVER_FEAT_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL	    0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX   0x034
#define VIRTIO_MMIO_QUEUE_NUM	    0x038
#define VIRTIO_MMIO_QUEUE_READY	    0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY    0x050
#define VIRTIO_MMIO_INT_STATUS	    0x060
#define VIRTIO_MMIO_INT_ACK	    0x064
#define VIRTIO_MMIO_STATUS	    0x070
#define VIRTIO_MMIO_QUEUE_DESC	    0x080 /* low, high at +4 */
#define VIRTIO_MMIO_QUEUE_DRIVER    0x090
#define VIRTIO_MMIO_QUEUE_DEVICE    0x0a0
#define VIRTIO_MMIO_SHM_SEL	    0x0ac
#define VIRTIO_MMIO_SHM_LEN	    0x0b0 /* low, high at +4 */
#define VIRTIO_MMIO_SHM_BASE	    0x0b8
#define VIRTIO_MMIO_CONFIG_GEN	    0x0fc
#define VIRTIO_MMIO_CONFIG	    0x100

#define VIRTIO_INT_USED	  1U /* 4.2.2: InterruptStatus bit 0, used buffer */
#define VIRTIO_INT_CONFIG 2U /* bit 1, configuration change */

struct virtio_mmio;

struct virtio_mmio_ops {
	uint32_t device_id;
	uint64_t features; /* the device's own bits (VERSION_1 is added) */
	unsigned num_queues;
	uint32_t max_total; /* longest chain in bytes (virtq_setup) */
	/* Queue q (ready, DRIVER_OK) was notified: serve it. Returns whether
	 * used buffers were added (the transport then raises the interrupt
	 * unless the driver suppressed it). */
	bool (*notify)(struct virtio_mmio *d, unsigned q);
	/* Config space bytes [off, off + size), size 1, 2, 4 or 8; 0 beyond. */
	uint64_t (*config_read)(struct virtio_mmio *d, uint64_t off, unsigned size);
	/* The device was reset (Status 0): drop device state. May be NULL. */
	void (*reset)(struct virtio_mmio *d);
};

struct virtio_mmio_queue {
	uint16_t num;
	bool ready;
	uint64_t desc, driver, device; /* guest addresses (4.2.2 QueueDesc etc.) */
	struct virtq vq;
};

struct virtio_mmio {
	const struct virtio_mmio_ops *ops;
	const char *name;
	void *dev;			     /* the device model */
	const struct virtq_gmem *mem;	     /* guest RAM */
	void (*set_irq)(void *ctx, bool on); /* the level line */
	void *irq_ctx;
	void (*log)(const char *name, const char *msg); /* may be NULL */
	uint32_t status, dev_feat_sel, drv_feat_sel, queue_sel, int_status, shm_sel;
	uint64_t drv_features;
	bool irq_on;
	struct virtio_mmio_queue q[VIRTIO_MMIO_QUEUES];
};

/* Sets the register file to its reset state (and the line low). */
void virtio_mmio_init(struct virtio_mmio *d);
/* Guest accesses, off relative to the slot base. Registers below 0x100 take
 * 32-bit accesses only (4.2.2.2); others read 0 / are ignored. */
uint64_t virtio_mmio_read(struct virtio_mmio *d, uint64_t off, unsigned size);
void virtio_mmio_write(struct virtio_mmio *d, uint64_t off, unsigned size, uint64_t val);
/* A device model added used buffers outside notify (e.g. received data). */
void virtio_mmio_used(struct virtio_mmio *d, unsigned q);
/* Logs a line through d->log (rate-limited by the caller). */
void virtio_mmio_log(const struct virtio_mmio *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* virtio-blk (virtio 1.2, 5.2) over a disk image in memory. */
#define VIRTIO_BLK_ID_LEN 20
struct virtio_blk {
	struct virtio_mmio mmio;
	struct virtio_mmio_ops ops;
	uint8_t *disk;
	uint64_t sectors; /* capacity in 512-byte sectors */
	bool readonly;
	char id[VIRTIO_BLK_ID_LEN];
	uint64_t reqs, errors; /* requests served, of which failed */
	struct virtq_req req;  /* scratch (large: VIRTQ_NUM_MAX segments) */
};

/* Sets up b over disk[0, size) (whole sectors; a partial tail is not
 * visible). readonly offers VIRTIO_BLK_F_RO and fails writes. The caller
 * fills b->mmio's name, mem, set_irq, irq_ctx and log afterwards. */
void virtio_blk_init(struct virtio_blk *b, uint8_t *disk, uint64_t size, bool readonly,
		     const char *id);

/* virtio-net (virtio 1.2, 5.1): receive queue 0, transmit queue 1, a MAC
 * address, no offloads. Frames leave through tx (bare Ethernet, the 12-byte
 * virtio_net_hdr stripped) and arrive through virtio_net_rx. */
struct virtio_net {
	struct virtio_mmio mmio;
	struct virtio_mmio_ops ops;
	uint8_t mac[6];
	uint8_t *frame; /* tx frames are assembled here (frame_size bytes) */
	uint32_t frame_size;
	/* Sends frame[0, len); false if the link refused it (counted). */
	bool (*tx)(void *ctx, uint32_t len);
	/* The guest gave receive buffers (queue 0 notified): pull frames. */
	void (*rx_ready)(void *ctx);
	void *ctx;
	uint64_t tx_frames, tx_dropped, rx_frames, rx_dropped, errors;
	struct virtq_req req;
};

void virtio_net_init(struct virtio_net *n, const uint8_t mac[6], uint8_t *frame,
		     uint32_t frame_size);
/* Whether the guest has a receive buffer ready (and the device is live). */
bool virtio_net_rx_ready(const struct virtio_net *n);
/* Puts one received frame into the guest's next receive buffer and raises
 * the interrupt. False if no buffer was ready (the frame is not taken) or
 * the buffer was broken or too small (the frame is dropped and counted;
 * the buffer goes back to the guest with length 0). */
bool virtio_net_rx(struct virtio_net *n, const uint8_t *frame, uint32_t len);

/* virtio-console (virtio 1.2, 5.3): one port, no feature bits; receiveq 0,
 * transmitq 1. Guest output goes to tx, which takes what it can: a chain
 * is completed once all its bytes were taken; until then it is held and
 * virtio_console_tx_resume offers the rest (the backend has room again).
 * Input goes into the guest's receive buffers through virtio_console_rx.
 * Broken chains (virtq.h) are completed with length 0 and counted. */
struct virtio_console {
	struct virtio_mmio mmio;
	struct virtio_mmio_ops ops;
	/* Takes up to len bytes of output; returns how many (0: none now). */
	uint32_t (*tx)(void *ctx, const uint8_t *buf, uint32_t len);
	/* The guest gave receive buffers (queue 0 notified). May be NULL. */
	void (*rx_ready)(void *ctx);
	void *ctx;
	uint64_t tx_bytes, rx_bytes, errors;
	bool tx_held; /* req is a transmit chain taken up to tx_off */
	uint64_t tx_off;
	struct virtq_req req, rx_req;
};

/* Sets c up; the caller fills tx, rx_ready, ctx and c->mmio's name, mem,
 * set_irq, irq_ctx and log afterwards. */
void virtio_console_init(struct virtio_console *c);
/* The backend has room again: offers the held chain and later ones. */
void virtio_console_tx_resume(struct virtio_console *c);
/* Whether a transmit chain waits for the backend. */
bool virtio_console_tx_pending(const struct virtio_console *c);
/* Whether the guest has a receive buffer ready (and the device is live). */
bool virtio_console_rx_ready(const struct virtio_console *c);
/* Copies data[0, len) into the guest's receive buffers, as many as are
 * ready (each completed with what it got), and raises the interrupt;
 * returns the bytes taken (the rest is the caller's to offer again). */
uint32_t virtio_console_rx(struct virtio_console *c, const uint8_t *data, uint32_t len);

#endif
