// SPDX-License-Identifier: BSD-2-Clause
/*
 * The guest device tree (docs/vmm.md "Device tree"), written with libfdt's
 * sequential-write API from the VM's configuration, following QEMU virt's
 * layout and bindings (Documentation/devicetree/bindings: arm/psci,
 * timer/arm,arch_timer, interrupt-controller/arm,gic-v3, serial/pl011,
 * rtc/pl031, virtio/mmio). A user-supplied DTB is checked and patched
 * instead (memory, chosen). The result goes to vmm.dtb_addr.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "vmm.h"

#define PH_GIC	0x8001
#define PH_CLK	0x8000
#define IRQ_SPI 0
#define IRQ_PPI 1
#define LEVEL	4

static int cells64(void *f, const char *name, const uint64_t *v, unsigned n)
{
	fdt64_t b[8];

	for (unsigned k = 0; k < n && k < 8; k++)
		b[k] = cpu_to_fdt64(v[k]);
	return fdt_property(f, name, b, (int)(n * 8));
}

static int cells32(void *f, const char *name, const uint32_t *v, unsigned n)
{
	fdt32_t b[12];

	for (unsigned k = 0; k < n && k < 12; k++)
		b[k] = cpu_to_fdt32(v[k]);
	return fdt_property(f, name, b, (int)(n * 4));
}

static int memory(void *f)
{
	int e = 0;

	for (uint32_t k = 0; e == 0 && k < vmm.cfg->num_memory; k++) {
		const struct tsr_vm_memory *m = &vmm.cfg->memory[k];
		char name[32];
		snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)m->base);
		const uint64_t reg[2] = {m->base, m->size};
		e = fdt_begin_node(f, name) | fdt_property_string(f, "device_type", "memory") |
		    cells64(f, "reg", reg, 2) | fdt_end_node(f);
	}
	return e;
}

static int cpus(void *f)
{
	int e = fdt_begin_node(f, "cpus") | fdt_property_u32(f, "#address-cells", 1) |
		fdt_property_u32(f, "#size-cells", 0);

	for (unsigned i = 0; i < vmm.nvcpus; i++) {
		char name[16];
		snprintf(name, sizeof(name), "cpu@%u", (unsigned)vmm.vcpu[i].mpidr);
		e |= fdt_begin_node(f, name) | fdt_property_string(f, "device_type", "cpu") |
		     fdt_property_string(f, "compatible", "arm,arm-v8") |
		     fdt_property_u32(f, "reg", (uint32_t)vmm.vcpu[i].mpidr) |
		     fdt_property_string(f, "enable-method", "psci") | fdt_end_node(f);
	}
	return e | fdt_end_node(f);
}

static int psci_timer(void *f)
{
	static const char psci[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
	/* secure phys, non-secure phys, virtual, hypervisor: PPIs 13, 14, 11, 10;
	 * GICv2 PPI flags carry the mask of CPUs it goes to in bits 15:8 */
	const uint32_t lvl = LEVEL | (gic_is_v2() ? ((1U << vmm.nvcpus) - 1) << 8 : 0);
	const uint32_t t[12] = {IRQ_PPI, 13, lvl, IRQ_PPI, 14, lvl,
				IRQ_PPI, 11, lvl, IRQ_PPI, 10, lvl};

	return fdt_begin_node(f, "psci") | fdt_property(f, "compatible", psci, sizeof(psci)) |
	       fdt_property_string(f, "method", "hvc") | fdt_end_node(f) |
	       fdt_begin_node(f, "timer") |
	       fdt_property_string(f, "compatible", "arm,armv8-timer") |
	       cells32(f, "interrupts", t, 12) | fdt_property(f, "always-on", 0, 0) |
	       fdt_end_node(f);
}

/* GICv2: distributor and CPU interface (the hardware's GICV, 8 KiB; Linux
 * binding arm,gic.yaml); GICv3: distributor and redistributors. */
