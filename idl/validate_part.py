# SPDX-License-Identifier: BSD-2-Clause
"""Static partitioning checks (part of the validate stage; runs after
validate_vm, so vCPU counts and affinities are in range).

Input: model.System. Output: nothing; raises IdlError when a partitioned
VM gives no affinity, fewer cores than vCPUs, a core twice or core 0
(init's); or when a core a partitioned VM holds is also named by another
VM's affinity (partitioned or not) or by a component instance's affinity.
Memory, passthrough regions and interrupts need nothing here: guest RAM
is always the VM's own frames, and validate_vm refuses a region or an
interrupt claimed twice for every VM.
"""
from .errors import IdlError

INIT_CORE = 0  # init (fault handling, the management shell) runs here


def check_partitions(system):
    """See the module docstring."""
    held = {}
    for vm in system.vms:
        if vm.partitioned is None:
            continue
        _check_own(vm)
        for core in vm.affinity:
            _not_held(held, core, f"vm {vm.name}")
            held[core.value] = (vm, core)
    if not held:
        return
    for vm in system.vms:
        if vm.partitioned is None:
            for core in vm.affinity:
                _not_held(held, core, f"vm {vm.name}")
    for inst in system.instances:
        if inst.affinity is not None:
            _not_held(held, inst.affinity, f"instance {inst.name}")


def _check_own(vm):
    n = vm.vcpus.value
    if not vm.affinity:
        raise IdlError(vm.partitioned, f"vm {vm.name} is partitioned but gives no affinity "
                       "(one core per vCPU: 'affinity C ...;')")
    if len(vm.affinity) != n:
        raise IdlError(vm.affinity[0].loc, f"vm {vm.name} is partitioned: its {n} vCPUs need "
                       f"{n} distinct cores, but affinity lists {len(vm.affinity)}")
    seen = set()
    for core in vm.affinity:
        if core.value == INIT_CORE:
            raise IdlError(core.loc, f"vm {vm.name} is partitioned onto core {INIT_CORE}, "
                           "which is init's (it handles faults and runs the management shell)")
        if core.value in seen:
            raise IdlError(core.loc, f"vm {vm.name} is partitioned: core {core.value} is "
                           "given twice (one core per vCPU)")
        seen.add(core.value)


def _not_held(held, core, who):
    if core.value in held:
        owner, first = held[core.value]
        raise IdlError(core.loc, f"{who} uses core {core.value}, which is partitioned to vm "
                       f"{owner.name} (at {first.loc})")
