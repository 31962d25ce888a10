// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of libs/virtio (virtq.c, virtio_mmio.c, virtio_blk.c): a
 * small driver in this file programs the virtio-mmio registers of a
 * virtio-blk device over a fake guest RAM, as Linux would (virtio 1.2,
 * 3.1.1), then sends good requests and hostile descriptor chains. Every
 * hostile case asserts what the guest sees (status byte, used entry) and
 * that the device still serves the next good request.
 */
#include <stdlib.h>
#include <string.h>
#include <tessera/virtio_mmio.h>

#include "check.h"

#define RAM_IPA	  0x40000000ULL
#define RAM_SIZE  (1U << 20)
#define DESC_OFF  0x0000
#define AVAIL_OFF 0x1000
#define USED_OFF  0x2000
#define BUF_OFF	  0x10000
#define QNUM	  8
#define DISK_SIZE (64U << 10)
#define F_NEXT	  VIRTQ_DESC_F_NEXT
#define F_WRITE	  VIRTQ_DESC_F_WRITE
#define T_IN	  0
#define T_OUT	  1
#define T_FLUSH	  4
#define T_GET_ID  8
#define S_OK	  0
#define S_IOERR	  1
#define S_UNSUPP  2
#define UNTOUCHED 0xee

static uint8_t *ram, *disk;
static struct virtq_gmem gmem;
static struct virtio_blk blk;
static bool irq_line;
static unsigned irq_changes, logs;
static uint16_t avail_idx, used_seen;

static void fake_irq(void *ctx, bool on)
{
	(void)ctx;
	irq_line = on;
	irq_changes++;
}

static void fake_log(const char *name, const char *msg)
{
	printf("  log %s: %s", name, msg);
	logs++;
}

static uint32_t rd(uint64_t off)
{
	return (uint32_t)virtio_mmio_read(&blk.mmio, off, 4);
}

static void wr(uint64_t off, uint32_t v)
{
	virtio_mmio_write(&blk.mmio, off, 4, v);
}

static void make_device(bool readonly)
{
	if (ram == 0) {
		ram = calloc(1, RAM_SIZE);
		disk = calloc(1, DISK_SIZE);
	}
	memset(ram, 0, RAM_SIZE);
	for (unsigned k = 0; k < DISK_SIZE; k++)
		disk[k] = (uint8_t)(k * 7 + k / 512);
	gmem = (struct virtq_gmem){1, {{RAM_IPA, RAM_SIZE, ram}}};
	virtio_blk_init(&blk, disk, DISK_SIZE, readonly, "test-disk");
	blk.mmio.name = "blk0";
	blk.mmio.mem = &gmem;
	blk.mmio.set_irq = fake_irq;
	blk.mmio.log = fake_log;
	irq_line = false;
	irq_changes = logs = 0;
	avail_idx = used_seen = 0;
}

