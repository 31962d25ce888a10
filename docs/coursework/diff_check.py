#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Coursework checker for exercises 4 and 5 (docs/coursework/README.md).

  diff_check.py model SOLUTION_DIR     exercise 4: the differential test
      (seeds 1, 2; 500 operations) with the model's op_* functions replaced
      by those in SOLUTION_DIR/*.py must agree with the kernel
  diff_check.py witness EXERCISE_DIR SOLUTION_DIR   exercise 5: the program
      SOLUTION_DIR/witness.json must agree with the model on the real
      kernel and disagree on the kernel with EXERCISE_DIR/mystery.patch
Prints PASS/FAIL; run from the repository root (make coursework-check).
"""
import glob
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "formal", "mutants"))


def diff(seed, extra):
    os.makedirs(os.path.join(ROOT, "build", "coursework"), exist_ok=True)
    r = subprocess.run(["make", "--no-print-directory", "-s", "verify-diff-one", "DIFF_SEED=%d" % seed,
                        "DIFF_OPS=500", "DIFF_TIMEOUT=30",
                        "DIFF_RES=" + os.path.join(ROOT, "build", "coursework", "diff.res")] + extra,
                       cwd=ROOT,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = r.stdout.decode(errors="replace")
    verdict = [ln for ln in out.splitlines() if ln.startswith(("PASS", "FAIL"))]
    return (verdict[0] if verdict else "FAIL: " + out.strip()[-300:]), out


def model(sol):
    files = glob.glob(os.path.join(os.path.abspath(sol), "*.py"))
    if not files:
        print("FAIL: no .py file in", sol)
        return 1
    for seed in (1, 2):
        v, out = diff(seed, ["DIFF_PATCH_MODEL=" + files[0]])
        if not v.startswith("PASS"):
            print("FAIL: seed %d: %s" % (seed, v if "FAIL" in v else out.strip()[-400:]))
            return 1
    print("PASS: the kernel agrees with the extended model (seeds 1, 2)")
    return 0


def witness(ex, sol):
    import run as mutants
    prog = os.path.join(os.path.abspath(sol), "witness.json")
    v, out = diff(0, ["DIFF_PROGRAM=" + prog])
    if not v.startswith("PASS"):
        print("FAIL: on the real kernel the witness does not agree with the model: " + v)
        return 1
    out_dir = os.path.join(ROOT, "build", "coursework", "mystery")
    os.makedirs(out_dir, exist_ok=True)
    patch = os.path.join(os.path.abspath(ex), "mystery.patch")
    kernel, why = mutants.build(patch, out_dir, os.path.join(out_dir, "build.log"))
    if kernel is None:
        print("FAIL: mutant kernel: " + why)
        return 1
    v, out = diff(0, ["DIFF_PROGRAM=" + prog, "DIFF_KERNEL=" + kernel])
    if v.startswith("PASS"):
        print("FAIL: the mutant kernel agrees with the model on this witness: the bug is not shown")
        return 1
    print("PASS: the witness exposes the mutant: " + v.split("\n")[0][5:])
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "model":
        sys.exit(model(sys.argv[2]))
    if len(sys.argv) == 4 and sys.argv[1] == "witness":
        sys.exit(witness(sys.argv[2], sys.argv[3]))
    print(__doc__)
    sys.exit(2)
