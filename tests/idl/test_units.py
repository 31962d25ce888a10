# SPDX-License-Identifier: BSD-2-Clause
"""Unit tests of the stages: lexer, parser, marshalling layout, lowering
rules, templates (StrictUndefined, no logic) and house rules."""
import glob
import os
import re

import jinja2
import pytest

from idl import lexer, marshal
from idl.errors import IdlError
from idl.loader import load
from idl.lower import lower
from idl.parser import Parser
from idl.paths import Options
from idl.render import TEMPLATES, environment
from idl.resolve import resolve
from idl.spec_text import spec_text
from idl.validate import validate


def build(text, tmp_path, name="s.tsr"):
    path = tmp_path / name
    path.write_text(text)
    opts = Options()
    system = resolve(load(str(path), opts), opts)
    validate(system)
    return system, lower(system)


def test_lexer_numbers_strings_comments():
    toks = lexer.tokenize('a 0x10 4K 2M 1G -5 "x\\"y" /* c */ // d\n;', "f")
    assert [(t.kind, t.value) for t in toks] == [
        ("IDENT", "a"), ("INT", 16), ("INT", 4096), ("INT", 2 << 20), ("INT", 1 << 30),
        ("INT", -5), ("STRING", 'x"y'), ("PUNCT", ";"), ("EOF", "")]
    assert (toks[7].loc.line, toks[7].loc.col) == (2, 1)


def test_lexer_accepts_only_documented_numbers():
    toks = lexer.tokenize("0 7 0x0 0xfF 0K 3M -0x10 -2G 18446744073709551615", "f")
    assert [t.value for t in toks[:-1]] == [0, 7, 0, 255, 0, 3 << 20, -16, -2 << 30,
                                            (1 << 64) - 1]
    for word in ("0b11", "0o1", "16_384", "010", "0X10", "0x", "0x4K", "4k", "1e3", "4KB"):
        with pytest.raises(IdlError) as exc:
            lexer.tokenize(f"x {word};", "f")
        assert exc.value.message.startswith(f"malformed number '{word}'"), word
        assert (exc.value.loc.line, exc.value.loc.col) == (1, 3)


def test_lexer_names_are_ascii():
    assert [t.value for t in lexer.tokenize("_a9 Zz_", "f")[:-1]] == ["_a9", "Zz_"]
    for text, col, shown in (("ab\u00e9c", 3, "'\u00e9' (U+00E9)"), ("\u0394x", 1, "'\u0394' (U+0394)"),
                             ("a\u00a0b", 2, "U+00A0"), ("a\u0663", 2, "'\u0663' (U+0663)")):
        with pytest.raises(IdlError) as exc:
            lexer.tokenize(text, "f")
        assert exc.value.loc.col == col, text
        assert exc.value.message.startswith(f"unexpected character {shown}: "), text
    assert lexer.tokenize('"caf\u00e9" // \u00e9', "f")[0].value == "caf\u00e9"  # strings, comments


def test_loader_refuses_unreadable_and_non_utf8_files(tmp_path):
    from idl.errors import Loc
    from idl.loader import _read
    with pytest.raises(IdlError) as exc:
        _read(str(tmp_path), Loc("sys.tsr", 3, 8))  # a directory: cannot be read
    assert (exc.value.loc.path, exc.value.loc.line, exc.value.loc.col) == ("sys.tsr", 3, 8)
    assert exc.value.message.startswith("cannot read ")
    bad = tmp_path / "b.tsr"
    bad.write_bytes("x\n\u00e9\u00e9".encode() + b"\xc3(\n")  # a truncated sequence
    with pytest.raises(IdlError) as exc:
        _read(str(bad), Loc("sys.tsr", 1, 1))
    assert (exc.value.loc.line, exc.value.loc.col) == (2, 3)
    assert exc.value.message == "the file is not valid UTF-8 (byte 0xc3)"


def test_lexer_columns_are_one_based():
    toks = lexer.tokenize("  ab\n\tcd", "f")
    assert (toks[0].loc.line, toks[0].loc.col) == (1, 3)
    assert (toks[1].loc.line, toks[1].loc.col) == (2, 2)


def test_parser_component_items():
    src = Parser("component c { control; uses P p; emits E e; dataport d 8K; "
                 "attribute uint8[2] a; priority 7; affinity 1; stack 8K; }", "f").parse()
    comp = src.components[0]
    assert comp.control and comp.priority.value == 7 and comp.stack.value == 8192
    assert [(p.kind, p.name.text) for p in comp.ports] == [("uses", "p"), ("emits", "e"),
                                                          ("dataport", "d")]
    assert comp.attributes[0].type.length.value == 2


def test_parse_error_location():
    with pytest.raises(IdlError) as exc:
        Parser("procedure P {\n  void f(in uint32 x)\n}", "f.tsr").parse()
    assert str(exc.value) == "f.tsr:3:1: error: expected ';', found '}'"


