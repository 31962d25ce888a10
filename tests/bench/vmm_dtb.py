#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Capture the device tree a Tessera VMM generated (docs/vmm.md).

Usage: vmm_dtb.py --out FILE [--timeout S] [--log FILE] -- qemu-command...

Runs the command (a Tessera system whose guest command line has
tessera.bench=..., so the guest powers off after its first command) and
reads the VMM's dump printed after the guest's SYSTEM_OFF:
"DTB <hex offset> <hex bytes>" lines, then "DTB end <size>" (each line
optionally prefixed "<vm>: "). Writes the bytes to FILE, checks the size
and the FDT magic, stops the command. Exits 1 if the dump is incomplete.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import threading

LINE_RE = re.compile(r"^(?:[A-Za-z0-9_.-]+: )?DTB ([0-9a-f]{5,}) ([0-9a-f]+)\s*$")
END_RE = re.compile(r"^(?:[A-Za-z0-9_.-]+: )?DTB end (\d+)\s*$")
FDT_MAGIC = b"\xd0\x0d\xfe\xed"


def parse(lines):
    """The dumped bytes, or None if the dump is incomplete or malformed."""
    chunks, size = {}, None
    for line in lines:
        m = LINE_RE.match(line)
        if m:
            chunks[int(m.group(1), 16)] = bytes.fromhex(m.group(2))
            continue
        m = END_RE.match(line)
        if m:
            size = int(m.group(1))
    if size is None:
        return None
    data, off = b"", 0
    while off < size:
        if off not in chunks:
            return None
        data += chunks[off]
        off += len(chunks[off])
    if len(data) != size or not data.startswith(FDT_MAGIC):
        return None
    return data


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--log")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True, text=True,
                            errors="replace")
    lines = []
    timer = threading.Timer(a.timeout, os.killpg, (proc.pid, signal.SIGTERM))
    timer.start()
    try:
        for line in proc.stdout:
            lines.append(line.rstrip("\r\n"))
            if END_RE.match(lines[-1]):
                break
    finally:
        timer.cancel()
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        proc.wait()
        if a.log:
            with open(a.log, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
    data = parse(lines)
    if data is None:
        print("vmm_dtb: no complete DTB dump in the output", file=sys.stderr)
        return 1
    with open(a.out, "wb") as f:
        f.write(data)
    print("  DTB     %s (%d bytes)" % (a.out, len(data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
