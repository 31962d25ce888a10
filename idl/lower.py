# SPDX-License-Identifier: BSD-2-Clause
"""Lower stage: a validated model.System -> spec.Spec.

Input: a model.System that passed validate. Output: the capability
distribution: init's fault endpoint first, then the objects shared by
connections (wiring.py), then per component instance (assembly order) and
per VM (declaration order, VMM then guest) its CNode, VSpace, threads,
caps, mappings and page tables; IRQ handlers; the boot-archive files.
Raises IdlError for one thing validate cannot see without the wiring: a
component whose dataports, link buffers and klog ring do not fit between
DATAPORT_BASE and DATAPORT_LIMIT. Never raises otherwise.

Component address space (platform.py): the ELF at its link address
(sized at boot from the ELF, not listed), thread i in the 1 MiB slot at
THREAD_AREA + i * THREAD_SLOT: [guard | stack | guard | IPC buffer |
guard], dataports from DATAPORT_BASE in interface order (aligned to their
frame size, a guard page between), device regions from MMIO_BASE.
Threads: 'control' (index 0, when the component has control) then one
per provided interface, in declaration order, then one for a klog item
(named as the item; it runs <name>_run()).

CNode slots: 1 own CNode, 2 own VSpace; per thread: TCB, fault endpoint
(init's, badged with the thread's global number), reply object (server
threads); then per interface in declaration order (docs/idl.md). A gicv
item's two caps name the device frames init.gicv (platform.GICV), which
init also maps into GICv2 guests.
"""
from dataclasses import dataclass, field

from . import platform as P
from .builder import GP, MAP_D, RIGHTS_ALL, Builder, R, W
from .errors import IdlError
from .lower_vm import lower_vm
from .partition import held_cores
from .spec import Gicv, Irq, Klog, Spec, Thread
from .wiring import ntfn_name, wire

INIT_FAULT_EP = "init.fault_ep"
IRQ_CONTROL = "init.irq_control"
LOG_RING = "init.log_ring"
GICV = "init.gicv"


@dataclass
class PortFacts:
    """Per interface facts the glue needs (slots and addresses)."""
    kind: str
    name: str
    port: object = None
    slots: list = field(default_factory=list)
    badges: list = field(default_factory=list)
    vaddr: int = 0
    size: int = 0
    reply_slot: int = 0
    thread: int = -1
    links: list = field(default_factory=list)  # of (Link, ntfn slot, buffer vaddr)


@dataclass
class GlueFacts:
    threads: list = field(default_factory=list)  # of (index, name, provides port or None)
    ports: list = field(default_factory=list)
    attrs: list = field(default_factory=list)    # of (AttrDef, python value)
    vm: object = None


def lower(system):
    """Produce the spec; see the module docstring."""
    b = Builder()
    b.thread_count = 0
    b.obj(INIT_FAULT_EP, "OBJ_ENDPOINT")
    w = wire(system, b)
    for inst in system.instances:
        _component(b, w, inst)
    archive = {}
    held = held_cores(system)
    vms = [lower_vm(b, w, vm, archive, new_thread, held) for vm in system.vms]
    b.finish()
    files = sorted(archive.values(), key=lambda f: f.name)
    return Spec(system.name, system.path, b.objects, b.spaces, b.irqs, files, vms,
                list(system.inputs), w.shell, b.klog, b.gicv)


def new_thread(b, sp, name, index, prio, core, stack_size, server):
    """Objects, caps and mappings of one thread in thread slot index."""
    b.thread_count += 1
    tcb = b.obj(f"{sp.name}.{name}.tcb", "OBJ_TCB")
    top_of_slot = P.THREAD_AREA + (index + 1) * P.THREAD_SLOT
    ipcbuf = top_of_slot - 2 * P.PAGE
    stack_top = ipcbuf - P.PAGE
    stack, _ = b.frames(f"{sp.name}.{name}.stack", stack_size, large_ok=False)
    b.map(sp, stack_top - stack_size, stack, P.PAGE, R | W, note=f"stack of {name}")
    buf, _ = b.frames(f"{sp.name}.{name}.ipcbuf", P.PAGE)
    b.map(sp, ipcbuf, buf, P.PAGE, R | W, note=f"IPC buffer of {name}")
    b.cap(sp, tcb, RIGHTS_ALL, note=f"tcb of {name}")
    fault = b.cap(sp, INIT_FAULT_EP, W | GP, badge=b.thread_count, note=f"fault endpoint of {name}")
    reply = 0
    if server:
        reply = b.cap(sp, b.obj(f"{sp.name}.{name}.reply", "OBJ_REPLY"), RIGHTS_ALL,
                      note=f"reply object of {name}")
    th = Thread(name, tcb, 0, prio, core, "init", x0=index, stack_top=stack_top,
                stack_size=stack_size, ipcbuf=ipcbuf, ipcbuf_obj=buf, fault_slot=fault)
    sp.threads.append(th)
    return th, reply


