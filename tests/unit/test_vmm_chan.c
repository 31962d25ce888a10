// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the VMM's channel devices (vmm/chan.c) over the real
 * virtio-console model, transport, virtqueues and rings: both ends of one
 * vm_channel live in this process (as two VMMs would), each with its own
 * fake guest RAM and a driver in this file; Signal on a doorbell cap is
 * recorded and delivered as the peer's notification bit by pump(). Checked:
 * 100 KiB through a ring of 32 KiB (chains held and resumed), no input
 * before a guest has written, and a peer that writes ring indices out of
 * range (the channel breaks, the VMM and its guest go on: the sanitizers
 * watch every access).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/chan_ring.h>
#include <tessera/virtio_mmio.h>

#include "check.h"
#include "vmm.h"

#define REGION	  0x10000U
#define RAM_IPA	  0x40000000ULL
#define RAM_SIZE  (512U << 10)
#define QNUM	  16
#define Q_OFF(q)  (0x4000U * (q))
#define BUF_OFF	  0x10000U
#define ROUNDS	  4  /* chan.c's table only grows: each test adds a pair */
#define SLOT_TO_1 10 /* end 0's doorbell: end 1's VMM */
#define SLOT_TO_0 11
#define TOTAL	  (100U << 10)
#define CHUNK	  4096U

struct vmm vmm;
static struct tsr_vm_config cfg = {.name = "t"};
static uint8_t *regions[ROUNDS], *region;
static struct tsr_vm_device pairs[ROUNDS][2], *devs;
static uint64_t BIT0, BIT1; /* this round's doorbell bits (older pairs keep theirs) */
static struct side {
	struct virtio_mmio *m;
	struct virtq_gmem gmem;
	uint8_t *ram;
	uint16_t avail[2], used_seen[2];
} side[2];
static unsigned attached, logs_broken;
static uint64_t pending_bits;

void tsr_syscall_regs(uint64_t sysno, uint64_t r[7])
{
	if (sysno == SYS_SIGNAL)
		pending_bits |= r[0] == SLOT_TO_1 ? BIT1 : r[0] == SLOT_TO_0 ? BIT0 : 0;
	r[0] = ERR_OK;
}

void vmm_log(const char *fmt, ...)
{
	if (strstr(fmt, "broke") != 0)
		logs_broken++;
}

static void fake_irq(void *ctx, bool on)
{
	(void)ctx;
	(void)on;
}

bool vmm_virtio_attach(struct virtio_mmio *m, const struct tsr_vm_device *d)
{
	struct side *s = &side[d == &devs[0] ? 0 : 1];

	s->m = m;
	m->name = d->name;
	m->mem = &s->gmem;
	m->set_irq = fake_irq;
	attached++;
	return true;
}

static void wr(struct side *s, uint64_t off, uint32_t v)
{
	virtio_mmio_write(s->m, off, 4, v);
}

static void driver_setup(struct side *s)
{
	wr(s, VIRTIO_MMIO_STATUS, 3);
	wr(s, VIRTIO_MMIO_DRIVER_FEAT_SEL, 1);
	wr(s, VIRTIO_MMIO_DRIVER_FEATURES, 1);
	wr(s, VIRTIO_MMIO_STATUS, 11);
	for (uint32_t q = 0; q < 2; q++) {
		wr(s, VIRTIO_MMIO_QUEUE_SEL, q);
		wr(s, VIRTIO_MMIO_QUEUE_NUM, QNUM);
		wr(s, VIRTIO_MMIO_QUEUE_DESC, (uint32_t)(RAM_IPA + Q_OFF(q)));
		wr(s, VIRTIO_MMIO_QUEUE_DRIVER, (uint32_t)(RAM_IPA + Q_OFF(q) + 0x1000));
		wr(s, VIRTIO_MMIO_QUEUE_DEVICE, (uint32_t)(RAM_IPA + Q_OFF(q) + 0x2000));
		wr(s, VIRTIO_MMIO_QUEUE_READY, 1);
	}
	wr(s, VIRTIO_MMIO_STATUS, 15);
}

