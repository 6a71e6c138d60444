#!/bin/sh
# bench/run.sh: runs each workload natively, under blink (its default
# linear memory, and paged with -m) and under qemu-x86_64, in alternating
# rounds, checks every run's output against the
# native one (a wrong answer is a failure, not a time), and writes a table
# (Markdown), the raw numbers and a chart under the output directory.
#
#   sh bench/run.sh --blink o/blink --dir o/bench [--runs N] [--only NAME]
#
# Ratios are computed round by round (blink's time over native's and over
# qemu's in the same round) and their median reported, so a machine whose
# speed drifts during the run doesn't bias them.
set -u

blink=o/blink dir=o/bench runs=${BENCH_RUNS:-5} only=
while [ $# -gt 0 ]; do
  case $1 in
    --blink) blink=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
bin=$dir/bin
timeit=$dir/timeit
limit=${BENCH_TIMEOUT:-600}
qemu=$(command -v qemu-x86_64 || true)
busybox=/bin/busybox
work=$dir/work
mkdir -p "$work"
raw=$dir/raw.txt
: >"$raw"

# The workloads: NAME, then the command. $bin and $busybox are x86-64.
workloads() {
  cat <<EOF
startup-asm $bin/exit0
startup $bin/startup
sieve $bin/sieve 2000000 20
hash $bin/hash 80000000
sort $bin/sort 1000000
memory $bin/memory 1500
nbody $bin/nbody 1200000
x87 $bin/x87 40000000
syscalls $bin/syscalls 100000
sh-loop $busybox sh bench/workloads/loop.sh
gzip $busybox gzip -c -6 $work/data.txt
lua $bin/lua bench/workloads/bench.lua
EOF
}

# The gzip workload's input: 20 MiB of generated text, made natively once.
[ -s "$work/data.txt" ] || "$bin/datagen" 20 >"$work/data.txt"

# measure LABEL ROUND RUNNER... CMD...: one timed run; appends
# "name label round seconds rss status ok|wrong" to $raw.
measure() {
  label=$1 round=$2
  shift 2
  out=$work/$name.$label.out
  set -- $("$timeit" "$out" timeout "$limit" "$@")
  secs=$1 rss=$2 st=$3
  verdict=ok
  if [ "$label" != native ] && ! cmp -s "$out" "$work/$name.native.ref"; then
    verdict=wrong
  fi
  [ "$st" = "$want" ] || verdict=wrong
  echo "$name $label $round $secs $rss $st $verdict" >>"$raw"
}

workloads | while read -r name cmd; do
  [ -z "$only" ] || [ "$only" = "$name" ] || continue
  # shellcheck disable=SC2086
  set -- $cmd
  [ -x "$1" ] || { echo "skip $name: $1 not built" >&2; continue; }
  # The reference: a native run.
  "$@" >"$work/$name.native.ref" 2>/dev/null
  want=$?
  printf '%-12s' "$name" >&2
  r=1
  while [ "$r" -le "$runs" ]; do
    measure native "$r" "$@"
    measure blink "$r" "$blink" "$@"
    measure paged "$r" "$blink" -m "$@"
    [ -n "$qemu" ] && measure qemu "$r" "$qemu" "$@"
    printf '.' >&2
    r=$((r + 1))
  done
  echo >&2
done

# Sizes: blink stripped, next to qemu-x86_64 (dynamic, as installed) and
# qemu-x86_64-static (from Debian's qemu-user-static, unpacked, never
# installed: installing it would register binfmt handlers on this machine).
strip -o "$dir/blink.stripped" "$blink" 2>/dev/null || cp "$blink" "$dir/blink.stripped"
blink_size=$(wc -c <"$dir/blink.stripped")
qemu_size=$( [ -n "$qemu" ] && wc -c <"$qemu" || echo 0)
qs=$dir/qemu-static/usr/bin/qemu-x86_64-static
if [ ! -f "$qs" ]; then
  ( cd "$dir" && apt-get download qemu-user-static >/dev/null 2>&1 &&
    dpkg-deb -x qemu-user-static_*.deb qemu-static && rm -f qemu-user-static_*.deb )
