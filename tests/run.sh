#!/bin/sh
# run.sh: blink's one test runner. Runs every test for every host it is
# given and ends with the line "N passed, N failed[, N skipped]"; exits
# non-zero on any failure.
#
#   sh tests/run.sh --guest o/guest --host NAME:EMU:BUILDDIR [--host ...]
#                   [--native PROGRAM ...]
#
# NAME names the host in the report; EMU is the command that runs the
# host's programs (qemu-aarch64, ...) or empty for this machine; BUILDDIR
# holds that host's blink and unit tests. Guest programs are x86-64 and
# shared by every host. On an x86-64 machine each guest program also runs
# natively first: the CPU and kernel are the oracle for what the test
# expects. Each --native PROGRAM is a suite of its own (the decoder against
# Zydis, the CPU against the host CPU) run once on this machine; it passes
# with exit status 0, and its last lines are shown when it fails.
#
# Every program runs under a timeout and its output is cut at 64 KiB, so a
# guest stuck in a loop can neither hang the suite nor fill the disk.
set -u

guest=o/guest
hosts=
natives=
while [ $# -gt 0 ]; do
  case $1 in
    --guest) guest=$2; shift 2 ;;
    --host) hosts="$hosts
$2"; shift 2 ;;
    --native) natives="$natives $2"; shift 2 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$hosts" ] || { echo "run.sh: no --host given" >&2; exit 2; }

TIMEOUT=${BLINK_TEST_TIMEOUT:-60}
LIMIT=65536
passed=0 failed=0 skipped=0
work=$(mktemp -d "${TMPDIR:-/tmp}/blink-tests.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

pass() { passed=$((passed + 1)); printf 'ok    %s\n' "$1"; }
skip() { skipped=$((skipped + 1)); printf 'skip  %s: %s\n' "$1" "$2"; }
fail() {
  failed=$((failed + 1))
  printf 'FAIL  %s: %s\n' "$1" "$2"
  [ -n "${3:-}" ] && [ -s "$3" ] && head -c 2000 "$3" | sed 's/^/      /'
  return 0
}

# Run CMD with a timeout; stdout to $work/out (cut), stderr to $work/err
# (cut), exit status in $status.
capture() {
  rm -f "$work/out" "$work/err"
  timeout -k 5 "$TIMEOUT" "$@" </dev/null >"$work/out.full" 2>"$work/err.full"
  status=$?
  head -c "$LIMIT" "$work/out.full" >"$work/out"
  head -c "$LIMIT" "$work/err.full" >"$work/err"
  rm -f "$work/out.full" "$work/err.full"
}

# The expectations written in a test's source: "# EXPECT-STDOUT: text"
# lines (joined with newlines) or, for long output, a NAME.stdout file
# beside it, "# EXPECT-STATUS: N" (default 0, or 128+N
# for a signal, as a shell reports it) and "# ARGS: ...".
expect() {
  src=$1
  if [ -f "${src%.s}.stdout" ]; then
    cp "${src%.s}.stdout" "$work/expect"
  else
    sed -n 's/^# EXPECT-STDOUT: \{0,1\}//p' "$src" >"$work/expect"
  fi
  want=$(sed -n 's/^# EXPECT-STATUS: *//p' "$src" | head -n 1)
  [ -n "$want" ] || want=0
  args=$(sed -n 's/^# ARGS: *//p' "$src" | head -n 1)
}

check_program() { # NAME SOURCE CMD...
  name=$1 src=$2
  shift 2
  expect "$src"
  # shellcheck disable=SC2086
  capture "$@" $args
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    fail "$name" "timed out after ${TIMEOUT}s" "$work/err"
  elif [ "$status" -ne "$want" ]; then
    fail "$name" "exit status $status, expected $want" "$work/err"
  elif ! cmp -s "$work/out" "$work/expect"; then
    diff "$work/expect" "$work/out" >"$work/diff" 2>&1
    fail "$name" "stdout differs (expected <, got >)" "$work/diff"
  else
    pass "$name"
  fi
}

# The host CPU and kernel as the oracle: each guest program's expectations
# must hold natively before blink is held to them.
native_ok=
case $(uname -m) in
  x86_64|amd64)
    native_ok=1
    vendor=$(sed -n 's/^vendor_id[^:]*: *//p' /proc/cpuinfo | head -n 1)
    for src in tests/asm/*.s; do
      t=$(basename "$src" .s)
      if grep -q '^# NATIVE: no' "$src"; then
        skip "native/asm/$t" "$(sed -n 's/^# NATIVE: no *//p' "$src")"
        continue
      fi
      # "# NATIVE-VENDOR: V": the expected output is that vendor's CPU's
      # (blink follows it where the SDM says otherwise); another vendor's
      # CPU is no oracle for it.
      v=$(sed -n 's/^# NATIVE-VENDOR: *//p' "$src" | head -n 1)
      if [ -n "$v" ] && [ "$v" != "$vendor" ]; then
        skip "native/asm/$t" "expected output is $v's; this CPU is $vendor"
        continue
      fi
      check_program "native/asm/$t" "$src" "$guest/asm/$t"
    done
    ;;
  *)
    skip "native/asm" "not an x86-64 machine: no native oracle"
    ;;
