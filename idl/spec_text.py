# SPDX-License-Identifier: BSD-2-Clause
"""The spec in its human-readable text form (for review and golden tests).

Input: a spec.Spec. Output: one string; the format is described in
docs/idl.md ("The spec text"). Numbers that are addresses or sizes are
hex, counts decimal; rights print as RWGP with '-' for a missing right,
mapping attributes as XD. Nothing host-specific is printed (files appear
by their archive name and the name written in the system file), so the
text is the same on every machine.
"""
from . import spec as S
from .render_spec import c_str


def spec_text(spec):
    """Render spec as text; see the module docstring."""
    out = [f"# Tessera capability distribution spec, generated from {spec.source}",
           f"system {spec.system}", ""]
    out += _objects(spec)
    arrays = {o.name for o in spec.objects if o.count > 1}
    for sp in spec.spaces:
        out += _space(sp, arrays)
    out += _irqs(spec)
    out += _shell(spec)
    out += _klog(spec)
    out += _gicv(spec)
    out += _archive(spec)
    for vm in spec.vms:
        out += _vm(vm)
    return "\n".join(out) + "\n"


def ref(obj, index, count=1, arrays=()):
    """obj, obj[i] or obj[i..j]: an element (range) of an array object;
    arrays is the set of object names with more than one element."""
    if count > 1:
        return f"{obj}[{index}..{index + count - 1}]"
    return f"{obj}[{index}]" if obj in arrays else obj


def _objects(spec):
    width = max(len(o.name) for o in spec.objects)
    out = ["objects  # name type size_bits [xcount] [paddr P] [fill FILE] [init SLOT]"]
    for o in spec.objects:
        extra = f" x{o.count}" if o.count != 1 else ""
        extra += f" paddr {o.paddr:#x}" if o.paddr is not None else ""
        extra += f' fill "{o.fill}"' if o.fill else ""
        extra += f" init {o.init_slot}" if o.init_slot else ""
        out.append(f"  {o.name:<{width}} {o.type:<16} {o.size_bits:>2}{extra}")
    need, total = spec.untyped()
    images = sum(1 for sp in spec.spaces if sp.image)
    out += ["", "untyped  # RAM untyped needed, by object size"]
    out += [f"  bits {bits:>2}: {count} objects" for bits, count in need.items()]
    out.append(f"  total {total:#x} bytes, plus the ELF segments of {images} images "
               "(sized at boot)")
    regions = spec.device_regions()
    if regions:
        out += ["", "device memory  # paddr size object"]
        out += [f"  {p:#010x} {s:#x} {n}" for p, s, n in regions]
    return out + [""]


def _space(sp, arrays):
    head = f"space {sp.name} ({sp.kind} {sp.source})"
    head += f' image "{sp.image}"' if sp.image else ""
    out = [head, f"  cnode {sp.cnode} bits {sp.cnode_bits} ({1 << sp.cnode_bits} slots)",
           f"  vspace {sp.vspace}"]
    for c in sp.caps:
        badge = f" badge {c.badge:#x}" if c.badge else ""
        out.append(f"  cap {c.slot:>3} {ref(c.obj, c.index, 1, arrays):<28} "
                   f"{S.letters(c.rights, S.RIGHT_BITS)}{badge}  # {c.note}")
    for m in sp.maps:
        page = "2M" if m.page == 0x200000 else "4K"
        out.append(f"  map {m.vaddr:#012x} {ref(m.obj, m.first, m.count, arrays):<28} {page} "
                   f"{S.letters(m.rights, S.RIGHT_BITS[:2])}{S.letters(m.attrs, S.ATTR_BITS)}"
                   f"  # {m.note}")
    for t in sp.tables:
        out.append(f"  table {t.vaddr:#012x} L{t.level} {ref(t.obj, t.index, 1, arrays)}")
    for t in sp.threads:
        out.append(_thread(t, arrays))
    return out + [""]


