/* malloc, realloc and free at scale: many blocks of many sizes, filled and
 * checked, freed in a scrambled order; big blocks that go to mmap. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 20000

int main(void) {
  static unsigned char *p[N];
  static size_t n[N];
  uint32_t x = 12345;
  uint64_t sum = 0;
  for (int i = 0; i < N; ++i) {
    x = x * 1103515245 + 12345;
    n[i] = (x >> 8) % (i % 100 == 0 ? 300000 : 2000) + 1;
    p[i] = malloc(n[i]);
    memset(p[i], i & 0xff, n[i]);
  }
  for (int i = 0; i < N; i += 3) {
    n[i] *= 2;
    p[i] = realloc(p[i], n[i]);
    memset(p[i] + n[i] / 2, (i + 1) & 0xff, n[i] - n[i] / 2);
  }
  for (int k = 0; k < N; ++k) {
    int i = (k * 7919) % N;
    for (size_t j = 0; j < n[i]; j += 97) sum = sum * 31 + p[i][j];
    free(p[i]);
  }
  printf("%016llx\n", (unsigned long long)sum);
  return 0;
}