fi
qs_size=$( [ -f "$qs" ] && wc -c <"$qs" || echo 0)

awk -v runs="$runs" -v bsize="$blink_size" -v qsize="$qemu_size" \
    -v qssize="$qs_size" -v dat="$dir/ratios.dat" '
function median(list,   n, a, i, j, t) {
  n = split(list, a, " ")
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
    if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  if (n == 0) return ""
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
  name = $1; label = $2; round = $3
  if (!(name in seen)) { seen[name] = 1; order[++count] = name }
  t[name, label, round] = $4
  times[name, label] = times[name, label] " " $4
  if ($5 > rss[name, label]) rss[name, label] = $5
  if ($7 != "ok") bad[name, label] = 1
}
END {
  print "| workload | native s | blink s | qemu s | blink/native | blink -m/native | blink/qemu | qemu/native | peak RSS native/blink/qemu MiB |"
  print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  print "# workload blink/native qemu/native" > dat
  for (k = 1; k <= count; k++) {
    n = order[k]; rb = ""; rq = ""; rqn = ""; rp = ""
    for (r = 1; r <= runs; r++) {
      if ((n, "native", r) in t && t[n, "native", r] > 0) {
        if ((n, "blink", r) in t) rb = rb " " t[n, "blink", r] / t[n, "native", r]
        if ((n, "paged", r) in t) rp = rp " " t[n, "paged", r] / t[n, "native", r]
        if ((n, "qemu", r) in t) rqn = rqn " " t[n, "qemu", r] / t[n, "native", r]
      }
      if ((n, "blink", r) in t && (n, "qemu", r) in t && t[n, "qemu", r] > 0)
        rq = rq " " t[n, "blink", r] / t[n, "qemu", r]
    }
    bn = median(rb); bq = median(rq); qn = median(rqn); pn = median(rp)
    bt = median(times[n, "blink"])
    if (bad[n, "blink"]) { bt = "FAIL"; bn = "wrong/crash"; bq = "-" }
    printf "| %s | %.4f | %s | %s | %s | %s | %s | %s | %.1f / %s / %s |\n", n,
      median(times[n, "native"]), bt == "FAIL" ? bt : sprintf("%.4f", bt),
      times[n, "qemu"] == "" ? "-" : sprintf("%.4f", median(times[n, "qemu"])),
      bn == "wrong/crash" ? bn : sprintf("%.1fx", bn),
      bad[n, "paged"] ? "wrong/crash" : pn == "" ? "-" : sprintf("%.1fx", pn),
      bq == "-" || bq == "" ? "-" : sprintf("%.2fx", bq),
      qn == "" ? "-" : sprintf("%.1fx", qn),
      rss[n, "native"] / 1024,
      bad[n, "blink"] ? "-" : sprintf("%.1f", rss[n, "blink"] / 1024),
      rss[n, "qemu"] == "" ? "-" : sprintf("%.1f", rss[n, "qemu"] / 1024)
    if (!bad[n, "blink"] && qn != "") printf "%s %s %s\n", n, bn, qn > dat
  }
  print ""
  printf "Binary size: blink (static, stripped) %.2f MiB; qemu-x86_64 %.2f MiB (dynamic, without its libraries); qemu-x86_64-static %.2f MiB.\n",
    bsize / 1048576, qsize / 1048576, qssize / 1048576
  printf "Median of %d alternating rounds; ratios are medians of per-round ratios.\n", runs
}' "$raw" >"$dir/results.md"

cat "$dir/results.md"

if command -v gnuplot >/dev/null 2>&1 && [ "$(wc -l <"$dir/ratios.dat")" -gt 1 ]; then
  gnuplot <<EOF 2>/dev/null
set terminal png size 1000,500 noenhanced
set output "$dir/ratios.png"
set title "Time relative to native (lower is better)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set ylabel "x native"
set xtics rotate by -30
set grid ytics
plot "$dir/ratios.dat" using 2:xtic(1) title "blink", "" using 3 title "qemu-x86_64"
EOF
  echo "chart: $dir/ratios.png"
fi

# A wrong answer under blink fails the run.
! grep -q ' \(blink\|paged\) .* wrong$' "$raw"