def test_marshal_layout(tmp_path):
    system, _ = build("struct s { uint8 a; uint64 b; uint16 c; };\n"
                      "procedure P { uint32 m(in s x, out string<9> y, inout bool[9] z); }\n"
                      "component c { provides P p; }\n", tmp_path)
    struct = system.structs[0]
    from idl.model import Type
    t = Type("struct", "s", None, struct=struct)
    assert marshal.c_size(t) == 24 and marshal.c_align(t) == 8
    method = [p for p in system.procs if p.name == "P"][0].methods[0]
    assert [(p.name, w) for p, w in marshal.layout(method, "in")] == [("x", 0), ("z", 3)]
    assert [(p.name, w) for p, w in marshal.layout(method, "out")] == [("y", 1), ("z", 3)]
    assert marshal.method_words(method, "in") == 5
    assert marshal.method_words(method, "out") == 5


def test_rpc_badges_and_rights(tmp_path):
    _, spec = build("procedure P { void f(); }\ncomponent c { control; uses P p; }\n"
                    "component s { provides P p; }\nassembly { composition {\n"
                    "component c a; component c b; component s srv;\n"
                    "connection rpc r(from a.p, from b.p, to srv.p); } }\n", tmp_path)
    caps = {sp.name: sp.caps for sp in spec.spaces}
    client_caps = [c for c in caps["a"] + caps["b"] if c.obj == "srv.p.ep"]
    assert [(c.badge, c.rights) for c in client_caps] == [(1, 0xA), (2, 0xA)]
    server_cap = [c for c in caps["srv"] if c.obj == "srv.p.ep"][0]
    assert server_cap.rights == 0x1 and server_cap.badge == 0


def test_vm_capabilities_stay_with_its_vmm(tmp_path):
    (tmp_path / "k").write_bytes(b"kernel")
    text = ('vm a { memory 0x40000000 4M; kernel "k"; vcpus 2; passthrough irq 70; }\n'
            'vm b { memory 0x40000000 4M; kernel "k"; }\n')
    _, spec = build(text, tmp_path)
    spaces = {sp.name: sp for sp in spec.spaces}
    a_objs = {c.obj for c in spaces["a_vmm"].caps}
    assert {"a.vspace", "a.vcpu", "a.vcpu_tcb", "a.fault_ep", "irq.70"} <= a_objs
    assert not any(o.startswith("b.") or o.startswith("b_vmm") for o in a_objs)
    assert [t.start for t in spaces["a"].threads] == ["vmm", "vmm"]
    assert {f.name for f in spec.archive} == {"k"}  # one archive file for both VMs


def test_page_tables_cover_every_mapping(tmp_path):
    _, spec = build("component c { control; dataport d 4M; }\n"
                    "assembly { composition { component c x; } }\n", tmp_path)
    sp = spec.spaces[0]
    l2 = {t.vaddr for t in sp.tables if t.level == 2}
    l3 = {t.vaddr for t in sp.tables if t.level == 3}
    for m in sp.maps:
        for i in range(m.count):
            va = m.vaddr + i * m.page
            assert va >> 30 << 30 in l2
            assert m.page == 0x200000 or va >> 21 << 21 in l3
    assert any(m.page == 0x200000 for m in sp.maps)  # the 4M dataport uses 2M frames


def test_cnode_grows_with_caps(tmp_path):
    ports = " ".join(f"emits E e{i};" for i in range(40))
    _, spec = build(f"component c {{ control; {ports} }}\ncomponent d {{ control; consumes E e; }}\n"
                    "assembly { composition { component c x; component d y;\n" +
                    "".join(f"connection notification n{i}(from x.e{i}, to y.e);\n" for i in range(40)) +
                    "} }\n", tmp_path)
    x = [sp for sp in spec.spaces if sp.name == "x"][0]
    assert len(x.caps) == 44 and x.cnode_bits == 6
    badges = sorted(c.badge for c in x.caps if c.obj == "y.e.ntfn")
    assert badges == [1 << i for i in range(40)]


def test_spec_text_is_host_independent(tmp_path):
    (tmp_path / "k").write_bytes(b"kernel")
    _, spec = build('vm v { memory 0x40000000 2M; kernel "k"; }\n', tmp_path)
    text = spec_text(spec).split("\n", 1)[1]  # the first line names the source as given
    assert str(tmp_path) not in text
    assert 'fill "k"' in text


def test_templates_use_strict_undefined():
    env = environment()
    assert env.undefined is jinja2.StrictUndefined
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("spec.c.j2").render(source="x", arrays=[])


def test_templates_hold_no_logic():
    for path in glob.glob(os.path.join(TEMPLATES, "*.j2")):
        text = open(path).read()
        tags = re.findall(r"{%-?\s*(\w+)", text)
        assert set(tags) <= {"for", "endfor"}, path
        exprs = re.findall(r"{{(.*?)}}", text)
        for expr in exprs:
            assert re.fullmatch(r"\s*[\w.\[\]0-9]+(\s*\|\s*length)?\s*", expr), (path, expr)


def test_house_rules_for_generator_files():
    files = glob.glob("idl/*.py") + glob.glob("idl/templates/*.j2") + ["idl/idl.mk"]
    files += glob.glob("tests/idl/*.py") + glob.glob("configs/**/*.tsr", recursive=True)
    for path in files:
        lines = open(path).read().split("\n")
        assert "SPDX-License-Identifier: BSD-2-Clause" in lines[0], path
        assert len(lines) < 700, path
    for path in glob.glob("idl/*.py"):
        assert '"""' in open(path).read()[:400], f"{path} has no module docstring"
