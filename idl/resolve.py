# SPDX-License-Identifier: BSD-2-Clause
"""Resolve stage: SourceFiles -> model.System.

Input: loader.Loaded and paths.Options. Output: a model.System in which
every name is bound (types, procedures, components, instances, VMs,
devices, interfaces) and every file named by a VM is looked up (paths.py;
a file not found keeps path None, reported by validate). Raises IdlError
for an unknown or duplicate name, a second assembly, or an instance
attribute without a value. Checks nothing else.
"""
import os

from . import model as M
from .errors import IdlError
from .syntax import Name
from .names import unique
from .resolve_types import resolve_procs, resolve_structs, resolve_type
from .resolve_vm import resolve_vm

CONNECTORS = ("rpc", "notification", "dataport", "vm_console", "vm_net", "vm_channel")
DEFAULT_PRIORITY = 100
RESERVED = ("init", "conn", "irq")
# Interfaces that cannot be connected: they hold resources of their own.
LOCAL_KINDS = ("mmio", "irq", "untyped", "irq_control", "klog", "gicv")


def resolve(loaded, opts):
    """Bind every name; see the module docstring."""
    files = loaded.files
    structs = resolve_structs([s for f in files for s in f.structs])
    procs = resolve_procs([p for f in files for p in f.procedures], structs)
    comps = _components([c for f in files for c in f.components], procs, structs)
    asms = [a for f in files for a in f.assemblies]
    if len(asms) > 1:
        raise IdlError(asms[1].loc, f"a second assembly (the first is at {asms[0].loc})")
    vms = [resolve_vm(v, opts) for f in files for v in f.vms]
    owners = _owner_table(asms, comps, vms)
    instances = [o for o in owners.values() if isinstance(o, M.InstanceDef)]
    if asms:
        _apply_settings(asms[0].settings, owners)
    _check_values(instances)
    conns = [_connection(c, owners) for c in (asms[0].connections if asms else [])]
    top = files[-1].path
    name = os.path.splitext(os.path.basename(top))[0]
    return M.System(name, top, list(structs.values()), list(procs.values()),
                    list(comps.values()), instances, vms, conns, loaded.inputs)


def _components(nodes, procs, structs):
    unique([(n.name, n) for n in nodes], "component")
    comps = {}
    for node in nodes:
        unique([(p.name, p) for p in node.ports], f"interface in component {node.name.text}")
        ports = [_port(p, procs) for p in node.ports]
        attrs = [M.AttrDef(a.name.text, a.name.loc, resolve_type(a.type, structs), a.default)
                 for a in node.attributes]
        unique([(a.name, a) for a in node.attributes], f"attribute in component {node.name.text}")
        comp = M.CompDef(node.name.text, node.name.loc, node.control, ports, attrs,
                         node.priority, node.affinity, node.stack, node.slots)
        comps[node.name.text] = comp
    return comps


def _port(node, procs):
    port = M.PortDef(node.kind, node.name.text, node.name.loc)
    if node.kind in ("provides", "uses"):
        proc = procs.get(node.type.text)
        if proc is None:
            raise IdlError(node.type.loc, f"unknown procedure '{node.type.text}'")
        port.proc, port.type_loc = proc, node.type.loc
    elif node.kind in ("emits", "consumes"):
        port.event, port.type_loc = node.type.text, node.type.loc
    if node.size is not None:
        port.size, port.size_loc = node.size.value, node.size.loc
    if node.base is not None:
        port.base, port.base_loc = node.base.value, node.base.loc
    return port


def _owner_table(asms, comps, vms):
    """Instance and VM names share one namespace (connection ends)."""
    items = []
    for vm in vms:
        items.append((_name(vm.name, vm.loc), vm))
    for asm in asms:
        for inst in asm.instances:
            comp = comps.get(inst.component.text)
            if comp is None:
                raise IdlError(inst.component.loc, f"unknown component '{inst.component.text}'")
            attrs = {a.name: _value(a.default) for a in comp.attrs}
            node = M.InstanceDef(inst.name.text, inst.name.loc, comp, attrs,
                                 _value(comp.priority) or M.Value(DEFAULT_PRIORITY, None),
                                 _value(comp.affinity))
            items.append((inst.name, node))
    table = unique(items, "instance")
    for name, _ in items:
        if name.text in RESERVED:
            raise IdlError(name.loc, f"'{name.text}' is reserved (names of init, connection "
                           "and interrupt objects start with it)")
    for vm in vms:
        other = table.get(vm.vmm_name)
        if other is not None:
            raise IdlError(other.loc, f"instance name '{vm.vmm_name}' is taken by the VMM of "
                           f"vm '{vm.name}'")
    return table


def _name(text, loc):
    return Name(text, loc)


def _value(node):
    """A syntax value (Num, Str, Name true/false) -> model.Value, or None."""
    if node is None:
        return None
    if hasattr(node, "text"):
        return M.Value(node.text == "true", node.loc)
    return M.Value(node.value, node.loc)


def _apply_settings(settings, owners):
    for st in settings:
        inst = owners.get(st.instance.text)
        if inst is None:
            raise IdlError(st.instance.loc, f"unknown instance '{st.instance.text}'")
        if not isinstance(inst, M.InstanceDef):
            raise IdlError(st.instance.loc, f"'{st.instance.text}' is a vm; set its values "
                           "in the vm declaration")
        key = st.key.text
        if key in ("priority", "affinity"):
            setattr(inst, key, _value(st.value))
        elif key in inst.attrs:
            inst.attrs[key] = _value(st.value)
        else:
            raise IdlError(st.key.loc, f"component {inst.comp.name} has no attribute '{key}'")


def _check_values(instances):
    for inst in instances:
        for name, value in inst.attrs.items():
            if value is None:
                raise IdlError(inst.loc, f"attribute '{name}' of instance '{inst.name}' has "
                               "no value (no default, not set in configuration)")


def _connection(node, owners):
    kind = node.connector.text
    if kind not in CONNECTORS:
        raise IdlError(node.connector.loc, f"unknown connector '{kind}' (expected one of "
                       f"{', '.join(CONNECTORS)})")
    ends = [_end(e, owners) for e in node.sources + [node.target]]
    return M.ConnDef(kind, node.name.text, node.name.loc, node.connector.loc, ends[:-1], ends[-1])


def _end(end, owners):
    owner = owners.get(end.instance.text)
    if owner is None:
        raise IdlError(end.instance.loc, f"unknown instance '{end.instance.text}'")
    if isinstance(owner, M.VmDef):
        port = owner.device(end.port.text)
        if port is None:
            raise IdlError(end.port.loc, f"vm '{owner.name}' has no device '{end.port.text}'")
    else:
        port = owner.comp.port(end.port.text)
        if port is not None and port.kind in LOCAL_KINDS:
            raise IdlError(end.port.loc, f"'{end.port.text}' of instance '{owner.name}' is "
                           f"{'an' if port.kind[0] in 'aeiou' else 'a'} {port.kind} item, not an "
                           "interface: it cannot be connected")
        if port is None:
            raise IdlError(end.port.loc, f"instance '{owner.name}' (component "
                           f"{owner.comp.name}) has no interface '{end.port.text}'")
    return M.EndRef(owner, port, end.instance.loc)
