# SPDX-License-Identifier: BSD-2-Clause
"""Small checks shared by the validate modules. Input: a model.Value (a
python value with its Loc) or a region's numbers and Locs. Output:
nothing, or IdlError at the offending Loc."""
from .errors import IdlError


def in_range(value, low, high, what):
    """Raise IdlError at value.loc unless low <= value.value <= high."""
    if not isinstance(value.value, int) or isinstance(value.value, bool) \
            or not low <= value.value <= high:
        raise IdlError(value.loc, f"{what} {show(value.value)} out of range ({low}..{high})")


def in_space(what, base, size, locs, min_size, limit, note=""):
    """A region [base, base + size) with size >= min_size inside 0..limit.
    locs = (base Loc, size Loc). Raises '<what> size S is less than M' at
    the size, or '<what> B+S is outside 0..L<note>' at the base when the
    base lies outside, else at the size (only the end is outside)."""
    if size < min_size:
        raise IdlError(locs[1], f"{what} size {size:#x} is less than {min_size:#x}")
    if base < 0 or base + size > limit:
        raise IdlError(locs[0] if base < 0 or base >= limit else locs[1],
                       f"{what} {base:#x}+{size:#x} is outside 0..{limit:#x}{note}")


def show(v):
    return f'"{v}"' if isinstance(v, str) else str(v).lower() if isinstance(v, bool) else str(v)
