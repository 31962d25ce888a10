#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# One exhaustive spin check (tests/formal/spin/README.md).
#   check.sh NAME MODEL.pml DEFINES CLAIM EXPECT OUTDIR
# MODEL is the model, or bugs/<bug>.patch (applied to a copy of tessera.pml);
# DEFINES "-" or e.g. -DCLOSED; CLAIM an ltl name or "-" (assertions only);
# EXPECT pass|fail. Full state space: no bitstate, no depth cut-off (a
# search that hits the depth limit is an error). Writes OUTDIR/NAME.res
# ("PASS name" / "FAIL name: why") and prints one line.
set -u
name=$1 model=$2 defs=$3 claim=$4 expect=$5 out=$6
here=$(cd "$(dirname "$0")" && pwd)
dir=$out/$name
rm -rf "$dir" && mkdir -p "$dir"
[ "$defs" = - ] && defs=""
case $model in
*.patch)
	patch -s -o "$dir/model.pml" "$here/tessera.pml" "$here/$model" ||
		{ echo "FAIL $name: $model does not apply to tessera.pml" | tee "$out/$name.res"; exit 1; } ;;
*) cp "$here/$model" "$dir/model.pml" ;;
esac
start=$(date +%s)
res() { echo "$1" | tee "$out/$name.res"; [ "${1%% *}" = PASS ]; exit $?; }
(cd "$dir" && spin $defs -a model.pml >spin.log 2>&1) || res "FAIL $name: spin -a failed (see $dir/spin.log)"
cflags="-O2 -DCOLLAPSE -DVECTORSZ=2048"
panflags="-m1000000"
case $claim in
-) cflags="$cflags -DNOCLAIM -DSAFETY"; panflags="$panflags -E" ;;
all_finish) cflags="$cflags -DNOREDUCE"; panflags="$panflags -a -f -N $claim" ;;
*) panflags="$panflags -a -E -N $claim" ;;
esac
(cd "$dir" && gcc $cflags -o pan pan.c >cc.log 2>&1) || res "FAIL $name: pan did not compile (see $dir/cc.log)"
(cd "$dir" && ./pan $panflags >pan.log 2>&1)
t=$(( $(date +%s) - start ))
log=$dir/pan.log
states=$(awk '/states, stored/{print $1; exit}' "$log")
grep -q "max search depth too small" "$log" && res "FAIL $name: depth limit reached (search not exhaustive)"
grep -q "errors: 0" "$log" && ok=1 || ok=0
grep -q "errors: [0-9]" "$log" || res "FAIL $name: pan did not finish (see $log)"
if [ "$expect" = pass ]; then
	[ $ok = 1 ] && res "PASS $name: proved, $states states, ${t}s"
	res "FAIL $name: property violated, counterexample $dir/model.pml.trail ($(grep -m1 -E 'violated|cycle' "$log"))"
fi
[ $ok = 1 ] && res "FAIL $name: the planted bug was NOT caught ($states states, ${t}s)"
if grep -q -E 'assertion violated  !\( !\(|acceptance cycle' "$log"; then
	res "PASS $name: planted bug caught, $claim fails ($(grep -m1 -oE 'at depth [0-9]+' "$log"), ${t}s)"
fi
res "FAIL $name: failed for another reason than $claim ($(grep -m1 -E 'violated|pan:1' "$log"))"
