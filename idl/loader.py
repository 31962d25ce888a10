# SPDX-License-Identifier: BSD-2-Clause
"""Parse stage: a system file and everything it imports -> SourceFiles.

Input: the path of the top-level system file and paths.Options.
Output: Loaded(files, inputs): files is a list of syntax.SourceFile with
the built-in declarations (idl/builtin.tsr) first, then every imported
file before the file that imports it (depth first, in import order), and
the top-level file last; each file appears once (an import of a file
already loaded, including a cycle, is ignored). inputs lists every file
read, for the make dependency file. Raises IdlError for a syntax error or
an import that names no file.
"""
import os
from dataclasses import dataclass

from .errors import IdlError, Loc
from .parser import Parser
from .paths import find_file

BUILTIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "builtin.tsr")


@dataclass
class Loaded:
    files: list
    inputs: list


def load(path, opts):
    """Parse path and its imports; see the module docstring."""
    state = Loaded([], [])
    seen = set()
    _load_one(BUILTIN, opts, state, seen)
    if not os.path.isfile(path):
        raise IdlError(Loc(path, 1, 1), "cannot read system file")
    _load_one(os.path.normpath(path), opts, state, seen)
    return state


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def _load_one(path, opts, state, seen):
    key = os.path.realpath(path)
    if key in seen:
        return
    seen.add(key)
    state.inputs.append(path)
    src = Parser(_read(path), path).parse()
    for imp in src.imports:
        found = find_file(imp.path.value, path, opts)
        if found is None:
            raise IdlError(imp.path.loc, f"cannot find imported file \"{imp.path.value}\"")
        _load_one(found, opts, state, seen)
    state.files.append(src)
