# SPDX-License-Identifier: BSD-2-Clause
"""RPC client stubs and server dispatch as C text (part of the render
stage). Input: a lower.PortFacts of a uses or provides interface. Output:
function dicts {signature, body (list of C statements), doc, static} for
the glue templates. The wire format is in marshal.py's docstring.

The component implements, for every method m of a provided interface p,
'<ret> p_m(<params>)'; the glue's 'p__serve()' receives, checks the
label and length, unmarshals, calls it and replies. A client calls the
stub of the same name 'u_m(...)' for its used interface u.
"""
from . import marshal as MA
from .glue_types import c_type, param_decl

ERR_UNKNOWN_METHOD = 1   # reply labels; docs/idl.md "RPC messages"
ERR_SHORT_MESSAGE = 2


def _client_param(p):
    t, name = p.type, p.name
    const = "const " if p.direction == "in" else ""
    if t.length:
        return f"{const}{param_decl(t, name)}"
    if t.kind == "string":
        return f"{const}char *{name}"
    if t.kind == "struct":
        return f"{const}{c_type(t)} *{name}"
    return f"{c_type(t)} {name}" if p.direction == "in" else f"{c_type(t)} *{name}"


def signature(prefix, method):
    ret = c_type(method.ret) if method.ret else "void"
    params = ", ".join(_client_param(p) for p in method.params) or "void"
    return f"{ret} {prefix}_{method.name}({params})"


def _size(t):
    return f"sizeof({param_decl(t, '')})"


def _put(p, word, addr):
    if p.type.kind == "string" and not p.type.length:
        return f"tsr_rt_put_str(tsr__b, {word}, {p.name}, {p.type.bound});"
    return f"tsr_rt_put(tsr__b, {word}, {addr}, {_size(p.type)});"


def _get(p, word, addr):
    if p.type.kind == "string" and not p.type.length:
        return f"tsr_rt_get_str(tsr__b, {word}, {p.name}, {p.type.bound});"
    return f"tsr_rt_get(tsr__b, {word}, {addr}, {_size(p.type)});"


def _by_value(p):
    return p.direction == "in" and p.type.kind in ("int", "bool") and not p.type.length


def client_functions(pf):
    """One stub per method of the used interface."""
    out = []
    for index, method in enumerate(pf.port.proc.methods):
        body = ["struct ipc_buffer *tsr__b = tsr_rt_ipc_buffer();"]
        if method.ret:
            body.append(f"{c_type(method.ret)} tsr__ret = 0;")
        for p, word in MA.layout(method, "in"):
            body.append(_put(p, word, f"&{p.name}" if _by_value(p) else p.name))
        length = MA.method_words(method, "in")
        body.append(f"unsigned long tsr__info = tsr_rt_call(TSR_SLOT_{pf.name.upper()}, "
                    f"MSGINFO({index + 1}, 0, {length}));")
        body.append("if (MSGINFO_LABEL(tsr__info) != 0) {")
        body.append(f"\ttsr_rt_rpc_error(\"{pf.name}.{method.name}\", tsr__info);")
        body.append("\treturn" + (" tsr__ret;" if method.ret else ";"))
        body.append("}")
        if method.ret:
            body.append("tsr_rt_get(tsr__b, 0, &tsr__ret, sizeof(tsr__ret));")
        for p, word in MA.layout(method, "out"):
            body.append(_get(p, word, p.name))
        if method.ret:
            body.append("return tsr__ret;")
        if not any("tsr__b" in line for line in body[1:]):
            body.insert(1, "(void)tsr__b;")
        out.append({"signature": signature(pf.name, method), "body": body, "static": False,
                    "doc": f"Call {pf.port.proc.name}.{method.name} (label {index + 1})."})
    return out


