// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of libs/virtio/virtio_net.c over the real transport and
 * virtqueue code: a driver in this file sets up the receive and transmit
 * queues through the virtio-mmio registers over a fake guest RAM, then
 * transmits and receives frames, including broken and too-small buffers.
 */
#include <stdlib.h>
#include <string.h>
#include <tessera/virtio_mmio.h>

#include "check.h"

#define RAM_IPA	 0x40000000ULL
#define RAM_SIZE (256U << 10)
#define QNUM	 8
#define Q_OFF(q) (0x4000U * (q)) /* desc +0, avail +0x1000, used +0x2000 */
#define BUF_OFF	 0x10000
#define HDR	 12
#define FRAME_SZ 2048

static uint8_t *ram;
static uint8_t frame_buf[FRAME_SZ], sent[FRAME_SZ];
static uint32_t sent_len;
static unsigned sends, rx_ready_calls;
static bool refuse, irq_line;
static struct virtq_gmem gmem;
static struct virtio_net net;
static uint16_t avail_idx[2], used_seen[2];

static bool fake_tx(void *ctx, uint32_t len)
{
	(void)ctx;
	sends++;
	sent_len = len;
	memcpy(sent, frame_buf, len);
	return !refuse;
}

static void fake_rx_ready(void *ctx)
{
	(void)ctx;
	rx_ready_calls++;
}

static void fake_irq(void *ctx, bool on)
{
	(void)ctx;
	irq_line = on;
}

static void wr(uint64_t off, uint32_t v)
{
	virtio_mmio_write(&net.mmio, off, 4, v);
}

static void setup(void)
{
	static const uint8_t mac[6] = {2, 0x54, 0x53, 1, 2, 3};

	if (ram == 0)
		ram = calloc(1, RAM_SIZE);
	memset(ram, 0, RAM_SIZE);
	gmem = (struct virtq_gmem){1, {{RAM_IPA, RAM_SIZE, ram}}};
	virtio_net_init(&net, mac, frame_buf, FRAME_SZ);
	net.tx = fake_tx;
	net.rx_ready = fake_rx_ready;
	net.mmio.name = "net0";
	net.mmio.mem = &gmem;
	net.mmio.set_irq = fake_irq;
	sends = rx_ready_calls = 0;
	refuse = irq_line = false;
	memset(avail_idx, 0, sizeof(avail_idx));
	memset(used_seen, 0, sizeof(used_seen));
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(VIRTIO_MMIO_DRIVER_FEAT_SEL, 1);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, 1);
	wr(VIRTIO_MMIO_STATUS, 11);
	for (uint32_t q = 0; q < 2; q++) {
		wr(VIRTIO_MMIO_QUEUE_SEL, q);
		wr(VIRTIO_MMIO_QUEUE_NUM, QNUM);
		wr(VIRTIO_MMIO_QUEUE_DESC, (uint32_t)(RAM_IPA + Q_OFF(q)));
		wr(VIRTIO_MMIO_QUEUE_DRIVER, (uint32_t)(RAM_IPA + Q_OFF(q) + 0x1000));
		wr(VIRTIO_MMIO_QUEUE_DEVICE, (uint32_t)(RAM_IPA + Q_OFF(q) + 0x2000));
		wr(VIRTIO_MMIO_QUEUE_READY, 1);
	}
	wr(VIRTIO_MMIO_STATUS, 15);
}

static void set_desc(unsigned q, unsigned i, uint64_t ipa, uint32_t len, uint16_t flags,
		     uint16_t next)
{
	((struct virtq_desc *)(ram + Q_OFF(q)))[i] = (struct virtq_desc){ipa, len, flags, next};
}

static void post(unsigned q, uint16_t head, bool kick)
{
	uint16_t *avail = (uint16_t *)(ram + Q_OFF(q) + 0x1000);

	avail[2 + avail_idx[q] % QNUM] = head;
	avail[1] = ++avail_idx[q];
	if (kick)
		wr(VIRTIO_MMIO_QUEUE_NOTIFY, q);
}

static bool next_used(unsigned q, uint32_t *id, uint32_t *len)
{
	uint16_t *used = (uint16_t *)(ram + Q_OFF(q) + 0x2000);
	uint32_t *elem = (uint32_t *)(used + 2) + 2 * (used_seen[q] % QNUM);

	if (used[1] == used_seen[q])
		return false;
	used_seen[q]++;
	*id = elem[0];
	*len = elem[1];
	return true;
}

static uint8_t *buf(unsigned k)
{
	return ram + BUF_OFF + k * 0x1000;
}

static uint64_t buf_ipa(unsigned k)
{
	return RAM_IPA + BUF_OFF + k * 0x1000ULL;
}

static void config_space(void)
{
	setup();
	CHECK(virtio_mmio_read(&net.mmio, VIRTIO_MMIO_DEVICE_ID, 4) == 1);
	CHECK(virtio_mmio_read(&net.mmio, VIRTIO_MMIO_CONFIG + 5, 1) == 3);
	CHECK(virtio_mmio_read(&net.mmio, VIRTIO_MMIO_CONFIG, 4) == 0x01535402);
	CHECK(virtio_mmio_read(&net.mmio, VIRTIO_MMIO_CONFIG + 6, 2) == 1); /* link up */
	CHECK(virtio_mmio_read(&net.mmio, VIRTIO_MMIO_STATUS, 4) == 15);
}

