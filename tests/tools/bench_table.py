#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Prints benchmark results (build/bench/<suite>.json files, each one flat
JSON object of metric -> number) as a table. Values are executed
instructions (QEMU -icount shift=0, PMU event 0x08) unless the metric name
ends in _ratio. Exits 1 if a file is missing or malformed."""
import json
import os
import sys


def main():
    status = 0
    print("%-12s %-32s %16s" % ("suite", "metric", "value"))
    for path in sys.argv[1:]:
        suite = os.path.splitext(os.path.basename(path))[0]
        try:
            data = json.load(open(path, encoding="utf-8"))
        except (OSError, ValueError) as e:
            print("%-12s error: %s" % (suite, e))
            status = 1
            continue
        if not data:
            print("%-12s error: no metrics" % suite)
            status = 1
        for key in sorted(data):
            value = data[key]
            shown = ("%.3f" % value) if key.endswith("_ratio") else "%d" % value
            print("%-12s %-32s %16s" % (suite, key, shown))
    print("(instruction counts are path lengths under QEMU TCG, not cycles)")
    return status


if __name__ == "__main__":
    sys.exit(main())
