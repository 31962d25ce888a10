# SPDX-License-Identifier: BSD-2-Clause
"""Resolve structs, procedures and type references (part of the resolve
stage). Input: syntax nodes. Output: model StructDef/ProcDef/Type. A
struct must be declared before it is used (in load order, which rules out
recursive structs). Raises IdlError for unknown types and duplicates."""
from . import model as M
from .errors import IdlError
from .names import unique


def resolve_type(ref, structs):
    """syntax.TypeRef -> model.Type, looking struct names up in structs."""
    base = ref.base.text
    if base in M.INT_TYPES:
        kind = "int"
    elif base in ("bool", "string"):
        kind = base
    elif base in structs:
        kind = "struct"
    else:
        raise IdlError(ref.base.loc, f"unknown type '{base}'")
    out = M.Type(kind, base, ref.base.loc, struct=structs.get(base) if kind == "struct" else None)
    if ref.bound is not None:
        out.bound, out.bound_loc = ref.bound.value, ref.bound.loc
    if ref.length is not None:
        out.length, out.length_loc = ref.length.value, ref.length.loc
    return out


def resolve_structs(nodes):
    unique([(n.name, n) for n in nodes], "struct")
    structs = {}
    for node in nodes:
        fields = [(f.name.text, resolve_type(f.type, structs), f.name.loc) for f in node.fields]
        _no_duplicates([f.name for f in node.fields], f"field in struct {node.name.text}")
        structs[node.name.text] = M.StructDef(node.name.text, node.name.loc, fields)
    return structs


def resolve_procs(nodes, structs):
    unique([(n.name, n.name) for n in nodes], "procedure")
    procs = {}
    for node in nodes:
        _no_duplicates([m.name for m in node.methods], f"method in procedure {node.name.text}")
        methods = []
        for m in node.methods:
            _no_duplicates([p.name for p in m.params], f"parameter in method {m.name.text}")
            ret = resolve_type(m.ret, structs) if m.ret is not None else None
            params = [M.ParamDef(p.direction, p.name.text, resolve_type(p.type, structs),
                                 p.name.loc) for p in m.params]
            methods.append(M.MethodDef(m.name.text, m.name.loc, ret, params))
        procs[node.name.text] = M.ProcDef(node.name.text, node.name.loc, methods)
    return procs


def _no_duplicates(names, what):
    unique([(n, n) for n in names], what)
