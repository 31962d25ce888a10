# SPDX-License-Identifier: BSD-2-Clause
"""Abstract syntax of one source file, as produced by parser.parse_file.

Every node keeps the Loc of the token that names it, so that later stages
can point at the offending token. Names are Name(text, loc); integers that
need a location are Num(value, loc).
"""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Name:
    text: str
    loc: object


@dataclass(frozen=True)
class Num:
    value: int
    loc: object


@dataclass(frozen=True)
class Str:
    value: str
    loc: object


@dataclass
class TypeRef:
    """base: an integer type name, 'bool', 'string' or a struct name.
    bound: the N of string<N>; length: the N of T[N] (or None)."""
    base: Name
    bound: Num = None
    length: Num = None


@dataclass
class Field:
    type: TypeRef
    name: Name


@dataclass
class Struct:
    name: Name
    fields: list


@dataclass
class Param:
    direction: str  # "in", "out", "inout"
    type: TypeRef
    name: Name


@dataclass
class Method:
    ret: TypeRef  # None for void
    name: Name
    params: list


@dataclass
class Procedure:
    name: Name
    methods: list


@dataclass
class Port:
    """provides/uses (type = procedure), emits/consumes (type = event
    name), dataport (size), mmio (base, size), irq (number), untyped (size)
    irq_control, klog or gicv (nothing)."""
    kind: str
    name: Name
    type: Name = None
    size: Num = None
    base: Num = None


@dataclass
class Attribute:
    type: TypeRef
    name: Name
    default: object = None  # a Num, Str or Name(true/false), or None


@dataclass
class Component:
    name: Name
    control: bool = False
    ports: list = field(default_factory=list)
    attributes: list = field(default_factory=list)
    priority: Num = None
    affinity: Num = None
    stack: Num = None
    slots: Num = None


@dataclass
class Instance:
    name: Name
    component: Name


@dataclass
class End:
    instance: Name
    port: Name


@dataclass
class Connection:
    connector: Name
    name: Name
    sources: list  # of End ("from")
    target: End    # "to"


@dataclass
class Setting:
    instance: Name
    key: Name
    value: object  # Num, Str or Name(true/false)


@dataclass
class Assembly:
    loc: object
    instances: list
    connections: list
    settings: list


@dataclass
class Device:
    name: Name
    kind: Name
    image: Str = None
    link: Str = None
    readonly: bool = False
    size: object = None  # Num: a channel's shared region


@dataclass
class Vm:
    name: Name
    memory: list = field(default_factory=list)  # of (Num base, Num size)
    vcpus: Num = None
    kernel: Str = None
    initrd: Str = None
    bootargs: Str = None
    dtb: object = None  # Str (a file) or Name('generated')
    devices: list = field(default_factory=list)
    mmio: list = field(default_factory=list)  # of (Num base, Num size)
    irqs: list = field(default_factory=list)  # of Num
    priority: Num = None
    affinity: list = field(default_factory=list)  # of Num
    pmu: bool = False
    partitioned: object = None  # the Loc of 'partitioned', or None


@dataclass
class Import:
    path: Str


@dataclass
class SourceFile:
    path: str
    imports: list = field(default_factory=list)
    structs: list = field(default_factory=list)
    procedures: list = field(default_factory=list)
    components: list = field(default_factory=list)
    vms: list = field(default_factory=list)
    assemblies: list = field(default_factory=list)
