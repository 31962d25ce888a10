/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * QEMU virt board (hw/arm/virt.c memory map, QEMU 7.2). Static facts only:
 * the kernel parses no device tree. RAM base/size, core count limit and the
 * boot archive address come from platform.mk through -D flags.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#define PLAT_NAME "qemu-virt"

#define PLAT_GICD_BASE	 0x08000000UL /* GICv2/v3 distributor, 64 KiB */
#define PLAT_GICC_BASE	 0x08010000UL /* GICv2 CPU interface */
#define PLAT_GICV_BASE	 0x08040000UL /* GICv2 virtual CPU interface */
#define PLAT_GICH_BASE	 0x08030000UL /* GICv2 virtual interface control */
#define PLAT_GICR_BASE	 0x080a0000UL /* GICv3 redistributors, 128 KiB each */
#define PLAT_UART_BASE	 0x09000000UL /* PL011 */
#define PLAT_UART_IRQ	 33	      /* SPI 1 */
#define PLAT_RTC_BASE	 0x09010000UL /* PL031 */
#define PLAT_RTC_IRQ	 34	      /* SPI 2 */
#define PLAT_VIRTIO_BASE 0x0a000000UL /* 32 virtio-mmio slots, 0x200 each */
#define PLAT_DEVICE_END	 0x40000000UL /* everything below RAM is device space */
/* Device space the kernel keeps (GIC distributor, CPU interfaces, ITS,
 * redistributors): never handed to user level as device untyped. */
#define PLAT_KERNEL_DEV_BASE 0x08000000UL
#define PLAT_KERNEL_DEV_END  0x09000000UL
/* Inside it, the one piece a VMM maps into a guest: the GICv2 virtual CPU
 * interface (GICV), which a GICv2 guest sees as its GICC. Device untyped. */
#define PLAT_GUEST_DEV_BASE PLAT_GICV_BASE
#define PLAT_GUEST_DEV_END  (PLAT_GICV_BASE + 0x10000UL)

/* QEMU puts the DTB at the start of RAM when the ELF image does not cover it. */
#define PLAT_DTB_BASE PLAT_RAM_BASE
#define PLAT_DTB_MAX  0x200000UL

#define PLAT_RAM_SIZE ((unsigned long)PLAT_RAM_MB << 20)

#endif
