// SPDX-License-Identifier: BSD-2-Clause
/*
 * The virtio-mmio version 2 transport (virtio 1.2, 4.2.2); contract in
 * <tessera/virtio_mmio.h>. Device initialization follows 3.1.1: the
 * driver writes its features, sets FEATURES_OK (we keep it clear unless
 * VERSION_1 is accepted and nothing unoffered is), sets up queues
 * (QueueNum, the three addresses, QueueReady = 1), then DRIVER_OK.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <tessera/virtio_mmio.h>

#define VENDOR_ID 0x554d4551U /* "QEMU" (as QEMU says; drivers do not check it) */

void virtio_mmio_log(const struct virtio_mmio *d, const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	if (d->log == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	d->log(d->name, buf);
}

static void update_irq(struct virtio_mmio *d)
{
	bool on = d->int_status != 0;

	if (on != d->irq_on && d->set_irq != 0)
		d->set_irq(d->irq_ctx, on);
	d->irq_on = on;
}

void virtio_mmio_init(struct virtio_mmio *d)
{
	d->status = d->dev_feat_sel = d->drv_feat_sel = d->queue_sel = d->shm_sel = 0;
	d->drv_features = 0;
	d->int_status = 0;
	memset(d->q, 0, sizeof(d->q));
	update_irq(d);
}

static uint64_t offered(const struct virtio_mmio *d)
{
	return d->ops->features | VIRTIO_F_VERSION_1;
}

static struct virtio_mmio_queue *cur_queue(struct virtio_mmio *d)
{
	return d->queue_sel < d->ops->num_queues && d->queue_sel < VIRTIO_MMIO_QUEUES
		   ? &d->q[d->queue_sel]
		   : 0;
}

static uint64_t read_reg(struct virtio_mmio *d, uint64_t off)
{
	const struct virtio_mmio_queue *q = cur_queue(d);

	switch (off) {
	case VIRTIO_MMIO_MAGIC_VALUE:
		return VIRTIO_MMIO_MAGIC;
	case VIRTIO_MMIO_VERSION:
		return 2;
	case VIRTIO_MMIO_DEVICE_ID:
		return d->ops->device_id;
	case VIRTIO_MMIO_VENDOR_ID:
		return VENDOR_ID;
	case VIRTIO_MMIO_DEVICE_FEATURES:
		return d->dev_feat_sel < 2 ? (uint32_t)(offered(d) >> (32 * d->dev_feat_sel)) : 0;
	case VIRTIO_MMIO_QUEUE_NUM_MAX:
		return q != 0 ? VIRTQ_NUM_MAX : 0; /* 0: the queue does not exist */
	case VIRTIO_MMIO_QUEUE_READY:
		return q != 0 && q->ready;
	case VIRTIO_MMIO_INT_STATUS:
		return d->int_status;
	case VIRTIO_MMIO_STATUS:
		return d->status;
	case VIRTIO_MMIO_SHM_LEN:
	case VIRTIO_MMIO_SHM_LEN + 4:
	case VIRTIO_MMIO_SHM_BASE:
	case VIRTIO_MMIO_SHM_BASE + 4:
		return 0xffffffffU; /* 4.2.2: no shared memory region: length -1 */
	case VIRTIO_MMIO_CONFIG_GEN:
		return 0; /* our config space never changes under the driver */
	default:
		return 0;
	}
}

uint64_t virtio_mmio_read(struct virtio_mmio *d, uint64_t off, unsigned size)
{
	if (off >= VIRTIO_MMIO_CONFIG)
		return d->ops->config_read != 0
			   ? d->ops->config_read(d, off - VIRTIO_MMIO_CONFIG, size)
			   : 0;
	if (size != 4 || (off & 3))
		return 0;
	return read_reg(d, off);
}

/* QueueReady = 1: the rings must lie in guest RAM, else the queue stays off
 * and the device asks for a reset (2.1.1 DEVICE_NEEDS_RESET). */
static void queue_ready(struct virtio_mmio *d, struct virtio_mmio_queue *q, bool on)
{
	if (!on) {
		q->ready = false;
		return;
	}
	enum virtq_err e =
	    virtq_setup(&q->vq, d->mem, q->num, q->desc, q->driver, q->device, d->ops->max_total);
	if (e != VIRTQ_OK) {
		virtio_mmio_log(d, "queue %u (size %u) rejected: %s\n", d->queue_sel, q->num,
				virtq_strerror(e));
		d->status |= VIRTIO_STATUS_DEVICE_NEEDS_RESET;
		return;
	}
	q->ready = true;
}

static void set_addr(uint64_t *a, uint64_t off, uint64_t val)
{
	if (off & 4)
		*a = (*a & 0xffffffffULL) | (val << 32);
	else
		*a = (*a & ~0xffffffffULL) | (val & 0xffffffffULL);
}

static void queue_write(struct virtio_mmio *d, uint64_t off, uint32_t val)
{
	struct virtio_mmio_queue *q = cur_queue(d);

	if (q == 0)
		return;
	if (off == VIRTIO_MMIO_QUEUE_READY) {
		queue_ready(d, q, val & 1);
		return;
	}
	if (q->ready)
		return; /* 4.2.2.3: the driver does not change a live queue */
	if (off == VIRTIO_MMIO_QUEUE_NUM)
		q->num = val <= VIRTQ_NUM_MAX ? (uint16_t)val : 0;
	else if (off - VIRTIO_MMIO_QUEUE_DESC < 8)
		set_addr(&q->desc, off, val);
	else if (off - VIRTIO_MMIO_QUEUE_DRIVER < 8)
		set_addr(&q->driver, off, val);
	else if (off - VIRTIO_MMIO_QUEUE_DEVICE < 8)
		set_addr(&q->device, off, val);
}

/* 3.1.1 step 5 / 2.2.2: accept only subsets of what we offered, with VERSION_1. */
static void write_status(struct virtio_mmio *d, uint32_t val)
{
	if (val == 0) { /* 2.4: reset */
		if (d->ops->reset != 0)
			d->ops->reset(d);
		virtio_mmio_init(d);
		return;
	}
	if ((val & VIRTIO_STATUS_FEATURES_OK) && !(d->status & VIRTIO_STATUS_FEATURES_OK)) {
		if (!(d->drv_features & VIRTIO_F_VERSION_1) || (d->drv_features & ~offered(d))) {
			virtio_mmio_log(
			    d, "driver features %#llx refused (need VERSION_1, offered %#llx)\n",
			    (unsigned long long)d->drv_features, (unsigned long long)offered(d));
			val &= ~VIRTIO_STATUS_FEATURES_OK;
		}
	}
	d->status = val | (d->status & VIRTIO_STATUS_DEVICE_NEEDS_RESET);
}

static void notify(struct virtio_mmio *d, uint32_t qi)
{
	if (qi >= d->ops->num_queues || qi >= VIRTIO_MMIO_QUEUES || !d->q[qi].ready ||
	    !(d->status & VIRTIO_STATUS_DRIVER_OK))
		return;
	if (d->ops->notify(d, qi) && virtq_want_irq(&d->q[qi].vq)) {
		d->int_status |= VIRTIO_INT_USED;
		update_irq(d);
	}
}

void virtio_mmio_used(struct virtio_mmio *d, unsigned q)
{
	if (q < VIRTIO_MMIO_QUEUES && d->q[q].ready && virtq_want_irq(&d->q[q].vq)) {
		d->int_status |= VIRTIO_INT_USED;
		update_irq(d);
	}
}

void virtio_mmio_write(struct virtio_mmio *d, uint64_t off, unsigned size, uint64_t val)
{
	uint32_t v = (uint32_t)val;

	if (off >= VIRTIO_MMIO_CONFIG || size != 4 || (off & 3))
		return; /* config space is read-only for our devices */
	switch (off) {
	case VIRTIO_MMIO_DEVICE_FEAT_SEL:
		d->dev_feat_sel = v;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		if (d->drv_feat_sel < 2 && !(d->status & VIRTIO_STATUS_FEATURES_OK))
			set_addr(&d->drv_features, d->drv_feat_sel * 4, v);
		break;
	case VIRTIO_MMIO_DRIVER_FEAT_SEL:
		d->drv_feat_sel = v;
		break;
	case VIRTIO_MMIO_QUEUE_SEL:
		d->queue_sel = v;
		break;
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		notify(d, v);
		break;
	case VIRTIO_MMIO_INT_ACK:
		d->int_status &= ~v;
		update_irq(d);
		break;
	case VIRTIO_MMIO_STATUS:
		write_status(d, v);
		break;
	case VIRTIO_MMIO_SHM_SEL:
		d->shm_sel = v;
		break;
	default:
		queue_write(d, off, v);
		break;
	}
}
