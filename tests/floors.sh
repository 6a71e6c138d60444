#!/bin/sh
# floors.sh FILE...: fails if a source file includes a header of its own
# floor or a higher one (../shared/DESIGN.md, "Floors: who may include
# whom"). A folder may include its own headers, the contract headers
# (folder/folder.h) of lower floors, and types.h/config.h.
floor() {
  case $1 in
    xed|mmu) echo 0 ;;
    core) echo 1 ;;
    jit|sysemu) echo 2 ;;
    runner) echo 3 ;;
    *) echo -1 ;;
  esac
}
bad=0
for f; do
  case $f in */*) dir=${f%%/*} ;; *) continue ;; esac
  mine=$(floor "$dir")
  [ "$mine" -ge 0 ] || continue
  for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
    case $inc in */*) other=${inc%%/*} ;; *) continue ;; esac
    [ "$other" = "$dir" ] && continue
    theirs=$(floor "$other")
    [ "$theirs" -ge 0 ] || continue
    if [ "$theirs" -ge "$mine" ]; then
      echo "floors: $f includes $inc: $dir/ may not reach $other/" >&2
      bad=1
    elif [ "$inc" != "$other/$other.h" ]; then
      echo "floors: $f includes $inc: only $other/$other.h is $other/'s contract" >&2
      bad=1
    fi
  done
done
exit $bad
