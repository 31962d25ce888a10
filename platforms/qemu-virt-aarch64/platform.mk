# SPDX-License-Identifier: BSD-2-Clause
# QEMU virt (aarch64): the one place that states this board's facts for the
# build. The Makefile derives the QEMU command line from these values and
# passes them to the kernel as -D flags, so QEMU and the kernel cannot
# disagree. Static device addresses are in platform.h next to this file.
PLAT_CROSS      := aarch64-linux-gnu-
PLAT_QEMU       := qemu-system-aarch64
PLAT_MACHINE    := virt,virtualization=on
# Pointer authentication is emulated 4x slower under TCG and changes no result.
PLAT_CPU        := max,pauth=off
PLAT_RAM_BASE   := 0x40000000
PLAT_RAM_MB     := 2048
# Default core count and GIC version; both may be overridden (SMP=1..4, GIC=2|3).
PLAT_SMP        := 2
PLAT_MAX_CPUS   := 4
PLAT_GIC        := 3
# The kernel is linked after the 2 MiB window where QEMU puts the DTB.
PLAT_KERNEL_BASE := 0x40200000
# Where QEMU's -device loader places init's flat image (2 MiB aligned; after
# the kernel, below the archive window) and the boot archive (physical).
PLAT_INIT_BASE := 0x48000000
PLAT_ARCHIVE_BASE := 0x60000000
