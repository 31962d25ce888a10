# SPDX-License-Identifier: BSD-2-Clause
"""File names written in system files -> paths on the host.

Input: the name as written, the file it was written in, and Options.
Output: the first existing candidate path (normalised), or None.

Rules (docs/idl.md, "File names"):
  1. A leading "$(BUILD)" is replaced by Options.build (default "build",
     the build directory relative to the repository root).
  2. An absolute name is used as is.
  3. A relative name is tried relative to the directory of the file that
     contains it, then relative to the repository root (the working
     directory), then relative to each search directory (-I) in order.
"""
import os
from dataclasses import dataclass, field

BUILD_VAR = "$(BUILD)"


@dataclass
class Options:
    """Generator options from the command line."""
    build: str = "build"
    search: list = field(default_factory=list)


def candidates(name, from_path, opts):
    """All paths tried for name, in order (used for lookup and messages)."""
    if name.startswith(BUILD_VAR):
        rest = name[len(BUILD_VAR):].lstrip("/")
        return [os.path.normpath(os.path.join(opts.build, rest))]
    if os.path.isabs(name):
        return [os.path.normpath(name)]
    bases = [os.path.dirname(from_path), "."] + list(opts.search)
    out = []
    for base in bases:
        path = os.path.normpath(os.path.join(base, name))
        if path not in out:
            out.append(path)
    return out


def find_file(name, from_path, opts):
    """The first candidate that is an existing regular file, or None."""
    for path in candidates(name, from_path, opts):
        if os.path.isfile(path):
            return path
    return None
