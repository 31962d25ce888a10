# SPDX-License-Identifier: BSD-2-Clause
"""The per-component glue view (part of the render stage).

Input: a spec.Space of kind component or vmm (with its lower.GlueFacts)
and the model.System. Output: a dict for templates/glue.h.j2 and
glue.c.j2 in which every C declaration and statement is already a string:
templates only print. Marshalling follows marshal.py (word offsets, the
helpers tsr_rt_put/get/put_str/get_str from tsr_rt.h).
"""
from . import marshal as MA
from . import platform as P
from .glue_types import c_type, param_decl, struct_defs
from .render_spec import c_str

LABEL_BASE = 1  # a request's label is the method index plus one


def glue_view(sp, system):
    """The template context for one component's glue.h and glue.c."""
    facts = sp.glue
    ident = sp.name
    view = {"instance": sp.name, "component": sp.source, "guard": f"TSR_GLUE_{ident.upper()}_H",
            "slots": [], "cnode": [], "attrs": [], "decls": [], "functions": [], "threads": [],
            "structs": [], "statics": [], "asserts": []}
    view["slots"] += [("TSR_SLOT_CNODE", 1), ("TSR_SLOT_VSPACE", 2)]
    procs = []
    for index, name, _ in facts.threads:
        th = sp.threads[index]
        view["slots"].append((f"TSR_SLOT_{name}_TCB".upper(), th.fault_slot - 1))
        view["slots"].append((f"TSR_SLOT_{name}_FAULT".upper(), th.fault_slot))
    for attr, value in facts.attrs:
        view["attrs"].append(_attr(attr, value))
    for pf in facts.ports:
        _port(view, pf, procs)
    view["cnode"] = [("TSR_CNODE_BITS", sp.cnode_bits), ("TSR_SLOT_FIRST_FREE", len(sp.caps) + 1),
                     ("TSR_SLOT_END", 1 << sp.cnode_bits)]
    view["structs"] = struct_defs(procs)
    view["asserts"] = _asserts(procs)
    view["threads"] = _threads(facts)
    view["prototypes"] = [f"{fn['signature']}; /* {fn['doc']} */" for fn in view["functions"]
                          if not fn["static"]]
    return view


def _attr(attr, value):
    t = attr.type
    if t.kind == "string":
        return {"decl": f"extern const char {attr.name}[{t.bound + 1}]",
                "define": f"const char {attr.name}[{t.bound + 1}] = {c_str(value)}"}
    literal = ("true" if value else "false") if t.kind == "bool" else _int_literal(t.name, value)
    return {"decl": f"extern const {c_type(t)} {attr.name}",
            "define": f"const {c_type(t)} {attr.name} = {literal}"}


def _int_literal(name, value):
    if name == "int64" and value == -(1 << 63):
        return "INT64_MIN"
    suffix = "ULL" if name.startswith("u") and name.endswith("64") else \
        "LL" if name.endswith("64") else ""
    return f"{value}{suffix}"


def _port(view, pf, procs):
    from .glue_rpc import client_functions, server_functions
    name = pf.name
    if pf.kind == "uses":
        view["slots"].append((f"TSR_SLOT_{name}".upper(), pf.slots[0]))
        procs.append(pf.port.proc)
        view["functions"] += client_functions(pf)
        if pf.links:
            _link_client(view, pf)
    elif pf.kind == "provides":
        view["slots"].append((f"TSR_SLOT_{name}".upper(), pf.slots[0]))
        view["slots"].append((f"TSR_SLOT_{name}_REPLY".upper(), pf.reply_slot))
        procs.append(pf.port.proc)
        view["functions"] += server_functions(pf, view)
    elif pf.kind == "emits":
        for i, slot in enumerate(pf.slots):
            view["slots"].append((f"TSR_SLOT_{name}_{i}".upper(), slot))
        view["functions"].append(_fn(f"void {name}_emit(void)",
                                     [f"tsr_rt_signal(TSR_SLOT_{name.upper()}_{i});"
                                      for i in range(len(pf.slots))],
                                     f"Signal every consumer connected to '{name}'."))
    elif pf.kind in ("consumes", "irq"):
        view["slots"].append((f"TSR_SLOT_{name}".upper(), pf.slots[-1]))
        view["functions"].append(_fn(f"unsigned long {name}_wait(void)",
                                     [f"return tsr_rt_wait(TSR_SLOT_{name.upper()});"],
                                     f"Block until '{name}' is signalled; returns the badge bits."))
        view["functions"].append(_fn(f"unsigned long {name}_poll(void)",
                                     [f"return tsr_rt_poll(TSR_SLOT_{name.upper()});"],
                                     f"The badge bits of '{name}' signalled so far, or 0."))
        if pf.kind == "irq":
            view["slots"].append((f"TSR_SLOT_{name}_HANDLER".upper(), pf.slots[0]))
            view["functions"].append(_fn(
                f"unsigned long {name}_ack(void)",
                [f"return tsr_rt_call(TSR_SLOT_{name.upper()}_HANDLER, "
                 "MSGINFO(INV_IRQ_HANDLER_ACK, 0, 0));"],
                f"Acknowledge interrupt {pf.port.base} so that it can fire again."))
    elif pf.kind == "untyped":
        view["slots"].append((f"TSR_SLOT_{name}".upper(), pf.slots[0]))
        view["decls"].append(f"#define TSR_UNTYPED_{name.upper()}_BITS {pf.size.bit_length() - 1} "
                             f"/* untyped pool '{name}': {pf.size:#x} bytes */")
    elif pf.kind == "irq_control":
        view["slots"].append((f"TSR_SLOT_{name}".upper(), pf.slots[0]))
    elif pf.kind == "klog":
        _klog(view, pf)
    elif pf.kind == "gicv":
        _gicv(view, pf)
    elif pf.kind in ("dataport", "mmio"):
        what = "dataport" if pf.kind == "dataport" else f"device region at {pf.port.base:#x}"
        view["decls"].append(f"extern void *const {name}; /* {what}, {pf.size:#x} bytes */")
        view["decls"].append(f"extern const unsigned long {name}_size;")
        view["statics"].append(f"void *const {name} = (void *){pf.vaddr:#x}UL;")
        view["statics"].append(f"const unsigned long {name}_size = {pf.size:#x}UL;")
        if pf.kind == "mmio":
            view["slots"].append((f"TSR_SLOT_{name}".upper(), pf.slots[0]))