static int gic(void *f)
{
	const uint64_t reg[4] = {VMM_GICD_BASE, VMM_GICD_SIZE,
				 gic_is_v2() ? VMM_GICC_BASE : VMM_GICR_BASE,
				 gic_is_v2() ? VMM_GICC_SIZE : VMM_GICR_STRIDE * vmm.nvcpus};
	char name[32];

	snprintf(name, sizeof(name), "intc@%lx", VMM_GICD_BASE);
	if (gic_is_v2())
		return fdt_begin_node(f, name) |
		       fdt_property_string(f, "compatible", "arm,cortex-a15-gic") |
		       fdt_property_u32(f, "#interrupt-cells", 3) |
		       fdt_property(f, "interrupt-controller", 0, 0) | cells64(f, "reg", reg, 4) |
		       fdt_property_u32(f, "phandle", PH_GIC) | fdt_end_node(f);
	return fdt_begin_node(f, name) | fdt_property_string(f, "compatible", "arm,gic-v3") |
	       fdt_property_u32(f, "#interrupt-cells", 3) |
	       fdt_property(f, "interrupt-controller", 0, 0) |
	       fdt_property_u32(f, "#redistributor-regions", 1) | cells64(f, "reg", reg, 4) |
	       fdt_property_u32(f, "phandle", PH_GIC) | fdt_end_node(f);
}

static int device(void *f, const struct tsr_vm_device *d)
{
	static const char uart[] = "arm,pl011\0arm,primecell", rtc[] = "arm,pl031\0arm,primecell",
			  uclk[] = "uartclk\0apb_pclk";
	const uint64_t reg[2] = {d->base, d->size};
	const uint32_t clk[2] = {PH_CLK, PH_CLK};
	/* virtio-mmio's interrupt is a level: InterruptStatus != 0 (4.2.2). */
	const uint32_t irq[3] = {IRQ_SPI, d->irq - 32, LEVEL};
	char name[40];

	snprintf(name, sizeof(name), "%s@%llx",
		 d->kind == TSR_VM_UART	 ? "pl011"
		 : d->kind == TSR_VM_RTC ? "pl031"
					 : "virtio_mmio",
		 (unsigned long long)d->base);
	int e =
	    fdt_begin_node(f, name) | cells64(f, "reg", reg, 2) | cells32(f, "interrupts", irq, 3);
	if (d->kind == TSR_VM_UART)
		e |= fdt_property(f, "compatible", uart, sizeof(uart)) |
		     cells32(f, "clocks", clk, 2) |
		     fdt_property(f, "clock-names", uclk, sizeof(uclk));
	else if (d->kind == TSR_VM_RTC)
		e |= fdt_property(f, "compatible", rtc, sizeof(rtc)) |
		     cells32(f, "clocks", clk, 1) |
		     fdt_property_string(f, "clock-names", "apb_pclk");
	else
		e |= fdt_property_string(f, "compatible", "virtio,mmio") |
		     fdt_property(f, "dma-coherent", 0, 0);
	return e | fdt_end_node(f);
}

/* QEMU virt devices a VM may own through passthrough (hw/arm/virt.c): a node
 * is written for each whose registers and interrupt are both passed through
 * (the interrupt hardware-linked, passthrough.c). */
static const struct tsr_vm_device passthrough_known[] = {
    {.name = "rtc", .kind = TSR_VM_RTC, .base = 0x09010000, .size = 0x1000, .irq = 34},
};

static int passthrough_nodes(void *f)
{
	int e = 0;

	for (unsigned i = 0; i < sizeof(passthrough_known) / sizeof(passthrough_known[0]); i++) {
		const struct tsr_vm_device *d = &passthrough_known[i];
		for (uint32_t k = 0; k < vmm.cfg->num_mmio; k++) {
			const struct tsr_vm_mmio *m = &vmm.cfg->mmio[k];
			if (d->base >= m->base && d->base + d->size <= m->base + m->size &&
			    vmm_passthrough_irq(d->irq))
				e |= device(f, d);
		}
	}
	return e;
}

static const struct tsr_vm_device *uart_dev(void)
{
	for (uint32_t k = 0; k < vmm.cfg->num_devices; k++)
		if (vmm.cfg->devices[k].kind == TSR_VM_UART)
			return &vmm.cfg->devices[k];
	return 0;
}

static int chosen(void *f)
{
	const struct tsr_vm_device *u = uart_dev();
	char path[40];
	int e = fdt_begin_node(f, "chosen");

	if (vmm.cfg->bootargs != 0)
		e |= fdt_property_string(f, "bootargs", vmm.cfg->bootargs);
	if (u != 0) {
		snprintf(path, sizeof(path), "/pl011@%llx", (unsigned long long)u->base);
		e |= fdt_property_string(f, "stdout-path", path);
	}
	if (vmm.initrd_end != 0)
		e |= fdt_property_u64(f, "linux,initrd-start", vmm.initrd_start) |
		     fdt_property_u64(f, "linux,initrd-end", vmm.initrd_end);
	return e | fdt_end_node(f);
}