def _component(b, w, inst):
    comp = inst.comp
    sp = b.space(inst.name, "component", comp.name, f"{inst.name}.elf")
    facts = GlueFacts(attrs=[(a, inst.attrs[a.name].value) for a in comp.attrs])
    sp.glue = facts
    sp.min_slots = comp.slots.value if comp.slots else 0
    core = inst.affinity.value if inst.affinity else 0
    stack = comp.stack.value if comp.stack else P.STACK_DEFAULT
    roles = [p for p in comp.ports if p.kind == "provides"] + \
        [p for p in comp.ports if p.kind == "klog"]
    roles = ([None] if comp.control else []) + roles
    names = [p.name if p is not None else "control" for p in roles]
    replies = {}
    for i, (name, port) in enumerate(zip(names, roles)):
        server = port if port is not None and port.kind == "provides" else None
        _, replies[name] = new_thread(b, sp, name, i, inst.priority.value, core, stack, server)
        facts.threads.append((i, name, port))
    cursor = [P.DATAPORT_BASE, P.MMIO_BASE]
    for port in comp.ports:
        pf = PortFacts(port.kind, port.name, port)
        facts.ports.append(pf)
        _port(b, w, sp, inst, port, pf, cursor, replies)
        if cursor[0] - P.PAGE > P.DATAPORT_LIMIT:
            raise IdlError(port.loc, f"instance {inst.name}: {port.kind} {port.name} would end "
                           f"at {cursor[0] - P.PAGE:#x}, beyond the area {P.DATAPORT_BASE:#x}.."
                           f"{P.DATAPORT_LIMIT:#x} its dataports, link buffers and klog ring share")
        if port.kind == "provides":
            pf.thread = names.index(port.name)


