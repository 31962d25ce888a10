#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Linux boot benchmark: executed instructions from QEMU reset to the
initramfs's first command (docs/guest.md, "Boot benchmark").

Usage: linux_boot.py --key boot_native|boot_tessera --json FILE
                     [--timeout S] [--log FILE] -- qemu-command...

Runs the command (QEMU with -icount shift=0,sleep=off -seed 1) until the
guest prints "BOOT_CNTVCT <count> CNTFRQ <hz>" (apps/linux-guest/
bootstamp.c), optionally prefixed "<vm>: " by Tessera's console, then stops
it. With shift=0 QEMU's virtual clock advances 1 ns per executed instruction
and the guest's virtual counter (offset 0) runs at CNTFRQ from that clock,
so instructions = count * 1e9 / CNTFRQ (exact to one counter tick,
1e9 / CNTFRQ instructions).

The result is merged into the JSON object in FILE under --key; once both
boot_native and boot_tessera are present, boot_ratio = tessera / native is
written too. Exits 1 (and writes nothing) if the line never comes.
"""
import argparse
import fcntl
import json
import os
import re
import selectors
import signal
import subprocess
import sys
import time

STAMP_RE = re.compile(r"^(?:[A-Za-z0-9_.-]+: )?BOOT_CNTVCT (\d+) CNTFRQ (\d+)\s*$")
KEYS = ("boot_native", "boot_tessera")


def instructions(count, freq):
    """Executed instructions for a counter value read at frequency freq."""
    if freq <= 0:
        raise ValueError("CNTFRQ is %d" % freq)
    return count * 1000000000 // freq


def find_stamp(line):
    """(count, freq) if line is the boot stamp, else None."""
    m = STAMP_RE.match(line.rstrip("\r\n"))
    return (int(m.group(1)), int(m.group(2))) if m else None


def merge(path, key, value):
    """Writes value under key into the JSON object at path, plus boot_ratio
    when both halves are known. Returns the new object. A lock file makes
    the read-modify-write safe when both halves run at once (make -j2)."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = {}
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        data[key] = value
        if all(k in data for k in KEYS):
            data["boot_ratio"] = round(data["boot_tessera"] / data["boot_native"], 4)
        else:
            data.pop("boot_ratio", None)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, sort_keys=True)
            f.write("\n")
        os.replace(path + ".tmp", path)
    return data


def run(cmd, timeout, log):
    """Runs cmd until the stamp appears; returns (count, freq) or None."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    start, buf = time.monotonic(), b""
    try:
        while time.monotonic() - start < timeout:
            if not sel.select(1.0):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                return None
            log.write(chunk)
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                stamp = find_stamp(line.decode("utf-8", "replace"))
                if stamp:
                    return stamp
        return None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--key", required=True, choices=KEYS)
    ap.add_argument("--json", required=True, help="results file (build/bench/linux.json)")
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--log", help="write the raw output here")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
    if not cmd:
        ap.error("no command given after --")
    log_path = args.log or os.devnull
    os.makedirs(os.path.dirname(os.path.abspath(log_path)), exist_ok=True)
    with open(log_path, "wb") as log:
        stamp = run(cmd, args.timeout, log)
    if stamp is None:
        print("linux_boot: error: %s: no BOOT_CNTVCT line within %.0f s (log: %s)"
              % (args.key, args.timeout, log_path), file=sys.stderr)
        return 1
    count, freq = stamp
    value = instructions(count, freq)
    data = merge(args.json, args.key, value)
    print("%s %d instructions (CNTVCT %d at %d Hz)%s" % (
        args.key, value, count, freq,
        ", boot_ratio %.4f" % data["boot_ratio"] if "boot_ratio" in data else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
