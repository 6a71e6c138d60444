#!/bin/sh
# bench/callgrind.sh BLINK DIR PROGRAM ARGS...: exact instruction counts
# for comparing builds. valgrind --tool=callgrind counts the x86-64
# instructions the workload executes natively (the guest's count: the same
# user-mode instructions blink runs) and then blink's own on the same
# workload; their ratio is the host instructions blink spends per guest
# instruction, the interpreter's cost in one number that machine load does
# not change.
set -eu
blink=$1 dir=$2
shift 2
mkdir -p "$dir"
count() { # OUTFILE CMD...: the Ir total of a callgrind run
  out=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file="$out" "$@" \
    >/dev/null 2>"$out.log"
  sed -n 's/^summary: *//p;s/^totals: *//p' "$out" | head -n 1
}
guest=$(count "$dir/callgrind.native.out" "$@")
host=$(count "$dir/callgrind.out" "$blink" "$@")
echo "workload:              $*"
echo "guest instructions:    $guest (native run under callgrind)"
echo "blink instructions:    $host"
awk -v g="$guest" -v h="$host" \
  'BEGIN { printf "per guest instruction: %.1f host instructions\n", h / g }'
echo "profile:               callgrind_annotate $dir/callgrind.out"
