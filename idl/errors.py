# SPDX-License-Identifier: BSD-2-Clause
"""Source locations and the one error type of the generator.

Input: nothing. Output: Loc (a 1-based file:line:col position) and
IdlError, raised by every stage for a mistake in the user's input.
"""
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Loc:
    """A 1-based position of a token in a source file."""
    path: str
    line: int
    col: int

    def __str__(self):
        return f"{display_path(self.path)}:{self.line}:{self.col}"


def display_path(path):
    """Return path relative to the working directory when it lies below
    it (so messages read tests/idl/bad/x.tsr), else the path unchanged."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


class IdlError(Exception):
    """A mistake in the input: printed as 'file:line:col: error: msg'."""

    def __init__(self, loc, message):
        super().__init__(f"{loc}: error: {message}")
        self.loc = loc
        self.message = message
