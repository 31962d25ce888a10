#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Coursework checker for the spin exercises (docs/coursework/README.md):
#   spin_check.sh EXERCISE_DIR SOLUTION_DIR CLAIM
# copies the student's model(s) next to the exercise's harness, checks the
# claim exhaustively (no bitstate, no depth limit reached), prints PASS/FAIL.
set -u
ex=$1 sol=$2 claim=$3
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
cp "$sol"/*.pml "$w"/ && cp "$ex"/harness.pml "$w"/ || { echo "FAIL: no model in $sol"; exit 1; }
cd "$w"
spin -a harness.pml >spin.log 2>&1 || { echo "FAIL: spin -a: $(grep -m1 -i error spin.log)"; exit 1; }
gcc -O2 -DCOLLAPSE -o pan pan.c >cc.log 2>&1 || { echo "FAIL: pan does not compile"; exit 1; }
./pan -m100000 -a -E -N "$claim" >pan.log 2>&1
grep -q "max search depth too small" pan.log && { echo "FAIL: depth limit reached"; exit 1; }
if grep -q "errors: 0" pan.log; then
	echo "PASS: $claim holds ($(awk '/states, stored/{print $1; exit}' pan.log) states)"
	exit 0
fi
echo "FAIL: $claim violated; replay the counterexample with: spin -t -p harness.pml (in a copy)"
grep -m1 -E 'violated|acceptance' pan.log
exit 1
