/* long double (x87) in C: arithmetic, conversions, printf %Lf/%Le/%La,
 * strtold, and the libm functions that musl implements with x87 code or
 * long double arithmetic. Output compared with the native run. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static volatile long double sink;

int main(void) {
  /* Inputs whose parse stays on musl's integer and long double paths:
   * the general one (long digit strings, most fractions, big exponents)
   * also uses SSE2 doubles, which blink lacks for now (issue 4). */
  static const char *const kIn[] = {
      "2.5", "-2.5", "1e10", "12345678", "123456789012", "0x1.8p3",
      "0x1.fffffffffffffffep16383", "-0x1.8p-16000", "nan", "1e2x",
  };
  long double a = 1.0L, b = 3.0L, x;
  long long n;
  int i;
  printf("%.25Lf\n", a / b);
  printf("%.20Le\n", a / b * 2.0L);
  printf("%La\n", a / b);
  printf("%Lg %Lg\n", LDBL_MAX, LDBL_MIN);
  printf("%La %La\n", LDBL_EPSILON, LDBL_TRUE_MIN);
  for (i = 0; i < (int)(sizeof(kIn) / sizeof(kIn[0])); ++i) {
    char *end;
    x = strtold(kIn[i], &end);
    printf("%s -> %.21Lg %La [%d]\n", kIn[i], x, x, (int)(end - kIn[i]));
  }
  x = 0.0L;
  for (i = 1; i <= 1000; ++i) x += 1.0L / ((long double)i * i);
  printf("zeta2 %.20Lf\n", x);
  x = 1.0L;
  for (i = 1; i <= 25; ++i) x *= i;
  printf("25! %.0Lf\n", x);
  n = (long long)(x / 1e15L);
  printf("trunc %lld\n", n);
  printf("sqrtl %.20Lf\n", sqrtl(2.0L));
  printf("sinl %.20Lf cosl %.20Lf tanl %.20Lf\n", sinl(0.5L), cosl(0.5L),
         tanl(0.5L));
  printf("expl %.20Lf logl %.20Lf\n", expl(1.0L), logl(10.0L));
  printf("exp2l %.20Lf log2l %.20Lf log10l %.20Lf\n", exp2l(0.5L),
         log2l(3.0L), log10l(7.0L));
  printf("atan2l %.20Lf atanl %.20Lf\n", atan2l(1.0L, -1.0L), atanl(0.5L));
  printf("powl %.20Lf fmodl %.20Lf\n", powl(2.0L, 0.5L), fmodl(10.0L, 3.0L));
  printf("floorl %.1Lf ceill %.1Lf rintl %.1Lf roundl %.1Lf\n", floorl(-2.5L),
         ceill(-2.5L), rintl(2.5L), roundl(2.5L));
  printf("remainderl %Lg remquo %Lg\n", remainderl(10.0L, 4.0L),
         fmodl(-7.5L, 2.0L));
  printf("ldexpl %Lg frexpl %Lg\n", ldexpl(1.0L, 1000), frexpl(48.0L, &i));
  printf("exp %d\n", i);
  printf("(double) %.17g (float) %.9g\n", (double)(a / b), (float)(a / b));
  printf("(long double) from double %.25Lf\n", (long double)0.1);
  printf("isnan %d isinf %d signbit %d\n", isnan(sqrtl(-1.0L)),
         isinf(-1.0L / (sink = 0.0L)), signbit(-0.0L));
  return 0;
}
