# SPDX-License-Identifier: BSD-2-Clause
"""Lower one VM (part of the lower stage).

Input: the Builder, the Wiring, a validated model.VmDef, the archive
table (written path -> spec.ArchiveFile, shared by all VMs) and lower's
thread constructor. Output: two spaces, the VMM '<vm>_vmm' and the guest
'<vm>', and a VmFacts (the VM configuration the VMM reads, also printed
in the spec text).

The VMM gets only this VM's capabilities: the guest VSpace, the vCPUs and
their TCBs, the endpoint vCPU faults arrive on, its notification (bound
to its thread; bit k = link k, then one bit per passthrough IRQ; channel
doorbells from platform.CHANNEL_BIT_TOP down), its links' endpoints, for
each channel its shared region (mapped after the link buffers) and the
peer VMM's notification badged with the peer's doorbell bit (write
only), its IRQ handlers, and the console token all VMMs share
(a notification that keeps their debug-console lines whole). It sees guest RAM at
GUEST_WINDOW + guest address, and copies of its files (kernel, initrd,
DTB, disk images) from FILE_BASE, each 2 MiB aligned, in that order.
The guest space holds RAM (2 MiB frames) and passthrough regions (at the
host physical address); its CNode holds one fault endpoint cap per vCPU,
badged vCPU index + 1. vCPU threads are started by the VMM.
"""
import os
from dataclasses import dataclass, field

from . import platform as P
from .builder import GP, MAP_D, MAP_X, RIGHTS_ALL, R, W
from .partition import vm_cores
from .spec import ArchiveFile, Thread
from .vmmap import guest_regions


# An "init." name: init's own object, which outlives every VM's restart.
CONSOLE_TOKEN = "init.vmm_console_token"


@dataclass
class VmFacts:
    name: str
    vmm: str
    vcpus: int
    affinity: list
    priority: int
    bootargs: str
    pmu: bool
    partitioned: bool = False                     # its cores are its alone
    memory: list = field(default_factory=list)    # (base, size, vmm vaddr)
    files: dict = field(default_factory=dict)     # role -> (archive name, vaddr, size)
    devices: list = field(default_factory=list)   # (GuestRegion, Link or None, slot, vaddr, file,
    #                                               wiring.Channel or None)
    mmio: list = field(default_factory=list)      # (base, size)
    irqs: list = field(default_factory=list)      # (irq, slot, badge)
    slots: dict = field(default_factory=dict)     # reply, guest_vspace, fault_ep, ntfn, init_ep,
    #                                               console_token
    console_seed: bool = False                    # this VMM seeds the console token
    vcpu_slots: list = field(default_factory=list)
    vcpu_tcb_slots: list = field(default_factory=list)


def lower_vm(b, w, vm, archive, new_thread, held):
    """See the module docstring; held: the cores partitioned VMs hold
    (partition.held_cores). Returns the VmFacts."""
    from .lower import GlueFacts, irq_cap
    n = vm.vcpus.value
    cores = vm_cores(vm, held)
    facts = VmFacts(vm.name, vm.vmm_name, n, cores, vm.priority.value, vm.bootargs, vm.pmu,
                    vm.partitioned is not None)
    vmm = b.space(vm.vmm_name, "vmm", "vmm", f"{vm.vmm_name}.elf")
    vmm.glue = GlueFacts(vm=facts)
    guest = b.space(vm.name, "guest", "guest", "")
    ntfn = b.obj(f"{vm.vmm_name}.ntfn", "OBJ_NOTIFICATION")
    thread, reply = new_thread(b, vmm, "control", 0, vm.priority.value, cores[0],
                               P.STACK_DEFAULT, True)
    thread.bound_ntfn = ntfn
    vmm.glue.threads.append((0, "control", None))
    fault_ep = b.obj(f"{vm.name}.fault_ep", "OBJ_ENDPOINT")
    vcpu = b.obj(f"{vm.name}.vcpu", "OBJ_VCPU", count=n)
    tcbs = b.obj(f"{vm.name}.vcpu_tcb", "OBJ_TCB", count=n)
    facts.slots = {
        "reply": reply,
        "guest_vspace": b.cap(vmm, guest.vspace, RIGHTS_ALL, note="guest vspace"),
        "fault_ep": b.cap(vmm, fault_ep, R, note="vCPU faults (VM exits)"),
        "ntfn": b.cap(vmm, ntfn, R, note="links and interrupts"),
        # init's fault endpoint as the control thread's fault handler holds
        # it: the VMM Sends power requests there (<tessera/vmstats.h>).
        "init_ep": thread.fault_slot,
    }
    # One console token for all VMMs (<tessera/runtime.h>): the first VM's
    # VMM seeds it.
    facts.console_seed = CONSOLE_TOKEN not in b.names()
    token = b.obj(CONSOLE_TOKEN, "OBJ_NOTIFICATION")
    facts.slots["console_token"] = b.cap(vmm, token, R | W, badge=1,
                                      note="console token (all VMMs)")
    for i in range(n):
        facts.vcpu_slots.append(b.cap(vmm, vcpu, RIGHTS_ALL, index=i, note=f"vcpu {i}"))
        facts.vcpu_tcb_slots.append(b.cap(vmm, tcbs, RIGHTS_ALL, index=i, note=f"tcb of vcpu {i}"))
    _files(b, vm, vmm, facts, archive)
    _memory(b, vm, vmm, guest, facts)
    _devices(b, w, vm, vmm, facts)
    bit = sum(1 for d in facts.devices if d[1] is not None)
    for k, irq in enumerate(vm.irqs):
        slot = irq_cap(b, vmm, irq.value, ntfn, 1 << (bit + k), "passthrough")
        facts.irqs.append((irq.value, slot, 1 << (bit + k)))
    for i in range(n):
        fault = b.cap(guest, fault_ep, W | GP, badge=i + 1, note=f"fault endpoint of vcpu {i}")
        b.thread_count += 1
        guest.threads.append(Thread(f"vcpu{i}", tcbs, i, vm.priority.value, cores[i], "vmm",
                                    x0=i, fault_slot=fault, vcpu=vcpu, vcpu_index=i))
    return facts


