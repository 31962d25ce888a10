# SPDX-License-Identifier: BSD-2-Clause
"""Lexer: source text -> list of Token.

Input: the text of one file and its path. Output: tokens with kinds
IDENT (ASCII [A-Za-z_][A-Za-z0-9_]*), INT (decimal without leading
zeros or 0x hex, optionally negative; suffixes K, M, G multiply decimal
numbers by 2^10, 2^20, 2^30; nothing else: no 0b, 0o, 0X, '_'), STRING
(value without quotes; escapes \\" \\\\ \\n \\t), PUNCT (one of the
characters in PUNCT_CHARS) and EOF. Comments (// to end of line and
/* */) and whitespace are skipped. Raises IdlError on a bad character
(also any non-ASCII one outside strings and comments), an unterminated
string or comment, or a malformed number.
"""
import re
from dataclasses import dataclass

from .errors import IdlError, Loc

PUNCT_CHARS = "{}()[]<>;,.=$"
SUFFIXES = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}
DIGITS = "0123456789"
NAME_START = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"
NAME_CHARS = NAME_START + DIGITS
NUMBER = re.compile(r"0x[0-9a-fA-F]+|(?:0|[1-9][0-9]*)[KMG]?")


@dataclass(frozen=True)
class Token:
    kind: str
    value: object
    loc: Loc

    def describe(self):
        """How the token is named in 'expected X, found Y' messages."""
        if self.kind == "EOF":
            return "end of file"
        if self.kind == "STRING":
            return f'string "{self.value}"'
        if self.kind == "INT":
            return f"number {self.value}"
        return f"'{self.value}'"


class _Scanner:
    def __init__(self, text, path):
        self.text, self.path = text, path
        self.pos, self.line, self.col = 0, 1, 1

    def loc(self):
        return Loc(self.path, self.line, self.col)

    def peek(self, ahead=0):
        i = self.pos + ahead
        return self.text[i] if i < len(self.text) else ""

    def advance(self, count=1):
        for _ in range(count):
            if self.text[self.pos] == "\n":
                self.line, self.col = self.line + 1, 1
            else:
                self.col += 1
            self.pos += 1


def tokenize(text, path):
    """Split text into tokens; the last one is always EOF."""
    sc = _Scanner(text, path)
    tokens = []
    while True:
        _skip_space_and_comments(sc)
        if sc.pos >= len(sc.text):
            tokens.append(Token("EOF", "", sc.loc()))
            return tokens
        tokens.append(_next_token(sc))


def _skip_space_and_comments(sc):
    while sc.pos < len(sc.text):
        ch = sc.peek()
        if ch in " \t\r\n":
            sc.advance()
        elif ch == "/" and sc.peek(1) == "/":
            while sc.pos < len(sc.text) and sc.peek() != "\n":
                sc.advance()
        elif ch == "/" and sc.peek(1) == "*":
            start = sc.loc()
            sc.advance(2)
            while not (sc.peek() == "*" and sc.peek(1) == "/"):
                if sc.pos >= len(sc.text):
                    raise IdlError(start, "unterminated comment")
                sc.advance()
            sc.advance(2)
        else:
            return


def _next_token(sc):
    ch, loc = sc.peek(), sc.loc()
    if ch in NAME_START:
        start = sc.pos
        while sc.peek() and sc.peek() in NAME_CHARS:
            sc.advance()
        return Token("IDENT", sc.text[start:sc.pos], loc)
    if ch in DIGITS:
        return _number(sc, loc)
    if ch == "-" and sc.peek(1) and sc.peek(1) in DIGITS:
        sc.advance()
        tok = _number(sc, loc)
        return Token("INT", -tok.value, loc)
    if ch == '"':
        return _string(sc, loc)
    if ch in PUNCT_CHARS:
        sc.advance()
        return Token("PUNCT", ch, loc)
    raise IdlError(loc, _bad_character(ch))


def _bad_character(ch):
    """The message for a character no token starts with."""
    if ch.isascii() and ch.isprintable():
        return f"unexpected character '{ch}'"
    shown = f"'{ch}' (U+{ord(ch):04X})" if ch.isprintable() else f"U+{ord(ch):04X}"
    return (f"unexpected character {shown}: outside strings and comments "
            "only ASCII is allowed (names are letters A-Z a-z, digits and '_')")


def _number(sc, loc):
    """A number: the longest run of name characters (and non-ASCII
    alphanumerics, so that they are named in the message), which must be
    all of NUMBER."""
    start = sc.pos
    while sc.peek() and (sc.peek() in NAME_CHARS or sc.peek().isalnum()):
        sc.advance()
    word = sc.text[start:sc.pos]
    if not NUMBER.fullmatch(word):
        raise IdlError(loc, f"malformed number '{word}' (numbers are decimal without leading "
                       "zeros, optionally ending in K, M or G, or 0x hex)")
    scale = 1
    if word[-1] in SUFFIXES and not word.startswith("0x"):
        scale, word = SUFFIXES[word[-1]], word[:-1]
    return Token("INT", int(word, 16 if word.startswith("0x") else 10) * scale, loc)


def _string(sc, loc):
    sc.advance()
    out = []
    while sc.peek() != '"':
        ch = sc.peek()
        if ch in ("", "\n"):
            raise IdlError(loc, "unterminated string")
        if ch == "\\":
            esc = sc.peek(1)
            if esc not in ESCAPES:
                raise IdlError(sc.loc(), f"unknown escape '\\{esc}' in string")
            out.append(ESCAPES[esc])
            sc.advance(2)
        else:
            out.append(ch)
            sc.advance()
    sc.advance()
    return Token("STRING", "".join(out), loc)
