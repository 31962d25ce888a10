# SPDX-License-Identifier: BSD-2-Clause
"""Parser: tokens of one file -> syntax.SourceFile.

Input: file text and path. Output: a SourceFile holding the file's
imports and declarations in source order (imports are not followed here;
loader.py does that). Raises IdlError at the first syntax error, pointing
at the unexpected token. The grammar is in docs/idl.md.
"""
from . import syntax as S
from .errors import IdlError
from .lexer import tokenize

DIRECTIONS = ("in", "out", "inout")


class Parser:
    """Recursive descent over a token list; one method per production."""

    def __init__(self, text, path):
        self.toks = tokenize(text, path)
        self.pos = 0
        self.path = path

    # --- token helpers ------------------------------------------------------
    def peek(self, ahead=0):
        return self.toks[min(self.pos + ahead, len(self.toks) - 1)]

    def take(self):
        tok = self.peek()
        self.pos += 1
        return tok

    def at(self, value):
        tok = self.peek()
        return tok.kind in ("PUNCT", "IDENT") and tok.value == value

    def accept(self, value):
        if self.at(value):
            return self.take()
        return None

    def expect(self, value, what=None):
        if not self.at(value):
            self.fail(what or f"'{value}'")
        return self.take()

    def fail(self, what):
        tok = self.peek()
        raise IdlError(tok.loc, f"expected {what}, found {tok.describe()}")

    def name(self, what="a name"):
        if self.peek().kind != "IDENT":
            self.fail(what)
        tok = self.take()
        return S.Name(tok.value, tok.loc)

    def num(self, what="a number"):
        if self.peek().kind != "INT":
            self.fail(what)
        tok = self.take()
        return S.Num(tok.value, tok.loc)

    def string(self, what="a string"):
        if self.peek().kind != "STRING":
            self.fail(what)
        tok = self.take()
        return S.Str(tok.value, tok.loc)

    def end_decl(self):
        self.expect("}")
        self.accept(";")

    # --- top level ----------------------------------------------------------
    def parse(self):
        out = S.SourceFile(self.path)
        table = {
            "import": (self.import_, out.imports),
            "struct": (self.struct, out.structs),
            "procedure": (self.procedure, out.procedures),
            "component": (self.component, out.components),
            "vm": (self.vm, out.vms),
            "assembly": (self.assembly, out.assemblies),
        }
        while self.peek().kind != "EOF":
            tok = self.peek()
            if tok.kind != "IDENT" or tok.value not in table:
                self.fail("a declaration (import, struct, procedure, component, vm, assembly)")
            fn, items = table[tok.value]
            self.take()
            items.append(fn())
        return out

    def import_(self):
        path = self.string("a file name in quotes")
        self.expect(";")
        return S.Import(path)

    def type_ref(self):
        base = self.name("a type")
        ref = S.TypeRef(base)
        if base.text == "string":
            self.expect("<", "'<' (a string needs a bound: string<N>)")
            ref.bound = self.num("the string bound")
            self.expect(">")
        if self.accept("["):
            ref.length = self.num("the array length")
            self.expect("]")
        return ref

    def struct(self):
        name = self.name("a struct name")
        self.expect("{")
        fields = []
        while not self.at("}"):
            ftype = self.type_ref()
            fields.append(S.Field(ftype, self.name("a field name")))
            self.expect(";")
        self.end_decl()
        return S.Struct(name, fields)

    def procedure(self):
        name = self.name("a procedure name")
        self.expect("{")
        methods = []
        while not self.at("}"):
            methods.append(self.method())
        self.end_decl()
        return S.Procedure(name, methods)

    def method(self):
        ret = None if self.accept("void") else self.type_ref()
        name = self.name("a method name")
        self.expect("(")
        params = []
        while not self.at(")"):
            if params:
                self.expect(",", "',' or ')'")
            tok = self.peek()
            if tok.kind != "IDENT" or tok.value not in DIRECTIONS:
                self.fail("a parameter direction (in, out, inout)")
            direction = self.take().value
            ptype = self.type_ref()
            params.append(S.Param(direction, ptype, self.name("a parameter name")))
        self.expect(")")
        self.expect(";")
        return S.Method(ret, name, params)

    def value(self):
        tok = self.peek()
        if tok.kind == "INT":
            return self.num()
        if tok.kind == "STRING":
            return self.string()
        if tok.kind == "IDENT" and tok.value in ("true", "false"):
            return self.name()
        self.fail("a value (number, string, true or false)")
        return None

    from .parser_decls import component, component_item, assembly, connection, vm, vm_item, device