esac

for prog in $natives; do
  t=$(basename "$prog")
  saved=$TIMEOUT
  TIMEOUT=${BLINK_NATIVE_TIMEOUT:-1200}
  capture "$prog"
  TIMEOUT=$saved
  if [ "$status" -eq 0 ]; then
    pass "native/$t"
  else
    tail -n 30 "$work/out" >"$work/tail"
    cat "$work/err" >>"$work/tail"
    fail "native/$t" "exit status $status" "$work/tail"
  fi
done

# Bad input to blink itself: one line naming the file, a shell's status.
make_fixtures() {
  fx=$work/fixtures
  mkdir -p "$fx/dir"
  printf 'just some text\n' >"$fx/text"
  : >"$fx/empty"
  hello=$guest/asm/exit42
  head -c 40 "$hello" >"$fx/truncated-header"
  head -c 64 "$hello" >"$fx/truncated-phdrs"
  # The same program claiming to be for aarch64 (e_machine 183 = 0xb7).
  { head -c 18 "$hello"; printf '\267\000'; tail -c +21 "$hello"; } >"$fx/aarch64"
  # An APE file with no x86-64 ELF header in it.
  printf "MZqFpD='\n\nexit 1\n" >"$fx/ape-empty"
  # A 32-bit ELF header.
  { printf '\177ELF\001\001\001'; head -c 57 /dev/zero; } >"$fx/elf32"
}

check_cli() { # HOST EMU BLINK NAME WANT-STATUS WANT-STDERR-TEXT ARGS...
  h=$1 e=$2 b=$3 name=$4 want=$5 text=$6
  shift 6
  # shellcheck disable=SC2086
  capture $e "$b" "$@"
  if [ "$status" -ne "$want" ]; then
    fail "$h/cli/$name" "exit status $status, expected $want" "$work/err"
  elif ! grep -q -- "$text" "$work/err"; then
    fail "$h/cli/$name" "stderr lacks '$text'" "$work/err"
  elif [ "$(wc -l <"$work/err")" -gt 1 ] && [ "$name" != usage ] && [ "$name" != bad-option ]; then
    fail "$h/cli/$name" "more than one line on stderr" "$work/err"
  else
    pass "$h/cli/$name"
  fi
}

make_fixtures

# busybox (tests/busybox/cases.sh): Debian's busybox-static, an x86-64
# binary, runs each case with "busybox sh" in a fresh directory, PATH
# holding only links to its applets (so every command is busybox run by
# blink again), natively first: that run is the oracle. Both backends.
BUSYBOX=${BLINK_BUSYBOX:-/bin/busybox}
bb_ok=
bb=$work/bb
if [ -z "$native_ok" ]; then
  skip "busybox" "not an x86-64 machine: no native oracle"
elif [ ! -x "$BUSYBOX" ] ||
  [ "$(od -An -tx1 -j18 -N2 "$BUSYBOX" | tr -d ' ')" != 3e00 ]; then
  skip "busybox" "no x86-64 $BUSYBOX (apt-get install busybox-static)"
else
  bb_ok=1
  mkdir -p "$bb/bin" "$bb/cases"
  for a in $("$BUSYBOX" --list); do ln -s "$BUSYBOX" "$bb/bin/$a"; done
  awk -v dir="$bb/cases" '
    /^### / { f = dir "/" $2 ".sh"; next }
    f { print > f }' tests/busybox/cases.sh
fi

# Runs the busybox case $1 with the command before it in a fresh
# directory: capture's results.
run_busybox() {
  c=$1
  shift
  rm -rf "$bb/run"
  mkdir "$bb/run"
  cd "$bb/run" || return
  capture env -i PATH="$bb/bin" HOME="$bb/run" TZ=UTC LC_ALL=C "$@" \
    "$BUSYBOX" sh "$c"
  cd "$top" || exit 2
}
top=$(pwd)

