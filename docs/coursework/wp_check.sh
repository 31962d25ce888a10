#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Coursework checker for exercise 2 (docs/coursework/README.md):
#   wp_check.sh EXERCISE_DIR SOLUTION_DIR
# runs Frama-C WP with -wp-rte (provers z3, cvc4 through why3) on the
# exercise's harness with the student's file; PASS only if every goal is
# proved and the file declares no axiom, lemma or admit (nothing assumed).
set -u
ex=$1 sol=$2
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
cp "$sol"/*.c "$w"/ && cp "$ex"/harness.c "$w"/ || { echo "FAIL: no C file in $sol"; exit 1; }
if grep -q -E '\b(axiom|lemma|admit|check)\b' "$w"/*.c; then
	echo "FAIL: the solution may not assume anything (axiom/lemma/admit/check)"; exit 1
fi
why3 config detect -C "$w/why3.conf" >/dev/null 2>&1 || { echo "FAIL: why3 config detect"; exit 1; }
# z3 and cvc4 (why3 1.5 does not know Debian 12's cvc5, tests/formal/wp)
(cd "$w" && WHY3CONFIG=$w/why3.conf frama-c -wp -wp-rte -wp-prover z3,cvc4 -wp-timeout 10 \
	harness.c >wp.log 2>&1)
line=$(grep -m1 'Proved goals:' "$w/wp.log")
set -- $(echo "$line" | sed -n 's|.*Proved goals: *\([0-9]*\) */ *\([0-9]*\).*|\1 \2|p')
if [ $# -eq 2 ] && [ "$1" = "$2" ] && [ "$2" -gt 0 ]; then
	echo "PASS: all $2 goals proved"; exit 0
fi
echo "FAIL: ${line:-WP did not run}"; grep -E 'Unknown|Timeout|Failed' "$w/wp.log" | head -5
exit 1
