# A shell loop in busybox sh: arithmetic, tests and a builtin per turn.
i=0
s=0
while [ $i -lt 50000 ]; do
  i=$((i + 1))
  s=$((s + i % 7))
done
echo $i $s
