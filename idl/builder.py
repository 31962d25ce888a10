# SPDX-License-Identifier: BSD-2-Clause
"""Spec construction helpers for the lower stage.

Input: calls from lower.py / lower_vm.py. Output: spec.Object, Space,
Cap, Mapping and PageTable records, appended in call order (so the spec
is deterministic). finish() sizes every CNode and derives the page
tables each VSpace needs: a level-2 table per 1 GiB touched and a level-3
table per 2 MiB touched by 4 KiB frames (the VSpace root is level 1).
"""
from . import platform as P
from . import spec as S

RIGHTS_ALL = 0xF
R, W, G, GP = 1, 2, 4, 8
MAP_X, MAP_D = 1, 2
CNODE_MIN_BITS = 5


class Builder:
    def __init__(self):
        self.objects, self.spaces, self.irqs = [], [], []
        self._by_name = {}
        self.klog = None  # spec.Klog, set by a component's klog item
        self.gicv = None  # spec.Gicv, set by a component's gicv item

    def obj(self, name, otype, count=1, paddr=None, fill=None, size_bits=None, init_slot=None):
        """Create an object (array) once; return its name."""
        if name not in self._by_name:
            bits = S.OBJ_BITS.get(otype, 0) if size_bits is None else size_bits
            ob = S.Object(name, otype, bits, count, paddr, fill, init_slot)
            self.objects.append(ob)
            self._by_name[name] = ob
        return name

    def get(self, name):
        return self._by_name[name]

    def names(self):
        """The names of the objects made so far."""
        return self._by_name.keys()

    def frames(self, name, size, paddr=None, fill=None, large_ok=True):
        """A frame array covering size bytes; 2 MiB frames when size and
        paddr allow (and large_ok), else 4 KiB. Returns (name, page size)."""
        large = large_ok and size % P.LARGE_PAGE == 0 and (paddr or 0) % P.LARGE_PAGE == 0
        page = P.LARGE_PAGE if large else P.PAGE
        otype = "OBJ_FRAME_2M" if large else "OBJ_FRAME_4K"
        self.obj(name, otype, count=-(-size // page), paddr=paddr, fill=fill)
        return name, page

    def space(self, name, kind, source, image):
        cnode = self.obj(f"{name}.cnode", "OBJ_CNODE", size_bits=CNODE_MIN_BITS)
        vspace = self.obj(f"{name}.vspace", "OBJ_VSPACE")
        sp = S.Space(name, kind, source, image, cnode, CNODE_MIN_BITS, vspace)
        self.spaces.append(sp)
        if kind != "guest":
            self.cap(sp, cnode, RIGHTS_ALL, note="own cnode")
            self.cap(sp, vspace, RIGHTS_ALL, note="own vspace")
        return sp

    def cap(self, sp, obj, rights, badge=0, index=0, note=""):
        """Put a cap in the next free slot of sp; return the slot."""
        slot = len(sp.caps) + 1
        sp.caps.append(S.Cap(slot, obj, index, rights, badge, note))
        return slot

    def map(self, sp, vaddr, obj, page, rights, attrs=0, note="", first=0, count=None):
        ob = self.get(obj)
        count = ob.count - first if count is None else count
        sp.maps.append(S.Mapping(vaddr, obj, first, count, page, rights, attrs, note))
        return vaddr

    def finish(self):
        """Size CNodes and add page tables; call once, after all else."""
        for sp in self.spaces:
            used = max(len(sp.caps) + 1, sp.min_slots)
            bits = max(CNODE_MIN_BITS, (used - 1).bit_length())
            sp.cnode_bits = bits
            self.get(sp.cnode).size_bits = bits
            self._page_tables(sp)

    def _page_tables(self, sp):
        l2, l3 = set(), set()
        for m in sp.maps:
            for i in range(m.count):
                va = m.vaddr + i * m.page
                l2.add(va // P.PT_L2_SPAN * P.PT_L2_SPAN)
                if m.page == P.PAGE:
                    l3.add(va // P.LARGE_PAGE * P.LARGE_PAGE)
        vaddrs = [(2, v) for v in sorted(l2)] + [(3, v) for v in sorted(l3)]
        if not vaddrs:
            return
        name = self.obj(f"{sp.name}.pt", "OBJ_PAGE_TABLE", count=len(vaddrs))
        sp.tables = [S.PageTable(v, lvl, name, i) for i, (lvl, v) in enumerate(vaddrs)]