def _archive_name(archive, ref):
    """One archive file per distinct path; named by its basename, made
    unique with -2, -3, ... in the order files are first named."""
    key = os.path.realpath(ref.path)
    if key not in archive:
        names = {f.name for f in archive.values()}
        base = name = os.path.basename(ref.path)
        k = 2
        while name in names:
            name, k = f"{base}-{k}", k + 1
        archive[key] = ArchiveFile(name, ref.written, ref.path, os.path.getsize(ref.path))
    return archive[key]


def _files(b, vm, vmm, facts, archive):
    refs = [("kernel", vm.kernel, True), ("initrd", vm.initrd, True), ("dtb", vm.dtb, True)]
    refs += [(f"disk.{d.name}", d.image, d.readonly) for d in vm.devices if d.image]
    va = P.FILE_BASE
    for role, ref, readonly in refs:
        if ref is None:
            continue
        af = _archive_name(archive, ref)
        # Files of 256 KiB or more take 2 MiB frames (a 32 MiB kernel would
        # otherwise need 8000 caps in init's CNode, a 1.6 MiB
        # initramfs 410 objects and as many mapping copies); smaller ones
        # 4 KiB frames.
        size = max(af.size, 1)
        if size >= P.LARGE_FILE:
            size = -(-size // P.LARGE_PAGE) * P.LARGE_PAGE
        frames, page = b.frames(f"{vm.name}.file.{role}", size, fill=af.name,
                                large_ok=size >= P.LARGE_PAGE)
        b.map(vmm, va, frames, page, R if readonly else R | W, note=f"{role} \"{af.name}\"")
        facts.files[role] = (af.name, va, af.size)
        va += -(-max(af.size, 1) // P.LARGE_PAGE) * P.LARGE_PAGE


def _memory(b, vm, vmm, guest, facts):
    for j, mem in enumerate(vm.memory):
        frames, page = b.frames(f"{vm.name}.ram{j}", mem.size)
        b.map(guest, mem.base, frames, page, R | W, MAP_X, note=f"RAM {j}")
        b.map(vmm, P.GUEST_WINDOW + mem.base, frames, page, R | W, note=f"guest RAM {j}")
        facts.memory.append((mem.base, mem.size, P.GUEST_WINDOW + mem.base))
    for j, mmio in enumerate(vm.mmio):
        frames, page = b.frames(f"{vm.name}.mmio{j}", mmio.size, paddr=mmio.base)
        b.map(guest, mmio.base, frames, page, R | W, MAP_D, note=f"passthrough {mmio.base:#x}")
        facts.mmio.append((mmio.base, mmio.size))


def _devices(b, w, vm, vmm, facts):
    va = P.DATAPORT_BASE
    for region in guest_regions(vm):
        if region.device is None:
            continue
        link = w.links.get((vm.name, region.device.name))
        chan = w.channels.get((vm.name, region.device.name))
        slot, vaddr = 0, 0
        if link is not None:
            slot = b.cap(vmm, link.ep, W | GP, link.badge, note=f"{region.name} -> "
                         f"{link.server}.{link.server_port}")
            vaddr = va
            b.map(vmm, vaddr, link.buffer, P.PAGE, R | W, note=f"buffer of {region.name}")
            va += link.size + P.PAGE
        elif chan is not None:
            slot = b.cap(vmm, chan.peer_ntfn, W, 1 << chan.peer_bit,
                         note=f"{region.name}: doorbell of {chan.peer_vm}")
            vaddr = va
            b.map(vmm, vaddr, chan.frames, P.PAGE, R | W, note=f"channel {chan.conn}")
            va += chan.size + P.PAGE
        role = f"disk.{region.name}"
        facts.devices.append((region, link, slot, vaddr, facts.files.get(role), chan))
