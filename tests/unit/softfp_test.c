/* core/softfp: hand-checked results, and digests of long deterministic
 * sweeps, the same on every host. tests/ssefp holds the library to the
 * host CPU on x86-64; the digests below are what it computes there (where
 * it agrees with the CPU bit for bit), so a host whose integer arithmetic
 * leads it elsewhere (a 32-bit shift, a big-endian slip) fails here. */
#include "core/softfp.h"

#include "tests/unit/test.h"

#define NEAR 0x1f80
#define DOWN 0x3f80
#define UP 0x5f80
#define ZERO 0x7f80
#define FTZ 0x8000
#define DAZ 0x0040

/* What the x86-64 build computes (see the top of the file). */
#define SWEEP_DIGEST 0x6540df51991d1bacull
#define APPROX_DIGEST 0x4d54a7d48a5d2325ull

static u64 op2(u32 csr,
               u64 (*fn)(struct softfp_env *, enum softfp_fmt, u64, u64),
               enum softfp_fmt f, u64 a, u64 b, u32 *flags) {
  struct softfp_env e = {csr, 0};
  u64 r = fn(&e, f, a, b);
  *flags = e.flags;
  return r;
}

static void arithmetic(void) {
  u32 fl;
  ASSERT_EQ(0x40400000,
            op2(NEAR, softfp_add, SOFTFP_F32, 0x3f800000, 0x40000000, &fl));
  ASSERT_EQ(0, fl);
  /* 0.1 + 0.2 in binary64: the famous inexact sum */
  ASSERT_EQ(0x3fd3333333333334ull,
            op2(NEAR, softfp_add, SOFTFP_F64, 0x3fb999999999999aull,
                0x3fc999999999999aull, &fl));
  ASSERT_EQ(SOFTFP_PE, fl);
  /* 1/3 under each rounding mode */
  ASSERT_EQ(0x3eaaaaab,
            op2(NEAR, softfp_div, SOFTFP_F32, 0x3f800000, 0x40400000, &fl));
  ASSERT_EQ(0x3eaaaaaa,
            op2(DOWN, softfp_div, SOFTFP_F32, 0x3f800000, 0x40400000, &fl));
  ASSERT_EQ(0x3eaaaaab,
            op2(UP, softfp_div, SOFTFP_F32, 0x3f800000, 0x40400000, &fl));
  ASSERT_EQ(0xbeaaaaaa,
            op2(ZERO, softfp_div, SOFTFP_F32, 0xbf800000, 0x40400000, &fl));
  /* x - x is +0, but -0 rounding down */
  ASSERT_EQ(0, op2(NEAR, softfp_sub, SOFTFP_F64, 0x4000000000000000ull,
                   0x4000000000000000ull, &fl));
  ASSERT_EQ(0x8000000000000000ull,
            op2(DOWN, softfp_sub, SOFTFP_F64, 0x4000000000000000ull,
                0x4000000000000000ull, &fl));
  /* overflow: infinity to nearest, the largest finite toward zero */
  ASSERT_EQ(0x7f800000,
            op2(NEAR, softfp_mul, SOFTFP_F32, 0x7f000000, 0x40000000, &fl));
  ASSERT_EQ(SOFTFP_OE | SOFTFP_PE, fl);
  ASSERT_EQ(0x7f7fffff,
            op2(ZERO, softfp_mul, SOFTFP_F32, 0x7f000000, 0x40000000, &fl));
  /* underflow: a denormal result, flushed with FTZ */
  ASSERT_EQ(0x00400000,
            op2(NEAR, softfp_mul, SOFTFP_F32, 0x00800000, 0x3f000000, &fl));
  ASSERT_EQ(0, fl); /* exact: no UE when masked */
  ASSERT_EQ(
      0, op2(NEAR | FTZ, softfp_mul, SOFTFP_F32, 0x00800000, 0x3f000000, &fl));
  ASSERT_EQ(SOFTFP_UE | SOFTFP_PE, fl);
  /* DAZ: a denormal operand is a zero, and raises no DE */
  ASSERT_EQ(0x3f800000, op2(NEAR | DAZ, softfp_add, SOFTFP_F32, 0x3f800000,
                            0x00000001, &fl));
  ASSERT_EQ(0, fl);
  ASSERT_EQ(0x3f800000,
            op2(NEAR, softfp_add, SOFTFP_F32, 0x3f800000, 0x00000001, &fl));
  ASSERT_EQ(SOFTFP_DE | SOFTFP_PE, fl);
  /* NaNs: the first operand's, quieted; invalid gives the indefinite */
  ASSERT_EQ(0x7fc00001,
            op2(NEAR, softfp_add, SOFTFP_F32, 0x7f800001, 0x7fc00002, &fl));
  ASSERT_EQ(SOFTFP_IE, fl);
  ASSERT_EQ(0xffc00000, op2(NEAR, softfp_mul, SOFTFP_F32, 0x7f800000, 0, &fl));
  ASSERT_EQ(0xfff8000000000000ull,
            op2(NEAR, softfp_div, SOFTFP_F64, 0, 0, &fl));
  ASSERT_EQ(0x7ff0000000000000ull,
            op2(NEAR, softfp_div, SOFTFP_F64, 0x3ff0000000000000ull, 0, &fl));
  ASSERT_EQ(SOFTFP_ZE, fl);
  /* MIN/MAX: the second operand when either is a NaN or both are zeros */
  ASSERT_EQ(0x80000000, op2(NEAR, softfp_min, SOFTFP_F32, 0, 0x80000000, &fl));
  ASSERT_EQ(0x7fc00000,
            op2(NEAR, softfp_max, SOFTFP_F32, 0x3f800000, 0x7fc00000, &fl));
  ASSERT_EQ(SOFTFP_IE, fl);
}

