/* Floating point as C programs use it: printf and scanf of floats and
 * doubles, strtod round trips, math.h functions, and the fenv rounding
 * modes and exception flags. Results are printed with %a where the exact
 * bits matter, so the native run is a bit-for-bit oracle. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state = 88172645463325252ull;

static unsigned long long next(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

static double random_double(void) {
  unsigned long long bits = next();
  double d;
  if ((bits >> 52 & 0x7ff) == 0x7ff) bits ^= 1ull << 62; /* no NaN/inf */
  memcpy(&d, &bits, 8);
  return d;
}

static void print_formats(void) {
  static const double kValues[] = {0.0,     -0.0,     1.0,    -1.5,
                                   0.1,     1e300,    1e-300, 4.9e-324,
                                   2.2250738585072014e-308, 123456789.125,
                                   1.0 / 3, 6.02214076e23};
  static const float kFloats[] = {0.1f, 1.0f / 3, 3.4028235e38f, 1.4e-45f,
                                  -2.5f, 16777217.0f};
  unsigned i;
  for (i = 0; i < sizeof(kValues) / sizeof(kValues[0]); ++i) {
    double d = kValues[i];
    printf("%g %e %.17g %f %a\n", d, d, d, d, d);
  }
  for (i = 0; i < sizeof(kFloats) / sizeof(kFloats[0]); ++i) {
    float f = kFloats[i];
    printf("%g %.9g %a %.3f\n", f, f, f, f);
  }
  printf("%f %f %f\n", INFINITY, -INFINITY, NAN);
}

static void scan(void) {
  static const char *const kText[] = {"3.14159",  "-0.0",   "1e-310",
                                      "0x1.8p3",  "inf",    "1e39",
                                      "2.5e-45",  "123abc", "  7.0e+2"};
  unsigned i;
  for (i = 0; i < sizeof(kText) / sizeof(kText[0]); ++i) {
    float f = 0;
    double d = 0;
    int nf = sscanf(kText[i], "%f", &f), nd = sscanf(kText[i], "%lf", &d);
    printf("%s: %d %a %d %a\n", kText[i], nf, f, nd, d);
  }
}

static void round_trips(void) {
  int i, bad = 0;
  unsigned long long sum = 0;
  char buf[64];
  /* Few enough for every host under qemu-user (tests/README.md). */
  for (i = 0; i < 1000; ++i) {
    double d = random_double(), e;
    float f = (float)d, g;
    snprintf(buf, sizeof(buf), "%.17g", d);
    e = strtod(buf, 0);
    if (memcmp(&d, &e, 8)) ++bad;
    snprintf(buf, sizeof(buf), "%.9g", f);
    g = strtof(buf, 0);
    if (memcmp(&f, &g, 4)) ++bad;
    sum = sum * 31 + (unsigned long long)strlen(buf);
  }
  printf("round trips: %d bad, %llx\n", bad, sum);
}

static void math(void) {
  static const double kArgs[] = {0.5, 1.0, 2.0, 10.0, 1e-5, 100.25, 710.0,
                                 -3.75, 1e22};
  unsigned i;
  for (i = 0; i < sizeof(kArgs) / sizeof(kArgs[0]); ++i) {
    double x = kArgs[i];
    printf("%g: sqrt %a exp %a log %a pow %a sin %a fmod %a\n", x, sqrt(x),
           exp(x), log(x), pow(x, 1.5), sin(x), fmod(x, 0.75));
    printf("  f: sqrtf %a expf %a logf %a powf %a sinf %a\n",
           sqrtf((float)x), expf((float)x), logf((float)x),
           powf((float)x, 1.5f), sinf((float)x));
  }
}

static void rounding(void) {
  static const int kModes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD,
                               FE_TOWARDZERO};
  static const char *const kNames[] = {"nearest", "up", "down", "zero"};
  volatile double one = 1.0, three = 3.0, big = 1e308, tiny = 1e-308;
  volatile float third;
  unsigned i;
  for (i = 0; i < 4; ++i) {
    double q;
    fesetround(kModes[i]);
    q = one / three;
    third = (float)q;
    printf("%s: %d %a %a %a %a %a %ld %a\n", kNames[i],
           fegetround() == kModes[i], q, -one / three, (double)third,
           sqrt(three), big * 10, lrint(2.5), nearbyint(-2.5));
    printf("  %a %a\n", tiny / 3e10, (double)(float)(one / 7));
  }
  fesetround(FE_TONEAREST);
}

static void exceptions(void) {
  volatile double zero = 0.0, one = 1.0, big = 1e308, tiny = 1e-308;
  volatile double r;
  feclearexcept(FE_ALL_EXCEPT);
  r = one / zero;
  printf("divbyzero %d ", fetestexcept(FE_DIVBYZERO) != 0);
  feclearexcept(FE_ALL_EXCEPT);
  r = zero / zero;
  printf("invalid %d ", fetestexcept(FE_INVALID) != 0);
  feclearexcept(FE_ALL_EXCEPT);
  r = big * big;
  printf("overflow %d ", fetestexcept(FE_OVERFLOW) != 0);
  feclearexcept(FE_ALL_EXCEPT);
  r = tiny * tiny;
  printf("underflow %d ", fetestexcept(FE_UNDERFLOW) != 0);
  feclearexcept(FE_ALL_EXCEPT);
  r = one / 3;
  printf("inexact %d ", fetestexcept(FE_INEXACT) != 0);
  feclearexcept(FE_ALL_EXCEPT);
  r = one + one;
  printf("exact %d\n", fetestexcept(FE_ALL_EXCEPT) == 0);
  (void)r;
}

int main(void) {
  print_formats();
  scan();
  round_trips();
  math();
  rounding();
  exceptions();
  return 0;
}
