# SPDX-License-Identifier: BSD-2-Clause
"""Connections -> who shares which kernel object with which badge (part
of the lower stage).

Input: a validated model.System and a builder.Builder. Output: a Wiring
whose tables are keyed by (instance or vm name, interface or device
name). It creates the shared objects (endpoints, notifications, shared
frames) in connection order:

  rpc          the provider's endpoint <inst>.<port>.ep; each client end
               gets badge 1, 2, ... in the order clients are connected
  notification the consumer's notification <inst>.<port>.ntfn; each
               emitter end gets badge bit 1 << k, k = 0, 1, ... per consumer
  dataport     frames conn.<name> shared by every end
  vm_console,  the server's endpoint (badges numbered with its rpc
  vm_net       clients), frames conn.<name>.<vm> per VM device
               (platform.LINK_BUFFER bytes)
               and the VMM's notification <vm>_vmm.ntfn, which the server
               signals with badge bit 1 << k (k = the device's index
               among the VM's connected devices). A component client
               (its 'uses ConsoleLink/NetLink' interface) gets the
               endpoint badged like an rpc client, frames
               conn.<name>.<inst>.<port> and its own notification
               <inst>.<port>.ntfn (bit 0); its link name is the
               connection's name.
  init's shell the first ConsoleLink server also gets init as its last
               client (badge after the others, frames conn.init.shell,
               notification init.shell.ntfn, bit 0): init's management
               shell reads keyboard input through it (docs/lifecycle.md).
  vm_channel   frames conn.<name> (the channel's size) shared by both
               VMMs, and a Channel per end: end 0 (from) produces into
               the ring in the region's first half, end 1 (to) into the
               second; each end's doorbell is its own VMM notification
               bit, counted per VM from platform.CHANNEL_BIT_TOP down in
               connection order, which the peer signals.
"""
from dataclasses import dataclass, field

from . import platform as P


@dataclass
class Link:
    """A VM device joined to a server (both sides read this)."""
    vm: str
    device: str
    kind: str
    conn: str
    ep: str
    badge: int
    buffer: str
    size: int
    ntfn: str
    bit: int
    server: str
    server_port: str
    link_name: str


@dataclass
class Channel:
    """One VM's end of a vm_channel."""
    vm: str
    device: str
    conn: str
    frames: str
    size: int
    end: int          # 0: we produce into the first half, 1: the second
    bit: int          # our doorbell bit (the peer signals it)
    peer_vm: str
    peer_ntfn: str    # the peer VMM's notification
    peer_bit: int     # the bit we signal there


@dataclass
class Wiring:
    uses: dict = field(default_factory=dict)       # -> (ep, badge)
    clients: dict = field(default_factory=dict)    # provides -> [(badge, label)]
    emits: dict = field(default_factory=dict)      # -> [(ntfn, badge, label)]
    dataports: dict = field(default_factory=dict)  # -> frames object
    links: dict = field(default_factory=dict)      # (vm, device) -> Link
    served: dict = field(default_factory=dict)     # provides -> [Link]
    shell: Link = None                             # init as a console client
    channels: dict = field(default_factory=dict)   # (vm, device) -> Channel


def ep_name(inst, port):
    return f"{inst}.{port}.ep"


def ntfn_name(inst, port):
    return f"{inst}.{port}.ntfn"


