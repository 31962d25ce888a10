# SPDX-License-Identifier: BSD-2-Clause
"""VM and hardware checks (part of the validate stage).

Input: model.System. Output: nothing; raises IdlError for a vCPU count,
priority or affinity out of range; a missing kernel, initrd, DTB or disk
image file; memory that is misaligned, overlaps other memory or a device
region; a passthrough region that is misaligned or overlaps another one,
a component's region or a reserved host region; an interrupt claimed
twice (passthrough, component irq, or an emulated device's interrupt in
the same VM); a second uart or rtc in a VM; device options that do not
fit the device kind; a channel size that is not whole pages within
platform's limits, or more than CHANNELS_MAX channels in a VM; memory or
a passthrough region that is empty or outside the address space; more
links, passthrough interrupts and channels than the VMM's notification
has bits.
"""
from . import platform as P
from .errors import IdlError
from .checks import in_range, in_space
from .vmmap import guest_regions


def check_vms(system):
    """See the module docstring."""
    for vm in system.vms:
        _check_settings(vm)
        _check_files(vm)
        _check_devices(vm)
        _check_memory(vm)
        _check_bits(system, vm)
    _check_claims(system)


def _check_bits(system, vm):
    """The VMM's notification word (lower_vm): links and then passthrough
    interrupts count up from bit 0, channel doorbells down from
    CHANNEL_BIT_TOP; bits above it are init's. They may not meet."""
    links = sum(1 for c in system.conns if c.kind in ("vm_console", "vm_net")
                for s in c.sources if s.owner is vm)
    channels = sum(1 for d in vm.devices if d.kind == "channel")
    free = P.CHANNEL_BIT_TOP + 1 - channels - links
    if len(vm.irqs) > free:
        irq = vm.irqs[free]
        raise IdlError(irq.loc, f"vm {vm.name}: passthrough irq {irq.value} would take "
                       f"notification bit {links + free}, which is not free ({links} links "
                       f"and the interrupts count up from bit 0, {channels} channel doorbells "
                       f"down from bit {P.CHANNEL_BIT_TOP}; bits above are init's)")


def _check_settings(vm):
    in_range(vm.vcpus, 1, P.VCPUS_MAX, "vCPU count")
    in_range(vm.priority, 0, P.PRIORITY_MAX, "priority")
    for core in vm.affinity:
        in_range(core, 0, P.MAX_CPUS - 1, "affinity")
    if len(vm.affinity) not in (0, 1, vm.vcpus.value):
        raise IdlError(vm.affinity[0].loc, f"affinity lists {len(vm.affinity)} cores but vm "
                       f"{vm.name} has {vm.vcpus.value} vCPUs (give one core, or one per vCPU)")


def _check_files(vm):
    if vm.kernel is None:
        raise IdlError(vm.loc, f"vm {vm.name} has no kernel")
    refs = [("kernel image", vm.kernel), ("initrd", vm.initrd), ("DTB", vm.dtb)]
    refs += [("disk image", d.image) for d in vm.devices]
    for what, ref in refs:
        if ref is not None and ref.path is None:
            raise IdlError(ref.loc, f"{what} file \"{ref.written}\" not found (tried "
                           f"{', '.join(ref.tried)})")


def _check_channel_size(dev):
    size = dev.size.value
    if size % P.PAGE or not P.CHANNEL_SIZE_MIN <= size <= P.CHANNEL_SIZE_MAX:
        raise IdlError(dev.size.loc, f"channel {dev.name}: size {size:#x} must be a multiple of "
                       f"{P.PAGE:#x} from {P.CHANNEL_SIZE_MIN:#x} to {P.CHANNEL_SIZE_MAX:#x}")


def _check_devices(vm):
    seen = {}
    for dev in vm.devices:
        if dev.kind in ("uart", "rtc"):
            if dev.kind in seen:
                raise IdlError(dev.loc, f"vm {vm.name} already has a {dev.kind} "
                               f"({seen[dev.kind].name} at {seen[dev.kind].loc})")
            seen[dev.kind] = dev
        if dev.kind == "virtio_blk" and dev.image is None:
            raise IdlError(dev.loc, f"virtio_blk device {dev.name} needs an image file")
        if dev.kind != "virtio_blk" and (dev.image is not None or dev.readonly):
            raise IdlError(dev.loc, f"only a virtio_blk device takes 'image' or 'readonly' "
                           f"({dev.name} is {dev.kind})")
        if (dev.link is not None) != (dev.kind == "virtio_net"):
            raise IdlError(dev.loc, f"virtio_net device {dev.name} needs a link name"
                           if dev.kind == "virtio_net" else
                           f"only a virtio_net device takes 'link' ({dev.name} is {dev.kind})")
        if dev.kind == "channel":
            _check_channel_size(dev)
        elif dev.size is not None:
            raise IdlError(dev.size.loc, f"only a channel device takes 'size' ({dev.name} is "
                           f"{dev.kind})")
    channels = [d for d in vm.devices if d.kind == "channel"]
    if len(channels) > P.CHANNELS_MAX:
        raise IdlError(channels[P.CHANNELS_MAX].loc, f"more than {P.CHANNELS_MAX} channel "
                       f"devices in vm {vm.name}")
    virtio = [d for d in vm.devices if d.kind.startswith("virtio") or d.kind == "channel"]
    if len(virtio) > P.VIRTIO_SLOTS:
        raise IdlError(virtio[P.VIRTIO_SLOTS].loc, f"more than {P.VIRTIO_SLOTS} virtio devices")