/* 3.1.1 steps 1..8, with the queue at DESC/AVAIL/USED_OFF. */
static bool driver_init(uint32_t feat_hi)
{
	wr(VIRTIO_MMIO_STATUS, 0);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(VIRTIO_MMIO_DEVICE_FEAT_SEL, 0);
	uint32_t lo = rd(VIRTIO_MMIO_DEVICE_FEATURES);
	wr(VIRTIO_MMIO_DRIVER_FEAT_SEL, 0);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, lo);
	wr(VIRTIO_MMIO_DRIVER_FEAT_SEL, 1);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, feat_hi);
	wr(VIRTIO_MMIO_STATUS, rd(VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_FEATURES_OK);
	if (!(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK))
		return false;
	wr(VIRTIO_MMIO_QUEUE_SEL, 0);
	wr(VIRTIO_MMIO_QUEUE_NUM, QNUM);
	wr(VIRTIO_MMIO_QUEUE_DESC, (uint32_t)(RAM_IPA + DESC_OFF));
	wr(VIRTIO_MMIO_QUEUE_DESC + 4, (uint32_t)((RAM_IPA + DESC_OFF) >> 32));
	wr(VIRTIO_MMIO_QUEUE_DRIVER, (uint32_t)(RAM_IPA + AVAIL_OFF));
	wr(VIRTIO_MMIO_QUEUE_DEVICE, (uint32_t)(RAM_IPA + USED_OFF));
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	wr(VIRTIO_MMIO_STATUS, rd(VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_DRIVER_OK);
	return rd(VIRTIO_MMIO_QUEUE_READY) == 1;
}

static struct virtq_desc *desc(unsigned i)
{
	return (struct virtq_desc *)(ram + DESC_OFF) + i;
}

static void set_desc(unsigned i, uint64_t ipa, uint32_t len, uint16_t flags, uint16_t next)
{
	*desc(i) = (struct virtq_desc){ipa, len, flags, next};
}

static uint16_t *avail(void)
{
	return (uint16_t *)(ram + AVAIL_OFF);
}

static uint32_t *used_elem(unsigned k)
{
	return (uint32_t *)(ram + USED_OFF + 4) + 2 * (k % QNUM);
}

static uint16_t used_idx(void)
{
	return ((uint16_t *)(ram + USED_OFF))[1];
}

static void kick(uint16_t head)
{
	avail()[2 + avail_idx % QNUM] = head;
	avail()[1] = ++avail_idx;
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
}

static uint64_t buf_ipa(unsigned k)
{
	return RAM_IPA + BUF_OFF + k * 0x4000ULL;
}

static uint8_t *buf(unsigned k)
{
	return ram + BUF_OFF + k * 0x4000;
}

/* Header in buffer 0, data in buffer 1, status in buffer 2: descriptors 0..2. */
static void request(uint32_t type, uint64_t sector, uint32_t len, bool data_writable)
{
	uint32_t hdr[4] = {type, 0, (uint32_t)sector, (uint32_t)(sector >> 32)};

	memcpy(buf(0), hdr, 16);
	buf(2)[0] = UNTOUCHED;
	set_desc(0, buf_ipa(0), 16, F_NEXT, len != 0 ? 1 : 2);
	set_desc(1, buf_ipa(1), len, F_NEXT | (data_writable ? F_WRITE : 0), 2);
	set_desc(2, buf_ipa(2), 1, F_WRITE, 0);
	kick(0);
}

/* The next used element: (id, len); status in buffer 2. */
static bool next_used(uint32_t *id, uint32_t *len)
{
	if (used_idx() == used_seen)
		return false;
	*id = used_elem(used_seen)[0];
	*len = used_elem(used_seen)[1];
	used_seen++;
	return true;
}

/* A good 1-sector read of sector s must work (the device survived). */
static bool still_serves(uint64_t s)
{
	uint32_t id, len;

	memset(buf(1), 0, 512);
	request(T_IN, s, 512, true);
	return next_used(&id, &len) && id == 0 && len == 513 && buf(2)[0] == S_OK &&
	       memcmp(buf(1), disk + s * 512, 512) == 0;
}

static void transport_registers(void)
{
	make_device(false);
	CHECK(rd(VIRTIO_MMIO_MAGIC_VALUE) == VIRTIO_MMIO_MAGIC);
	CHECK(rd(VIRTIO_MMIO_VERSION) == 2);
	CHECK(rd(VIRTIO_MMIO_DEVICE_ID) == 2);
	CHECK(virtio_mmio_read(&blk.mmio, VIRTIO_MMIO_MAGIC_VALUE, 1) == 0); /* 32-bit only */
	wr(VIRTIO_MMIO_DEVICE_FEAT_SEL, 1);
	CHECK(rd(VIRTIO_MMIO_DEVICE_FEATURES) == 1); /* VERSION_1 */
	wr(VIRTIO_MMIO_DEVICE_FEAT_SEL, 0);
	uint32_t f = rd(VIRTIO_MMIO_DEVICE_FEATURES);
	CHECK((f & (1U << 9)) && (f & (1U << 2)) && !(f & (1U << 5))); /* FLUSH, SEG_MAX, not RO */
	CHECK(!(f & (1U << 28)) && !(f & (1U << 29))); /* no INDIRECT, no EVENT_IDX */
	wr(VIRTIO_MMIO_QUEUE_SEL, 1);
	CHECK(rd(VIRTIO_MMIO_QUEUE_NUM_MAX) == 0); /* one queue only */
	wr(VIRTIO_MMIO_QUEUE_SEL, 0);
	CHECK(rd(VIRTIO_MMIO_QUEUE_NUM_MAX) == VIRTQ_NUM_MAX);
	CHECK(virtio_mmio_read(&blk.mmio, VIRTIO_MMIO_CONFIG, 8) == DISK_SIZE / 512);
	CHECK(virtio_mmio_read(&blk.mmio, VIRTIO_MMIO_CONFIG + 12, 4) == VIRTQ_NUM_MAX - 2);
	CHECK(virtio_mmio_read(&blk.mmio, VIRTIO_MMIO_CONFIG + 0x1000, 4) == 0);
}

static void needs_version_1(void)
{
	make_device(false);
	CHECK(!driver_init(0)); /* a legacy driver: FEATURES_OK stays clear */
	CHECK(logs == 1);
	CHECK(driver_init(1));
	CHECK(!driver_init(1 | 2)); /* ACCESS_PLATFORM was not offered */
	CHECK(driver_init(1));
}

static void read_write_and_irq(void)
{
	uint32_t id, len;

	make_device(false);
	CHECK(driver_init(1));
	for (unsigned k = 0; k < 1024; k++)
		buf(1)[k] = (uint8_t)(k ^ 0x5a);
	request(T_OUT, 3, 1024, false);
	CHECK(next_used(&id, &len) && id == 0 && len == 1);
	CHECK(buf(2)[0] == S_OK);
	CHECK(memcmp(disk + 3 * 512, buf(1), 1024) == 0);
	CHECK(irq_line && rd(VIRTIO_MMIO_INT_STATUS) == VIRTIO_INT_USED);
	wr(VIRTIO_MMIO_INT_ACK, VIRTIO_INT_USED);
	CHECK(!irq_line && rd(VIRTIO_MMIO_INT_STATUS) == 0);
	memset(buf(1), 0, 1024);
	request(T_IN, 3, 1024, true);
	CHECK(next_used(&id, &len) && len == 1025 && buf(2)[0] == S_OK);
	CHECK(memcmp(disk + 3 * 512, buf(1), 1024) == 0 && buf(1)[5] == (5 ^ 0x5a));
	CHECK(irq_line);
	/* 2.7.7: with NO_INTERRUPT the used entry appears without an interrupt. */
	wr(VIRTIO_MMIO_INT_ACK, VIRTIO_INT_USED);
	avail()[0] = VIRTQ_AVAIL_F_NO_INTERRUPT;
	request(T_IN, 0, 512, true);
	CHECK(next_used(&id, &len) && buf(2)[0] == S_OK && !irq_line);
}

/* 2.6.4: the header split over two descriptors and data over three. */
static void any_framing(void)
{
	uint32_t id, len, hdr[4] = {T_IN, 0, 5, 0};

	make_device(false);
	CHECK(driver_init(1));
	memcpy(buf(0), hdr, 16);
	set_desc(3, buf_ipa(0), 5, F_NEXT, 4);
	set_desc(4, buf_ipa(0) + 5, 11, F_NEXT, 5);
	set_desc(5, buf_ipa(1), 100, F_NEXT | F_WRITE, 6);
	set_desc(6, buf_ipa(1) + 100, 400, F_NEXT | F_WRITE, 7);
	set_desc(7, buf_ipa(1) + 500, 13, F_WRITE, 0); /* 12 data bytes and the status */
	kick(3);
	CHECK(next_used(&id, &len) && id == 3 && len == 513);
	CHECK(memcmp(buf(1), disk + 5 * 512, 512) == 0 && buf(1)[512] == S_OK);
}

static void flush_get_id_unsupported(void)
{
	uint32_t id, len;

	make_device(false);
	CHECK(driver_init(1));
	request(T_FLUSH, 0, 0, false);
	CHECK(next_used(&id, &len) && len == 1 && buf(2)[0] == S_OK);
	memset(buf(1), 0, 32);
	request(T_GET_ID, 0, 20, true);
	CHECK(next_used(&id, &len) && len == 21 && buf(2)[0] == S_OK);
	CHECK(strcmp((char *)buf(1), "test-disk") == 0);
	request(77, 0, 0, false);
	CHECK(next_used(&id, &len) && buf(2)[0] == S_UNSUPP);
	CHECK(blk.errors == 0);
}

static void readonly_disk(void)
{
	uint32_t id, len;
	uint8_t before[512];

	make_device(true);
	CHECK(driver_init(1));
	wr(VIRTIO_MMIO_DEVICE_FEAT_SEL, 0);
	CHECK(rd(VIRTIO_MMIO_DEVICE_FEATURES) & (1U << 5)); /* VIRTIO_BLK_F_RO */
	memcpy(before, disk, 512);
	memset(buf(1), 0xab, 512);
	request(T_OUT, 0, 512, false);
	CHECK(next_used(&id, &len) && buf(2)[0] == S_IOERR);
	CHECK(memcmp(disk, before, 512) == 0);
	CHECK(still_serves(0));
}

static void sector_ranges(void)
{
	uint32_t id, len;
	const uint64_t cap = DISK_SIZE / 512;

	make_device(false);
	CHECK(driver_init(1));
	request(T_IN, cap - 1, 512, true); /* the last sector: fine */
	CHECK(next_used(&id, &len) && buf(2)[0] == S_OK);
	request(T_IN, cap - 1, 1024, true); /* runs past the end */
	CHECK(next_used(&id, &len) && buf(2)[0] == S_IOERR);
	request(T_IN, cap, 512, true);
	CHECK(next_used(&id, &len) && buf(2)[0] == S_IOERR);
	request(T_OUT, UINT64_MAX / 512 + 1, 512, false); /* sector * 512 would wrap */
	CHECK(next_used(&id, &len) && buf(2)[0] == S_IOERR);
	request(T_OUT, UINT64_MAX, 512, false);
	CHECK(next_used(&id, &len) && buf(2)[0] == S_IOERR);
	request(T_IN, 0, 100, true); /* not whole sectors */
	CHECK(next_used(&id, &len) && buf(2)[0] == S_IOERR);
	CHECK(blk.errors == 5);
	CHECK(still_serves(cap - 1));
}

/* A data buffer outside guest RAM: the walk stops there, no status byte was
 * reached, the chain comes back with length 0 and nothing is written. */
static void buffer_outside_ram(void)
{
	uint32_t id, len;

	make_device(false);
	CHECK(driver_init(1));
	request(T_IN, 0, 512, true);
	CHECK(next_used(&id, &len));
	set_desc(1, RAM_IPA + RAM_SIZE - 256, 512, F_NEXT | F_WRITE, 2); /* straddles the end */
	buf(2)[0] = UNTOUCHED;
	kick(0);
	CHECK(next_used(&id, &len) && id == 0 && len == 0 && buf(2)[0] == UNTOUCHED);
	set_desc(1, UINT64_MAX - 100, 512, F_NEXT | F_WRITE, 2); /* addr + len wraps */
	kick(0);
	CHECK(next_used(&id, &len) && len == 0);
	set_desc(1, 0x1000, 512, F_NEXT | F_WRITE, 2); /* below RAM */
	kick(0);
	CHECK(next_used(&id, &len) && len == 0);
	/* Header outside RAM, status fine: the status byte is not reached either. */
	set_desc(1, buf_ipa(1), 512, F_NEXT | F_WRITE, 2);
	set_desc(0, RAM_IPA - 16, 16, F_NEXT, 1);
	kick(0);
	CHECK(next_used(&id, &len) && len == 0 && buf(2)[0] == UNTOUCHED);
	CHECK(blk.errors == 4 && logs >= 4);
	CHECK(still_serves(1));
}

/* Two writable descriptors pointing at each other: after QNUM links the walk
 * stops; the last writable byte it checked gets IOERR. */
static void chain_loops(void)
{
	uint32_t id, len;

	make_device(false);
	CHECK(driver_init(1));
	set_desc(0, buf_ipa(0), 8, F_NEXT | F_WRITE, 1);
	set_desc(1, buf_ipa(1), 8, F_NEXT | F_WRITE, 0);
	buf(1)[7] = UNTOUCHED;
	kick(0);
	CHECK(next_used(&id, &len) && id == 0 && len == QNUM * 8);
	CHECK(buf(1)[7] == S_IOERR); /* links 0..7: the eighth is descriptor 1 */
	/* A readable self-loop: no writable byte, returned with length 0. */
	set_desc(4, buf_ipa(0), 16, F_NEXT, 4);
	kick(4);
	CHECK(next_used(&id, &len) && id == 4 && len == 0);
	CHECK(blk.errors == 2);
	CHECK(still_serves(2));
}

static void bad_indices(void)
{
	uint32_t id, len;

	make_device(false);
	CHECK(driver_init(1));
	request(T_IN, 0, 512, true);
	CHECK(next_used(&id, &len));
	set_desc(1, buf_ipa(1), 512, F_NEXT | F_WRITE, 200); /* next >= queue size */
	buf(1)[511] = UNTOUCHED;
	kick(0);
	CHECK(next_used(&id, &len) && id == 0 && buf(1)[511] == S_IOERR);
	/* A head index >= queue size: nothing can be given back; dropped. */
	uint16_t before = used_idx();
	kick(300);
	CHECK(used_idx() == before && blk.errors == 2);
	set_desc(1, buf_ipa(1), 512, F_NEXT | F_WRITE, 2);
	CHECK(still_serves(3));
}

static void too_long_and_flags(void)
{
	uint32_t id, len;

	make_device(false);
	CHECK(driver_init(1));
	request(T_IN, 0, 512, true);
	CHECK(next_used(&id, &len));
	set_desc(1, buf_ipa(1), 0xffffffffU, F_NEXT | F_WRITE, 2); /* over max_total */
	buf(2)[0] = UNTOUCHED;
	kick(0);
	CHECK(next_used(&id, &len) && len == 0 && buf(2)[0] == UNTOUCHED);
	set_desc(1, buf_ipa(1), 512, F_NEXT | F_WRITE | VIRTQ_DESC_F_INDIRECT, 2);
	kick(0);
	CHECK(next_used(&id, &len) && len == 0);
	/* Readable after writable (2.7.4.2): stops at the header-like descriptor. */
	set_desc(1, buf_ipa(1), 512, F_NEXT | F_WRITE, 3);
	set_desc(3, buf_ipa(3), 16, F_NEXT, 2);
	buf(1)[511] = UNTOUCHED;
	kick(0);
	CHECK(next_used(&id, &len) && buf(1)[511] == S_IOERR);
	/* No header at all (a lone status byte). */
	kick(2);
	CHECK(next_used(&id, &len) && id == 2 && buf(2)[0] == S_IOERR);
	CHECK(blk.errors == 4);
	set_desc(1, buf_ipa(1), 512, F_NEXT | F_WRITE, 2);
	CHECK(still_serves(4));
}

/* avail idx ahead by more than the queue size: the queue stops (no used
 * entries, no hang) until the driver resets the device. */
static void avail_runs_ahead(void)
{
	uint32_t id, len;

	make_device(false);
	CHECK(driver_init(1));
	avail()[1] = (uint16_t)(avail_idx + QNUM + 1);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(used_idx() == 0 && !next_used(&id, &len) && logs == 1);
	CHECK(driver_init(1)); /* reset and set up again */
	avail_idx = used_seen = 0;
	memset(ram + AVAIL_OFF, 0, 0x2000);
	CHECK(still_serves(5));
}

static void rings_outside_ram(void)
{
	make_device(false);
	CHECK(driver_init(1));
	wr(VIRTIO_MMIO_STATUS, 0);
	CHECK(!irq_line && rd(VIRTIO_MMIO_STATUS) == 0 && rd(VIRTIO_MMIO_QUEUE_READY) == 0);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	wr(VIRTIO_MMIO_QUEUE_NUM, QNUM);
	wr(VIRTIO_MMIO_QUEUE_DESC, (uint32_t)(RAM_IPA + RAM_SIZE - 64)); /* 128 bytes needed */
	wr(VIRTIO_MMIO_QUEUE_DESC + 4, 0);
	wr(VIRTIO_MMIO_QUEUE_DRIVER, (uint32_t)(RAM_IPA + AVAIL_OFF));
	wr(VIRTIO_MMIO_QUEUE_DEVICE, (uint32_t)(RAM_IPA + USED_OFF));
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	CHECK(rd(VIRTIO_MMIO_QUEUE_READY) == 0);
	CHECK(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_DEVICE_NEEDS_RESET);
	wr(VIRTIO_MMIO_QUEUE_DESC, (uint32_t)(RAM_IPA + DESC_OFF + 8)); /* misaligned */
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	CHECK(rd(VIRTIO_MMIO_QUEUE_READY) == 0);
	wr(VIRTIO_MMIO_QUEUE_NUM, VIRTQ_NUM_MAX + 1);
	wr(VIRTIO_MMIO_QUEUE_DESC, (uint32_t)(RAM_IPA + DESC_OFF));
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	CHECK(rd(VIRTIO_MMIO_QUEUE_READY) == 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0); /* a notify on a dead queue does nothing */
	CHECK(used_idx() == 0);
}

static void gmem_bounds(void)
{
	uint8_t a[64], b[64];
	struct virtq_gmem m = {2, {{0x1000, 64, a}, {0x2000, 64, b}}};

	CHECK(virtq_gmem_ptr(&m, 0x1000, 64) == a);
	CHECK(virtq_gmem_ptr(&m, 0x2010, 48) == b + 16);
	CHECK(virtq_gmem_ptr(&m, 0x1001, 64) == 0);	    /* one byte over */
	CHECK(virtq_gmem_ptr(&m, 0x1030, 0x20) == 0);	    /* across into the gap */
	CHECK(virtq_gmem_ptr(&m, 0x1000, UINT64_MAX) == 0); /* huge length */
	CHECK(virtq_gmem_ptr(&m, UINT64_MAX - 8, 16) == 0); /* wraps */
	CHECK(virtq_gmem_ptr(&m, 0x1040, 0) == 0);	    /* just past the end */
	CHECK(virtq_gmem_ptr(&m, 0x103f, 1) == a + 63);
	m.n = 100; /* a corrupt count never reads past r[] */
	CHECK(virtq_gmem_ptr(&m, 0x9000, 1) == 0);
}

int main(void)
{
	RUN("unit_virtio", transport_registers);
	RUN("unit_virtio", needs_version_1);
	RUN("unit_virtio", read_write_and_irq);
	RUN("unit_virtio", any_framing);
	RUN("unit_virtio", flush_get_id_unsupported);
	RUN("unit_virtio", readonly_disk);
	RUN("unit_virtio", sector_ranges);
	RUN("unit_virtio", buffer_outside_ram);
	RUN("unit_virtio", chain_loops);
	RUN("unit_virtio", bad_indices);
	RUN("unit_virtio", too_long_and_flags);
	RUN("unit_virtio", avail_runs_ahead);
	RUN("unit_virtio", rings_outside_ram);
	RUN("unit_virtio", gmem_bounds);
	free(ram);
	free(disk);
	return DONE("unit_virtio");
}
