# SPDX-License-Identifier: BSD-2-Clause
"""Parser methods for components, assemblies and VMs (mixed into
parser.Parser; split out to keep files small). Same contract as
parser.py: each method consumes one production or raises IdlError."""
from . import syntax as S
from .errors import IdlError

PORT_KINDS = ("provides", "uses", "emits", "consumes")


def component(self):
    comp = S.Component(self.name("a component name"))
    self.expect("{")
    while not self.at("}"):
        self.component_item(comp)
    self.end_decl()
    return comp


def _once(self, holder, attr, tok):
    if getattr(holder, attr) not in (None, False, []):
        raise IdlError(tok.loc, f"'{tok.value}' given twice")


def component_item(self, comp):
    tok = self.peek()
    word = tok.value if tok.kind == "IDENT" else None
    if word == "control":
        self.take()
        _once(self, comp, "control", tok)
        comp.control = True
    elif word in PORT_KINDS:
        self.take()
        ptype = self.name("an interface type")
        comp.ports.append(S.Port(word, self.name("an interface name"), type=ptype))
    elif word == "dataport":
        self.take()
        name = self.name("a dataport name")
        comp.ports.append(S.Port(word, name, size=self.num("the dataport size")))
    elif word == "mmio":
        self.take()
        name = self.name("a region name")
        base = self.num("the region base address")
        comp.ports.append(S.Port(word, name, base=base, size=self.num("the region size")))
    elif word == "irq":
        self.take()
        name = self.name("an interrupt name")
        comp.ports.append(S.Port(word, name, base=self.num("an interrupt number")))
    elif word == "untyped":
        self.take()
        name = self.name("an untyped pool name")
        comp.ports.append(S.Port(word, name, size=self.num("the pool size")))
    elif word == "irq_control":
        self.take()
        comp.ports.append(S.Port(word, self.name("a name for the IRQ control capability")))
    elif word == "klog":
        self.take()
        comp.ports.append(S.Port(word, self.name("a name for the kernel log")))
    elif word == "gicv":
        self.take()
        comp.ports.append(S.Port(word, self.name("a name for the GICV frames")))
    elif word == "attribute":
        self.take()
        atype = self.type_ref()
        attr = S.Attribute(atype, self.name("an attribute name"))
        if self.accept("="):
            attr.default = self.value()
        comp.attributes.append(attr)
    elif word in ("priority", "affinity", "stack", "slots"):
        self.take()
        _once(self, comp, word, tok)
        setattr(comp, word, self.num())
    else:
        self.fail("a component item (control, provides, uses, emits, consumes, dataport, "
                  "mmio, irq, untyped, irq_control, klog, gicv, attribute, priority, affinity, "
                  "stack, slots) or '}'")
    self.expect(";")


def assembly(self):
    asm = S.Assembly(self.toks[self.pos - 1].loc, [], [], [])
    self.expect("{")
    self.expect("composition")
    self.expect("{")
    while not self.at("}"):
        if self.accept("component"):
            ctype = self.name("a component type")
            asm.instances.append(S.Instance(self.name("an instance name"), ctype))
            self.expect(";")
        elif self.accept("connection"):
            asm.connections.append(self.connection())
        else:
            self.fail("'component', 'connection' or '}'")
    self.expect("}")
    if self.accept("configuration"):
        self.expect("{")
        while not self.at("}"):
            inst = self.name("an instance name")
            self.expect(".")
            key = self.name("an attribute name")
            self.expect("=")
            asm.settings.append(S.Setting(inst, key, self.value()))
            self.expect(";")
        self.expect("}")
    self.end_decl()
    return asm


def _end(self):
    inst = self.name("an instance name")
    self.expect(".")
    return S.End(inst, self.name("an interface name"))


def connection(self):
    connector = self.name("a connector (rpc, notification, dataport, vm_console, vm_net, vm_channel)")
    name = self.name("a connection name")
    self.expect("(")
    sources = []
    while True:
        self.expect("from", "'from'" if not sources else "'from' or 'to'")
        sources.append(_end(self))
        if self.at(")"):
            raise IdlError(self.peek().loc, f"connection {name.text} has no 'to' end (a "
                           "connection joins one or more 'from' ends to one 'to' end)")
        self.expect(",")
        if self.at("to"):
            break
    self.expect("to")
    target = _end(self)
    self.expect(")")
    self.expect(";")
    return S.Connection(connector, name, sources, target)


def vm(self):
    node = S.Vm(self.name("a vm name"))
    self.expect("{")
    while not self.at("}"):
        self.vm_item(node)
        self.expect(";")
    self.end_decl()
    return node


def vm_item(self, node):
    tok = self.peek()
    word = tok.value if tok.kind == "IDENT" else None
    if word == "memory":
        self.take()
        node.memory.append((self.num("the memory base"), self.num("the memory size")))
    elif word in ("vcpus", "priority"):
        self.take()
        _once(self, node, word, tok)
        setattr(node, word, self.num())
    elif word in ("kernel", "initrd", "bootargs"):
        self.take()
        _once(self, node, word, tok)
        setattr(node, word, self.string())
    elif word == "dtb":
        self.take()
        _once(self, node, word, tok)
        node.dtb = self.name() if self.at("generated") else self.string("'generated' or a file name")
    elif word == "device":
        self.take()
        node.devices.append(self.device())
    elif word == "passthrough":
        self.take()
        if self.accept("mmio"):
            node.mmio.append((self.num("the region base"), self.num("the region size")))
        elif self.accept("irq"):
            node.irqs.append(self.num("an interrupt number"))
        else:
            self.fail("'mmio' or 'irq'")
    elif word == "affinity":
        self.take()
        _once(self, node, word, tok)
        node.affinity.append(self.num("a CPU number"))
        while self.peek().kind == "INT":
            node.affinity.append(self.num())
    elif word == "pmu":
        self.take()
        _once(self, node, word, tok)
        node.pmu = True
    elif word == "partitioned":
        self.take()
        _once(self, node, word, tok)
        node.partitioned = tok.loc
    else:
        self.fail("a vm item (memory, vcpus, kernel, initrd, bootargs, dtb, device, "
                  "passthrough, priority, affinity, partitioned, pmu) or '}'")


def device(self):
    dev = S.Device(self.name("a device name"), self.name("a device kind"))
    if self.accept("{"):
        while not self.at("}"):
            tok = self.peek()
            if self.accept("image"):
                _once(self, dev, "image", tok)
                dev.image = self.string("a disk image file name")
            elif self.accept("link"):
                _once(self, dev, "link", tok)
                dev.link = self.string("a link name")
            elif self.accept("readonly"):
                _once(self, dev, "readonly", tok)
                dev.readonly = True
            elif self.accept("size"):
                _once(self, dev, "size", tok)
                dev.size = self.num("the channel's size")
            else:
                self.fail("a device item (image, link, readonly, size) or '}'")
            self.expect(";")
        self.expect("}")
    return dev
