#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Frama-C WP proofs of kernel C (tests/formal/README.md).
#   wp.sh unit OUTDIR FILE         prove one unit (a line of units): writes
#                                  OUTDIR/<file>.res
#   wp.sh prove OUTDIR [SRCROOT]   prove every unit in tests/formal/wp/units
#                                  against the sources under SRCROOT (default:
#                                  the repository); one line per function:
#                                  "PASS wp-<fn>: N/N goals (Ts)" or "FAIL ..."
#   wp.sh mutants OUTDIR           apply each mutants/*.patch to a copy of the
#                                  kernel; WP must fail on the function the
#                                  patch names ("Mutant-of: <fn>" line)
# Needs frama-c, why3, z3, cvc4 (libs/deps/setup.sh) and OUTDIR/why3.conf
# (made by `why3 config detect`, see tests/formal/formal.mk).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
cmd=$1 out=$2
mkdir -p "$out"
out=$(cd "$out" && pwd)
conf=$out/why3.conf
[ -f "$conf" ] || why3 config detect -C "$conf" >/dev/null 2>&1 ||
	{ echo "FAIL wp: why3 config detect failed"; exit 1; }
# Provers: z3 and cvc4 (why3 1.5 does not know Debian 12's cvc5 1.0.3).
PROVERS=${WP_PROVERS:-z3,cvc4}
TIMEOUT=${WP_TIMEOUT:-60}
PAR=1

# run_unit SRCROOT FILE FUNCS LOG: runs WP; the log has one line per goal.
run_unit() {
	(cd "$1" && WHY3CONFIG=$conf frama-c -c11 -machdep gcc_x86_64 \
		-cpp-extra-args="-Imicrokernel/include -Imicrokernel/arch/aarch64/include" \
		"$2" -wp -wp-rte -wp-fct "$3" -wp-prover "$PROVERS" -wp-timeout "$TIMEOUT" \
		-wp-par "$PAR") >"$4" 2>&1
}

# goals FN LOG: "proved total" for the goals of function FN (goal names are
# typed_<fn>_<property>; a longer listed function name is excluded).
goals() {
	awk -v fn="$1" -v all="$3" '
	/Goal typed_/ {
		g = $0; sub(/.*Goal typed_/, "", g); sub(/ .*/, "", g)
		best = ""; n = split(all, fs, ",")
		for (i = 1; i <= n; i++)
			if (index(g, fs[i] "_") == 1 && length(fs[i]) > length(best)) best = fs[i]
		if (best != fn || seen[g]++) next
		total++; if ($0 ~ /: Valid/) ok++
	}
	END { printf "%d %d\n", ok, total }' "$2"
}

# unit SRCROOT FILE FUNCS: proves one unit, one line per function.
unit() {
	src=$1 f=$2 fns=$3
	log=$out/$(basename "$f" .c).log
	t0=$(date +%s)
	run_unit "$src" "$f" "$fns" "$log"
	t=$(( $(date +%s) - t0 ))
	grep -q "Proved goals" "$log" ||
		{ echo "FAIL wp-$(basename "$f" .c): frama-c failed (see $log)"; return; }
	for fn in $(echo "$fns" | tr , ' '); do
		set -- $(goals "$fn" "$log" "$fns")
		if [ "$2" -gt 0 ] && [ "$1" = "$2" ]; then
			echo "PASS wp-$fn: $1/$2 goals proved ($f, ${t}s for the file)"
		else
			echo "FAIL wp-$fn: $1/$2 goals proved ($f; see $log)"
		fi
	done
}

case $cmd in
unit)
	file=$3
	fns=$(awk -v f="$file" '!/^#/ && $1 == f {print $2}' "$here/units")
	[ -n "$fns" ] || { echo "FAIL wp: $file is not in $here/units"; exit 1; }
	res=$out/$(basename "$file" .c).res
	unit "$top" "$file" "$fns" | tee "$res"
	! grep -q '^FAIL' "$res" ;;
prove)
	grep -v '^#' "$here/units" | while read -r file fns; do
		[ -n "$file" ] && unit "${3:-$top}" "$file" "$fns"
	done | tee "$out/wp.res"
	! grep -q '^FAIL' "$out/wp.res" ;;
mutants)
	# A mutant leaves goals unproved, each costing a prover timeout: run
	# both provers at once with a shorter limit (every goal of the real
	# code is proved in under 10 s on an idle machine; the proving run allows 60 s for a loaded one).
	TIMEOUT=${WP_TIMEOUT:-20} PAR=2
	: >"$out/mutants.res"
	for p in "$here"/mutants/*.patch; do
		m=$(basename "$p" .patch)
		# WP_MUTANTS="a b": only these (for working on one)
		case " ${WP_MUTANTS:-$m} " in *" $m "*) ;; *) continue ;; esac
		fn=$(sed -n 's/^Mutant-of: *//p' "$p" | head -1)
		file=$(awk -v fn="$fn" '!/^#/ && $2 ~ "(^|,)" fn "(,|$)" {print $1}' "$here/units")
		dir=$out/mut-$m
		rm -rf "$dir" && mkdir -p "$dir"
		cp -a "$top/microkernel" "$dir/"
		if ! (cd "$dir" && patch -s -p1 <"$p"); then
			echo "FAIL wp-mutant-$m: patch does not apply" | tee -a "$out/mutants.res"; continue
		fi
		run_unit "$dir" "$file" "$fn" "$dir/wp.log"
		set -- $(goals "$fn" "$dir/wp.log" "$fn")
		if ! grep -q "Proved goals" "$dir/wp.log" || [ "$2" = 0 ]; then
			# a mutant that breaks the build or Frama-C catches nothing
			echo "FAIL wp-mutant-$m: WP did not run on $fn (see $dir/wp.log)" | tee -a "$out/mutants.res"
		elif [ "$1" = "$2" ]; then
			echo "FAIL wp-mutant-$m: WP proved $fn with the bug ($1/$2)" | tee -a "$out/mutants.res"
		else
			echo "PASS wp-mutant-$m: caught by WP on $fn ($1/$2 goals proved)" | tee -a "$out/mutants.res"
		fi
	done
	! grep -q '^FAIL' "$out/mutants.res" ;;
*) echo "usage: $0 unit OUTDIR FILE | prove OUTDIR [SRCROOT] | mutants OUTDIR" >&2; exit 2 ;;
esac
