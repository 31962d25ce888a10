// SPDX-License-Identifier: BSD-2-Clause
/*
 * The VM's virtio-mmio devices (docs/vmm.md "Virtio"): libs/virtio's
 * transport and device models on the MMIO dispatch table, their level
 * interrupt on the emulated GIC, guest RAM as their memory window. A
 * virtio_blk serves the VMM's copy of its disk image (writable unless the
 * IDL says readonly; init maps a readonly image read-only). A virtio_net
 * sends and receives through its vm_net link (NetLink, docs/servers.md):
 * transmit(len) and receive(max) over the link's shared buffer, pulled
 * when the switch signals the link's notification bit or the guest gives
 * receive buffers. A virtio_console is virtio_con.c's, a channel (a
 * virtio-console on a vm_channel) chan.c's. Devices without a model keep an
 * empty slot (virtio_slot.c).
 */
#include <stdio.h>
#include <string.h>
#include <tessera/sys.h>
#include <tessera/virtio_mmio.h>

#include "vmm.h"

#define VMM_MAX_BLK	 4
#define VMM_MAX_NET	 4
#define NETLINK_TRANSMIT 1 /* NetLink method labels (idl/builtin.tsr): index + 1 */
#define NETLINK_RECEIVE	 2

static struct virtq_gmem gmem;
static struct virtio_blk blks[VMM_MAX_BLK];
static const struct tsr_vm_device *blk_devs[VMM_MAX_BLK];
static unsigned nblks;
static struct virtio_net nets[VMM_MAX_NET];
static const struct tsr_vm_device *net_devs[VMM_MAX_NET];
static unsigned nnets;

static uint64_t dev_read(void *ctx, unsigned vcpu, uint64_t off, unsigned size)
{
	(void)vcpu;
	return virtio_mmio_read(ctx, off, size);
}

static void dev_write(void *ctx, unsigned vcpu, uint64_t off, unsigned size, uint64_t val)
{
	(void)vcpu;
	virtio_mmio_write(ctx, off, size, val);
}

static void dev_irq(void *ctx, bool on)
{
	const struct tsr_vm_device *d = ctx;

	vmm_irq_set_level(d->irq, on);
}

static void dev_log(const char *name, const char *msg)
{
	vmm_log("%s: %s", name, msg);
}

/* Guest RAM as libs/virtio sees it (once, from the VM's memory regions). */
static bool gmem_init(void)
{
	if (gmem.n != 0)
		return true;
	for (uint32_t k = 0; k < vmm.cfg->num_memory; k++) {
		const struct tsr_vm_memory *m = &vmm.cfg->memory[k];
		if (gmem.n == VIRTQ_GMEM_MAX) {
			vmm_log("virtio: only the first %u RAM regions are DMA-able\n",
				VIRTQ_GMEM_MAX);
			break;
		}
		gmem.r[gmem.n++] = (struct virtq_gmem_region){m->base, m->size,
							      (uint8_t *)(uintptr_t)m->vmm_vaddr};
	}
	return gmem.n != 0;
}

bool vmm_virtio_attach(struct virtio_mmio *m, const struct tsr_vm_device *d)
{
	const struct vmm_mmio_dev md = {d->name, d->base, d->size, dev_read, dev_write, m};

	m->name = d->name;
	m->mem = &gmem;
	m->set_irq = dev_irq;
	m->irq_ctx = (void *)(uintptr_t)d;
	m->log = dev_log;
	return vmm_mmio_add(&md);
}

static bool blk_init(const struct tsr_vm_device *d)
{
	if (d->disk.name == 0 || d->disk.size < 512) {
		vmm_log("%s: virtio_blk without a disk image of at least one sector\n", d->name);
		return false;
	}
	if (nblks == VMM_MAX_BLK) {
		vmm_log("%s: more than %u virtio_blk devices\n", d->name, VMM_MAX_BLK);
		return false;
	}
	struct virtio_blk *b = &blks[nblks];
	virtio_blk_init(b, (uint8_t *)(uintptr_t)d->disk.vaddr, d->disk.size, d->readonly != 0,
			d->name);
	blk_devs[nblks++] = d;
	vmm_log("%s: virtio-blk, %llu sectors from \"%s\"%s, irq %u\n", d->name,
		(unsigned long long)b->sectors, d->disk.name, d->readonly ? ", read-only" : "",
		d->irq);
	return vmm_virtio_attach(&b->mmio, d);
}

