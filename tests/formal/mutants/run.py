#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""make verify-mutants: known kernel bugs, and which checker catches each.

For each line of mutants.txt ("<name>: <checker> ..."), a copy of the
source tree gets tests/formal/mutants/<name>.patch, its kernel is built
once, and only the listed checkers run against that kernel:

  ktest     the kernel test suite (scenario kernel, gic3, 1 core)
  kfuzz     the syscall fuzzer and its consistency check (scenario fuzz)
  difftest  the differential test against the reference model (3 seeds)
  spin:BUG  the spin model's analogue of the bug (tests/formal/spin/bugs/
            BUG.patch): the model, not the kernel; shown for reference

Then the WP mutants (make verify-wp-mutants, tests/formal/wp/mutants) if
that target exists. A mutant is caught when at least one checker fails on
it (for spin: when the planted bug's property fails). Prints a table,
writes OUT/mutants.res, exits 1 if any mutant survived.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def sh(cmd, log, cwd=ROOT):
    with open(log, "ab") as f:
        f.write(("$ %s\n" % " ".join(cmd)).encode())
        f.flush()
        r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        f.write(r.stdout)
    return r.returncode, r.stdout.decode(errors="replace")


def build(name, out, log):
    """Copies the tree, applies the patch (a mutant's name, or a .patch
    file), builds the kernel; returns its path."""
    patch = name if name.endswith(".patch") else os.path.join(HERE, name + ".patch")
    name = os.path.basename(patch)[:-len(".patch")]
    src = os.path.join(out, name, "src")
    shutil.rmtree(os.path.join(out, name), ignore_errors=True)
    os.makedirs(src)
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                           stdout=subprocess.PIPE, check=True).stdout.split(b"\0")
    for f in files:
        f = f.decode()
        if not f or f.startswith("build/") or not os.path.isfile(os.path.join(ROOT, f)):
            continue
        os.makedirs(os.path.dirname(os.path.join(src, f)) or src, exist_ok=True)
        shutil.copy2(os.path.join(ROOT, f), os.path.join(src, f))
    os.makedirs(os.path.join(src, "build"))
    os.symlink(os.path.join(ROOT, "build", "deps"), os.path.join(src, "build", "deps"))
    rc, _ = sh(["patch", "-s", "-p1", "-d", src, "-i", patch], log)
    if rc != 0:
        return None, "patch does not apply"
    rc, _ = sh(["make", "-C", src, "-j2", "--no-print-directory", "kernel"], log)
    if rc != 0:
        return None, "kernel does not build"
    return os.path.join(src, "build", "aarch64-qemu-virt", "kobj", "kernel.elf"), ""


def check(checker, kernel, out, log):
    """Runs one checker on the mutant kernel: (caught, detail)."""
    res = os.path.join(out, "res-" + checker.replace(":", "-"))
    shutil.rmtree(res, ignore_errors=True)
    os.makedirs(res)
    if checker in ("ktest", "kfuzz"):
        scen = "kernel" if checker == "ktest" else "fuzz"
        rc, _ = sh(["make", "--no-print-directory", "test-qemu-%s-gic3-smp1" % scen,
                    "SCENARIO_KERNEL_%s=%s" % (scen, kernel), "RESULTS=" + res], log)
        text = open(os.path.join(res, "qemu.res")).read() if os.path.exists(
            os.path.join(res, "qemu.res")) else ""
        fails = [ln.split(":")[0].split()[-1] for ln in text.splitlines() if ln.startswith("FAIL")]
        if fails or rc != 0:
            return True, "fails: " + (", ".join(fails[:3]) or "exit %d" % rc)
        return False, "all pass"
    if checker == "difftest":
        rc, _ = sh(["make", "--no-print-directory", "verify-diff", "DIFF_KERNEL=" + kernel,
                    "DIFF_SEEDS=1 2 3", "DIFF_TIMEOUT=15", "DIFF_STOP=1"], log)
        text = open(os.path.join(ROOT, "build", "formal", "diff.res")).read()
        shutil.copy(os.path.join(ROOT, "build", "formal", "diff.res"), res)
        m = re.search(r"^FAIL (\S+): .*?(operation \d+|stopped after \d+ operations)", text, re.M)
        if m:
            return True, "%s: %s" % (m.group(1), m.group(2).replace("operation ", "differs at op "))
        if "FAIL" in text:
            return True, text.split("\n")[0][:60]
        return False, "all seeds agree"
    if checker.startswith("spin:"):
        bug = checker[5:]
        rc, text = sh(["sh", os.path.join(ROOT, "tests/formal/spin/check.sh"), "mut_" + bug,
                       "bugs/%s.patch" % bug, "-", claim_of(bug), "fail", res], log)
        return rc == 0, "model analogue %s: %s" % (bug, "caught" if rc == 0 else text.strip()[:50])
    return False, "unknown checker"


