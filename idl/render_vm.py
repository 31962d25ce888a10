# SPDX-License-Identifier: BSD-2-Clause
"""The VM configuration as C data: the view for templates/vm_config.c.j2
(part of the render stage). Input: a lower_vm.VmFacts and the size of the
VMM's CNode. Output: {name, arrays, fields}, every value a finished C
initializer."""
from .render_spec import c_str

KIND = {"uart": "TSR_VM_UART", "rtc": "TSR_VM_RTC", "virtio_console": "TSR_VM_VIRTIO_CONSOLE",
        "virtio_blk": "TSR_VM_VIRTIO_BLK", "virtio_net": "TSR_VM_VIRTIO_NET",
        "channel": "TSR_VM_CHANNEL"}


def _file(entry):
    if entry is None:
        return "{ NULL, 0, 0 }"
    name, va, size = entry
    return f"{{ {c_str(name)}, {va:#x}, {size:#x} }}"


def _device(region, link, slot, vaddr, disk, chan):
    """A link's slot is link_slot; a channel's is doorbell_slot, its bit
    our doorbell bit, its buffer the shared region."""
    dev = region.device
    bit = f"{1 << link.bit:#x}" if link else f"{1 << chan.bit:#x}" if chan else "0"
    size = f"{link.size:#x}" if link else f"{chan.size:#x}" if chan else "0"
    name = c_str(link.link_name if link and link.link_name else None)
    link_slot, bell_slot = (0, slot) if chan else (slot, 0)
    end = chan.end if chan else 0
    return (f"{{ {c_str(region.name)}, {KIND[dev.kind]}, {region.base:#x}, {region.size:#x}, "
            f"{region.irq}, {link_slot}, {bit}, {vaddr:#x}, {size}, {name}, {_file(disk)}, "
            f"{int(dev.readonly)}, {bell_slot}, {end} }}")


def vm_view(vm, cnode_bits):
    """cnode_bits: the size of the VMM's CNode (its space's cnode_bits)."""
    arrays = [
        ("uint8_t", "affinity", [str(c) for c in vm.affinity]),
        ("uint32_t", "vcpu_slots", [str(s) for s in vm.vcpu_slots]),
        ("uint32_t", "vcpu_tcb_slots", [str(s) for s in vm.vcpu_tcb_slots]),
        ("struct tsr_vm_memory", "memory", [f"{{ {b:#x}, {s:#x}, {v:#x} }}"
                                            for b, s, v in vm.memory]),
        ("struct tsr_vm_device", "devices", [_device(*d) for d in vm.devices]),
        ("struct tsr_vm_mmio", "mmio", [f"{{ {b:#x}, {s:#x} }}" for b, s in vm.mmio]),
        ("struct tsr_vm_irq", "irqs", [f"{{ {i}, {s}, {b:#x} }}" for i, s, b in vm.irqs]),
    ]
    present = [{"type": t, "name": n, "rows": r} for t, n, r in arrays if r]
    ref = {n: (n if r else "NULL") for _, n, r in arrays}
    fields = [("name", c_str(vm.name)), ("num_vcpus", str(vm.vcpus)),
              ("priority", str(vm.priority)), ("pmu", str(int(vm.pmu))),
              ("affinity", ref["affinity"]), ("vcpu_slots", ref["vcpu_slots"]),
              ("vcpu_tcb_slots", ref["vcpu_tcb_slots"]),
              ("memory", ref["memory"]), ("num_memory", str(len(vm.memory))),
              ("kernel", _file(vm.files.get("kernel"))), ("initrd", _file(vm.files.get("initrd"))),
              ("dtb", _file(vm.files.get("dtb"))), ("bootargs", c_str(vm.bootargs)),
              ("devices", ref["devices"]), ("num_devices", str(len(vm.devices))),
              ("mmio", ref["mmio"]), ("num_mmio", str(len(vm.mmio))),
              ("irqs", ref["irqs"]), ("num_irqs", str(len(vm.irqs))),
              ("guest_vspace_slot", str(vm.slots["guest_vspace"])),
              ("fault_ep_slot", str(vm.slots["fault_ep"])),
              ("ntfn_slot", str(vm.slots["ntfn"])), ("reply_slot", str(vm.slots["reply"])),
              ("init_ep_slot", str(vm.slots["init_ep"])), ("cnode_bits", str(cnode_bits)),
              ("console_token_slot", str(vm.slots["console_token"])),
              ("console_token_seed", str(int(vm.console_seed)))]
    return {"name": vm.name, "arrays": present, "fields": fields}
