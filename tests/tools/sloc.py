#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Counts the privileged source lines of one architecture's kernel image.

Usage: sloc.py ARCH KERNEL_OBJ_DIR
Every file the compiler read for the kernel (from its -MMD dependency files:
sources, project headers, generated files) plus the linker script, counting
lines that are neither blank nor only comment. Compiler-supplied headers
(stdint.h etc.) are not ours and are left out. Last line:
privileged_sloc <arch> <N>."""
import glob
import os
import re
import sys


def dep_files(obj_dir):
    files = set()
    for dep in glob.glob(os.path.join(obj_dir, "**", "*.d"), recursive=True):
        text = open(dep, encoding="utf-8").read().replace("\\\n", " ")
        for line in text.splitlines():
            if ":" not in line:
                continue
            target, prereqs = line.split(":", 1)
            for p in prereqs.split():
                files.add(os.path.normpath(p))
    return files


def code_lines(path):
    """Non-blank lines left after removing /* */, // and (for .ld) comments."""
    text = open(path, encoding="utf-8", errors="replace").read()
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    return sum(1 for line in text.splitlines() if line.strip())


def main():
    arch, obj_dir = sys.argv[1], sys.argv[2]
    root = os.getcwd()
    files = {f for f in dep_files(obj_dir)
             if not os.path.isabs(f) or f.startswith(root + os.sep)}
    files.add(os.path.join("microkernel", "arch", arch, "kernel.ld"))
    total = 0
    for f in sorted(files):
        if not os.path.exists(f):
            continue
        n = code_lines(f)
        total += n
        print("%6d %s" % (n, os.path.relpath(f, root)))
    print("privileged_sloc %s %d" % (arch, total))


if __name__ == "__main__":
    main()