static void sqrt_and_conversions(void) {
  struct softfp_env e = {NEAR, 0};
  ASSERT_EQ(0x3ff6a09e667f3bcdull,
            softfp_sqrt(&e, SOFTFP_F64, 0x4000000000000000ull));
  ASSERT_EQ(SOFTFP_PE, e.flags);
  e.flags = 0;
  ASSERT_EQ(0xffc00000, softfp_sqrt(&e, SOFTFP_F32, 0xbf800000));
  ASSERT_EQ(SOFTFP_IE, e.flags);
  e.flags = 0;
  ASSERT_EQ(0x80000000, softfp_to_int(&e, SOFTFP_F32, 0x4f000000, 32, 0));
  ASSERT_EQ(SOFTFP_IE, e.flags);
  e.flags = 0;
  ASSERT_EQ(0x8000000000000000ull,
            softfp_to_int(&e, SOFTFP_F64, 0xc3e0000000000000ull, 64, 0));
  ASSERT_EQ(0, e.flags);
  ASSERT_EQ(2, softfp_to_int(&e, SOFTFP_F32, 0x40200000, 32, 0)); /* 2.5 */
  ASSERT_EQ(0xfffffffd, softfp_to_int(&e, SOFTFP_F32, 0xc0600000, 32, 1));
  e.flags = 0;
  ASSERT_EQ(0x4b800000, softfp_from_int(&e, SOFTFP_F32, 16777217));
  ASSERT_EQ(SOFTFP_PE, e.flags);
  ASSERT_EQ(0xdf000000, softfp_from_int(&e, SOFTFP_F32, INT64_MIN));
  e.flags = 0;
  ASSERT_EQ(0x3fb99999a0000000ull, softfp_f32_to_f64(&e, 0x3dcccccd));
  ASSERT_EQ(0x7ffc000000000000ull, softfp_f32_to_f64(&e, 0x7fa00000));
  ASSERT_EQ(SOFTFP_IE, e.flags);
  ASSERT_EQ(0x3dcccccd, softfp_f64_to_f32(&e, 0x3fb999999999999aull));
  ASSERT_EQ(1, softfp_predicate(&e, SOFTFP_F32, 0x7fc00000, 0, 3));
  ASSERT_EQ(SOFTFP_EQ,
            softfp_compare(&e, SOFTFP_F64, 0, 0x8000000000000000ull, 0));
}

