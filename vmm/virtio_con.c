// SPDX-License-Identifier: BSD-2-Clause
/*
 * virtio-console devices on a vm_console link (docs/vmm.md "Virtio"):
 * libs/virtio's model, its output written like the PL011's (pl011.c):
 * through the link's shared buffer with ConsoleLink.write(len), or, with
 * no link or the console server gone, on the VMM's own console with each
 * line prefixed "<vm>: ". Input: on the link's notification bit, or when
 * the guest gives receive buffers, read(max) into a staging buffer that
 * drains into the guest's receive buffers (what does not fit waits there).
 */
#include <stdio.h>
#include <string.h>
#include <tessera/sys.h>
#include <tessera/virtio_mmio.h>

#include "vmm.h"

#define VMM_MAX_CON 2
#define LINK_WRITE  1 /* ConsoleLink method labels (idl/builtin.tsr): index + 1 */
#define LINK_READ   2
#define STAGE_SIZE  1024

struct con {
	struct virtio_console dev;
	const struct tsr_vm_device *d;
	bool line_open; /* own console: a line was begun (its prefix is out) */
	uint8_t stage[STAGE_SIZE];
	uint32_t stage_off, stage_len;
};

static struct con cons[VMM_MAX_CON];
static unsigned ncons;

/* Our own console: the prefix at each line's start. */
static void con_write_own(struct con *c, const uint8_t *buf, uint32_t len)
{
	while (len != 0) {
		const uint8_t *nl = memchr(buf, '\n', len);
		uint32_t n = nl != 0 ? (uint32_t)(nl - buf) + 1 : len;
		if (!c->line_open)
			printf("%s: ", vmm.cfg->name);
		fwrite(buf, 1, n, stdout);
		c->line_open = nl == 0;
		buf += n;
		len -= n;
	}
	fflush(stdout);
}

/* The model's tx: everything is taken (the console server never pushes back). */
static uint32_t con_tx(void *ctx, const uint8_t *buf, uint32_t len)
{
	struct con *c = ctx;
	const struct tsr_vm_device *d = c->d;
	uint32_t n = d->link_slot != 0 && len > d->buffer_size ? (uint32_t)d->buffer_size : len;

	if (d->link_slot == 0 || d->buffer_size == 0) {
		con_write_own(c, buf, len);
		return len;
	}
	memcpy((void *)(uintptr_t)d->buffer, buf, n);
	struct tsr_msg m = {.info = tsr_msginfo(LINK_WRITE, 0, 1), .mr = {n}};
	if (tsr_call(d->link_slot, &m) != ERR_OK)
		con_write_own(c, buf, n); /* the console server is gone */
	else
		vmm_life_link_ok();
	return n;
}

/* Moves input to the guest while it has receive buffers. */
static void con_pull(struct con *c)
{
	const struct tsr_vm_device *d = c->d;

	for (unsigned k = 0; k < 64 && virtio_console_rx_ready(&c->dev); k++) {
		if (c->stage_len == 0) {
			uint64_t max = d->buffer_size < STAGE_SIZE ? d->buffer_size : STAGE_SIZE;
			struct tsr_msg m = {.info = tsr_msginfo(LINK_READ, 0, 1), .mr = {max}};
			if (d->link_slot == 0 || tsr_call(d->link_slot, &m) != ERR_OK ||
			    m.mr[0] == 0 || m.mr[0] > max)
				return; /* no link, the server is gone, or nothing */
			vmm_life_link_ok();
			memcpy(c->stage, (const void *)(uintptr_t)d->buffer, m.mr[0]);
			c->stage_off = 0;
			c->stage_len = (uint32_t)m.mr[0];
		}
		uint32_t n = virtio_console_rx(&c->dev, c->stage + c->stage_off, c->stage_len);
		c->stage_off += n;
		c->stage_len -= n;
	}
}

static void con_rx_ready(void *ctx)
{
	con_pull(ctx);
}

void vmm_virtio_con_notify(uint64_t bits)
{
	for (unsigned k = 0; k < ncons; k++)
		if (bits & cons[k].d->link_bit)
			con_pull(&cons[k]);
}

bool vmm_virtio_con_init(const struct tsr_vm_device *d)
{
	if (ncons == VMM_MAX_CON) {
		vmm_log("%s: more than %u virtio_console devices\n", d->name, VMM_MAX_CON);
		return false;
	}
	struct con *c = &cons[ncons++];
	c->d = d;
	virtio_console_init(&c->dev);
	c->dev.tx = con_tx;
	c->dev.rx_ready = con_rx_ready;
	c->dev.ctx = c;
	vmm_log("%s: virtio-console, %s, irq %u\n", d->name,
		d->link_slot != 0 ? "console link" : "own console (output only)", d->irq);
	return vmm_virtio_attach(&c->dev.mmio, d);
}
