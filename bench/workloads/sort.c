/* Integer and memory: our own quicksort, then libc's qsort, of N
 * pseudo-random ints; prints a checksum of the sorted order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void quicksort(int *a, long n) {
  while (n > 16) {
    int p = a[n / 2], t;
    long i = 0, j = n - 1;
    for (;;) {
      while (a[i] < p) ++i;
      while (a[j] > p) --j;
      if (i >= j) break;
      t = a[i], a[i] = a[j], a[j] = t;
      ++i, --j;
    }
    quicksort(a, j + 1);
    a += j + 1;
    n -= j + 1;
  }
  for (long i = 1; i < n; ++i) {
    int v = a[i];
    long j = i;
    while (j > 0 && a[j - 1] > v) a[j] = a[j - 1], --j;
    a[j] = v;
  }
}

static int cmp(const void *x, const void *y) {
  int a = *(const int *)x, b = *(const int *)y;
  return (a > b) - (a < b);
}

int main(int argc, char *argv[]) {
  long n = argc > 1 ? atol(argv[1]) : 1000000, i;
  int *a = malloc(n * sizeof(int)), *b = malloc(n * sizeof(int));
  uint32_t x = 2463534242u;
  uint64_t sum = 0;
  for (i = 0; i < n; ++i) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    a[i] = b[i] = (int)(x >> 1);
  }
  quicksort(a, n);
  qsort(b, n, sizeof(int), cmp);
  for (i = 0; i < n; ++i) {
    if (a[i] != b[i]) return 1;
    sum = sum * 31 + (uint32_t)a[i];
  }
  printf("%016llx\n", (unsigned long long)sum);
  return 0;
}
