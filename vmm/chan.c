// SPDX-License-Identifier: BSD-2-Clause
/*
 * Channel devices (docs/vmm.md "Channels"): a virtio-console (libs/virtio)
 * whose backend is a vm_channel, two SPSC byte rings in a region shared
 * with the peer VM's VMM (<tessera/chan_ring.h>). Guest RAM stays private:
 * we copy the guest's transmit buffers into our TX ring (as much as fits;
 * a chain that does not fit is held and resumed on the peer's doorbell)
 * and the RX ring into the guest's receive buffers. After moving bytes we
 * signal the peer's doorbell (its notification, badged with its channel
 * bit); on our own bit we resume transmitting and fill receive buffers.
 * The peer's indices are bounds-checked by chan_ring: a broken peer breaks
 * the channel (our guest's output is then dropped, so its hvc driver never
 * waits for ever), never this VMM.
 *
 * Bytes from the peer reach our guest only once our guest has written to
 * the channel: without MULTIPORT the console has no "port opened" event,
 * and Linux's tty would otherwise take them in cooked mode (echoing them
 * back to the peer) between open() and the reader's stty raw. So a guest
 * program sets the tty raw, then writes first (docs/vmm.md "Channels").
 */
#include <string.h>
#include <tessera/chan_ring.h>
#include <tessera/sys.h>
#include <tessera/virtio_mmio.h>

#include "vmm.h"

#define VMM_MAX_CHAN 8

struct chan {
	struct virtio_console dev;
	const struct tsr_vm_device *d;
	struct chan_ring tx, rx;
	bool opened;	  /* our guest has written: it may be given input */
	bool broken_said; /* a broken ring was logged */
	uint64_t dropped; /* output dropped because the TX ring is broken */
};

static struct chan chans[VMM_MAX_CHAN];
static unsigned nchans;

static void chan_bell(const struct chan *c)
{
	if (tsr_signal(c->d->doorbell_slot) != ERR_OK && !c->broken_said)
		vmm_log("%s: doorbell signal failed\n", c->d->name);
}

static void chan_check_broken(struct chan *c)
{
	if ((c->tx.broken || c->rx.broken) && !c->broken_said) {
		c->broken_said = true;
		vmm_log("%s: the peer broke the channel (a ring index out of range): %s stopped\n",
			c->d->name, c->tx.broken ? "output" : "input");
	}
}

/* Moves the RX ring into the guest's receive buffers while both have some. */
static void chan_pull(struct chan *c)
{
	bool moved = false;

	for (unsigned k = 0; k < 2 * VIRTQ_NUM_MAX && c->opened; k++) {
		const uint8_t *p;
		uint32_t n = chan_ring_peek(&c->rx, &p);
		if (n == 0 || !virtio_console_rx_ready(&c->dev))
			break;
		uint32_t took = virtio_console_rx(&c->dev, p, n);
		if (took == 0)
			break;
		chan_ring_consume(&c->rx, took);
		moved = true;
	}
	chan_check_broken(c);
	if (moved)
		chan_bell(c); /* the peer has room again */
}

/* The model's tx: as much as the TX ring takes. */
static uint32_t chan_tx(void *ctx, const uint8_t *buf, uint32_t len)
{
	struct chan *c = ctx;
	uint32_t n = chan_ring_put(&c->tx, buf, len);

	if (n != 0)
		chan_bell(c);
	if (c->tx.broken) {
		chan_check_broken(c);
		c->dropped += len;
		n = len;
	}
	if (!c->opened) {
		c->opened = true;
		chan_pull(c); /* what the peer sent before */
	}
	return n;
}

static void chan_rx_ready(void *ctx)
{
	chan_pull(ctx);
}

uint64_t vmm_chan_bits(void)
{
	uint64_t bits = 0;

	for (unsigned k = 0; k < nchans; k++)
		bits |= chans[k].d->link_bit;
	return bits;
}

void vmm_chan_notify(uint64_t bits)
{
	for (unsigned k = 0; k < nchans; k++) {
		struct chan *c = &chans[k];
		if (!(bits & c->d->link_bit))
			continue;
		virtio_console_tx_resume(&c->dev);
		chan_pull(c);
	}
}

bool vmm_chan_init(const struct tsr_vm_device *d)
{
	uint64_t half = d->buffer_size / 2;

	if (d->buffer == 0 || half < CHAN_RING_MIN || half > (1ULL << 31) || d->chan_end > 1 ||
	    d->doorbell_slot == 0) {
		vmm_log("%s: channel without a usable vm_channel region\n", d->name);
		return false;
	}
	if (nchans == VMM_MAX_CHAN) {
		vmm_log("%s: more than %u channels\n", d->name, VMM_MAX_CHAN);
		return false;
	}
	struct chan *c = &chans[nchans++];
	uint8_t *base = (uint8_t *)(uintptr_t)d->buffer;
	c->d = d;
	chan_ring_init(&c->tx, base + d->chan_end * half, half, true);
	chan_ring_init(&c->rx, base + (1 - d->chan_end) * half, half, false);
	virtio_console_init(&c->dev);
	c->dev.tx = chan_tx;
	c->dev.rx_ready = chan_rx_ready;
	c->dev.ctx = c;
	vmm_log("%s: channel (virtio-console), end %u, %llu-byte rings, bit %#llx, irq %u\n",
		d->name, d->chan_end, (unsigned long long)c->tx.cap,
		(unsigned long long)d->link_bit, d->irq);
	return vmm_virtio_attach(&c->dev.mmio, d);
}