def _link_client(view, pf):
    """A component's end of a vm_console/vm_net link: the shared buffer and
    the notification the server signals."""
    name = pf.name
    link, slot, va = pf.links[0]
    view["slots"].append((f"TSR_SLOT_{name}_NTFN".upper(), slot))
    view["decls"].append(f"extern void *const {name}_buffer; /* shared with "
                         f"{link.server}.{link.server_port}, {link.size:#x} bytes */")
    view["decls"].append(f"extern const unsigned long {name}_buffer_size;")
    view["statics"].append(f"void *const {name}_buffer = (void *){va:#x}UL;")
    view["statics"].append(f"const unsigned long {name}_buffer_size = {link.size:#x}UL;")
    view["functions"].append(_fn(f"unsigned long {name}_wait(void)",
                                 [f"return tsr_rt_wait(TSR_SLOT_{name.upper()}_NTFN);"],
                                 f"Block until the server behind '{name}' signals; returns the bits."))
    view["functions"].append(_fn(f"unsigned long {name}_poll(void)",
                                 [f"return tsr_rt_poll(TSR_SLOT_{name.upper()}_NTFN);"],
                                 f"The bits the server behind '{name}' signalled so far, or 0."))


def _klog(view, pf):
    """A klog item: the ring, its notification, and the thread's body."""
    name = pf.name
    view["slots"].append((f"TSR_SLOT_{name}".upper(), pf.slots[0]))
    view["decls"].append(f"extern void *const {name}_ring; /* the kernel log ring (struct log_ring, "
                         "<tessera/bootinfo.h>), read-write */")
    view["decls"].append(f"int {name}_run(void); /* thread '{name}': drains {name}_ring (written "
                         "by the component) */")
    view["statics"].append(f"void *const {name}_ring = (void *){pf.vaddr:#x}UL;")
    view["functions"].append(_fn(f"unsigned long {name}_wait(void)",
                                 [f"return tsr_rt_wait(TSR_SLOT_{name.upper()});"],
                                 "Block until init says the kernel logged; returns the bits."))
    view["functions"].append(_fn(f"unsigned long {name}_poll(void)",
                                 [f"return tsr_rt_poll(TSR_SLOT_{name.upper()});"],
                                 f"The bits signalled on '{name}' so far, or 0."))


def _gicv(view, pf):
    """A gicv item: TSR_SLOT_<NAME> is the cap to GICV page 0, TSR_SLOT_<NAME>_1
    to page 1 (GICC_DIR); device frames, read-write, not mapped."""
    name = pf.name.upper()
    view["slots"].append((f"TSR_SLOT_{name}", pf.slots[0]))
    view["slots"].append((f"TSR_SLOT_{name}_1", pf.slots[1]))
    base, pages = P.GICV
    view["decls"].append(f"#define TSR_GICV_{name}_PADDR {base:#x}UL /* gicv '{pf.name}': "
                         f"{pages} device frames from here, caps TSR_SLOT_{name} (page 0) and "
                         f"TSR_SLOT_{name}_1 (page 1: GICC_DIR), not mapped; map them at a "
                         "guest's GICC (a frame cap maps once: copy it for more) */")


def _fn(signature, body, doc):
    return {"signature": signature, "body": body, "doc": doc, "static": False}


def _asserts(procs):
    """Compile-time checks that C agrees with the word counts computed here."""
    out, seen = [], set()
    for proc in procs:
        for method in proc.methods:
            for param in method.params:
                t = param.type
                key = (t.name, t.bound, t.length)
                if key in seen or t.kind == "string" or (t.kind != "struct" and not t.length):
                    continue
                seen.add(key)
                out.append(f"_Static_assert(sizeof({param_decl(t, '')}) <= "
                           f"{MA.words(t) * MA.WORD}, \"{c_type(t)} size\");")
    return out


def _threads(facts):
    out = []
    for index, name, port in facts.threads:
        call = "run();" if port is None else f"{name}__serve();" if port.kind == "provides" \
            else f"{name}_run();"
        stop = f"tsr_rt_call(TSR_SLOT_{name.upper()}_TCB, MSGINFO(INV_TCB_SUSPEND, 0, 0));"
        out.append({"index": index, "call": call, "stop": stop})
    return out