def next_vaddr(cursor, which, size, page):
    """Allocate an aligned range from cursor[which], leaving a guard page."""
    va = -(-cursor[which] // page) * page
    cursor[which] = va + size + P.PAGE
    return va


def _port(b, w, sp, inst, port, pf, cursor, replies):
    key = (inst.name, port.name)
    if port.kind == "uses":
        ep, badge = w.uses[key]
        pf.slots, pf.badges = [b.cap(sp, ep, W | GP, badge, note=port.name)], [badge]
        link = w.links.get(key)
        if link is not None:  # a component link client (wiring.py)
            slot = b.cap(sp, link.ntfn, R, note=f"{port.name}: notification")
            va = next_vaddr(cursor, 0, link.size, P.PAGE)
            b.map(sp, va, link.buffer, P.PAGE, R | W, note=f"{port.name}: buffer")
            pf.links.append((link, slot, va))
    elif port.kind == "provides":
        ep = b.obj(f"{inst.name}.{port.name}.ep", "OBJ_ENDPOINT")
        pf.slots = [b.cap(sp, ep, R, note=port.name)]
        pf.reply_slot = replies[port.name]
        pf.badges = [badge for badge, _ in w.clients.get(key, [])]
        for link in w.served.get(key, []):
            slot = b.cap(sp, link.ntfn, W, 1 << link.bit, note=f"{port.name}: {link.vm}.{link.device}")
            va = next_vaddr(cursor, 0, link.size, P.PAGE)
            b.map(sp, va, link.buffer, P.PAGE, R | W, note=f"{port.name}: buffer of {link.vm}.{link.device}")
            pf.links.append((link, slot, va))
    elif port.kind == "emits":
        for ntfn, badge, label in w.emits.get(key, []):
            pf.slots.append(b.cap(sp, ntfn, W, badge, note=f"{port.name} -> {label}"))
            pf.badges.append(badge)
    elif port.kind == "consumes":
        ntfn = b.obj(ntfn_name(*key), "OBJ_NOTIFICATION")
        pf.slots = [b.cap(sp, ntfn, R, note=port.name)]
    elif port.kind == "dataport":
        frames = w.dataports.get(key) or b.frames(f"{inst.name}.{port.name}.frames", port.size)[0]
        page = P.LARGE_PAGE if b.get(frames).type == "OBJ_FRAME_2M" else P.PAGE
        pf.vaddr, pf.size = next_vaddr(cursor, 0, port.size, page), port.size
        b.map(sp, pf.vaddr, frames, page, R | W, note=f"dataport {port.name}")
    elif port.kind == "mmio":
        frames, page = b.frames(f"{inst.name}.{port.name}.mmio", port.size, paddr=port.base)
        pf.vaddr, pf.size = next_vaddr(cursor, 1, port.size, page), port.size
        b.map(sp, pf.vaddr, frames, page, R | W, MAP_D, note=f"device {port.name} at {port.base:#x}")
        pf.slots = [b.cap(sp, frames, R | W, index=i, note=f"device {port.name}, frame {i}")
                    for i in range(b.get(frames).count)]
    elif port.kind == "untyped":
        pool = b.obj(f"{inst.name}.{port.name}.untyped", "OBJ_UNTYPED",
                     size_bits=port.size.bit_length() - 1)
        pf.slots, pf.size = [b.cap(sp, pool, RIGHTS_ALL, note=f"untyped pool {port.name}")], port.size
    elif port.kind == "irq_control":
        ctl = b.obj(IRQ_CONTROL, "OBJ_IRQ_CONTROL", size_bits=0)
        pf.slots = [b.cap(sp, ctl, RIGHTS_ALL, note=f"irq control ({port.name})")]
    elif port.kind == "irq":
        ntfn = b.obj(ntfn_name(*key), "OBJ_NOTIFICATION")
        pf.slots = [irq_cap(b, sp, port.base, ntfn, 1, port.name),
                    b.cap(sp, ntfn, R, note=f"notification of irq {port.base}")]
    elif port.kind == "klog":
        _klog(b, sp, port, pf, cursor, ntfn_name(*key))
    elif port.kind == "gicv":
        _gicv(b, sp, port, pf)


def _klog(b, sp, port, pf, cursor, ntfn_obj):
    """The kernel log ring (init's own frame cap, copied) mapped read-write,
    and a notification init signals when the kernel wrote to it."""
    ring = b.obj(LOG_RING, "OBJ_FRAME_4K", init_slot="SLOT_LOG_RING_FRAME")
    ntfn = b.obj(ntfn_obj, "OBJ_NOTIFICATION")
    pf.slots = [b.cap(sp, ntfn, R, note=f"{port.name}: init signals it when the kernel logs")]
    pf.vaddr, pf.size = next_vaddr(cursor, 0, P.PAGE, P.PAGE), P.PAGE
    b.map(sp, pf.vaddr, ring, P.PAGE, R | W, note=f"{port.name}: the kernel log ring")
    b.klog = Klog(sp.name, ring, ntfn)


def _gicv(b, sp, port, pf):
    """Caps (read-write, not mapped) to the GICV device frames, one per page."""
    base, pages = P.GICV
    frames = b.obj(GICV, "OBJ_FRAME_4K", count=pages, paddr=base)
    pf.slots = [b.cap(sp, frames, R | W, index=i,
                      note=f"{port.name}: GICV page {i} at {base + i * P.PAGE:#x} (not mapped)")
                for i in range(pages)]
    b.gicv = Gicv(sp.name, frames, pf.slots)


def irq_cap(b, sp, irq, ntfn, badge, what):
    """Put an IRQ handler cap in sp and record that init binds the handler
    to ntfn with badge. Returns the slot."""
    handler = b.obj(f"irq.{irq}", "OBJ_IRQ_HANDLER")
    slot = b.cap(sp, handler, RIGHTS_ALL, note=f"irq {irq} ({what})")
    b.irqs.append(Irq(irq, handler, sp.name, slot, ntfn, badge))
    return slot