static int generate(void *f, size_t size)
{
	int e = fdt_create(f, (int)size) | fdt_finish_reservemap(f) | fdt_begin_node(f, "") |
		fdt_property_string(f, "compatible", "linux,dummy-virt") |
		fdt_property_u32(f, "#address-cells", 2) | fdt_property_u32(f, "#size-cells", 2) |
		fdt_property_u32(f, "interrupt-parent", PH_GIC) | fdt_begin_node(f, "apb-pclk") |
		fdt_property_string(f, "compatible", "fixed-clock") |
		fdt_property_u32(f, "#clock-cells", 0) |
		fdt_property_u32(f, "clock-frequency", 24000000) |
		fdt_property_string(f, "clock-output-names", "clk24mhz") |
		fdt_property_u32(f, "phandle", PH_CLK) | fdt_end_node(f);

	e |= memory(f) | cpus(f) | psci_timer(f) | gic(f);
	for (uint32_t k = 0; e == 0 && k < vmm.cfg->num_devices; k++)
		e |= device(f, &vmm.cfg->devices[k]);
	e |= passthrough_nodes(f) | chosen(f) | fdt_end_node(f);
	return e != 0 ? -FDT_ERR_NOSPACE : fdt_finish(f);
}

/* A user DTB: valid, then memory and chosen replaced by ours. */
static int patch(void *f, size_t size)
{
	const struct tsr_vm_file *d = &vmm.cfg->dtb;
	int e = fdt_check_full((const void *)d->vaddr, d->size);

	if (e == 0)
		e = fdt_open_into((const void *)d->vaddr, f, (int)size);
	if (e != 0)
		return e;
	int chosen_off = fdt_path_offset(f, "/chosen");
	if (chosen_off < 0)
		chosen_off = fdt_add_subnode(f, 0, "chosen");
	if (chosen_off < 0)
		return chosen_off;
	if (vmm.cfg->bootargs != 0)
		e |= fdt_setprop_string(f, chosen_off, "bootargs", vmm.cfg->bootargs);
	if (vmm.initrd_end != 0)
		e |= fdt_setprop_u64(f, chosen_off, "linux,initrd-start", vmm.initrd_start) |
		     fdt_setprop_u64(f, chosen_off, "linux,initrd-end", vmm.initrd_end);
	int mem = fdt_node_offset_by_prop_value(f, -1, "device_type", "memory", 7);
	if (mem < 0)
		mem = fdt_add_subnode(f, 0, "memory");
	if (mem < 0)
		return mem;
	const struct tsr_vm_memory *m = &vmm.cfg->memory[0];
	e |= fdt_setprop_string(f, mem, "device_type", "memory") |
	     fdt_setprop_u64(f, mem, "reg", m->base) | fdt_appendprop_u64(f, mem, "reg", m->size);
	return e != 0 ? e : fdt_pack(f);
}

/* "DTB <offset> <hex>" lines, 32 bytes each, then "DTB end <size>": the
 * benchmark's native run boots the same tree (tests/bench, -dtb). */
void vmm_fdt_dump(void)
{
	const uint8_t *p = vmm_gpa(vmm.dtb_addr, FDT_V1_SIZE);
	uint32_t size = p != 0 ? fdt_totalsize(p) : 0;

	if (p == 0 || vmm_gpa(vmm.dtb_addr, size) == 0)
		return;
	for (uint32_t off = 0; off < size; off += 32) {
		char line[80];
		int n = snprintf(line, sizeof(line), "DTB %05x ", off);
		for (uint32_t k = off; k < size && k < off + 32; k++)
			n += snprintf(line + n, sizeof(line) - (size_t)n, "%02x", p[k]);
		printf("%s\n", line);
	}
	printf("DTB end %u\n", size);
	fflush(stdout);
}

bool vmm_fdt_build(void *buf, size_t size)
{
	bool user = vmm.cfg->dtb.name != 0;
	int e = user ? patch(buf, size) : generate(buf, size);

	if (e != 0) {
		vmm_log("%s device tree: %s\n", user ? "the supplied" : "building the",
			fdt_strerror(e));
		return false;
	}
	void *dst = vmm_gpa(vmm.dtb_addr, fdt_totalsize(buf));
	if (dst == 0)
		return false;
	memcpy(dst, buf, fdt_totalsize(buf));
	vmm_log("device tree: %u bytes at %#llx%s\n", fdt_totalsize(buf),
		(unsigned long long)vmm.dtb_addr, user ? " (supplied, patched)" : "");
	return true;
}
