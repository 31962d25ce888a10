# SPDX-License-Identifier: BSD-2-Clause
"""Resolve one vm declaration (part of the resolve stage).

Input: a syntax.Vm and paths.Options. Output: a model.VmDef with its
files looked up (FileRef.path None when not found) and defaults applied:
vcpus 1, priority 100, dtb generated, a channel's size
platform.CHANNEL_SIZE, affinity empty (lowering then puts
vCPU i on the i-th core, round robin, of those no partitioned VM holds:
partition.vm_cores), partitioned None. Raises IdlError for an
unknown device kind or a duplicate device name.
"""
from . import model as M
from . import platform as P
from .errors import IdlError
from .names import unique
from .paths import candidates, find_file

DEVICE_KINDS = ("uart", "rtc", "virtio_console", "virtio_blk", "virtio_net", "channel")


def resolve_vm(node, opts):
    """syntax.Vm -> model.VmDef; see the module docstring."""
    path = node.name.loc.path
    unique([(d.name, d) for d in node.devices], f"device in vm {node.name.text}")
    devices = [_device(d, path, opts) for d in node.devices]
    dtb = None if node.dtb is None or hasattr(node.dtb, "text") else file_ref(node.dtb, path, opts)
    return M.VmDef(
        name=node.name.text, loc=node.name.loc,
        memory=[M.Range(b.value, s.value, b.loc, s.loc) for b, s in node.memory],
        vcpus=_value(node.vcpus, 1, node.name.loc),
        kernel=file_ref(node.kernel, path, opts),
        initrd=file_ref(node.initrd, path, opts),
        bootargs=node.bootargs.value if node.bootargs else "",
        dtb=dtb, devices=devices,
        mmio=[M.Range(b.value, s.value, b.loc, s.loc) for b, s in node.mmio],
        irqs=[M.Value(n.value, n.loc) for n in node.irqs],
        priority=_value(node.priority, 100, node.name.loc),
        affinity=[M.Value(n.value, n.loc) for n in node.affinity],
        pmu=node.pmu, partitioned=node.partitioned)


def _value(num, default, loc):
    return M.Value(num.value, num.loc) if num is not None else M.Value(default, loc)


def _device(node, path, opts):
    size = M.Value(node.size.value, node.size.loc) if node.size else None
    if size is None and node.kind.text == "channel":
        size = M.Value(P.CHANNEL_SIZE, node.kind.loc)
    if node.kind.text not in DEVICE_KINDS:
        raise IdlError(node.kind.loc, f"unknown device kind '{node.kind.text}' (expected one "
                       f"of {', '.join(DEVICE_KINDS)})")
    return M.DeviceDef(node.name.text, node.name.loc, node.kind.text, node.kind.loc,
                       image=file_ref(node.image, path, opts),
                       link=node.link.value if node.link else None,
                       link_loc=node.link.loc if node.link else None,
                       readonly=node.readonly, size=size)


def file_ref(node, from_path, opts):
    """A syntax.Str naming a file -> model.FileRef (path None if missing)."""
    if node is None:
        return None
    return M.FileRef(node.value, find_file(node.value, from_path, opts), node.loc,
                     candidates(node.value, from_path, opts))
