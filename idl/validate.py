# SPDX-License-Identifier: BSD-2-Clause
"""Validate stage: model.System -> None.

Input: a resolved model.System. Output: nothing; raises IdlError at the
first mistake, in this order: types and procedures, components,
instances, connections (validate_conn.py), VMs and hardware claims
(validate_vm.py), static partitions (validate_part.py). After it
returns, lower may assume every limit in platform.py holds.
"""
from . import platform as P
from .checks import in_range, in_space, show
from .errors import IdlError
from .marshal import method_words
from .validate_conn import check_connections
from .validate_part import check_partitions
from .validate_vm import check_vms

INT_RANGES = {
    name: ((-(1 << (8 * size - 1)), (1 << (8 * size - 1)) - 1) if name[0] == "i"
           else (0, (1 << (8 * size)) - 1))
    for name, size in {"int8": 1, "uint8": 1, "int16": 2, "uint16": 2, "int32": 4,
                       "uint32": 4, "int64": 8, "uint64": 8}.items()}


C_KEYWORDS = frozenset("""auto break case char const continue default do double else enum
    extern float for goto if inline int long register restrict return short signed sizeof
    static struct switch typedef union unsigned void volatile while bool true false""".split())


def c_name(name, loc, what):
    """Names that become C identifiers may not be C keywords or glue names."""
    if name in C_KEYWORDS or name.startswith("tsr_") or name in ("run", "main"):
        raise IdlError(loc, f"'{name}' cannot name a {what} (it is a C keyword or a name the "
                       "glue uses)")


def validate(system):
    """Check everything lower relies on; see the module docstring."""
    _check_c_names(system)
    for struct in system.structs:
        for _, ftype, _ in struct.fields:
            check_type(ftype)
    for proc in system.procs:
        _check_proc(proc)
    for comp in system.comps:
        _check_component(comp)
    holders = {}
    for inst in system.instances:
        _check_instance(inst)
        _check_one_holder(inst, holders)
    check_connections(system)
    check_vms(system)
    check_partitions(system)


# Items with one holder per system (and one per component): kind -> (what
# holding it means, why there is one), for the messages of the two rules.
ONE_HOLDER = {
    "irq_control": ("hold the IRQ control capability", "there is only one"),
    "klog": ("drain the kernel log", "there is one log ring"),
    "gicv": ("hold the GICV frames", "one holder per system: it is trusted with every VM's "
             "virtual interrupts"),
}


def _check_one_holder(inst, holders):
    """inst holds no ONE_HOLDER item an earlier instance (in holders, kind ->
    instance, updated) holds."""
    for kind, (what, why) in ONE_HOLDER.items():
        if not inst.comp.port_of_kind(kind):
            continue
        first = holders.setdefault(kind, inst)
        if first is not inst:
            raise IdlError(inst.loc, f"instance {inst.name} would {what}, but {first.name} "
                           f"(at {first.loc}) already does ({why})")


def _check_c_names(system):
    for struct in system.structs:
        c_name(struct.name, struct.loc, "struct")
        for fname, _, floc in struct.fields:
            c_name(fname, floc, "field")
    for proc in system.procs:
        for method in proc.methods:
            c_name(method.name, method.loc, "method")
            for param in method.params:
                c_name(param.name, param.loc, "parameter")
    for comp in system.comps:
        for item in comp.ports + comp.attrs:
            c_name(item.name, item.loc, "interface" if item in comp.ports else "attribute")


def check_type(t):
    """String bounds and array lengths within platform limits."""
    if t.kind == "string":
        _range_at(t.bound, t.bound_loc, 1, P.STRING_BOUND_MAX, "string bound")
    if t.length is not None:
        _range_at(t.length, t.length_loc, 1, P.ARRAY_LENGTH_MAX, "array length")


def _range_at(value, loc, low, high, what):
    if not low <= value <= high:
        raise IdlError(loc, f"{what} {value} out of range ({low}..{high})")


def _check_proc(proc):
    for method in proc.methods:
        if method.ret is not None:
            check_type(method.ret)
            if method.ret.kind not in ("int", "bool") or method.ret.length is not None:
                raise IdlError(method.ret.loc, "a method returns void, an integer or bool "
                               "(use out parameters for the rest)")
        for param in method.params:
            check_type(param.type)
        for direction in ("in", "out"):
            words = method_words(method, direction)
            if words > P.MSG_MAX_WORDS:
                raise IdlError(method.loc, f"method {method.name}: {direction} parameters need "
                               f"{words} message words, more than {P.MSG_MAX_WORDS}")


