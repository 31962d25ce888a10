// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of libs/virtio/virtio_console.c over the real transport and
 * virtqueue code: a driver in this file sets up receiveq 0 and transmitq 1
 * through the virtio-mmio registers over a fake guest RAM, then writes and
 * reads bytes, with a backend that takes only part (held chains resumed),
 * and with broken chains (completed with length 0, the device goes on).
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
#define OUT_MAX	 8192

static uint8_t *ram;
static uint8_t out[OUT_MAX];
static uint32_t out_len, room, rx_ready_calls;
static bool irq_line;
static struct virtq_gmem gmem;
static struct virtio_console con;
static uint16_t avail_idx[2], used_seen[2];

/* The backend: takes at most `room` bytes (room is used up). */
static uint32_t fake_tx(void *ctx, const uint8_t *buf, uint32_t len)
{
	(void)ctx;
	uint32_t n = len < room ? len : room;
	if (n > OUT_MAX - out_len)
		n = OUT_MAX - out_len;
	memcpy(out + out_len, buf, n);
	out_len += n;
	room -= n;
	return n;
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
	virtio_mmio_write(&con.mmio, off, 4, v);
}

static void setup(void)
{
	if (ram == 0)
		ram = calloc(1, RAM_SIZE);
	memset(ram, 0, RAM_SIZE);
	gmem = (struct virtq_gmem){1, {{RAM_IPA, RAM_SIZE, ram}}};
	virtio_console_init(&con);
	con.tx = fake_tx;
	con.rx_ready = fake_rx_ready;
	con.mmio.name = "hvc0";
	con.mmio.mem = &gmem;
	con.mmio.set_irq = fake_irq;
	out_len = rx_ready_calls = 0;
	room = OUT_MAX;
	irq_line = false;
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

static void identity(void)
{
	setup();
	CHECK(virtio_mmio_read(&con.mmio, VIRTIO_MMIO_DEVICE_ID, 4) == 3);
	CHECK(virtio_mmio_read(&con.mmio, VIRTIO_MMIO_DEVICE_FEATURES, 4) == 0);
	CHECK(virtio_mmio_read(&con.mmio, VIRTIO_MMIO_CONFIG, 4) == 0);
	CHECK(virtio_mmio_read(&con.mmio, VIRTIO_MMIO_STATUS, 4) == 15);
}

static void transmit(void)
{
	uint32_t id, len;

	setup();
	memcpy(buf(0), "hello, ", 7);
	memcpy(buf(1), "world\n", 6);
	set_desc(1, 0, buf_ipa(0), 7, VIRTQ_DESC_F_NEXT, 1);
	set_desc(1, 1, buf_ipa(1), 6, 0, 0);
	post(1, 0, true);
	CHECK(out_len == 13 && memcmp(out, "hello, world\n", 13) == 0);
	CHECK(next_used(1, &id, &len) && id == 0 && len == 0 && irq_line);
	CHECK(con.tx_bytes == 13 && !virtio_console_tx_pending(&con));
}

/* The backend takes 5 bytes, then nothing: the chain is held, the next
 * one waits behind it; resume completes both in order. */
static void transmit_partial(void)
{
	uint32_t id, len;

	setup();
	for (unsigned k = 0; k < 40; k++)
		buf(0)[k] = (uint8_t)('a' + k % 26);
	memcpy(buf(1), "XYZ", 3);
	set_desc(1, 0, buf_ipa(0), 40, 0, 0);
	set_desc(1, 1, buf_ipa(1), 3, 0, 0);
	room = 5;
	post(1, 0, true);
	post(1, 1, true);
	CHECK(out_len == 5 && virtio_console_tx_pending(&con) && !next_used(1, &id, &len));
	room = 30;
	virtio_console_tx_resume(&con);
	CHECK(out_len == 35 && virtio_console_tx_pending(&con) && !next_used(1, &id, &len));
	room = 100;
	virtio_console_tx_resume(&con);
	CHECK(out_len == 43 && memcmp(out, buf(0), 40) == 0 && memcmp(out + 40, "XYZ", 3) == 0);
	CHECK(next_used(1, &id, &len) && id == 0 && next_used(1, &id, &len) && id == 1);
	CHECK(!virtio_console_tx_pending(&con));
	/* A reset drops a held chain. */
	room = 1;
	post(1, 0, true);
	CHECK(virtio_console_tx_pending(&con));
	wr(VIRTIO_MMIO_STATUS, 0);
	CHECK(!virtio_console_tx_pending(&con));
	virtio_console_tx_resume(&con); /* not live: nothing happens */
	CHECK(out_len == 44);
}

static void transmit_bad(void)
{
	uint32_t id, len;

	setup();
	set_desc(1, 0, RAM_IPA + RAM_SIZE - 8, 100, 0, 0); /* outside guest RAM */
	post(1, 0, true);
	set_desc(1, 1, buf_ipa(0), 10, VIRTQ_DESC_F_NEXT, 1); /* loops */
	post(1, 1, true);
	set_desc(1, 2, buf_ipa(0), 10, VIRTQ_DESC_F_WRITE, 0); /* writable */
	post(1, 2, true);
	set_desc(1, 3, buf_ipa(0), 10, VIRTQ_DESC_F_NEXT, 200); /* next out of range */
	post(1, 3, true);
	post(1, 300, true); /* head out of range: nothing to give back */
	CHECK(out_len == 0 && con.errors == 5);
	for (unsigned k = 0; k < 4; k++)
		CHECK(next_used(1, &id, &len) && id == k && len == 0);
	CHECK(!next_used(1, &id, &len));
	memcpy(buf(0), "ok", 2);
	set_desc(1, 4, buf_ipa(0), 2, 0, 0);
	post(1, 4, true); /* and it still works */
	CHECK(out_len == 2 && next_used(1, &id, &len) && id == 4);
}

static void receive(void)
{
	uint8_t data[300];
	uint32_t id, len;

	setup();
	for (unsigned k = 0; k < sizeof(data); k++)
		data[k] = (uint8_t)(k * 7);
	CHECK(!virtio_console_rx_ready(&con) && virtio_console_rx(&con, data, 10) == 0);
	set_desc(0, 0, buf_ipa(2), 100, VIRTQ_DESC_F_WRITE, 0);
	set_desc(0, 1, buf_ipa(3), 150, VIRTQ_DESC_F_WRITE, 0);
	post(0, 0, true);
	post(0, 1, false);
	CHECK(rx_ready_calls == 1 && virtio_console_rx_ready(&con));
	CHECK(virtio_console_rx(&con, data, 300) == 250 && irq_line);
	CHECK(next_used(0, &id, &len) && id == 0 && len == 100);
	CHECK(next_used(0, &id, &len) && id == 1 && len == 150);
	CHECK(memcmp(buf(2), data, 100) == 0 && memcmp(buf(3), data + 100, 150) == 0);
	CHECK(!virtio_console_rx_ready(&con) && con.rx_bytes == 250);
	post(0, 0, false);
	CHECK(virtio_console_rx(&con, data + 250, 50) == 50);
	CHECK(next_used(0, &id, &len) && id == 0 && len == 50);
	CHECK(memcmp(buf(2), data + 250, 50) == 0);
}

static void receive_bad(void)
{
	uint8_t data[16] = {1, 2, 3};
	uint32_t id, len;

	setup();
	set_desc(0, 0, buf_ipa(2), 64, 0, 0); /* device-readable: no room */
	post(0, 0, false);
	set_desc(0, 1, RAM_IPA - 4096, 64, VIRTQ_DESC_F_WRITE, 0); /* outside RAM */
	post(0, 1, false);
	post(0, 200, false); /* head out of range */
	set_desc(0, 2, buf_ipa(2), 64, VIRTQ_DESC_F_WRITE, 0);
	post(0, 2, false);
	CHECK(virtio_console_rx(&con, data, 16) == 16 && con.errors == 3);
	CHECK(next_used(0, &id, &len) && id == 0 && len == 0);
	CHECK(next_used(0, &id, &len) && id == 1 && len == 0);
	CHECK(next_used(0, &id, &len) && id == 2 && len == 16);
	CHECK(memcmp(buf(2), data, 16) == 0);
}

int main(void)
{
	RUN("unit_virtio_console", identity);
	RUN("unit_virtio_console", transmit);
	RUN("unit_virtio_console", transmit_partial);
	RUN("unit_virtio_console", transmit_bad);
	RUN("unit_virtio_console", receive);
	RUN("unit_virtio_console", receive_bad);
	free(ram);
	return DONE("unit_virtio_console");
}
