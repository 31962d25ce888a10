#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Usage: vm_overhead.py NATIVE_JSON VM_JSON. Adds vtimer_latency_native
(from NATIVE_JSON) and vtimer_latency_overhead = vtimer_latency_tessera -
vtimer_latency_native to VM_JSON (make bench, suite vm). Exits 1 if a
figure is missing."""
import json
import sys


def main():
    native = json.load(open(sys.argv[1], encoding="utf-8"))
    vm = json.load(open(sys.argv[2], encoding="utf-8"))
    if "vtimer_latency_native" not in native or "vtimer_latency_tessera" not in vm:
        print("vm_overhead: missing vtimer_latency_native or vtimer_latency_tessera")
        return 1
    vm["vtimer_latency_native"] = native["vtimer_latency_native"]
    vm["vtimer_latency_overhead"] = vm["vtimer_latency_tessera"] - vm["vtimer_latency_native"]
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(vm, out, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
