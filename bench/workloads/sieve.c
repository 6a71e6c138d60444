/* Integer: the sieve of Eratosthenes up to N, counting primes, R times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char *argv[]) {
  long n = argc > 1 ? atol(argv[1]) : 2000000, reps = argc > 2 ? atol(argv[2]) : 4;
  char *composite = malloc(n + 1);
  long count = 0, r, i, j;
  for (r = 0; r < reps; ++r) {
    memset(composite, 0, n + 1);
    count = 0;
    for (i = 2; i <= n; ++i) {
      if (composite[i]) continue;
      ++count;
      for (j = i * i; j <= n; j += i) composite[j] = 1;
    }
  }
  printf("%ld primes up to %ld\n", count, n);
  free(composite);
  return 0;
}
