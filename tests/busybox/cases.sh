# Cases for Debian's busybox-static under blink: each "### name" starts a
# script that tests/run.sh runs with "busybox sh" in a fresh directory,
# with PATH holding only busybox's applets, natively (the oracle) and under
# blink. Output and exit status must be equal. Keep each one small: the
# suite runs on every host under qemu-user.

### sh-for
for i in 1 2 3; do echo "n=$i"; done
### sh-while-case
i=0
while [ $i -lt 5 ]; do
  i=$((i + 1))
  case $i in 2) echo two ;; 4|5) echo "big $i" ;; *) echo $i ;; esac
done
### sh-functions
f() { echo "arg:$1 argc:$#"; return 3; }
f x y
echo "status $?"
g() { local v=inner; echo $v; }
v=outer; g; echo $v
### sh-pipes
printf 'b\na\nc\n' | sort | head -2 | tr a-z A-Z
### sh-subshell
(cd / && pwd)
(exit 4)
echo "status $?"
x=1; (x=2); echo "x=$x"
### sh-command-substitution
x=$(echo hi | tr a-z A-Z)
y=`echo back`
echo "$x $y $(echo $(echo nested))"
### sh-heredoc
n=3
cat <<EOT
line $((n * 2))
  indented $n
EOT
cat <<'EOT'
literal $n
EOT
### sh-read-loop
printf 'x 1\ny 2\n' | while read k v; do echo "$v=$k"; done
### sh-params
s=hello.tar.gz
echo ${s%.gz} ${s#*.} ${#s} ${s%%.*} ${unset:-default}
set -- a b c
echo $#; shift; echo "$@"
### sh-test
[ -d / ] && echo dir
[ abc = abc ] && echo eq
[ 3 -gt 2 ] && echo gt
test -e /nonexistent || echo missing
### sh-trap-exit
trap 'echo bye' EXIT
echo hi
### sh-trap-signal
trap 'echo got usr1' USR1
kill -USR1 $$
echo after
### sh-background-wait
(echo bg) &
wait
echo done
### sh-arith
echo $((7 * 6)) $((100 / 7)) $((100 % 7)) $((1 << 10)) $(( (3 + 4) * 2 ))
### sh-exit-status
false; echo $?
true; echo $?
sh -c 'exit 7'; echo $?
### sh-redirect
echo one > f
echo two >> f
cat < f
ls nonexistent 2>/dev/null || echo "ls failed"
### yes-head
yes | head -3
### awk-sum
printf '1 2\n3 4\n' | awk '{s += $1 * $2} END {print s}'
### awk-printf
awk 'BEGIN { printf "%.3f %d %s %5.1e\n", 3.14159 * 2, 7 / 2, "x", 12345.678 }'
### awk-arrays
printf 'a\nb\na\nc\na\n' | awk '{c[$1]++} END {for (k in c) print k, c[k]}' | sort
### awk-fields
echo 'root:x:0:0:root:/root:/bin/sh' | awk -F: '{print $1, $NF, NF}'
### sed-subst
echo hello world | sed -e 's/o/0/g' -e 's/^h/H/'
### sed-lines
printf 'a\nb\nc\nd\n' | sed -n '2,3p'
printf 'a\nb\nc\n' | sed '2d'
### grep-extended
printf 'foo\nbar\nbaz\n' | grep -E '^ba(r|z)$'
### grep-count-invert
printf 'a\nb\na\n' | grep -vc a
printf 'Hello\nhello\n' | grep -i hello
### sort-numeric
printf '10\n9\n100\n-1\n' | sort -n
### sort-key-reverse
printf 'a 2\nb 1\nc 3\n' | sort -k2 -n -r
### uniq-count
printf 'a\na\nb\nc\nc\nc\n' | uniq -c
### tr
echo hello | tr 'a-y' 'b-z'
echo h-e-l | tr -d -
echo aabbcc | tr -s abc
### cut
echo a:b:c:d | cut -d: -f2,4
echo abcdef | cut -c2-4
### tar-roundtrip
mkdir -p d/sub
echo file1 > d/f
echo file2 > d/sub/g
tar cf x.tar d
rm -r d
tar xf x.tar
cat d/f d/sub/g
tar tf x.tar | sort
### gzip-roundtrip
seq 1 3000 > f
gzip -9 f
gzip -d f.gz
md5sum f
echo data | gzip -c | gunzip -c
### md5-sha
echo abc | md5sum
echo abc | sha1sum
echo abc | sha256sum
### find
mkdir -p a/b
touch a/b/c a/d
find a | sort
find a -type f -name c
### xargs
echo 1 2 3 | xargs -n1 echo x
printf 'a\nb\n' | xargs echo
### od
printf 'AB\n' | od -c
printf '\001\377' | od -An -tx1
### printf
printf '%5d|%-4s|%x|%o|%c\n' 42 ab 255 8 z
printf '%.2f %e\n' 3.14159 1234.5
### expr
expr 7 \* 6
expr length hello
expr 10 / 3
### seq
seq 2 3 11
seq -s, 1 5
### date
date -u -d @0
date -u -d @86400 +%Y-%m-%d.%H:%M:%S
### wc
printf 'a b\nc\n' | wc
printf 'abc' | wc -c
### head-tail
seq 1 20 | head -3
seq 1 20 | tail -2
seq 1 5 | tail -n +4
### diff
printf 'a\nb\nc\n' > x
printf 'a\nB\nc\n' > y
diff x y
echo "status $?"
### files
echo x > a
cp a b
mv b c
ls
rm a c
ls
mkdir dd && rmdir dd && echo rmdir-ok
### basename-dirname
basename /a/b/c.txt .txt
dirname /a/b/c
### dc
echo '2 3 + p 10 3 / p' | dc
### cat-nl-rev
printf 'x\ny\n' | cat -n
echo abc | rev
### hexdump
printf 'hello\n' | hexdump -C
### fold
echo abcdefghij | fold -w 3
### stat-ls
echo 12345 > f
ls -l f | awk '{print $1, $5}'
stat -c '%s %F' f
### chmod
touch f
chmod 640 f
stat -c %a f
### ln-readlink
touch t
ln -s t l
readlink l
[ -L l ] && echo link
### env-export
export V=val
env | grep '^V='
sh -c 'echo child $V'
### sleep-short
sleep 0.01 && echo slept
### comm-join
printf 'a\nb\nc\n' > x
printf 'b\nc\nd\n' > y
comm x y
### factor-bc
factor 360
### sha-files
printf 'one\n' > a
printf 'two\n' > b
sha256sum a b