if [ -n "$bb_ok" ]; then
  for c in "$bb"/cases/*.sh; do
    t=$(basename "$c" .sh)
    run_busybox "$c"
    cp "$work/out" "$bb/cases/$t.out"
    echo "$status" >"$bb/cases/$t.status"
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
      fail "native/busybox/$t" "timed out natively" "$work/err"
    fi
  done
fi

oldifs=$IFS
IFS='
'
for spec in $hosts; do
  IFS=$oldifs
  [ -n "$spec" ] || continue
  hname=${spec%%:*}
  rest=${spec#*:}
  hemu=${rest%%:*}
  hdir=${rest#*:}
  blink=$hdir/blink
  if [ -n "$hemu" ] && ! command -v "$hemu" >/dev/null 2>&1; then
    fail "$hname" "$hemu not found (install qemu-user)"
    continue
  fi
  if [ ! -x "$blink" ]; then
    fail "$hname" "$blink not built"
    continue
  fi

  for u in "$hdir"/tests/unit/*; do
    [ -x "$u" ] && [ -f "$u" ] || continue
    case $u in *.o|*.d) continue ;; esac
    t=$(basename "$u")
    # shellcheck disable=SC2086
    capture $hemu "$u"
    if [ "$status" -eq 0 ]; then pass "$hname/unit/$t"; else
      fail "$hname/unit/$t" "exit status $status" "$work/out"
    fi
  done

  # Both memory backends: the default (linear where the host allows it,
  # else paged) and paged forced with -m.
  for src in tests/asm/*.s; do
    t=$(basename "$src" .s)
    # shellcheck disable=SC2086
    check_program "$hname/asm/$t" "$src" $hemu "$blink" "$guest/asm/$t"
    # shellcheck disable=SC2086
    check_program "$hname/asm-paged/$t" "$src" $hemu "$blink" -m "$guest/asm/$t"
  done

  # C programs (tests/c): the native run of the same binary is the oracle,
  # so they need an x86-64 machine.
  for bin in "$guest"/c/*/*; do
    [ -x "$bin" ] && [ -f "$bin" ] || continue
    libc=$(basename "$(dirname "$bin")")
    t=$(basename "$bin")
    if [ -z "$native_ok" ]; then
      skip "$hname/c-$libc/$t" "no native oracle on this machine"
      continue
    fi
    capture "$bin"
    cp "$work/out" "$work/c-expect"
    cstatus=$status
    for mode in default paged; do
      flag=
      [ "$mode" = paged ] && flag=-m
      name="$hname/c-$libc$([ "$mode" = paged ] && echo -paged)/$t"
      # shellcheck disable=SC2086
      capture $hemu "$blink" $flag "$bin"
      if [ "$status" -ne "$cstatus" ]; then
        fail "$name" "exit status $status, native $cstatus" "$work/err"
      elif ! cmp -s "$work/out" "$work/c-expect"; then
        diff "$work/c-expect" "$work/out" >"$work/diff" 2>&1
        fail "$name" "stdout differs from native (native <, blink >)" "$work/diff"
      else
        pass "$name"
      fi
    done
  done

  if [ -n "$bb_ok" ]; then
    ablink=$(cd "$(dirname "$blink")" && pwd)/$(basename "$blink")
    aemu=
    [ -n "$hemu" ] && aemu=$(command -v "$hemu")
    for c in "$bb"/cases/*.sh; do
      t=$(basename "$c" .sh)
      want=$(cat "$bb/cases/$t.status")
      for mode in default paged; do
        flag=
        [ "$mode" = paged ] && flag=-m
        name="$hname/busybox$([ "$mode" = paged ] && echo -paged)/$t"
        # shellcheck disable=SC2086
        run_busybox "$c" $aemu "$ablink" $flag
        if [ "$status" -ne "$want" ]; then
          fail "$name" "exit status $status, native $want" "$work/err"
        elif ! cmp -s "$work/out" "$bb/cases/$t.out"; then
          diff "$bb/cases/$t.out" "$work/out" >"$work/diff" 2>&1
          fail "$name" "stdout differs from native (native <, blink >)" "$work/diff"
        else
          pass "$name"
        fi
      done
    done
  fi

  check_cli "$hname" "$hemu" "$blink" usage 2 "usage: blink"
  check_cli "$hname" "$hemu" "$blink" missing 127 "$fx/nonexistent: No such file" "$fx/nonexistent"
  check_cli "$hname" "$hemu" "$blink" directory 126 "$fx/dir: Is a directory" "$fx/dir"
  check_cli "$hname" "$hemu" "$blink" text 126 "$fx/text: exec format error" "$fx/text"
  check_cli "$hname" "$hemu" "$blink" empty 126 "$fx/empty: exec format error" "$fx/empty"
  check_cli "$hname" "$hemu" "$blink" truncated-header 126 "$fx/truncated-header: truncated ELF" "$fx/truncated-header"
  check_cli "$hname" "$hemu" "$blink" truncated-phdrs 126 "$fx/truncated-phdrs: truncated ELF" "$fx/truncated-phdrs"
  check_cli "$hname" "$hemu" "$blink" aarch64 126 "$fx/aarch64: exec format error: 64-bit ELF for aarch64" "$fx/aarch64"
  check_cli "$hname" "$hemu" "$blink" ape-empty 126 "$fx/ape-empty: APE file without an x86-64 ELF header" "$fx/ape-empty"
  check_cli "$hname" "$hemu" "$blink" elf32 126 "$fx/elf32: exec format error" "$fx/elf32"
  check_cli "$hname" "$hemu" "$blink" dynamic 126 "$guest/cli/dynamic: dynamically linked programs are not supported yet" "$guest/cli/dynamic"
  check_cli "$hname" "$hemu" "$blink" bad-option 2 "unknown option -Q" -Q "$guest/asm/exit42"
done
IFS=$oldifs

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
