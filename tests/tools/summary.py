#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Totals every test result of a `make test` run and prints one final line
"N passed, N failed". Reads DIR/*.res (lines "PASS name" / "FAIL name: why",
written by tests/qemu/run.py and the Makefile) and DIR/*.xml (pytest JUnit
reports). Exits 1 if anything failed or no result was found at all."""
import glob
import os
import sys
import xml.etree.ElementTree as ET


def read_res(path):
    for line in open(path, encoding="utf-8"):
        word = line.split(" ", 1)[0]
        if word in ("PASS", "FAIL"):
            yield word == "PASS", line.strip()


def read_junit(path):
    group = os.path.splitext(os.path.basename(path))[0]
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        yield False, "FAIL %s: unreadable report %s (%s)" % (group, path, e)
        return
    for case in root.iter("testcase"):
        name = "%s/%s.%s" % (group, case.get("classname", ""), case.get("name", ""))
        bad = case.find("failure") is not None or case.find("error") is not None
        if case.find("skipped") is not None:
            yield False, "FAIL %s: skipped (a test that cannot run counts as failed)" % name
        else:
            yield not bad, ("FAIL %s" if bad else "PASS %s") % name


def main():
    d = sys.argv[1]
    results = []
    for path in sorted(glob.glob(os.path.join(d, "*.res"))):
        results.extend(read_res(path))
    for path in sorted(glob.glob(os.path.join(d, "*.xml"))):
        results.extend(read_junit(path))
    failed = [line for ok, line in results if not ok]
    if failed:
        print("failures:")
        for line in failed:
            print("  " + line)
    passed = len(results) - len(failed)
    if not results:
        failed = ["no results"]
        print("no test results found in %s" % d)
    print("%d passed, %d failed" % (passed, len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