/* NetLink.transmit(len): the frame is already in the shared buffer. */
static bool net_tx(void *ctx, uint32_t len)
{
	const struct tsr_vm_device *d = ctx;
	struct tsr_msg m = {.info = tsr_msginfo(NETLINK_TRANSMIT, 0, 1), .mr = {len}};

	bool ok = tsr_call(d->link_slot, &m) == ERR_OK && (int64_t)m.mr[0] == 0;
	if (ok)
		vmm_life_link_ok();
	return ok;
}

/* Pulls frames from the switch while the guest has receive buffers. */
static void net_pull(struct virtio_net *n, const struct tsr_vm_device *d)
{
	for (unsigned k = 0; k < VIRTQ_NUM_MAX && virtio_net_rx_ready(n); k++) {
		struct tsr_msg m = {.info = tsr_msginfo(NETLINK_RECEIVE, 0, 1),
				    .mr = {d->buffer_size}};
		if (tsr_call(d->link_slot, &m) != ERR_OK || m.mr[0] == 0)
			return; /* the switch is gone, or has nothing */
		if (m.mr[0] > d->buffer_size) {
			vmm_log("%s: switch returned a %llu-byte frame: link dropped\n", d->name,
				(unsigned long long)m.mr[0]);
			return;
		}
		vmm_life_link_ok();
		if (!virtio_net_rx(n, (const uint8_t *)(uintptr_t)d->buffer, (uint32_t)m.mr[0]))
			return;
	}
}

static void net_rx_ready(void *ctx)
{
	const struct tsr_vm_device *d = ctx;

	for (unsigned k = 0; k < nnets; k++)
		if (net_devs[k] == d)
			net_pull(&nets[k], d);
}

void vmm_virtio_link_notify(uint64_t bits)
{
	for (unsigned k = 0; k < nnets; k++)
		if (bits & net_devs[k]->link_bit)
			net_pull(&nets[k], net_devs[k]);
	vmm_virtio_con_notify(bits);
	vmm_chan_notify(bits);
}

/* A locally administered unicast MAC from the VM's and device's names. */
static void net_mac(const struct tsr_vm_device *d, uint8_t mac[6])
{
	uint32_t h = 2166136261U; /* FNV-1a */
	const char *names[2] = {vmm.cfg->name, d->name};

	for (unsigned k = 0; k < 2; k++)
		for (const char *p = names[k]; *p; p++)
			h = (h ^ (uint8_t)*p) * 16777619U;
	mac[0] = 0x02;
	mac[1] = 0x54;
	mac[2] = 0x53;
	mac[3] = (uint8_t)(h >> 16);
	mac[4] = (uint8_t)(h >> 8);
	mac[5] = (uint8_t)h;
}

static bool net_init(const struct tsr_vm_device *d)
{
	uint8_t mac[6];

	if (d->link_slot == 0 || d->buffer_size < 64) {
		vmm_log("%s: virtio_net without a vm_net link: left as an empty slot\n", d->name);
		return vmm_virtio_slot_init(d);
	}
	if (nnets == VMM_MAX_NET) {
		vmm_log("%s: more than %u virtio_net devices\n", d->name, VMM_MAX_NET);
		return false;
	}
	struct virtio_net *n = &nets[nnets];
	net_mac(d, mac);
	virtio_net_init(n, mac, (uint8_t *)(uintptr_t)d->buffer, (uint32_t)d->buffer_size);
	n->tx = net_tx;
	n->rx_ready = net_rx_ready;
	n->ctx = (void *)(uintptr_t)d;
	net_devs[nnets++] = d;
	vmm_log("%s: virtio-net, mac %02x:%02x:%02x:%02x:%02x:%02x, link \"%s\", irq %u\n", d->name,
		mac[0], mac[1], mac[2], mac[3], mac[4], mac[5],
		d->link_name != 0 ? d->link_name : "?", d->irq);
	return vmm_virtio_attach(&n->mmio, d);
}

bool vmm_virtio_init(const struct tsr_vm_device *d)
{
	if (!gmem_init())
		return false;
	switch (d->kind) {
	case TSR_VM_VIRTIO_BLK:
		return blk_init(d);
	case TSR_VM_VIRTIO_NET:
		return net_init(d);
	case TSR_VM_VIRTIO_CONSOLE:
		return vmm_virtio_con_init(d);
	case TSR_VM_CHANNEL:
		return vmm_chan_init(d);
	default:
		return vmm_virtio_slot_init(d);
	}
}

unsigned vmm_virtio_blk_count(void)
{
	return nblks;
}

const struct tsr_vm_device *vmm_virtio_blk_disk(unsigned k, uint64_t *reqs, uint64_t *errors)
{
	if (k >= nblks)
		return 0;
	*reqs = blks[k].reqs;
	*errors = blks[k].errors;
	return blk_devs[k];
}
