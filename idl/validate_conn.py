# SPDX-License-Identifier: BSD-2-Clause
"""Connection checks (part of the validate stage).

Input: model.System. Output: nothing; raises IdlError when a connection
joins interfaces of the wrong kind or type, dataport sizes differ, an end
that may be connected once is connected again (uses, dataport, VM
device), or a 'uses' interface, a virtio_net or a channel device is left
unconnected; a vm_channel must join exactly two channel devices of two
different VMs with equal sizes. Errors point at the offending end's instance name.
"""
from . import model as M
from .errors import IdlError

# connector -> (what every "from" end must be, what the "to" end must be)
SHAPES = {
    "rpc": ("uses", "provides"),
    "notification": ("emits", "consumes"),
    "dataport": ("dataport", "dataport"),
    "vm_console": ("console device", "provides"),
    "vm_net": ("virtio_net device", "provides"),
    "vm_channel": ("channel device", "channel device"),
}
LINK_PROCS = {"vm_console": "ConsoleLink", "vm_net": "NetLink"}
CONSOLE_KINDS = ("uart", "virtio_console")
ONCE = ("uses", "dataport")


def check_connections(system):
    """See the module docstring."""
    claimed = {}
    for conn in system.conns:
        src_kind, dst_kind = SHAPES[conn.kind]
        for end in conn.sources:
            _check_shape(conn, end, src_kind, "from")
        _check_shape(conn, conn.target, dst_kind, "to")
        _check_types(conn)
        if conn.kind == "vm_channel":
            _check_channel(conn)
        for end in conn.sources + [conn.target]:
            _claim(conn, end, claimed)
    _check_fan_in(system)
    _check_unconnected(system, claimed)


def _check_fan_in(system):
    """A notification word has 64 bits: at most 64 emitters per consumer."""
    count = {}
    for conn in system.conns:
        if conn.kind == "notification":
            key = conn.target.label
            count[key] = count.get(key, 0) + len(conn.sources)
            if count[key] > 64:
                raise IdlError(conn.loc, f"connection {conn.name}: more than 64 emitters "
                               f"signal {key}")


def _kind_of(end):
    if isinstance(end.owner, M.VmDef):
        return "console device" if end.port.kind in CONSOLE_KINDS else f"{end.port.kind} device"
    return end.port.kind


def _describe(end):
    if isinstance(end.owner, M.VmDef):
        return f"{end.label} is a {end.port.kind} device"
    port = end.port
    what = port.proc.name if port.proc else port.event if port.event else f"{port.size} bytes"
    article = "an" if port.kind == "emits" else "a"
    return f"{end.label} is {article} '{port.kind}' interface ({what})"


def _link_client(conn, end):
    """A component may stand where a VM device does: its 'uses' interface
    of the link's procedure (docs/idl.md "Component link clients")."""
    port = end.port
    return (conn.kind in LINK_PROCS and not isinstance(end.owner, M.VmDef)
            and port.kind == "uses" and port.proc.name == LINK_PROCS[conn.kind])


def _check_shape(conn, end, want, side):
    if side == "from" and _link_client(conn, end):
        return
    if _kind_of(end) != want:
        article = "an" if want == "emits" else "a"
        raise IdlError(end.loc, f"{conn.kind} connection {conn.name} needs {article} '{want}' "
                       f"end after '{side}', but {_describe(end)}")


def _check_types(conn):
    dst = conn.target
    for src in conn.sources:
        if conn.kind == "rpc" and src.port.proc is not dst.port.proc:
            raise IdlError(src.loc, f"connection {conn.name}: {src.label} uses procedure "
                           f"{src.port.proc.name} but {dst.label} provides procedure "
                           f"{dst.port.proc.name}")
        if conn.kind == "notification" and src.port.event != dst.port.event:
            raise IdlError(src.loc, f"connection {conn.name}: {src.label} emits event "
                           f"{src.port.event} but {dst.label} consumes event {dst.port.event}")
        if conn.kind == "dataport" and src.port.size != dst.port.size:
            raise IdlError(src.loc, f"connection {conn.name}: dataport size mismatch: "
                           f"{src.label} has {src.port.size:#x} bytes, {dst.label} has "
                           f"{dst.port.size:#x}")
    if conn.kind in LINK_PROCS and dst.port.proc.name != LINK_PROCS[conn.kind]:
        raise IdlError(dst.loc, f"connection {conn.name}: {conn.kind} needs a server that "
                       f"provides {LINK_PROCS[conn.kind]}, but {dst.label} provides "
                       f"{dst.port.proc.name}")


def _check_channel(conn):
    """A channel joins exactly two channel devices of two VMs, equal sizes."""
    if len(conn.sources) != 1:
        raise IdlError(conn.sources[1].loc, f"vm_channel connection {conn.name} joins exactly "
                       f"two channel devices (one 'from', one 'to'), not {len(conn.sources) + 1}")
    src, dst = conn.sources[0], conn.target
    if src.owner is dst.owner:
        raise IdlError(dst.loc, f"vm_channel connection {conn.name} joins two devices of vm "
                       f"{dst.owner.name}: a channel is between two VMs")
    if src.port.size.value != dst.port.size.value:
        raise IdlError(dst.loc, f"connection {conn.name}: channel size mismatch: {src.label} "
                       f"has {src.port.size.value:#x} bytes, {dst.label} has "
                       f"{dst.port.size.value:#x}")


def _claim(conn, end, claimed):
    once = isinstance(end.owner, M.VmDef) or end.port.kind in ONCE
    key = (end.owner.name, end.port.name)
    if once and key in claimed:
        first = claimed[key]
        raise IdlError(end.loc, f"{end.label} is already connected by connection "
                       f"{first.name} (at {first.loc})")
    claimed.setdefault(key, conn)


def _check_unconnected(system, claimed):
    for inst in system.instances:
        for port in inst.comp.ports:
            if port.kind == "uses" and (inst.name, port.name) not in claimed:
                raise IdlError(inst.loc, f"{inst.name}.{port.name} (uses {port.proc.name}) is "
                               "not connected")
    for vm in system.vms:
        for dev in vm.devices:
            if dev.kind == "virtio_net" and (vm.name, dev.name) not in claimed:
                raise IdlError(dev.loc, f"{vm.name}.{dev.name} (virtio_net) is not connected "
                               "(it needs a vm_net connection to a NetLink server)")
            if dev.kind == "channel" and (vm.name, dev.name) not in claimed:
                raise IdlError(dev.loc, f"{vm.name}.{dev.name} (channel) is not connected "
                               "(it needs a vm_channel connection to another VM's channel)")