def _handler(pf, index, method):
    body = []
    for p in method.params:
        body.append(f"{param_decl(p.type, p.name)} = {{0}};" if p.type.kind == "struct"
                    or p.type.length or p.type.kind == "string" else
                    f"{param_decl(p.type, p.name)} = 0;")
    for p, word in MA.layout(method, "in"):
        body.append(_get(p, word, _server_addr(p)))
    args = ", ".join(p.name if _by_value(p) else _server_addr(p) for p in method.params)
    call = f"{pf.name}_{method.name}({args});"
    body.append(f"{c_type(method.ret)} tsr__ret = {call}" if method.ret else call)
    if method.ret:
        body.append("tsr_rt_put(tsr__b, 0, &tsr__ret, sizeof(tsr__ret));")
    for p, word in MA.layout(method, "out"):
        body.append(_put(p, word, _server_addr(p)))
    body.append(f"return MSGINFO(0, 0, {MA.method_words(method, 'out')});")
    if not any("tsr__b" in line for line in body):
        body.insert(0, "(void)tsr__b;")
    return {"signature": f"static unsigned long {pf.name}__{method.name}(struct ipc_buffer *tsr__b)",
            "body": body, "static": True,
            "doc": f"Unmarshal {pf.port.proc.name}.{method.name}, call it, marshal the reply."}


def _server_addr(p):
    return p.name if p.type.kind == "string" or p.type.length else f"&{p.name}"


def server_functions(pf, view):
    """Handlers, the badge accessor and the dispatch loop of a provided interface."""
    methods = pf.port.proc.methods
    out = [_handler(pf, i, m) for i, m in enumerate(methods)]
    view["decls"] += [signature(pf.name, m) + ";" for m in methods]
    view["statics"].append(f"static unsigned long {pf.name}__badge;")
    out.append({"signature": f"unsigned long {pf.name}_badge(void)", "static": False,
                "body": [f"return {pf.name}__badge;"],
                "doc": f"The badge of the client whose call on '{pf.name}' is being served."})
    loop = ["struct ipc_buffer *tsr__b = tsr_rt_ipc_buffer();",
            f"unsigned long info = tsr_rt_recv(TSR_SLOT_{pf.name.upper()}, "
            f"TSR_SLOT_{pf.name.upper()}_REPLY, &{pf.name}__badge);",
            "for (;;) {", "\tunsigned long reply;", "\tswitch (MSGINFO_LABEL(info)) {"]
    for i, m in enumerate(methods):
        need = MA.method_words(m, "in")
        call = f"{pf.name}__{m.name}(tsr__b)"
        check = f"MSGINFO_LENGTH(info) < {need} ? MSGINFO({ERR_SHORT_MESSAGE}, 0, 0) : "
        loop += [f"\tcase {i + 1}:", f"\t\treply = {check if need else ''}{call};",
                 "\t\tbreak;"]
    loop += ["\tdefault:", f"\t\treply = MSGINFO({ERR_UNKNOWN_METHOD}, 0, 0);", "\t}",
             f"\tinfo = tsr_rt_reply_recv(TSR_SLOT_{pf.name.upper()}, reply, "
             f"TSR_SLOT_{pf.name.upper()}_REPLY, &{pf.name}__badge);", "}"]
    out.append({"signature": f"static void {pf.name}__serve(void)", "body": loop, "static": True,
                "doc": f"The thread of '{pf.name}': serve calls forever."})
    out += _links(pf, view)
    return out


def _links(pf, view):
    """VM clients of a ConsoleLink/NetLink server: table and notify()."""
    if not pf.links:
        return []
    rows = [f'{{ {link.badge}, {slot}, {va:#x}UL, {link.size:#x}UL, "{link.vm}.{link.device}", '
            f'"{link.link_name}" }},' for link, slot, va in pf.links]
    view["statics"].append(f"const struct tsr_link {pf.name}_links[{len(rows)}] = {{")
    view["statics"] += ["\t" + r for r in rows] + ["};"]
    view["decls"].append(f"extern const struct tsr_link {pf.name}_links[{len(rows)}];")
    view["decls"].append(f"#define {pf.name}_num_links {len(rows)}")
    body = [f"for (unsigned i = 0; i < {len(rows)}; i++)",
            f"\tif ({pf.name}_links[i].badge == badge)",
            f"\t\ttsr_rt_signal({pf.name}_links[i].ntfn_slot);"]
    return [{"signature": f"void {pf.name}_notify(unsigned long badge)", "body": body,
             "static": False, "doc": f"Signal the VMM behind the VM client with this badge."}]
