#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""The expected checksums of the file diskpattern.c writes.

Usage: diskpattern.py N [FIRST]   prints "<sha256> <crc32>" of N records
(from record FIRST, default 0; the channel test's pattern B is records
R..2R-1, what `diskpattern 2R | tail -c R*512` gives) (the
guest's sha256sum of the file, and the CRC-32 the VMM prints for the
records it finds in its backing store). Computed here independently of
the guest program: the QEMU runner compares all three (docs/guest.md).
"""
import hashlib
import struct
import sys
import zlib

MASK = (1 << 64) - 1


def record(idx):
    """Record idx: magic, index, 62 words of xorshift64* (see diskpattern.c)."""
    s = (idx * 0x9e3779b97f4a7c15 + 0x2545f4914f6cdd1d) & MASK
    words = []
    for _ in range(62):
        s ^= s >> 12
        s = (s ^ (s << 25)) & MASK
        s ^= s >> 27
        words.append((s * 0x2545f4914f6cdd1d) & MASK)
    return b"TSRDISK1" + struct.pack("<Q", idx) + struct.pack("<62Q", *words)


def main():
    n = int(sys.argv[1])
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    sha, crc = hashlib.sha256(), 0
    for i in range(first, first + n):
        r = record(i)
        sha.update(r)
        crc = zlib.crc32(r, crc)
    print("%s %08x" % (sha.hexdigest(), crc))


if __name__ == "__main__":
    main()
