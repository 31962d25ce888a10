# SPDX-License-Identifier: BSD-2-Clause
"""The spec as C data: the view for templates/spec.c.j2 (part of the
render stage). Input: a spec.Spec. Output: {source, arrays, fields}
where every array row and field value is a finished C initializer."""
from .spec import OBJ_BITS

SPACE_KIND = {"component": "TSR_SPACE_COMPONENT", "vmm": "TSR_SPACE_VMM",
              "guest": "TSR_SPACE_GUEST"}


C_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\t"): "\\t"}


def c_str(text):
    """A C string literal of text's UTF-8 bytes (None -> NULL): printable
    ASCII as is, backslash, quote, newline and tab as their C escapes,
    every other byte as a three-digit octal escape (which cannot run on into a
    following digit, as a hex escape would)."""
    if text is None:
        return "NULL"
    out = []
    for byte in text.encode("utf-8"):
        if byte in C_ESCAPES:
            out.append(C_ESCAPES[byte])
        elif 0x20 <= byte < 0x7f:
            out.append(chr(byte))
        else:
            out.append(f"\\{byte:03o}")
    return '"' + "".join(out) + '"'


def ident(name):
    return "".join(ch if ch.isalnum() else "_" for ch in name)


def spec_view(spec):
    index = {o.name: i for i, o in enumerate(spec.objects)}
    ix = lambda name: str(index[name]) if name else "-1"  # noqa: E731
    arrays = [{"type": "tsr_spec_object", "name": "objects", "rows": [_object(o) for o in spec.objects]}]
    spaces = []
    for sp in spec.spaces:
        spaces.append(_space(sp, ix, arrays))
    arrays.append({"type": "tsr_spec_space", "name": "spaces", "rows": spaces})
    names = [sp.name for sp in spec.spaces]
    irqs = [f"{q.irq}, {ix(q.handler)}, {names.index(q.holder)}, {q.slot}, {ix(q.ntfn)}, "
            f"{q.badge:#x}" for q in spec.irqs]
    if irqs:
        arrays.append({"type": "tsr_spec_irq", "name": "irqs", "rows": irqs})
    _, total = spec.untyped()
    fields = [("system", c_str(spec.system)), ("objects", "objects"),
              ("num_objects", str(len(spec.objects))), ("spaces", "spaces"),
              ("num_spaces", str(len(spec.spaces))),
              ("irqs", "irqs" if irqs else "NULL"), ("num_irqs", str(len(irqs))),
              ("untyped_bytes", f"{total:#x}"), ("fault_ep", ix("init.fault_ep"))]
    parts = [f"{c_str(vm.name)}, {names.index(vm.vmm)}, {names.index(vm.name)}, "
             f"{sum(1 << c for c in set(vm.affinity)):#x}" for vm in spec.vms if vm.partitioned]
    if parts:  # none: the fields stay zero (NULL, 0)
        arrays.append({"type": "tsr_spec_partition", "name": "partitions", "rows": parts})
        fields += [("partitions", "partitions"), ("num_partitions", str(len(parts)))]
    if spec.shell is not None:  # none: the field stays NULL
        sh = spec.shell
        arrays.append({"type": "tsr_spec_shell", "name": "shell", "rows": [
            f"{names.index(sh.server)}, {ix(sh.ep)}, {sh.badge:#x}, {ix(sh.buffer)}, {ix(sh.ntfn)}"]})
        fields.append(("shell", "shell"))
    if spec.klog is not None:  # none: the field stays NULL, init drains the log
        k = spec.klog
        arrays.append({"type": "tsr_spec_klog", "name": "klog", "rows": [
            f"{names.index(k.space)}, {ix(k.ring)}, {ix(k.ntfn)}"]})
        fields.append(("klog", "klog"))
    if spec.gicv is not None:  # none: the field stays NULL, init makes the GICV frames
        g = spec.gicv
        arrays.append({"type": "tsr_spec_gicv", "name": "gicv", "rows": [
            f"{names.index(g.space)}, {ix(g.frames)}"]})
        fields.append(("gicv", "gicv"))
    return {"source": spec.source, "arrays": arrays, "fields": fields}


def _object(o):
    bits = f"OBJ_{o.type[4:]}_BITS" if o.type in OBJ_BITS and o.type != "OBJ_IRQ_HANDLER" \
        else str(o.size_bits)
    device = "1" if o.paddr is not None else "0"
    return (f"{c_str(o.name)}, {o.type}, {bits}, {device}, {o.count}, {o.paddr or 0:#x}, "
            f"{c_str(o.fill)}")


def _space(sp, ix, arrays):
    base = ident(sp.name)
    rows = {
        "caps": ("tsr_spec_cap", [f"{c.slot}, {ix(c.obj)}, {c.index}, {c.rights:#x}, {c.badge:#x}"
                                  for c in sp.caps]),
        "maps": ("tsr_spec_mapping", [f"{m.vaddr:#x}, {ix(m.obj)}, {m.first}, {m.count}, "
                                      f"{m.page.bit_length() - 1}, {m.rights:#x}, {m.attrs:#x}"
                                      for m in sp.maps]),
        "tables": ("tsr_spec_table", [f"{t.vaddr:#x}, {t.level}, {ix(t.obj)}, {t.index}"
                                      for t in sp.tables]),
        "threads": ("tsr_spec_thread", [_thread(t, ix) for t in sp.threads]),
    }
    parts = [c_str(sp.name), SPACE_KIND[sp.kind], c_str(sp.image or None), ix(sp.cnode),
             ix(sp.vspace)]
    for key, (ctype, items) in rows.items():
        if items:
            arrays.append({"type": ctype, "name": f"{key}_{base}", "rows": items})
        parts += [f"{key}_{base}" if items else "NULL", str(len(items))]
    return ", ".join(parts)


def _thread(t, ix):
    start = "TSR_START_VMM" if t.start == "vmm" else "TSR_START_INIT"
    return (f"{c_str(t.name)}, {ix(t.tcb)}, {t.tcb_index}, {t.priority}, {t.affinity}, {start}, "
            f"{t.x0}, {t.stack_top:#x}, {t.ipcbuf:#x}, {ix(t.ipcbuf_obj)}, {t.fault_slot}, "
            f"{ix(t.bound_ntfn)}, {ix(t.vcpu)}, {t.vcpu_index}")