/* Buffer k of queue q: one descriptor k, CHUNK bytes at its own place. */
static uint8_t *buf(struct side *s, unsigned q, unsigned k)
{
	return s->ram + BUF_OFF + (q * QNUM + k) * CHUNK;
}

static void post(struct side *s, unsigned q, unsigned k, uint32_t len)
{
	uint16_t *avail = (uint16_t *)(s->ram + Q_OFF(q) + 0x1000);
	uint64_t ipa = RAM_IPA + BUF_OFF + (q * QNUM + k) * CHUNK;

	((struct virtq_desc *)(s->ram + Q_OFF(q)))[k] =
	    (struct virtq_desc){ipa, len, q == 0 ? VIRTQ_DESC_F_WRITE : 0, 0};
	avail[2 + s->avail[q] % QNUM] = (uint16_t)k;
	avail[1] = ++s->avail[q];
	wr(s, VIRTIO_MMIO_QUEUE_NOTIFY, q);
}

static bool next_used(struct side *s, unsigned q, uint32_t *id, uint32_t *len)
{
	uint16_t *used = (uint16_t *)(s->ram + Q_OFF(q) + 0x2000);
	uint32_t *elem = (uint32_t *)(used + 2) + 2 * (s->used_seen[q] % QNUM);

	if (used[1] == s->used_seen[q])
		return false;
	s->used_seen[q]++;
	*id = elem[0];
	*len = elem[1];
	return true;
}

/* Delivers doorbells until none is left (bounded). */
static void pump(void)
{
	for (unsigned k = 0; k < 100 && pending_bits != 0; k++) {
		uint64_t bits = pending_bits;
		pending_bits = 0;
		vmm_chan_notify(bits);
	}
}

static void setup(void)
{
	static unsigned round;

	vmm.cfg = &cfg;
	if (round == ROUNDS)
		abort();
	if (side[0].ram == 0) {
		side[0].ram = calloc(1, RAM_SIZE);
		side[1].ram = calloc(1, RAM_SIZE);
	}
	region = regions[round] = calloc(1, REGION);
	devs = pairs[round];
	BIT0 = 1ULL << (61 - 2 * round);
	BIT1 = 1ULL << (60 - 2 * round);
	for (unsigned e = 0; e < 2; e++) {
		struct side *s = &side[e];
		memset(s->ram, 0, RAM_SIZE);
		memset(s->avail, 0, sizeof(s->avail));
		memset(s->used_seen, 0, sizeof(s->used_seen));
		s->gmem = (struct virtq_gmem){1, {{RAM_IPA, RAM_SIZE, s->ram}}};
		devs[e] = (struct tsr_vm_device){.name = e ? "b" : "a",
						 .kind = TSR_VM_CHANNEL,
						 .link_bit = e ? BIT1 : BIT0,
						 .buffer = (uint64_t)(uintptr_t)region,
						 .buffer_size = REGION,
						 .doorbell_slot = e ? SLOT_TO_0 : SLOT_TO_1,
						 .chan_end = (uint8_t)e};
	}
	round++;
	CHECK(vmm_chan_init(&devs[0]) && vmm_chan_init(&devs[1]));
	driver_setup(&side[0]);
	driver_setup(&side[1]);
	pending_bits = 0;
	logs_broken = 0;
}

static uint8_t pat(uint32_t i)
{
	return (uint8_t)(i * 7 + (i >> 9));
}

/* a sends TOTAL bytes in CHUNK chains, b reads them into CHUNK buffers;
 * at first b has none, so the ring fills and a chain is held. */
