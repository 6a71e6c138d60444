/* Integer: FNV-1a and a xorshift generator over N bytes of generated
 * data: multiplies, shifts, xors and byte loads. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char *argv[]) {
  long n = argc > 1 ? atol(argv[1]) : 20000000;
  uint64_t x = 88172645463325252ull, h = 1469598103934665603ull;
  long i;
  for (i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    h = (h ^ (x & 0xff)) * 1099511628211ull;
  }
  printf("%016llx\n", (unsigned long long)h);
  return 0;
}
