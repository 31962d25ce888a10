#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Numeric check of the arithmetic axioms W2-W5 (docs/spec/axioms.md).

ACSL's &, ~, << on integers are two's complement on unbounded integers,
exactly as Python's int operators. This checks each axiom on every value
with few bits, on all edge values near powers of two up to 2^64, and on
random 64-bit values (fixed seed). It is evidence, not a proof: the
axioms are textbook identities the provers' integer theories lack.
Prints one line "PASS wp-axioms: ..." or "FAIL wp-axioms: ..."."""
import random
import sys

TOP = 1 << 64


def edges():
    vals = set(range(0, 1 << 10))
    for k in range(65):
        for d in (-2, -1, 0, 1, 2):
            v = (1 << k) + d
            if 0 <= v < TOP:
                vals.add(v)
    rnd = random.Random(1)
    vals.update(rnd.getrandbits(64) for _ in range(3000))
    return sorted(vals)


def main():
    vals = edges()
    small = [v for v in vals if v < 1 << 8] + [TOP - 1, 1 << 63, 0x0123456789abcdef]
    checks = 0
    for v in vals:
        for n in range(64):  # W2
            checks += 1
            if v & ((1 << n) - 1) != v % (1 << n):
                return f"W2 fails for v={v:#x} n={n}"
    for a in small:
        for b in small:  # W3, W4
            checks += 1
            if not (0 <= (a & b) <= a and (a & b) <= b):
                return f"W3 fails for a={a:#x} b={b:#x}"
            for i in range(66):
                checks += 1
                lhs = ((a & b) & (1 << i)) != 0
                if lhs != (((a & (1 << i)) != 0) and ((b & (1 << i)) != 0)):
                    return f"W4 fails for a={a:#x} b={b:#x} i={i}"
    for n in range(65):  # W5
        checks += 1
        if not (1 << n) > 0:
            return f"W5 fails for n={n}"
    print(f"PASS wp-axioms: W2-W5 hold on {checks} cases")
    return None


if __name__ == "__main__":
    err = main()
    if err:
        print(f"FAIL wp-axioms: {err}")
        sys.exit(1)