static void transfer(void)
{
	struct side *a = &side[0], *b = &side[1];
	uint32_t sent = 0, got = 0, id, len, rounds = 0;
	unsigned tx_out = 0;
	bool ok = true;

	setup();
	memcpy(buf(b, 1, 0), "H", 1);
	post(b, 1, 0, 1); /* b opens its end */
	CHECK(next_used(b, 1, &id, &len) && id == 0);
	while (got < TOTAL && rounds++ < 1000) {
		while (tx_out < 12 && sent < TOTAL) { /* up to 12 chains in flight */
			unsigned k = (sent / CHUNK) % QNUM;
			for (uint32_t i = 0; i < CHUNK; i++)
				buf(a, 1, k)[i] = pat(sent + i);
			post(a, 1, k, CHUNK);
			sent += CHUNK;
			tx_out++;
		}
		pump();
		while (next_used(a, 1, &id, &len))
			tx_out--;
		if (rounds == 1) { /* b had no buffers: the ring is full, a chain held */
			CHECK(tx_out == 12 - (32 * 1024 - CHAN_RING_HDR - 1) / CHUNK);
			for (unsigned k = 0; k < QNUM; k++)
				post(b, 0, k, CHUNK);
			pump();
		}
		while (next_used(b, 0, &id, &len)) {
			for (uint32_t i = 0; i < len; i++)
				ok = ok && buf(b, 0, id)[i] == pat(got + i);
			got += len;
			post(b, 0, id, CHUNK); /* give the buffer back */
		}
	}
	CHECK(ok && got == TOTAL && sent == TOTAL && tx_out == 0);
	CHECK(logs_broken == 0);
}

/* Nothing reaches a guest that has not written yet; then all of it does. */
static void opening(void)
{
	struct side *a = &side[0], *b = &side[1];
	uint32_t id, len;

	setup();
	for (unsigned k = 0; k < 4; k++)
		post(b, 0, k, CHUNK);
	memcpy(buf(a, 1, 0), "early", 5);
	post(a, 1, 0, 5);
	pump();
	CHECK(next_used(a, 1, &id, &len) && !next_used(b, 0, &id, &len));
	memcpy(buf(b, 1, 0), "H", 1);
	post(b, 1, 0, 1);
	pump();
	CHECK(next_used(b, 0, &id, &len) && len == 5 && memcmp(buf(b, 0, id), "early", 5) == 0);
}

/* The peer writes indices out of range: input stops, output is dropped
 * (its chains still come back), nothing outside the region is touched. */
static void hostile_peer(void)
{
	struct side *a = &side[0], *b = &side[1];
	uint32_t id, len;

	setup();
	memcpy(buf(b, 1, 0), "H", 1);
	post(b, 1, 0, 1);
	post(b, 0, 0, CHUNK);
	pump();
	*(volatile uint32_t *)region = 0xfffffff0U; /* a's head: far out of range */
	vmm_chan_notify(BIT1);
	CHECK(!next_used(b, 0, &id, &len) && logs_broken == 1);
	*(volatile uint32_t *)(region + 64) = REGION; /* b's tail of a's ring */
	post(a, 1, 0, 100);
	pump();
	CHECK(next_used(a, 1, &id, &len) && id == 0 && logs_broken == 2);
	post(a, 1, 1, 100); /* still served, still no crash */
	CHECK(next_used(a, 1, &id, &len) && id == 1);
	/* The other direction is independent and still works (a opened with
	 * its first write, although that was dropped). */
	post(a, 0, 0, CHUNK);
	CHECK(next_used(a, 0, &id, &len) && len == 1 && buf(a, 0, 0)[0] == 'H');
	memcpy(buf(b, 1, 1), "back", 4);
	post(b, 1, 1, 4);
	post(a, 0, 1, CHUNK);
	pump();
	CHECK(next_used(a, 0, &id, &len) && id == 1 && len == 4 &&
	      memcmp(buf(a, 0, 1), "back", 4) == 0);
}

int main(void)
{
	RUN("unit_vmm_chan", transfer);
	RUN("unit_vmm_chan", opening);
	RUN("unit_vmm_chan", hostile_peer);
	CHECK(attached == 6);
	for (unsigned k = 0; k < ROUNDS; k++)
		free(regions[k]);
	free(side[0].ram);
	free(side[1].ram);
	return DONE("unit_vmm_chan");
}
