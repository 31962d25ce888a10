# SPDX-License-Identifier: BSD-2-Clause
"""Facts the generator checks and lays out against (no input; constants).

Limits mirror platforms/qemu-virt-aarch64 (PLAT_MAX_CPUS) and the kernel
ABI headers; the address layouts are the generator's own convention,
documented in docs/idl.md ("Address spaces"), and are what the glue and
the VM configuration tell the components at build time.
"""

MAX_CPUS = 4             # platform.mk PLAT_MAX_CPUS
PRIORITY_MAX = 255       # invocation.h INV_TCB_SET_PRIORITY: 0..255
VCPUS_MAX = 4            # one vCPU per physical core, at most
STRING_BOUND_MAX = 512   # string<N>: 1 <= N <= this
ARRAY_LENGTH_MAX = 256
MSG_MAX_WORDS = 120      # syscall.h MSG_MAX_LENGTH
PAGE = 0x1000
LARGE_PAGE = 0x200000    # OBJ_FRAME_2M
LARGE_FILE = 0x40000     # VM files from this size take 2 MiB frames (lower_vm)
PT_L2_SPAN = 1 << 30     # a page table mapped at level 2 covers 1 GiB
IPA_LIMIT = 1 << 40      # objects.h OBJ_VSPACE: 40-bit IPA
PHYS_LIMIT = 1 << 40     # arch/aarch64/mmu.c TCR_EL2: 40-bit physical addresses
PHYS_NOTE = " (the 40-bit physical address space)"

# --- component address space (one per component instance) -------------------
ELF_BASE = 0x00400000        # components are linked here (ELF segments)
ELF_LIMIT = 0x08000000
THREAD_AREA = 0x08000000     # thread i owns [AREA + i*SLOT, AREA + (i+1)*SLOT)
THREAD_SLOT = 0x00100000     # guard, stack, guard, IPC buffer, guard
STACK_DEFAULT = 0x4000
UNTYPED_MIN = PAGE           # a component's untyped pool: a power of two
UNTYPED_MAX = 1 << 30
SLOTS_MAX = 1 << 16          # a component's CNode: at most this many slots
STACK_MAX = THREAD_SLOT - 4 * PAGE
DATAPORT_BASE = 0x10000000   # dataports and VM link buffers, in port order
DATAPORT_LIMIT = 0x20000000
MMIO_BASE = 0x20000000       # component device regions
FILE_BASE = 0x2000000000     # VMM: copies of archive files (kernel, initrd, ...)
GUEST_WINDOW = 0x4000000000  # VMM: guest RAM at GUEST_WINDOW + guest address
GUEST_IPA_LIMIT = 0x4000000000

# --- guest physical map (what the VMM emulates; QEMU virt layout) ------------
GIC_DIST = (0x08000000, 0x00010000)
GIC_REDIST = (0x080a0000, 0x00f60000)
UART = (0x09000000, 0x1000, 33)
RTC = (0x09010000, 0x1000, 34)
VIRTIO_BASE = 0x0a000000
VIRTIO_STRIDE = 0x200
VIRTIO_SLOTS = 32
VIRTIO_IRQ_BASE = 48         # SPI 16 + 32

# --- host resources nobody may pass through ----------------------------------
# platform.h PLAT_DEVICE_END: device space ends where RAM begins; a
# region there would hand out the kernel's, init's or another VM's memory.
DEVICE_END = 0x40000000
# Inside the GIC: the GICv2 virtual CPU interface (GICV; IHI 0048B 5.5), base
# and 4 KiB pages (page 1 holds GICC_DIR). A GICv2 guest sees it as its GICC.
# Not an mmio region: init makes its frames (object init.gicv) for a `gicv`
# item's holder and maps them into IDL guests (platform.h PLAT_GICV_BASE).
GICV = (0x08040000, 2)
HOST_RESERVED_MMIO = [(0x08000000, 0x01000000, "the interrupt controller (GIC)"),
                      (DEVICE_END, IPA_LIMIT - DEVICE_END,
                       f"host RAM ({DEVICE_END:#x} on: the kernel's, init's and the VMs' memory)")]
# Buffer sizes the VM connectors share between a VMM and its server.
LINK_BUFFER = {"vm_console": 0x1000, "vm_net": 0x10000}
# A vm_channel's shared region (two rings, <tessera/chan_ring.h>): default
# size, limits, and the VMM notification bits its doorbells use: from
# CHANNEL_BIT_TOP down, one per channel device of the VM (links and
# passthrough IRQs count up from bit 0; bits 62, 63 are init's,
# <tessera/vmstats.h>).
CHANNEL_SIZE = 0x10000
CHANNEL_SIZE_MIN = 0x2000
CHANNEL_SIZE_MAX = 0x1000000
CHANNEL_BIT_TOP = 61
CHANNELS_MAX = 8
