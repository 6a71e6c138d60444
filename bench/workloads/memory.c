/* Memory: memcpy and memset over buffers of several sizes, R rounds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char *argv[]) {
  long reps = argc > 1 ? atol(argv[1]) : 200;
  size_t size = 1 << 20, k;
  unsigned char *a = malloc(size), *b = malloc(size);
  uint64_t sum = 0;
  long r;
  for (k = 0; k < size; ++k) a[k] = (unsigned char)(k * 7);
  for (r = 0; r < reps; ++r) {
    for (k = 16; k <= size; k *= 4) {
      memcpy(b, a + (r & 15), k - 16);
      memset(a + (r % 64), (int)r, k / 8);
      sum += b[k / 2] + a[k - 1];
    }
  }
  printf("%llu\n", (unsigned long long)sum);
  return 0;
}