def wire(system, b):
    """Build the Wiring; see the module docstring."""
    w = Wiring()
    bits = {}
    for conn in system.conns:
        dst = conn.target
        key = (dst.owner.name, dst.port.name)
        if conn.kind in ("rpc", "vm_console", "vm_net"):
            ep = b.obj(ep_name(*key), "OBJ_ENDPOINT")
            clients = w.clients.setdefault(key, [])
            for src in conn.sources:
                clients.append((len(clients) + 1, src.label))
                if conn.kind == "rpc":
                    w.uses[(src.owner.name, src.port.name)] = (ep, len(clients))
                else:
                    _link(w, b, conn, src, ep, len(clients), bits)
        elif conn.kind == "vm_channel":
            _channel(w, b, conn, bits)
        elif conn.kind == "notification":
            ntfn = b.obj(ntfn_name(*key), "OBJ_NOTIFICATION")
            for src in conn.sources:
                k = bits.get(key, 0)
                bits[key] = k + 1
                w.emits.setdefault((src.owner.name, src.port.name), []).append(
                    (ntfn, 1 << k, dst.label))
        else:
            frames, _ = b.frames(f"conn.{conn.name}", dst.port.size)
            for end in conn.sources + [dst]:
                w.dataports[(end.owner.name, end.port.name)] = frames
    _shell(w, b, system)
    return w


def _shell(w, b, system):
    consoles = [c for c in system.conns if c.kind == "vm_console"]
    if not consoles:
        return
    dst = consoles[0].target
    key = (dst.owner.name, dst.port.name)
    clients = w.clients.setdefault(key, [])
    clients.append((len(clients) + 1, "init"))
    size = P.LINK_BUFFER["vm_console"]
    frames, _ = b.frames("conn.init.shell", size)
    ntfn = b.obj("init.shell.ntfn", "OBJ_NOTIFICATION")
    w.shell = Link("init", "shell", "vm_console", "init", ep_name(*key), len(clients), frames,
                   size, ntfn, 0, key[0], key[1], "init")
    w.served.setdefault(key, []).append(w.shell)


def _link(w, b, conn, src, ep, badge, bits):
    if not hasattr(src.owner, "vmm_name"):
        _component_link(w, b, conn, src, ep, badge)
        return
    vm = src.owner
    size = P.LINK_BUFFER[conn.kind]
    frames, _ = b.frames(f"conn.{conn.name}.{vm.name}", size)
    ntfn = b.obj(f"{vm.vmm_name}.ntfn", "OBJ_NOTIFICATION")
    bit = bits.get(vm.name, 0)
    bits[vm.name] = bit + 1  # VM names and (inst, port) keys never collide
    link = Link(vm.name, src.port.name, conn.kind, conn.name, ep, badge, frames, size, ntfn,
                bit, conn.target.owner.name, conn.target.port.name, src.port.link or "")
    w.links[(vm.name, src.port.name)] = link
    w.served.setdefault((conn.target.owner.name, conn.target.port.name), []).append(link)


def _channel(w, b, conn, bits):
    ends = [conn.sources[0], conn.target]
    frames, _ = b.frames(f"conn.{conn.name}", ends[0].port.size.value)
    own = []
    for end in ends:
        key = ("channel", end.owner.name)
        own.append(P.CHANNEL_BIT_TOP - bits.get(key, 0))
        bits[key] = bits.get(key, 0) + 1
    for k, end in enumerate(ends):
        peer = ends[1 - k].owner
        ntfn = b.obj(f"{peer.vmm_name}.ntfn", "OBJ_NOTIFICATION")
        w.channels[(end.owner.name, end.port.name)] = Channel(
            end.owner.name, end.port.name, conn.name, frames, end.port.size.value, k, own[k],
            peer.name, ntfn, own[1 - k])


def _component_link(w, b, conn, src, ep, badge):
    inst, port = src.owner.name, src.port.name
    size = P.LINK_BUFFER[conn.kind]
    frames, _ = b.frames(f"conn.{conn.name}.{inst}.{port}", size)
    ntfn = b.obj(ntfn_name(inst, port), "OBJ_NOTIFICATION")
    link = Link(inst, port, conn.kind, conn.name, ep, badge, frames, size, ntfn, 0,
                conn.target.owner.name, conn.target.port.name, conn.name)
    w.uses[(inst, port)] = (ep, badge)
    w.links[(inst, port)] = link
    w.served.setdefault((conn.target.owner.name, conn.target.port.name), []).append(link)
