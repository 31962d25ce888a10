# SPDX-License-Identifier: BSD-2-Clause
"""Static partitioning: which physical core runs what (shared by the
validate and lower stages; docs/idl.md "Static partitioning").

Input: a model.System (or one model.VmDef and the held cores). Output:
plain data. A partitioned VM holds the cores its affinity lists; a VM
without an affinity has its vCPUs spread round robin over the cores no
partitioned VM holds, so a default never lands on a held core.
"""
from . import platform as P


def held_cores(system):
    """{core: VmDef} for every core a partitioned VM lists."""
    return {c.value: vm for vm in system.vms if vm.partitioned is not None
            for c in vm.affinity}


def vm_cores(vm, held):
    """The core of each vCPU of vm (the VMM's thread runs on the first)."""
    n = vm.vcpus.value
    cores = [c.value for c in vm.affinity]
    if not cores:
        free = [c for c in range(P.MAX_CPUS) if c not in held] or list(range(P.MAX_CPUS))
        cores = [free[i % len(free)] for i in range(n)]
    return cores * n if len(cores) == 1 else cores
