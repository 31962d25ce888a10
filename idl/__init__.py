# SPDX-License-Identifier: BSD-2-Clause
"""Tessera's system description language and its generator.

Pipeline (each stage is one module with a stated input and output):

    loader.load      path            -> list[syntax.SourceFile] (parse, imports)
    resolve.resolve  SourceFiles     -> model.System (names bound, paths found)
    validate.validate model.System   -> None, or raises IdlError
    lower.lower      model.System    -> spec.Spec (capability distribution)
    render.render    Spec + System   -> dict[relative path, file text]

Every user mistake raises errors.IdlError carrying a source location; the
CLI (__main__.py) prints it as ``file:line:col: error: message``.
"""