static void transmit(void)
{
	uint32_t id, len;

	setup();
	for (unsigned k = 0; k < 60; k++)
		buf(0)[HDR + k] = (uint8_t)(k + 1);
	set_desc(1, 0, buf_ipa(0), HDR + 60, 0, 0);
	post(1, 0, true);
	CHECK(sends == 1 && sent_len == 60 && memcmp(sent, buf(0) + HDR, 60) == 0);
	CHECK(next_used(1, &id, &len) && id == 0 && len == 0 && irq_line);
	/* Header and frame in separate descriptors (2.6.4). */
	set_desc(1, 2, buf_ipa(1), HDR, VIRTQ_DESC_F_NEXT, 3);
	set_desc(1, 3, buf_ipa(0) + HDR, 60, 0, 0);
	post(1, 2, true);
	CHECK(sends == 2 && sent_len == 60 && memcmp(sent, buf(0) + HDR, 60) == 0);
	CHECK(next_used(1, &id, &len) && id == 2);
	refuse = true; /* the switch refuses: counted, the buffer still comes back */
	post(1, 0, true);
	CHECK(next_used(1, &id, &len) && net.tx_dropped == 1 && net.tx_frames == 2);
}

static void transmit_bad(void)
{
	uint32_t id, len;

	setup();
	set_desc(1, 0, buf_ipa(0), HDR + 10, 0, 0); /* under 14 bytes of frame */
	post(1, 0, true);
	set_desc(1, 1, buf_ipa(0), HDR + FRAME_SZ + 1, 0, 0); /* over the link's buffer */
	post(1, 1, true);
	set_desc(1, 2, RAM_IPA + RAM_SIZE - 8, 100, 0, 0); /* outside guest RAM */
	post(1, 2, true);
	set_desc(1, 3, buf_ipa(0), 100, VIRTQ_DESC_F_NEXT, 3); /* loops */
	post(1, 3, true);
	CHECK(sends == 0 && net.errors == 4);
	for (unsigned k = 0; k < 4; k++)
		CHECK(next_used(1, &id, &len) && id == k && len == 0);
}

static void receive(void)
{
	uint8_t frame[100];
	uint32_t id, len;

	setup();
	for (unsigned k = 0; k < sizeof(frame); k++)
		frame[k] = (uint8_t)(0xa0 ^ k);
	CHECK(!virtio_net_rx_ready(&net) && !virtio_net_rx(&net, frame, 100));
	set_desc(0, 0, buf_ipa(2), 1526, VIRTQ_DESC_F_WRITE, 0);
	post(0, 0, true);
	CHECK(rx_ready_calls == 1 && virtio_net_rx_ready(&net));
	memset(buf(2), 0xff, HDR);
	CHECK(virtio_net_rx(&net, frame, 100));
	CHECK(next_used(0, &id, &len) && id == 0 && len == HDR + 100);
	CHECK(buf(2)[0] == 0 && buf(2)[10] == 1 && buf(2)[11] == 0); /* num_buffers 1 */
	CHECK(memcmp(buf(2) + HDR, frame, 100) == 0 && irq_line);
	CHECK(!virtio_net_rx_ready(&net) && net.rx_frames == 1);
}

static void receive_bad(void)
{
	uint8_t frame[100] = {0};
	uint32_t id, len;

	setup();
	set_desc(0, 0, buf_ipa(2), 64, VIRTQ_DESC_F_WRITE, 0); /* too small */
	post(0, 0, false);
	CHECK(!virtio_net_rx(&net, frame, 100));
	CHECK(next_used(0, &id, &len) && id == 0 && len == 0 && net.rx_dropped == 1);
	set_desc(0, 1, RAM_IPA - 4096, 1526, VIRTQ_DESC_F_WRITE, 0); /* outside RAM */
	post(0, 1, false);
	CHECK(!virtio_net_rx(&net, frame, 100));
	CHECK(next_used(0, &id, &len) && id == 1 && len == 0 && net.rx_dropped == 2);
	post(0, 200, false); /* head index out of range: dropped */
	CHECK(!virtio_net_rx(&net, frame, 100) && !next_used(0, &id, &len));
	set_desc(0, 2, buf_ipa(2), 1526, VIRTQ_DESC_F_WRITE, 0);
	post(0, 2, false);
	CHECK(virtio_net_rx(&net, frame, 100)); /* and it still works */
	CHECK(next_used(0, &id, &len) && id == 2 && len == HDR + 100);
}

int main(void)
{
	RUN("unit_virtio_net", config_space);
	RUN("unit_virtio_net", transmit);
	RUN("unit_virtio_net", transmit_bad);
	RUN("unit_virtio_net", receive);
	RUN("unit_virtio_net", receive_bad);
	free(ram);
	return DONE("unit_virtio_net");
}