def claim_of(bug):
    """The property a spin planted bug must fail (tests/formal/formal.mk)."""
    mk = open(os.path.join(ROOT, "tests/formal/formal.mk")).read()
    m = re.search(r"bugs/%s\.patch:[^:]*:(\w+):fail" % re.escape(bug), mk)
    return m.group(1) if m else "-"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", default="")
    ap.add_argument("--all", action="store_true", help="run every checker, not only up to the first catch")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    log = os.path.join(out, "mutants.log")
    open(log, "w").close()
    rows, t0 = [], time.time()
    for line in open(os.path.join(HERE, "mutants.txt")):
        line = line.split("#")[0].strip()
        if not line:
            continue
        name, checkers = line.split(":", 1)
        if args.only and name not in args.only.split(","):
            continue
        t = time.time()
        kernel, why = build(name, out, log)
        results = []
        if kernel is None:
            results.append(("build", False, why))
        else:
            for c in checkers.split():
                if any(r[1] for r in results) and not args.all:
                    results.append((c, None, "skipped: already caught"))
                    continue
                caught, detail = check(c, kernel, os.path.join(out, name), log)
                results.append((c, caught, detail))
        shutil.rmtree(os.path.join(out, name, "src"), ignore_errors=True)
        rows.append((name, results, time.time() - t))
        print("  mutant %-22s %s (%.0fs)" % (name, "caught" if any(r[1] for r in results)
                                            else "SURVIVED", time.time() - t), flush=True)
    # WP mutants (tests/formal/wp, by the WP work), when present.
    wp = []
    if re.search(r"^verify-wp-mutants:", open(os.path.join(ROOT, "tests/formal/formal.mk")).read(),
                 re.M) and not args.only:
        rc, text = sh(["make", "--no-print-directory", "verify-wp-mutants"], log)
        for m in re.finditer(r"^(PASS|FAIL) wp-mutant-(\S+?): (.*)$", text, re.M):
            wp.append((m.group(2), [("wp", m.group(1) == "PASS", m.group(3))], 0))
        if not wp:
            wp.append(("wp-mutants", [("wp", False, "no result (exit %d)" % rc)], 0))
    else:
        print("  WP mutants not present (no verify-wp-mutants target in tests/formal/formal.mk)")
    rows += wp
    print("\n%-26s %-9s %s" % ("mutant", "verdict", "checkers (x = caught, . = passed, - = skipped)"))
    lines = []
    for name, results, secs in rows:
        ok = any(r[1] is True for r in results)
        cells = "; ".join("%s %s (%s)" % ({True: "x", False: ".", None: "-"}[c], n, d)
                          for n, c, d in results)
        print("%-26s %-9s %s" % (name, "caught" if ok else "SURVIVED", cells))
        lines.append("%s mutant-%s: %s" % ("PASS" if ok else "FAIL", name, cells))
    with open(os.path.join(out, "mutants.res"), "w") as f:
        f.write("\n".join(lines) + "\n")
    bad = [ln for ln in lines if ln.startswith("FAIL")]
    print("\n%d mutants, %d caught, %d survived; %.0f s" % (len(lines), len(lines) - len(bad),
                                                          len(bad), time.time() - t0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
