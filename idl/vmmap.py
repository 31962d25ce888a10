# SPDX-License-Identifier: BSD-2-Clause
"""The guest physical map of a VM (used by validate and lower).

Input: a model.VmDef. Output: the emulated regions of its guest physical
address space as GuestRegion(name, base, size, irq, device), following
QEMU's virt board: the GIC, the PL011 uart, the PL031 rtc, and virtio-mmio
slot i (in device declaration order among virtio devices) at
VIRTIO_BASE + i * VIRTIO_STRIDE with interrupt VIRTIO_IRQ_BASE + i.
Passthrough regions are mapped at their host physical address.
"""
from dataclasses import dataclass

from . import platform as P


@dataclass(frozen=True)
class GuestRegion:
    name: str
    base: int
    size: int
    irq: int       # None for the GIC
    device: object  # model.DeviceDef or None

    @property
    def end(self):
        return self.base + self.size


def guest_regions(vm):
    """Emulated regions of vm, GIC first, then devices in declaration order."""
    out = [GuestRegion("gic-dist", P.GIC_DIST[0], P.GIC_DIST[1], None, None),
           GuestRegion("gic-redist", P.GIC_REDIST[0], P.GIC_REDIST[1], None, None)]
    slot = 0
    for dev in vm.devices:
        if dev.kind == "uart":
            out.append(GuestRegion(dev.name, P.UART[0], P.UART[1], P.UART[2], dev))
        elif dev.kind == "rtc":
            out.append(GuestRegion(dev.name, P.RTC[0], P.RTC[1], P.RTC[2], dev))
        else:
            out.append(GuestRegion(dev.name, P.VIRTIO_BASE + slot * P.VIRTIO_STRIDE,
                                   P.VIRTIO_STRIDE, P.VIRTIO_IRQ_BASE + slot, dev))
            slot += 1
    return out
