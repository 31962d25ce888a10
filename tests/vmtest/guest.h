/* SPDX-License-Identifier: BSD-2-Clause */
/* Contract between the bare-metal test guest (guest.S) and its VMM (vmm.c). */
#ifndef VMTEST_GUEST_H
#define VMTEST_GUEST_H

#define GUEST_MMIO   0x20000000 /* emulated by the VMM (not mapped) */
#define GUEST_RO     0x30000000 /* one page mapped read-only */
#define GUEST_RACE   0x30001000 /* one page the VMM unmaps while the second vCPU reads it */
#define RACE_VALUE   0x5a5a5a5a
#define GUEST_STRESS (GUEST_MMIO + 0x800) /* stress stores: the VMM checks the sequence */
#define GUEST_HOLE   0x38000000		  /* nothing: the VMM injects an abort */
#define GUEST_GICC   0x08010000		  /* GICv2: the GICV frame, mapped here */
#define GUEST_SGIR   (GUEST_MMIO + 0xf00) /* GICv2 GICD_SGIR, emulated by the VMM */
#define MMIO_PATTERN 0x8182838485868788
/* Passthrough (spec 4.30b): QEMU virt's PL031 at its physical address, its
 * SPI hardware-linked to the first vCPU; the guest enables the INTID through
 * an emulated GICD_ISENABLER1 (the VMM forwards it with SetIRQEnable). */
#define GUEST_RTC	 0x09010000
#define RTC_IRQ		 34
#define GUEST_ISENABLER1 (GUEST_MMIO + 0x104)
/* Two-guest isolation (iso.S): each guest's private page, and a page of
 * each guest that the other's VSpace does not map. */
#define GUEST_PRIV	 0x31000000
#define GUEST_ONLY_A	 0x31001000
#define GUEST_ONLY_B	 0x31002000
#define GUEST_ISO_SHARED 0x31003000 /* both map it: iso_last, iso_done */
#define ISO_SWITCHES	 10

/* HVC immediates. */
#define HVC_REPORT	1 /* x0 tag, x1 value */
#define HVC_ECHO	2 /* x0 <- x0 + 1 */
#define HVC_DONE	3
#define HVC_INJECT	4  /* x0 virq, x1 mode: the VMM injects it */
#define HVC_UNDEF	6  /* the VMM injects an undefined instruction */
#define HVC_BENCH	7  /* x0 tag, x1 instructions per iteration */
#define HVC_START2	8  /* the VMM starts the second vCPU at guest_entry2 */
#define HVC_UNMAP	9  /* the VMM unmaps GUEST_RACE */
#define HVC_PASSTHROUGH 10 /* the VMM maps the RTC, links RTC_IRQ here; x0 <- 0 if done */
#define HVC_PT_DONE	11 /* the passthrough test is over (the VMM moves us back to core 0) */

/* Report tags. */
#define T_LDRB	       1
#define T_LDRH	       2
#define T_LDRW	       3
#define T_LDRX	       4
#define T_LDRSB	       5
#define T_LDRSH	       6
#define T_LDRSW	       7
#define T_LDRSBW       8
#define T_ECHO	       9
#define T_SMC_ALIVE    10
#define T_PMCR	       11 /* CNTP_CTL_EL0 read, emulated by the VMM */
#define T_PFR0	       12
#define T_ZFR0	       13
#define T_VTIMER       14
#define T_EDGE	       15
#define T_LEVEL	       16
#define T_RO_READ      17
#define T_HOLE_EC      18
#define T_UNDEF_EC     19
#define T_MPIDR	       20
#define T_VTIMER2      21 /* second vCPU: its timer, while switched out on one core */
#define T_SGI_RX1      22 /* first vCPU: the SGI it took, and its GICv2 source CPU */
#define T_SGI_SRC1     23
#define T_SGI_RX2      24 /* second vCPU: likewise */
#define T_SGI_SRC2     25
#define T_RACE_EC      26 /* second vCPU: the exception its read took after the unmap */
#define T_RACE_LAG     27 /* its reads counted after the unmap returned */
#define T_STRESS_N     28 /* stress iterations done */
#define T_STRESS_ER    29 /* stress results the guest found wrong */
#define T_ISO_ERRORS   30 /* iso guest: private page reads that were wrong */
#define T_ISO_OTHER_EC 31 /* iso guest: exception of its read of the other's page */
#define T_ISO_SWITCHES 32 /* iso guest: times it saw the other guest run */
#define T_PT_SETUP     33 /* HVC_PASSTHROUGH's result */
#define T_PT_IRQ1      34 /* INTID the first alarm's acknowledge returned (0: none) */
#define T_PT_IRQ2      35 /* and the second's */
#define T_PT_COUNT     36 /* alarms taken */
#define T_COUNT	       37

/* Stress: iterations, each with 8 exits of every class (tests/vmtest/guest.S). */
#define STRESS_ITERS 12500 /* 100,000 exits: about 6 s under TCG */

#define B_HVC	 1
#define B_MMIO	 2
#define B_VTIMER 3

#endif
