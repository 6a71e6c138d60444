/* Floating point (x87 long double): a series summed in 80-bit precision. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char *argv[]) {
  long n = argc > 1 ? atol(argv[1]) : 5000000;
  long double sum = 0, sign = 1;
  for (long k = 0; k < n; ++k) {
    sum += sign / (2.0L * k + 1);
    sign = -sign;
  }
  printf("%.18Lf\n", 4 * sum);
  return 0;
}
