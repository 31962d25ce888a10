# SPDX-License-Identifier: BSD-2-Clause
"""C spellings of IDL types for the glue (part of the render stage).
Input: model.Type / ProcDefs. Output: C type names, declarators and the
struct definitions a component's procedures need (each once, dependencies
first)."""

C_INT = {n: f"{n}_t" for n in ("int8", "uint8", "int16", "uint16", "int32", "uint32",
                               "int64", "uint64")}


def c_type(t):
    """The C element type of t (string: char)."""
    if t.kind == "int":
        return C_INT[t.name]
    if t.kind == "bool":
        return "bool"
    if t.kind == "string":
        return "char"
    return f"struct {t.name}"


def param_decl(t, name):
    """A C declarator for storage of type t (string<N>: char name[N + 1])."""
    dims = f"[{t.bound + 1}]" if t.kind == "string" else ""
    dims = (f"[{t.length}]" if t.length else "") + dims
    return f"{c_type(t)} {name}{dims}".rstrip() if name else f"{c_type(t)}{dims}"


def struct_defs(procs):
    """C definitions of every struct reachable from procs, in dependency order."""
    order = []
    for proc in procs:
        for method in proc.methods:
            for t in [method.ret] + [p.type for p in method.params]:
                if t is not None:
                    _collect(t, order)
    return [{"name": s.name, "fields": [param_decl(ft, fname) + ";" for fname, ft, _ in s.fields]}
            for s in order]


def _collect(t, order):
    if t.kind != "struct" or t.struct in order:
        return
    for _, ft, _ in t.struct.fields:
        _collect(ft, order)
    order.append(t.struct)
