# SPDX-License-Identifier: BSD-2-Clause
"""Small checks shared by the validate modules. Input: a model.Value (a
python value with its Loc). Output: nothing, or IdlError at its Loc."""
from .errors import IdlError


def in_range(value, low, high, what):
    """Raise IdlError at value.loc unless low <= value.value <= high."""
    if not isinstance(value.value, int) or isinstance(value.value, bool) \
            or not low <= value.value <= high:
        raise IdlError(value.loc, f"{what} {show(value.value)} out of range ({low}..{high})")


def show(v):
    return f'"{v}"' if isinstance(v, str) else str(v).lower() if isinstance(v, bool) else str(v)