def _thread(t, arrays):
    line = (f"  thread {t.name} tcb {ref(t.tcb, t.tcb_index, 1, arrays)} prio {t.priority} core "
            f"{t.affinity} start {t.start} x0 {t.x0} fault_slot {t.fault_slot}")
    if t.ipcbuf:
        line += (f" stack {t.stack_top - t.stack_size:#x}..{t.stack_top:#x} ipcbuf "
                 f"{t.ipcbuf:#x} ({t.ipcbuf_obj})")
    if t.bound_ntfn:
        line += f" bound {t.bound_ntfn}"
    if t.vcpu:
        line += f" vcpu {ref(t.vcpu, t.vcpu_index, 1, arrays)}"
    return line


def _shell(spec):
    sh = spec.shell
    if sh is None:
        return []
    return ["shell  # init's management shell as a console client",
            f"  init client of {sh.server}.{sh.server_port} badge {sh.badge:#x} buffer {sh.buffer} "
            f"notification {sh.ntfn} bit {sh.bit}", ""]


def _klog(spec):
    k = spec.klog
    if k is None:
        return []
    return ["klog  # the kernel log ring's drainer (init drains it while that space is stopped)",
            f"  {k.space} ring {k.ring} notification {k.ntfn} bit 0", ""]


def _gicv(spec):
    g = spec.gicv
    if g is None:
        return []
    return ["gicv  # the GICV frames' holder (caps, not mapped; init maps the same frames "
            "into GICv2 guests)",
            f"  {g.space} frames {ref(g.frames, 0, len(g.slots))} slots "
            f"{' '.join(map(str, g.slots))}", ""]


def _irqs(spec):
    if not spec.irqs:
        return []
    out = ["irqs  # irq handler holder slot -> notification badge"]
    for q in spec.irqs:
        out.append(f"  irq {q.irq} {q.handler} {q.holder} slot {q.slot} -> {q.ntfn} "
                   f"badge {q.badge:#x}")
    return out + [""]


def _archive(spec):
    out = ["archive  # boot-archive files"]
    out += [f'  "{sp.image}"  # image of {sp.name}' for sp in spec.spaces if sp.image]
    out += [f'  "{f.name}" {f.size} bytes  # from {c_str(f.written)}' for f in spec.archive]
    return out + [""]


def _vm(vm):
    out = [f"vm {vm.name} (vmm {vm.vmm})",
           f"  vcpus {vm.vcpus} cores {' '.join(map(str, vm.affinity))} prio {vm.priority} "
           f"pmu {'yes' if vm.pmu else 'no'}"]
    if vm.partitioned:
        out.append(f"  partitioned cores {' '.join(map(str, vm.affinity))}: only this VM's "
                   f"vCPUs and its VMM (core {vm.affinity[0]}) run there")
    out += [f"  memory {b:#x} size {s:#x} vmm {v:#x}" for b, s, v in vm.memory]
    for role, (name, va, size) in vm.files.items():
        out.append(f'  file {role} "{name}" vmm {va:#x} size {size:#x}')
    if "dtb" not in vm.files:
        out.append("  dtb generated")
    out.append(f"  bootargs {c_str(vm.bootargs)}")
    for region, link, slot, vaddr, _, chan in vm.devices:
        line = (f"  device {region.name} {region.device.kind} at {region.base:#x} size "
                f"{region.size:#x} irq {region.irq}")
        if link is not None:
            line += (f" link {link.server}.{link.server_port} slot {slot} buffer {vaddr:#x} "
                     f"size {link.size:#x} bit {link.bit}")
            line += f" name {c_str(link.link_name)}" if link.link_name else ""
        if chan is not None:
            line += (f" channel {chan.conn} end {chan.end} region {vaddr:#x} size "
                     f"{chan.size:#x} bit {chan.bit} doorbell slot {slot} -> {chan.peer_vm} "
                     f"bit {chan.peer_bit}")
        out.append(line)
    out += [f"  passthrough mmio {b:#x} size {s:#x}" for b, s in vm.mmio]
    out += [f"  passthrough irq {i} slot {s} badge {bd:#x}" for i, s, bd in vm.irqs]
    slots = " ".join(f"{k} {v}" for k, v in vm.slots.items())
    out.append(f"  slots {slots} vcpus {' '.join(map(str, vm.vcpu_slots))} "
               f"vcpu_tcbs {' '.join(map(str, vm.vcpu_tcb_slots))}")
    return out + [""]
