/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The per-VM VMM (docs/vmm.md). One thread serves every exit of its VM on
 * the fault endpoint (badge = vCPU index + 1), so device models need no
 * locking. Guest RAM is mapped in our address space (tsr_vm_config).
 */
#ifndef VMM_H
#define VMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tessera/fault.h>
#include <tessera/sys.h>

#include "tessera_vm_config.h"

#define VMM_MAX_VCPUS 4

/* QEMU virt's memory map (hw/arm/virt.c), which the generated DTB describes. */
#define VMM_GICD_BASE	 0x08000000UL
#define VMM_GICD_SIZE	 0x10000UL
#define VMM_GICC_BASE	 0x08010000UL /* GICv2 CPU interface (init maps GICV here) */
#define VMM_GICC_SIZE	 0x2000UL
#define VMM_GICR_BASE	 0x080a0000UL
#define VMM_GICR_STRIDE	 0x20000UL /* RD_base + SGI_base frames per vCPU */
#define VMM_VIRTIO_SLOTS 32
#define VMM_NUM_SPIS	 256 /* INTIDs 32..287 */
#define VMM_MAX_INTID	 (32 + VMM_NUM_SPIS)

struct vmm_vcpu {
	tsr_cptr_t vcpu, tcb;
	uint64_t mpidr; /* Aff0 = index: the DTB's cpu reg and VMPIDR_EL2 */
	bool on;	/* running (PSCI: ON); off: suspended, no reply pending */
};

struct vmm {
	const struct tsr_vm_config *cfg;
	unsigned nvcpus;
	struct vmm_vcpu vcpu[VMM_MAX_VCPUS];
	uint64_t entry, dtb_addr, initrd_start, initrd_end;
	bool stopped; /* SYSTEM_OFF, or an error stopped this VM */
	unsigned long exits[16];
};

extern struct vmm vmm;

/* Guest RAM: a pointer to [gpa, gpa + len) in our mapping, or NULL. */
void *vmm_gpa(uint64_t gpa, uint64_t len);
/* The guest's pc on vCPU i (for messages); 0 if it cannot be read. */
uint64_t vmm_guest_pc(unsigned i);
/* Prints "vmm: <vm>: " and the message. */
void vmm_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* MMIO dispatch (mmio.c): a device is a guest-physical window with
 * handlers. off is relative to base; size is 1, 2, 4 or 8 bytes. */
struct vmm_mmio_dev {
	const char *name;
	uint64_t base, size;
	uint64_t (*read)(void *ctx, unsigned vcpu, uint64_t off, unsigned size);
	void (*write)(void *ctx, unsigned vcpu, uint64_t off, unsigned size, uint64_t val);
	void *ctx;
};
bool vmm_mmio_add(const struct vmm_mmio_dev *dev);
const struct vmm_mmio_dev *vmm_mmio_find(uint64_t ipa);

/* Interrupts (gic.c): a device's line into the emulated distributor. */
void vmm_irq_set_level(unsigned intid, bool high);
void vmm_irq_edge(unsigned intid);
bool vmm_gic_init(void);
/* The guest has a GICv2 (the host's version); valid after vmm_gic_init. */
bool gic_is_v2(void);
/* A trapped ICC_SGI1R_EL1 write from vCPU from. */
void vmm_gic_sgi(unsigned from, uint64_t val);

/* Devices. */
bool vmm_pl011_init(const struct tsr_vm_device *d);
void vmm_pl011_notify(void); /* the link's notification bit arrived */
bool vmm_pl031_init(const struct tsr_vm_device *d);
bool vmm_virtio_slot_init(const struct tsr_vm_device *d);
/* virtio-mmio devices (virtio_dev.c): a model where libs/virtio has one,
 * else an empty slot. */
bool vmm_virtio_init(const struct tsr_vm_device *d);
unsigned vmm_virtio_blk_count(void);
/* Puts a libs/virtio model on d's slot: MMIO window, interrupt, guest RAM. */
struct virtio_mmio;
bool vmm_virtio_attach(struct virtio_mmio *m, const struct tsr_vm_device *d);
/* virtio-console on a vm_console link (virtio_con.c); notify: link bits. */
bool vmm_virtio_con_init(const struct tsr_vm_device *d);
void vmm_virtio_con_notify(uint64_t bits);
/* Channels (chan.c): a virtio-console on a vm_channel's ring pair;
 * notify: our doorbell bits. */
bool vmm_chan_init(const struct tsr_vm_device *d);
void vmm_chan_notify(uint64_t bits);
uint64_t vmm_chan_bits(void); /* our channels' doorbell bits */
/* The VMM's notification arrived with these bits: serve virtio_net and
 * virtio_console links and channel doorbells. */
void vmm_virtio_link_notify(uint64_t bits);
/* The k-th virtio_blk's device and request counters; NULL past the end. */
const struct tsr_vm_device *vmm_virtio_blk_disk(unsigned k, uint64_t *reqs, uint64_t *errors);
/* Test mode after SYSTEM_OFF (disk_check.c): a TEST line per writable
 * disk with the checksum of the file the guest wrote; returns the count. */
unsigned vmm_disk_check(unsigned *failed);

/* Passthrough (passthrough.c): each passthrough SPI linked to vCPU 0
 * (spec 4.30b), disabled until the guest enables it; whether intid is one. */
bool vmm_passthrough_init(void);
bool vmm_passthrough_irq(unsigned intid);

/* Images and the device tree (loader.c, fdt.c). */
bool vmm_load_images(void);
bool vmm_fdt_build(void *buf, size_t size);
/* Prints the guest's DTB as hex lines (benchmark runs only, see psci.c). */
void vmm_fdt_dump(void);

/* Exits (exit.c, psci.c, sysreg.c). reply: false leaves the vCPU stopped. */
bool vmm_handle_exit(unsigned i, struct tsr_msg *m);
bool vmm_psci(unsigned i, uint64_t x[4], struct tsr_msg *r);
bool vmm_sysreg(unsigned i, const struct tsr_msg *m, struct tsr_msg *r);
bool vmm_vcpu_start(unsigned i, uint64_t pc, uint64_t x0);
void vmm_vcpu_stop(unsigned i);

/* Lifecycle hooks (life.c, inject.c; <tessera/vmstats.h>). vmm_life_init
 * publishes the statistics block in our IPC buffer frame; until then (and
 * in host tests) every hook but vmm_life_power's Send does nothing. */
struct vmm_stats;
void vmm_life_init(void);
volatile struct vmm_stats *vmm_life_stats(void);
void vmm_life_exit(void);    /* one VM exit handled */
void vmm_life_link_ok(void); /* one call to a link server worked */
/* Our notification arrived with bits: answers a ping, performs an
 * injection; returns bits without VMM_PING_BADGE and VMM_INJECT_BADGE. */
uint64_t vmm_life_notify(uint64_t bits);
/* The guest asked SYSTEM_OFF (reset false) or SYSTEM_RESET, its vCPUs are
 * stopped: records it in the statistics and Sends VMM_REQ_* to init. */
void vmm_life_power(bool reset);
/* Performs enum vmm_inject cmd; may not return (the thread faults or spins). */
void vmm_inject(unsigned cmd);

static inline void vmm_reply(struct tsr_msg *r, uint64_t flags, unsigned n, uint64_t a, uint64_t b)
{
	r->info = tsr_msginfo(FAULT_REPLY_VCPU, 0, 1 + n);
	r->mr[0] = flags;
	r->mr[1] = a;
	r->mr[2] = b;
}

#endif