static void commit(void) {
  u32 csr = 0x1f80 & ~0x200; /* ZE unmasked */
  ASSERT_EQ(0, softfp_commit(&csr, SOFTFP_PE));
  ASSERT_EQ(0x1d80 | SOFTFP_PE, csr);
  ASSERT_EQ(1, softfp_commit(&csr, SOFTFP_ZE | SOFTFP_DE | SOFTFP_PE));
  ASSERT_EQ(0x1d80 | SOFTFP_PE | SOFTFP_ZE | SOFTFP_DE, csr);
}

/* A fixed-seed sweep of every operation, both formats, every rounding
 * mode with FTZ and DAZ, folded into one number. */
static u64 rng = 0x853c49e6748fea9bull;

static u64 rnd(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static u64 operand(int f) {
  u64 x = rnd();
  int shift = (int)(rnd() % 4);
  /* favour small exponents, edges and specials by clearing or setting
   * the top bits now and then */
  if (shift == 1) x &= f ? 0x800fffffffffffffull : 0x807fffffull;
  if (shift == 2) x |= f ? 0x7fe0000000000000ull : 0x7f000000ull;
  return f ? x : x & 0xffffffff;
}

static u64 digest(u64 h, u64 v) {
  return (h ^ v) * 0x100000001b3ull;
}

static void sweep(void) {
  u64 h = 0xcbf29ce484222325ull;
  int i;
  for (i = 0; i < 200000; ++i) {
    int f = i & 1;
    enum softfp_fmt fm = f ? SOFTFP_F64 : SOFTFP_F32;
    struct softfp_env e;
    u64 a = operand(f), b = operand(f);
    e.csr = 0x1f80 | (u32)(i >> 1 & 3) << 13 | (i & 8 ? FTZ : 0) |
            (i & 16 ? DAZ : 0) | (i & 32 ? 0 : (u32)rnd() & 0x1f80);
    e.flags = 0;
    h = digest(h, softfp_add(&e, fm, a, b));
    h = digest(h, softfp_sub(&e, fm, a, b));
    h = digest(h, softfp_mul(&e, fm, a, b));
    h = digest(h, softfp_div(&e, fm, a, b));
    h = digest(h, softfp_sqrt(&e, fm, a));
    h = digest(h, softfp_min(&e, fm, a, b));
    h = digest(h, softfp_max(&e, fm, a, b));
    h = digest(h, (u64)softfp_compare(&e, fm, a, b, i & 64));
    h = digest(h, softfp_to_int(&e, fm, a, 32 << (i >> 7 & 1), i & 256));
    h = digest(h, softfp_from_int(&e, fm, (i64)b >> (i % 64)));
    h = digest(h, f ? softfp_f64_to_f32(&e, a) : softfp_f32_to_f64(&e, a));
    h = digest(h, e.flags);
  }
  ASSERT_EQ(SWEEP_DIGEST, h);
}

static void approximations(void) {
  u64 h = 0xcbf29ce484222325ull;
  u32 x;
  for (x = 0; x < 1u << 14; ++x) {
    u32 a = 0x3f000000u + (x << 11);
    h = digest(h, softfp_rcp(a));
    h = digest(h, softfp_rsqrt(a));
  }
  ASSERT_EQ(APPROX_DIGEST, h);
  ASSERT_EQ(0x3f7ff000, softfp_rcp(0x3f800000));
  ASSERT_EQ(0xff800000, softfp_rcp(0x80000001));
  ASSERT_EQ(0, softfp_rcp(0x7f000000));
  ASSERT_EQ(0xffc00000, softfp_rsqrt(0xbf800000));
  ASSERT_EQ(0x7fc00001, softfp_rsqrt(0x7f800001));
}

int main(void) {
  static const struct test kTests[] = {
      {"arithmetic", arithmetic},
      {"sqrt_and_conversions", sqrt_and_conversions},
      {"commit", commit},
      {"sweep", sweep},
      {"approximations", approximations},
  };
  return test_main(kTests, ARRAY_LEN(kTests));
}
