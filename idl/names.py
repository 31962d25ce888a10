# SPDX-License-Identifier: BSD-2-Clause
"""Name tables for the resolve stage. Input: (syntax.Name, item) pairs.
Output: a dict name -> item. Raises IdlError at the second declaration of
a name, citing the first."""
from .errors import IdlError


def unique(items, what):
    """name -> item, raising IdlError on the second use of a name."""
    table, first = {}, {}
    for name, item in items:
        if name.text in table:
            raise IdlError(name.loc, f"duplicate {what} '{name.text}' (first declared at "
                           f"{first[name.text]})")
        table[name.text], first[name.text] = item, name.loc
    return table
