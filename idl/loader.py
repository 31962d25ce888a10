# SPDX-License-Identifier: BSD-2-Clause
"""Parse stage: a system file and everything it imports -> SourceFiles.

Input: the path of the top-level system file and paths.Options.
Output: Loaded(files, inputs): files is a list of syntax.SourceFile with
the built-in declarations (idl/builtin.tsr) first, then every imported
file before the file that imports it (depth first, in import order), and
the top-level file last; each file appears once (an import of a file
already loaded, including a cycle, is ignored). inputs lists every file
read, for the make dependency file. Raises IdlError for a syntax error,
an import that names no file, a file that cannot be read (at the name
that names it) or is not UTF-8 (at its first bad byte).
"""
import os
from dataclasses import dataclass

from .errors import IdlError, Loc, display_path
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
    _load_one(BUILTIN, opts, state, seen, Loc(BUILTIN, 1, 1))
    if not os.path.isfile(path):
        raise IdlError(Loc(path, 1, 1), "cannot read system file")
    _load_one(os.path.normpath(path), opts, state, seen, Loc(path, 1, 1))
    return state


def _read(path, loc):
    """The text of path. IdlError at loc (where the file is named) when it
    cannot be read, at its first bad byte when it is not UTF-8."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as err:
        raise IdlError(loc, f"cannot read \"{display_path(path)}\": {err.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        col = len(data[line_start:err.start].decode("utf-8")) + 1
        raise IdlError(Loc(path, data.count(b"\n", 0, err.start) + 1, col),
                       f"the file is not valid UTF-8 (byte {data[err.start]:#04x})") from None


def _load_one(path, opts, state, seen, loc):
    key = os.path.realpath(path)
    if key in seen:
        return
    seen.add(key)
    state.inputs.append(path)
    src = Parser(_read(path, loc), path).parse()
    for imp in src.imports:
        found = find_file(imp.path.value, path, opts)
        if found is None:
            raise IdlError(imp.path.loc, f"cannot find imported file \"{imp.path.value}\"")
        _load_one(found, opts, state, seen, imp.path.loc)
    state.files.append(src)