def _aligned(value, loc, what, align):
    if value % align:
        raise IdlError(loc, f"{what} {value:#x} is not aligned to {align:#x}")


def _check_passthrough(vm):
    """Each passthrough region: whole pages, not empty, inside the
    physical address space (checked before anything uses its end)."""
    for mmio in vm.mmio:
        in_space("passthrough mmio", mmio.base, mmio.size, (mmio.loc, mmio.size_loc), P.PAGE,
                 P.PHYS_LIMIT, P.PHYS_NOTE)
        _aligned(mmio.base, mmio.loc, "passthrough base", P.PAGE)
        _aligned(mmio.size, mmio.size_loc, "passthrough size", P.PAGE)


def _check_memory(vm):
    if not vm.memory:
        raise IdlError(vm.loc, f"vm {vm.name} has no memory")
    _check_passthrough(vm)
    regions = [(r.name, r.base, r.end, "the emulated " + r.name) for r in guest_regions(vm)]
    regions += [("mmio", m.base, m.end, f"passthrough mmio {m.base:#x} (at {m.loc})")
                for m in vm.mmio]
    for mem in vm.memory:
        in_space("memory", mem.base, mem.size, (mem.loc, mem.size_loc), P.LARGE_PAGE,
                 P.GUEST_IPA_LIMIT)
        _aligned(mem.base, mem.loc, "memory base", P.LARGE_PAGE)
        _aligned(mem.size, mem.size_loc, "memory size", P.LARGE_PAGE)
        for _, base, end, what in regions:
            if mem.base < end and base < mem.end:
                raise IdlError(mem.loc, f"vm {vm.name}: memory {mem.base:#x}..{mem.end:#x} "
                               f"overlaps {what}")
        regions.append(("memory", mem.base, mem.end, f"memory {mem.base:#x} (at {mem.loc})"))
    for mmio in vm.mmio:
        for name, base, end, what in regions[:len(guest_regions(vm))]:
            if mmio.base < end and base < mmio.end:
                raise IdlError(mmio.loc, f"vm {vm.name}: passthrough mmio {mmio.base:#x} "
                               f"overlaps {what}")


def _check_claims(system):
    """Host-physical regions and interrupts: each claimed at most once."""
    regions = [(b, b + s, what) for b, s, what in P.HOST_RESERVED_MMIO]
    irqs = {}
    for inst in system.instances:
        for port in inst.comp.ports:
            who = f"{inst.name}.{port.name}"
            if port.kind == "mmio":
                _claim_region(regions, port.base, port.size, port.base_loc, who,
                              f"mmio region {who}")
            elif port.kind == "irq":
                _claim_irq(irqs, port.base, port.base_loc, who)
    for vm in system.vms:
        for mmio in vm.mmio:
            _claim_region(regions, mmio.base, mmio.size, mmio.loc, f"vm {vm.name}",
                          "passthrough region")
        for reg in guest_regions(vm):
            if reg.irq is not None:
                irqs.setdefault((vm.name, reg.irq), f"{vm.name}.{reg.name} (emulated)")
        for irq in vm.irqs:
            in_range(irq, 32, 1019, "interrupt number")
            if (vm.name, irq.value) in irqs:
                raise IdlError(irq.loc, f"interrupt {irq.value} claimed twice: already used by "
                               f"{irqs[(vm.name, irq.value)]}")
            _claim_irq(irqs, irq.value, irq.loc, f"vm {vm.name} (at {irq.loc})")


def _claim_region(regions, base, size, loc, who, label):
    """Claim [base, base + size) for who (named label in the message)."""
    end = base + size
    for rbase, rend, what in regions:
        if base < rend and rbase < end:
            raise IdlError(loc, f"{label} {base:#x}..{end:#x} overlaps {what}")
    regions.append((base, end, f"{who} {base:#x}..{end:#x} (at {loc})"))


def _claim_irq(irqs, irq, loc, who):
    if irq in irqs:
        raise IdlError(loc, f"interrupt {irq} claimed twice: already used by {irqs[irq]}")
    irqs[irq] = who
