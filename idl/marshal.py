# SPDX-License-Identifier: BSD-2-Clause
"""Message layout of RPC methods (used by validate and by the glue view).

Input: model.Type / model.MethodDef. Output: C sizes and alignments (LP64
AArch64 rules: every scalar aligned to its size, bool is one byte,
string<N> is char[N + 1], structs padded to their largest member) and
the word offsets of every parameter in the message.

Wire format (docs/idl.md, "RPC messages"; copied by the tsr_rt_put/get
helpers of tsr_rt.h): the label is the method index plus one; a request
carries the in and inout parameters, a reply the return value (word 0,
if any) then the out and inout parameters. Each
parameter starts on a fresh 64-bit message word and occupies
ceil(C size / 8) words, its bytes copied as they are in memory. A string
travels as its bytes up to the bound with a terminating NUL.
"""
from .model import INT_TYPES

WORD = 8


def c_align(t):
    """Alignment in bytes of type t (array elements align like the element)."""
    if t.kind == "int":
        return INT_TYPES[t.name]
    if t.kind == "struct":
        return max([c_align(f) for _, f, _ in t.struct.fields] or [1])
    return 1


def elem_size(t):
    """Size in bytes of one element of t (t itself when not an array)."""
    if t.kind == "int":
        return INT_TYPES[t.name]
    if t.kind == "bool":
        return 1
    if t.kind == "string":
        return t.bound + 1
    offset = 0
    for _, ftype, _ in t.struct.fields:
        align = c_align(ftype)
        offset = (offset + align - 1) // align * align + c_size(ftype)
    align = c_align(t)
    return max((offset + align - 1) // align * align, 1)


def c_size(t):
    """sizeof(t) in C, arrays included."""
    return elem_size(t) * (t.length or 1)


def words(t):
    return (c_size(t) + WORD - 1) // WORD


def sends(direction, side):
    """Whether a parameter of this direction travels in the request
    (side 'in') or in the reply (side 'out')."""
    return direction == "inout" or direction == side


def method_words(method, side):
    """Message words a request ('in') or reply ('out') of method needs."""
    total = 1 if side == "out" and method.ret is not None else 0
    return total + sum(words(p.type) for p in method.params if sends(p.direction, side))


def layout(method, side):
    """[(param, first word)] for the parameters travelling on that side."""
    offset = 1 if side == "out" and method.ret is not None else 0
    out = []
    for param in method.params:
        if sends(param.direction, side):
            out.append((param, offset))
            offset += words(param.type)
    return out