def _check_component(comp):
    from .model import Value
    if comp.priority is not None:
        in_range(Value(comp.priority.value, comp.priority.loc), 0, P.PRIORITY_MAX, "priority")
    if comp.affinity is not None:
        in_range(Value(comp.affinity.value, comp.affinity.loc), 0, P.MAX_CPUS - 1, "affinity")
    if comp.stack is not None:
        _aligned(comp.stack.value, comp.stack.loc, "stack size")
        _range_at(comp.stack.value, comp.stack.loc, P.PAGE, P.STACK_MAX, "stack size")
    if comp.slots is not None:
        _range_at(comp.slots.value, comp.slots.loc, 1, P.SLOTS_MAX, "slot count")
    _check_threads(comp)
    for kind in ONE_HOLDER:
        if sum(p.kind == kind for p in comp.ports) > 1:
            second = [p for p in comp.ports if p.kind == kind][1]
            raise IdlError(second.loc, f"component {comp.name} has more than one {kind}")
    if not comp.control and not any(p.kind == "provides" for p in comp.ports):
        raise IdlError(comp.loc, f"component {comp.name} has no thread (declare 'control;' "
                       "or provide a procedure)")
    for port in comp.ports:
        if port.kind in ("provides", "klog") and port.name == "control" and comp.control:
            raise IdlError(port.loc, f"a {'provided interface' if port.kind == 'provides' else 'klog'} "
                           "of a component with control may not be named 'control' (that is "
                           "the control thread's name)")
        _check_port(port)
    for attr in comp.attrs:
        check_type(attr.type)
        if attr.type.kind == "struct" or attr.type.length is not None:
            raise IdlError(attr.type.loc, "an attribute is an integer, bool or string")
        if attr.default is not None:
            check_value(attr, attr.default)


def _check_threads(comp):
    """Thread i takes the slot at THREAD_AREA + i * THREAD_SLOT (lower.py);
    the slots end where the dataports begin."""
    most = (P.DATAPORT_BASE - P.THREAD_AREA) // P.THREAD_SLOT
    ports = [p for p in comp.ports if p.kind in ("provides", "klog")]
    if int(comp.control) + len(ports) > most:
        raise IdlError(ports[most - int(comp.control)].loc, f"component {comp.name} has more "
                       f"than {most} threads (one per provided interface, control, klog; "
                       f"thread i takes {P.THREAD_SLOT:#x} bytes from {P.THREAD_AREA:#x} + i * "
                       f"{P.THREAD_SLOT:#x}, below {P.DATAPORT_BASE:#x})")


def _aligned(value, loc, what, align=P.PAGE):
    if value % align:
        raise IdlError(loc, f"{what} {value:#x} is not a multiple of {align:#x}")


def _check_port(port):
    if port.kind == "dataport":
        _aligned(port.size, port.size_loc, "dataport size")
        _range_at(port.size, port.size_loc, P.PAGE, 1 << 26, "dataport size")
    elif port.kind == "mmio":
        in_space(f"mmio region {port.name}", port.base, port.size, (port.base_loc, port.size_loc),
                 P.PAGE, P.PHYS_LIMIT, P.PHYS_NOTE)
        _aligned(port.base, port.base_loc, "region base")
        _aligned(port.size, port.size_loc, "region size")
        _range_at(port.size, port.size_loc, P.PAGE, 1 << 26, "region size")
    elif port.kind == "irq":
        _range_at(port.base, port.base_loc, 32, 1019, "interrupt number")
    elif port.kind == "untyped":
        _range_at(port.size, port.size_loc, P.UNTYPED_MIN, P.UNTYPED_MAX, "untyped pool size")
        if port.size & (port.size - 1):
            raise IdlError(port.size_loc, f"untyped pool size {port.size:#x} is not a power of two")


def check_value(attr, node):
    """A syntax value node or model.Value against an attribute's type."""
    value, loc = (node.text == "true", node.loc) if hasattr(node, "text") else (node.value, node.loc)
    kind = attr.type.kind
    want = {"int": int, "bool": bool, "string": str}[kind]
    if type(value) is not want:
        raise IdlError(loc, f"attribute '{attr.name}' is {_type_name(attr.type)}; "
                       f"{show(value)} is not {'an integer' if kind == 'int' else 'a ' + kind}")
    if kind == "int":
        low, high = INT_RANGES[attr.type.name]
        if not low <= value <= high:
            raise IdlError(loc, f"attribute '{attr.name}' is {attr.type.name}; {value} is out "
                           f"of range ({low}..{high})")
    if kind == "string" and len(value.encode()) > attr.type.bound:
        raise IdlError(loc, f"attribute '{attr.name}' is {_type_name(attr.type)}; the value "
                       f"has {len(value.encode())} bytes")


def _type_name(t):
    return f"string<{t.bound}>" if t.kind == "string" else t.name


def _check_instance(inst):
    in_range(inst.priority, 0, P.PRIORITY_MAX, "priority")
    if inst.affinity is not None:
        in_range(inst.affinity, 0, P.MAX_CPUS - 1, "affinity")
    for attr in inst.comp.attrs:
        check_value(attr, inst.attrs[attr.name])
