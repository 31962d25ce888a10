# SPDX-License-Identifier: BSD-2-Clause
"""The capability-distribution spec: what lower produces and render and
spec_text print. Plain data; every list is in a deterministic order.

Objects may be arrays (count > 1, made by one Untyped_Retype); caps and
mappings name an element as (object, index). Sizes follow objects.h: a
CNode's size_bits is log2 of its slot count, other objects use the
OBJ_*_BITS constant of their type; IRQ handlers (size_bits 0) come from
IrqControl_Get, not from untyped; the IRQ control object (init.irq_control)
is init's own capability, copied, and so is the kernel log ring's frame
(init.log_ring, init_slot SLOT_LOG_RING_FRAME) a klog item maps. A frame object with paddr is device
memory at that physical address; one with fill is filled by init with the
bytes of that boot-archive file (then zeroes). The GICV frames (init.gicv,
device frames, see Gicv) are made once and also serve init's own mapping
of GICC into GICv2 guests.
"""
from dataclasses import dataclass, field

RIGHT_BITS = (("R", 1), ("W", 2), ("G", 4), ("P", 8))   # objects.h RIGHT_*
ATTR_BITS = (("X", 1), ("D", 2))                        # objects.h MAP_*
OBJ_BITS = {
    "OBJ_TCB": 11, "OBJ_ENDPOINT": 5, "OBJ_NOTIFICATION": 6, "OBJ_REPLY": 5,
    "OBJ_VSPACE": 13, "OBJ_PAGE_TABLE": 12, "OBJ_FRAME_4K": 12, "OBJ_FRAME_2M": 21,
    "OBJ_VCPU": 12, "OBJ_IRQ_HANDLER": 0,
}
CNODE_SLOT_BITS = 6


def letters(value, table):
    """A bit set as fixed-position letters, '-' for a clear bit."""
    return "".join(ch if value & bit else "-" for ch, bit in table)


@dataclass
class Object:
    name: str
    type: str
    size_bits: int
    count: int = 1
    paddr: int = None
    fill: str = None
    init_slot: str = None  # init's own cap in this fixed slot (<tessera/bootinfo.h>), copied

    @property
    def bytes(self):
        """Bytes of untyped memory the object needs (0: not from RAM untyped)."""
        if self.type in ("OBJ_IRQ_HANDLER", "OBJ_IRQ_CONTROL") or self.paddr is not None or \
                self.init_slot is not None:
            return 0
        bits = self.size_bits + (CNODE_SLOT_BITS if self.type == "OBJ_CNODE" else 0)
        return self.count << bits


@dataclass
class Cap:
    slot: int
    obj: str
    index: int
    rights: int
    badge: int = 0
    note: str = ""


@dataclass
class Mapping:
    vaddr: int
    obj: str
    first: int
    count: int
    page: int
    rights: int
    attrs: int
    note: str = ""


@dataclass
class PageTable:
    vaddr: int
    level: int
    obj: str
    index: int


@dataclass
class Thread:
    name: str
    tcb: str
    tcb_index: int
    priority: int
    affinity: int
    start: str            # "init": init resumes it; "vmm": its VMM does (vCPUs)
    x0: int = 0
    stack_top: int = 0
    stack_size: int = 0
    ipcbuf: int = 0       # vaddr, 0 for none
    ipcbuf_obj: str = ""
    fault_slot: int = 0
    bound_ntfn: str = ""
    vcpu: str = ""
    vcpu_index: int = 0


@dataclass
class Irq:
    irq: int
    handler: str
    holder: str
    slot: int
    ntfn: str
    badge: int


@dataclass
class Klog:
    """The kernel log ring's drainer (a component's klog item): init stops
    draining while space runs and signals ntfn (bit 0) when the kernel wrote."""
    space: str
    ring: str
    ntfn: str


@dataclass
class Gicv:
    """The GICv2 virtual CPU interface's frames (a component's gicv item):
    object frames (platform.GICV, device memory) of which space holds caps
    (not mapped); init maps the same frames as the GICC of GICv2 guests (a
    device region is retyped only once)."""
    space: str
    frames: str
    slots: list


@dataclass
class Space:
    """One CSpace + VSpace: a component, a VMM, or a guest."""
    name: str
    kind: str             # "component", "vmm" or "guest"
    source: str           # component type ("vmm" for VMMs, "guest" for guests)
    image: str            # boot-archive ELF file, "" for a guest
    cnode: str
    cnode_bits: int
    vspace: str
    caps: list = field(default_factory=list)
    maps: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    threads: list = field(default_factory=list)
    min_slots: int = 0    # the component asked for at least this many slots
    glue: object = None   # render-only facts (slots, addresses), see lower.py


@dataclass
class ArchiveFile:
    name: str
    written: str
    path: str
    size: int


@dataclass
class Spec:
    system: str
    source: str
    objects: list
    spaces: list
    irqs: list
    archive: list
    vms: list = field(default_factory=list)
    inputs: list = field(default_factory=list)
    shell: object = None  # wiring.Link of init's console client, or None
    klog: Klog = None     # the kernel log's drainer, or None (init drains it)
    gicv: Gicv = None     # the GICV frames' holder, or None (init makes them itself)

    def untyped(self):
        """{size_bits: number of objects} of RAM untyped needed, and bytes."""
        need = {}
        for obj in self.objects:
            if obj.bytes:
                bits = obj.size_bits + (CNODE_SLOT_BITS if obj.type == "OBJ_CNODE" else 0)
                need[bits] = need.get(bits, 0) + obj.count
        return dict(sorted(need.items())), sum(o.bytes for o in self.objects)

    def device_regions(self):
        return [(o.paddr, o.count << o.size_bits, o.name) for o in self.objects
                if o.paddr is not None]
