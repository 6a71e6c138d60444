/* core/fpu80: hand-checked bit patterns for every class and operation,
 * the same on every host (tests/fpu80 holds the library to the host x87
 * on x86-64; these vectors hold it on the others). */
#include "core/fpu80.h"

#include "core/fpu80_priv.h"
#include "tests/unit/test.h"

#define NEAR FPU80_CW(FPU80_RC_NEAR, FPU80_PC_64)
#define DOWN FPU80_CW(FPU80_RC_DOWN, FPU80_PC_64)
#define UP FPU80_CW(FPU80_RC_UP, FPU80_PC_64)
#define ZERO FPU80_CW(FPU80_RC_ZERO, FPU80_PC_64)

#define J 0x8000000000000000ull
#define ONE fpu80_make(0x3fff, J)
#define TWO fpu80_make(0x4000, J)
#define THREE fpu80_make(0x4000, 0xc000000000000000ull)
#define HALF fpu80_make(0x3ffe, J)
#define PINF fpu80_make(0x7fff, J)
#define NINF fpu80_make(0xffff, J)
#define PZERO fpu80_make(0, 0)
#define NZERO fpu80_make(0x8000, 0)
#define QNAN fpu80_make(0x7fff, 0xc000000000000000ull)
#define SNAN fpu80_make(0x7fff, 0x8000000000000001ull)
#define INDEF_SE 0xffff
#define INDEF_SIG 0xc000000000000000ull
#define MAXN fpu80_make(0x7ffe, ~0ull)
#define MINN fpu80_make(0x0001, J)
#define UNNORMAL fpu80_make(0x3fff, 0x4000000000000000ull)
#define PSEUDO_NAN fpu80_make(0x7fff, 0x4000000000000001ull)
#define PSEUDO_INF fpu80_make(0x7fff, 0)
#define PSEUDO_DENORM fpu80_make(0x0000, J)

#define ASSERT_F(want_se, want_sig, x) \
  do {                                 \
    struct fpu80 f_ = (x);             \
    ASSERT_EQ((want_se), f_.se);       \
    ASSERT_EQ((want_sig), f_.sig);     \
  } while (0)

static struct fpu80_env env(u16 cw) {
  struct fpu80_env e;
  e.cw = cw;
  e.sw = 0;
  return e;
}

static void wide_helpers(void) {
  u64 hi, lo;
  fpu80_mul64(~0ull, ~0ull, &hi, &lo);
  ASSERT_EQ(0xfffffffffffffffeull, hi);
  ASSERT_EQ(1, lo);
  fpu80_mul64(0x123456789abcdef0ull, 0x0fedcba987654321ull, &hi, &lo);
  ASSERT_EQ(0x0121fa00ad77d742ull, hi);
  ASSERT_EQ(0x2236d88fe5618cf0ull, lo);
  hi = 1, lo = 2;
  fpu80_shr_jam(&hi, &lo, 1);
  ASSERT_EQ(0, hi);
  ASSERT_EQ(J | 1, lo);
  hi = 0, lo = 1;
  fpu80_shr_jam(&hi, &lo, 200);
  ASSERT_EQ(1, lo);
  hi = 0, lo = 1;
  ASSERT_EQ(127, fpu80_norm128(&hi, &lo));
  ASSERT_EQ(J, hi);
  ASSERT_EQ(0, lo);
}

static void classes(void) {
  struct fpu80_env e = env(NEAR);
  ASSERT_EQ(FPU80_ZERO, fpu80_examine(&e, NZERO));
  ASSERT_EQ(FPU80_C3 | FPU80_C1, e.sw);
  ASSERT_EQ(FPU80_NORMAL, fpu80_examine(&e, ONE));
  ASSERT_EQ(FPU80_INFINITY, fpu80_examine(&e, PINF));
  ASSERT_EQ(FPU80_NAN, fpu80_examine(&e, SNAN));
  ASSERT_EQ(FPU80_NAN, fpu80_examine(&e, QNAN));
  ASSERT_EQ(FPU80_DENORMAL, fpu80_examine(&e, fpu80_make(0, 1)));
  ASSERT_EQ(FPU80_DENORMAL, fpu80_examine(&e, PSEUDO_DENORM));
  ASSERT_EQ(FPU80_UNSUPPORTED, fpu80_examine(&e, UNNORMAL));
  ASSERT_EQ(FPU80_UNSUPPORTED, fpu80_examine(&e, PSEUDO_NAN));
  ASSERT_EQ(FPU80_UNSUPPORTED, fpu80_examine(&e, PSEUDO_INF));
  ASSERT_EQ(0, e.sw & 0x3f);
}

static void add_sub(void) {
  struct fpu80_env e = env(NEAR);
  ASSERT_F(0x4000, 0xc000000000000000ull, fpu80_add(&e, ONE, TWO));
  ASSERT_EQ(0, e.sw);
  /* 1 + 2^-64 is a tie: even stays at 1, inexact, not rounded up. */
  ASSERT_F(0x3fff, J, fpu80_add(&e, ONE, fpu80_make(0x3fbf, J)));
  ASSERT_EQ(FPU80_PE, e.sw);
  e = env(UP);
  ASSERT_F(0x3fff, J | 1, fpu80_add(&e, ONE, fpu80_make(0x3fbf, J)));
  ASSERT_EQ(FPU80_PE | FPU80_C1, e.sw);
  /* PC 24: 1 + 3 * 2^-25 rounds up to 1 + 2^-23. */
  e = env(FPU80_CW(FPU80_RC_NEAR, FPU80_PC_24));
  ASSERT_F(0x3fff, 0x8000010000000000ull,
           fpu80_add(&e, ONE, fpu80_make(0x3fe7, 0xc000000000000000ull)));
  ASSERT_EQ(FPU80_PE | FPU80_C1, e.sw);
  /* PC 53: 1 + 2^-53 is a tie, stays 1. */
  e = env(FPU80_CW(FPU80_RC_NEAR, FPU80_PC_53));
  ASSERT_F(0x3fff, J, fpu80_add(&e, ONE, fpu80_make(0x3fca, J)));
  ASSERT_EQ(FPU80_PE, e.sw);
  /* Exact cancellation: +0, but -0 when rounding down. */
  e = env(NEAR);
  ASSERT_F(0, 0, fpu80_sub(&e, THREE, THREE));
  e = env(DOWN);
  ASSERT_F(0x8000, 0, fpu80_sub(&e, THREE, THREE));
  ASSERT_F(0x8000, 0, fpu80_add(&e, NZERO, NZERO));
  /* 3 - 2 = 1; 2 - 3 = -1. */
  e = env(NEAR);
  ASSERT_F(0x3fff, J, fpu80_sub(&e, THREE, TWO));
  ASSERT_F(0xbfff, J, fpu80_sub(&e, TWO, THREE));
  ASSERT_EQ(0, e.sw);
  /* Two denormals make a normal; DE is raised. */
  ASSERT_F(0x0001, J,
           fpu80_add(&e, fpu80_make(0, 0x4000000000000000ull),
                     fpu80_make(0, 0x4000000000000000ull)));
  ASSERT_EQ(FPU80_DE, e.sw);
  /* A pseudo-denormal counts as exponent 1. */
  e = env(NEAR);
  ASSERT_F(0x0002, J, fpu80_add(&e, PSEUDO_DENORM, PSEUDO_DENORM));
  ASSERT_EQ(FPU80_DE, e.sw);
  /* x + 0 rounds x to the precision control. */
  e = env(FPU80_CW(FPU80_RC_ZERO, FPU80_PC_24));
  ASSERT_F(0x3fff, 0xffffff0000000000ull,
           fpu80_add(&e, fpu80_make(0x3fff, ~0ull), PZERO));
  ASSERT_EQ(FPU80_PE, e.sw);
}

static void specials(void) {
  struct fpu80_env e = env(NEAR);
  ASSERT_F(INDEF_SE, INDEF_SIG, fpu80_add(&e, PINF, NINF));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  ASSERT_F(0xffff, J, fpu80_add(&e, NINF, ONE));
  ASSERT_EQ(0, e.sw);
  /* An SNaN is quieted with IE; a QNaN passes quietly. */
  ASSERT_F(0x7fff, 0xc000000000000001ull, fpu80_add(&e, SNAN, ONE));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  ASSERT_F(0x7fff, 0xc000000000000000ull, fpu80_mul(&e, ONE, QNAN));
  ASSERT_EQ(0, e.sw);
  /* SNaN and QNaN: the QNaN; two QNaNs: the larger significand. */
  ASSERT_F(0x7fff, 0xc000000000000000ull, fpu80_add(&e, SNAN, QNAN));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  ASSERT_F(0xffff, 0xc000000000000005ull,
           fpu80_div(&e, QNAN, fpu80_make(0xffff, 0xc000000000000005ull)));
  ASSERT_EQ(0, e.sw);
  /* Unsupported encodings are invalid. */
  ASSERT_F(INDEF_SE, INDEF_SIG, fpu80_add(&e, UNNORMAL, ONE));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  ASSERT_F(INDEF_SE, INDEF_SIG, fpu80_mul(&e, ONE, PSEUDO_NAN));
  ASSERT_F(INDEF_SE, INDEF_SIG, fpu80_sqrt(&e, PSEUDO_INF));
  ASSERT_F(INDEF_SE, INDEF_SIG, fpu80_mul(&e, PINF, PZERO));
  ASSERT_F(INDEF_SE, INDEF_SIG, fpu80_div(&e, PZERO, NZERO));
  ASSERT_F(INDEF_SE, INDEF_SIG, fpu80_div(&e, PINF, NINF));
  ASSERT_EQ(FPU80_IE, e.sw);
  /* Division by zero; a denormal dividend then raises no DE. */
  e = env(NEAR);
  ASSERT_F(0xffff, J, fpu80_div(&e, fpu80_make(0, 1), NZERO));
  ASSERT_EQ(FPU80_ZE, e.sw);
  /* Infinity plus a denormal does raise DE. */
  e = env(NEAR);
  ASSERT_F(0x7fff, J, fpu80_add(&e, PINF, fpu80_make(0, 1)));
  ASSERT_EQ(FPU80_DE, e.sw);
}

static void overflow_underflow(void) {
  struct fpu80_env e = env(NEAR);
  ASSERT_F(0x7fff, J, fpu80_add(&e, MAXN, MAXN));
  ASSERT_EQ(FPU80_OE | FPU80_PE | FPU80_C1, e.sw);
  e = env(ZERO);
  ASSERT_F(0x7ffe, ~0ull, fpu80_mul(&e, MAXN, TWO));
  ASSERT_EQ(FPU80_OE | FPU80_PE, e.sw);
  e = env(UP);
  ASSERT_F(0xfffe, ~0ull, fpu80_mul(&e, MAXN, fpu80_make(0xc000, J)));
  e = env(FPU80_CW(FPU80_RC_ZERO, FPU80_PC_24));
  ASSERT_F(0x7ffe, 0xffffff0000000000ull, fpu80_mul(&e, MAXN, TWO));
  /* Exact denormal results raise no UE. */
  e = env(NEAR);
  ASSERT_F(0x0000, 0x6000000000000000ull,
           fpu80_mul(&e, MINN, fpu80_make(0x3ffe, 0xc000000000000000ull)));
  ASSERT_EQ(0, e.sw);
  /* Inexact ones do: 2^-16382 * (1 - 2^-64) = 2^-16383 (1 + ...) rounds
   * to 0x7fff...ffff + 1 ulp = the smallest normal in RN. */
  ASSERT_F(0x0001, J, fpu80_mul(&e, MINN, fpu80_make(0x3ffe, ~0ull)));
  ASSERT_EQ(FPU80_UE | FPU80_PE | FPU80_C1, e.sw);
  e = env(ZERO);
  ASSERT_F(0x0000, 0x7fffffffffffffffull,
           fpu80_mul(&e, MINN, fpu80_make(0x3ffe, ~0ull)));
  ASSERT_EQ(FPU80_UE | FPU80_PE, e.sw);
  /* Far below the smallest denormal. */
  e = env(UP);
  ASSERT_F(0x0000, 1, fpu80_mul(&e, MINN, fpu80_make(0x0100, J)));
  ASSERT_EQ(FPU80_UE | FPU80_PE | FPU80_C1, e.sw);
  e = env(NEAR);
  ASSERT_F(0x8000, 0, fpu80_mul(&e, MINN, fpu80_make(0x8100, J)));
  ASSERT_EQ(FPU80_UE | FPU80_PE, e.sw);
}

static void unmasked(void) {
  /* OE unmasked: max * 2 = (2 - 2^-63) * 2^16384, delivered as 2^-24576
   * times that; exact, so no PE. */
  struct fpu80_env e = env(NEAR & ~FPU80_OE);
  ASSERT_F(0x3fff + 16384 - 24576, ~0ull, fpu80_mul(&e, MAXN, TWO));
  ASSERT_EQ(FPU80_OE, e.sw);
  /* UE unmasked: 2^-32764, exact, still signaled; 2^24576 times that. */
  e = env(NEAR & ~FPU80_UE);
  ASSERT_F(0x3fff - 32764 + 24576, J, fpu80_mul(&e, MINN, MINN));
  ASSERT_EQ(FPU80_UE, e.sw);
  /* FSCALE far past the range even so: infinity, zero. */
  e = env(NEAR & ~FPU80_OE);
  ASSERT_F(0x7fff, J, fpu80_scale(&e, ONE, fpu80_from_int(60000)));
  ASSERT_EQ(FPU80_OE | FPU80_PE | FPU80_C1, e.sw);
  e = env(NEAR & ~FPU80_UE);
  ASSERT_F(0x8000, 0,
           fpu80_scale(&e, fpu80_make(0xbfff, J), fpu80_from_int(-60000)));
  ASSERT_EQ(FPU80_UE | FPU80_PE, e.sw);
}

static void mul_div_sqrt(void) {
  struct fpu80_env e = env(NEAR);
  ASSERT_F(0x4002, 0x9000000000000000ull, fpu80_mul(&e, THREE, THREE));
  ASSERT_EQ(0, e.sw);
  ASSERT_F(0x3ffd, 0xaaaaaaaaaaaaaaabull, fpu80_div(&e, ONE, THREE));
  ASSERT_EQ(FPU80_PE | FPU80_C1, e.sw);
  e = env(ZERO);
  ASSERT_F(0xbffd, 0xaaaaaaaaaaaaaaaaull,
           fpu80_div(&e, fpu80_make(0xbfff, J), THREE));
  ASSERT_EQ(FPU80_PE, e.sw);
  e = env(FPU80_CW(FPU80_RC_NEAR, FPU80_PC_53));
  ASSERT_F(0x3ffd, 0xaaaaaaaaaaaaa800ull, fpu80_div(&e, ONE, THREE));
  e = env(NEAR);
  ASSERT_F(0x4000, J, fpu80_sqrt(&e, fpu80_make(0x4001, J)));
  ASSERT_EQ(0, e.sw);
  /* sqrt(2) = 1.6a09e667f3bcc908|b2f...: rounds down. */
  ASSERT_F(0x3fff, 0xb504f333f9de6484ull, fpu80_sqrt(&e, TWO));
  ASSERT_EQ(FPU80_PE, e.sw);
  e = env(NEAR);
  ASSERT_F(0x8000, 0, fpu80_sqrt(&e, NZERO));
  ASSERT_F(0x7fff, J, fpu80_sqrt(&e, PINF));
  ASSERT_EQ(0, e.sw);
  ASSERT_F(INDEF_SE, INDEF_SIG, fpu80_sqrt(&e, fpu80_make(0xbfff, J)));
  ASSERT_EQ(FPU80_IE, e.sw);
  /* The denormal 2^-16444 has the root 2^-8222, exactly. */
  e = env(NEAR);
  ASSERT_F(0x3fff - 8222, J, fpu80_sqrt(&e, fpu80_make(0, 2)));
  ASSERT_EQ(FPU80_DE, e.sw);
}

static void compares(void) {
  struct fpu80_env e = env(NEAR);
  ASSERT_EQ(FPU80_LT, fpu80_compare(&e, ONE, TWO, 0));
  ASSERT_EQ(FPU80_C0, e.sw);
  ASSERT_EQ(FPU80_GT, fpu80_compare(&e, ONE, NINF, 0));
  ASSERT_EQ(FPU80_EQ, fpu80_compare(&e, PZERO, NZERO, 0));
  ASSERT_EQ(FPU80_C3, e.sw);
  ASSERT_EQ(FPU80_LT, fpu80_compare(&e, fpu80_make(0x8000, 1), PZERO, 0));
  ASSERT_EQ(FPU80_C0 | FPU80_DE, e.sw);
  /* The pseudo-denormal equals the smallest normal. */
  e = env(NEAR);
  ASSERT_EQ(FPU80_EQ, fpu80_compare(&e, PSEUDO_DENORM, MINN, 1));
  e = env(NEAR);
  ASSERT_EQ(FPU80_UN, fpu80_compare(&e, QNAN, ONE, 1));
  ASSERT_EQ(FPU80_C0 | FPU80_C2 | FPU80_C3, e.sw);
  ASSERT_EQ(FPU80_UN, fpu80_compare(&e, QNAN, ONE, 0));
  ASSERT_EQ(FPU80_IE, e.sw & 0x3f);
  e = env(NEAR);
  ASSERT_EQ(FPU80_UN, fpu80_compare(&e, ONE, SNAN, 1));
  ASSERT_EQ(FPU80_IE, e.sw & 0x3f);
  e = env(NEAR);
  ASSERT_EQ(FPU80_UN, fpu80_compare(&e, UNNORMAL, ONE, 1));
  ASSERT_EQ(FPU80_IE, e.sw & 0x3f);
}

static void round_int(void) {
  struct fpu80 x25 = fpu80_make(0x4000, 0xa000000000000000ull);
  struct fpu80_env e = env(NEAR);
  ASSERT_F(0x4000, J, fpu80_round_int(&e, x25));
  ASSERT_EQ(FPU80_PE, e.sw);
  e = env(UP);
  ASSERT_F(0x4000, 0xc000000000000000ull, fpu80_round_int(&e, x25));
  ASSERT_EQ(FPU80_PE | FPU80_C1, e.sw);
  e = env(DOWN);
  x25.se |= 0x8000;
  ASSERT_F(0xc000, 0xc000000000000000ull, fpu80_round_int(&e, x25));
  /* -0.3 rounded up is -0; 0.3 rounded up is 1. */
  e = env(UP);
  ASSERT_F(0x8000, 0,
           fpu80_round_int(&e, fpu80_make(0xbffd, 0x9999999999999999ull)));
  ASSERT_F(0x3fff, J,
           fpu80_round_int(&e, fpu80_make(0x3ffd, 0x9999999999999999ull)));
  e = env(NEAR);
  ASSERT_F(0x403e, J, fpu80_round_int(&e, fpu80_make(0x403e, J)));
  ASSERT_EQ(0, e.sw);
  ASSERT_F(0, 0, fpu80_round_int(&e, fpu80_make(0, 5)));
  ASSERT_EQ(FPU80_DE | FPU80_PE, e.sw);
}

static void integers(void) {
  struct fpu80 x25 = fpu80_make(0x4000, 0xa000000000000000ull);
  struct fpu80_env e = env(NEAR);
  ASSERT_F(0xc00d, 0x8000000000000000ull, fpu80_from_int(-16384));
  ASSERT_F(0xc03e, J, fpu80_from_int(INT64_MIN));
  ASSERT_F(0, 0, fpu80_from_int(0));
  ASSERT_EQ(2, fpu80_to_int(&e, x25, 32, 0));
  ASSERT_EQ(FPU80_PE, e.sw);
  e = env(NEAR);
  ASSERT_EQ(2, fpu80_to_int(&e, fpu80_make(0x4000, 0xb000000000000000ull), 16,
                            1)); /* 2.75 truncated */
  ASSERT_EQ(FPU80_PE, e.sw);
  e = env(NEAR);
  ASSERT_EQ(-32768, fpu80_to_int(&e, fpu80_from_int(-32768), 16, 0));
  ASSERT_EQ(0, e.sw);
  ASSERT_EQ(-32768, fpu80_to_int(&e, fpu80_from_int(32768), 16, 0));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  ASSERT_EQ(INT64_MIN, fpu80_to_int(&e, QNAN, 64, 0));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  ASSERT_EQ(INT32_MIN, fpu80_to_int(&e, fpu80_make(0x401e, J), 32, 0));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  ASSERT_EQ(INT32_MIN, fpu80_to_int(&e, fpu80_make(0xc01e, J), 32, 0));
  ASSERT_EQ(0, e.sw);
}

static void binary32_64(void) {
  struct fpu80_env e = env(NEAR);
  ASSERT_F(0x3fff, J, fpu80_from_f32(&e, 0x3f800000));
  ASSERT_F(0xbfff, 0xc000000000000000ull,
           fpu80_from_f64(&e, 0xbff8000000000000ull));
  ASSERT_EQ(0, e.sw);
  /* The smallest binary32 denormal is 2^-149, normalized with DE. */
  ASSERT_F(0x3fff - 149, J, fpu80_from_f32(&e, 1));
  ASSERT_EQ(FPU80_DE, e.sw);
  e = env(NEAR);
  ASSERT_F(0x7fff, 0xc000010000000000ull, fpu80_from_f32(&e, 0x7f800001));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  ASSERT_F(0xffff, J, fpu80_from_f64(&e, 0xfff0000000000000ull));
  ASSERT_EQ(0x3eaaaaab,
            fpu80_to_f32(&e, fpu80_make(0x3ffd, 0xaaaaaaaaaaaaaaabull)));
  ASSERT_EQ(FPU80_PE | FPU80_C1, e.sw);
  e = env(NEAR);
  ASSERT_EQ(0x3fd5555555555555ull,
            fpu80_to_f64(&e, fpu80_make(0x3ffd, 0xaaaaaaaaaaaaaaabull)));
  ASSERT_EQ(FPU80_PE, e.sw);
  /* 2^128 overflows binary32. */
  e = env(NEAR);
  ASSERT_EQ(0x7f800000, fpu80_to_f32(&e, fpu80_make(0x407f, J)));
  ASSERT_EQ(FPU80_OE | FPU80_PE | FPU80_C1, e.sw);
  e = env(ZERO);
  ASSERT_EQ(0x7f7fffff, fpu80_to_f32(&e, fpu80_make(0x407f, J)));
  /* Denormal results: 2^-149 exact, 2^-150 a tie to 0, 3 * 2^-151 up. */
  e = env(NEAR);
  ASSERT_EQ(1, fpu80_to_f32(&e, fpu80_make(0x3fff - 149, J)));
  ASSERT_EQ(0, e.sw);
  ASSERT_EQ(0, fpu80_to_f32(&e, fpu80_make(0x3fff - 150, J)));
  ASSERT_EQ(FPU80_UE | FPU80_PE, e.sw);
  e = env(NEAR);
  ASSERT_EQ(1,
            fpu80_to_f32(&e, fpu80_make(0x3fff - 150, 0xc000000000000000ull)));
  ASSERT_EQ(FPU80_UE | FPU80_PE | FPU80_C1, e.sw);
  /* NaNs keep the top of their payload; SNaNs are quieted with IE. */
  e = env(NEAR);
  ASSERT_EQ(0xfff8000000000001ull,
            fpu80_to_f64(&e, fpu80_make(0xffff, 0xc000000000000800ull)));
  ASSERT_EQ(0, e.sw);
  ASSERT_EQ(0x7fc00000, fpu80_to_f32(&e, SNAN));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  ASSERT_EQ(0xffc00000, fpu80_to_f32(&e, UNNORMAL));
  ASSERT_EQ(FPU80_IE, e.sw);
}

static void memory_operands(void) {
  int d;
  struct fpu80 b = fpu80_widen_f32(1, &d);
  struct fpu80_env e = env(NEAR);
  ASSERT_F(0x3fff - 149, J, b);
  ASSERT_EQ(1, d);
  /* 1 + 2^-149 (a binary32 denormal): DE from the memory operand. */
  ASSERT_F(0x3fff, J, fpu80_arith(&e, FPU80_OP_ADD, ONE, b, d << 1));
  ASSERT_EQ(FPU80_DE | FPU80_PE, e.sw);
  /* The SNaN stays signaling until the operation quiets it. */
  b = fpu80_widen_f64(0x7ff0000000000001ull, &d);
  ASSERT_F(0x7fff, 0x8000000000000800ull, b);
  ASSERT_EQ(0, d);
  e = env(NEAR);
  ASSERT_F(0x7fff, 0xc000000000000800ull,
           fpu80_arith(&e, FPU80_OP_MUL, ONE, b, 0));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  b = fpu80_widen_f32(1, &d);
  ASSERT_EQ(FPU80_GT, fpu80_compare_mem(&e, ONE, b, 0, d << 1));
  ASSERT_EQ(FPU80_DE, e.sw);
}

static void bcd(void) {
  static const u8 k1234[10] = {0x34, 0x12};
  static const u8 kMinus0[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80};
  static const u8 kIndef[10] = {0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff};
  static const u8 kMax[10] = {0x99, 0x99, 0x99, 0x99, 0x99,
                              0x99, 0x99, 0x99, 0x99, 0x80};
  u8 p[10];
  struct fpu80_env e = env(NEAR);
  ASSERT_F(0x4009, 0x9a40000000000000ull, fpu80_from_bcd(k1234));
  ASSERT_F(0x8000, 0, fpu80_from_bcd(kMinus0));
  fpu80_to_bcd(&e, fpu80_from_int(1234), p);
  ASSERT(!memcmp(p, k1234, 10));
  fpu80_to_bcd(&e, fpu80_from_bcd(kMax), p);
  ASSERT(!memcmp(p, kMax, 10));
  ASSERT_EQ(0, e.sw);
  fpu80_to_bcd(&e, fpu80_from_int(1000000000000000000ll), p);
  ASSERT(!memcmp(p, kIndef, 10));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  fpu80_to_bcd(&e, fpu80_make(0xbffe, J), p); /* -0.5 ties to -0 */
  ASSERT(!memcmp(p, kMinus0, 10));
  ASSERT_EQ(FPU80_PE, e.sw);
}

static void scale_xtract(void) {
  struct fpu80 s;
  struct fpu80_env e = env(NEAR);
  ASSERT_F(0x4002, J, fpu80_scale(&e, ONE, THREE));
  ASSERT_F(0x3ffd, 0xc000000000000000ull,
           fpu80_scale(&e, THREE, fpu80_make(0xc000, 0xe000000000000000ull)));
  ASSERT_EQ(0, e.sw); /* -3.5 truncates to -3 */
  ASSERT_F(0x7fff, J, fpu80_scale(&e, ONE, fpu80_from_int(20000)));
  ASSERT_EQ(FPU80_OE | FPU80_PE | FPU80_C1, e.sw);
  e = env(NEAR);
  ASSERT_F(INDEF_SE, INDEF_SIG, fpu80_scale(&e, PZERO, PINF));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  ASSERT_F(0x8000, 0, fpu80_scale(&e, fpu80_make(0xbfff, J), NINF));
  /* FXTRACT 10 = 1.25 * 2^3. */
  ASSERT_F(0x4000, 0xc000000000000000ull,
           fpu80_xtract(&e, fpu80_from_int(10), &s));
  ASSERT_F(0x3fff, 0xa000000000000000ull, s);
  ASSERT_EQ(0, e.sw);
  ASSERT_F(0xffff, J, fpu80_xtract(&e, NZERO, &s));
  ASSERT_F(0x8000, 0, s);
  ASSERT_EQ(FPU80_ZE, e.sw);
  e = env(NEAR);
  ASSERT_F(0xc00d, 0x807a000000000000ull, /* -16445 */
           fpu80_xtract(&e, fpu80_make(0, 1), &s));
  ASSERT_F(0x3fff, J, s);
  ASSERT_EQ(FPU80_DE, e.sw);
}

static void remainders(void) {
  struct fpu80_env e = env(NEAR);
  /* 10 = 3 * 3 + 1: Q = 3, so C1 (Q0) and C3 (Q1). */
  ASSERT_F(0x3fff, J, fpu80_prem(&e, fpu80_from_int(10), THREE, 0));
  ASSERT_EQ(FPU80_C1 | FPU80_C3, e.sw);
  /* 11 = 3 * 4 - 1 for FPREM1 (Q = 4: C0), 3 * 3 + 2 for FPREM. */
  ASSERT_F(0xbfff, J, fpu80_prem(&e, fpu80_from_int(11), THREE, 1));
  ASSERT_EQ(FPU80_C0, e.sw);
  ASSERT_F(0x4000, J, fpu80_prem(&e, fpu80_from_int(11), THREE, 0));
  ASSERT_EQ(FPU80_C1 | FPU80_C3, e.sw);
  /* -7 rem 2 = -1 (Q = 3); FPREM1: -7 = 2 * -4 + 1 (Q = 4). */
  ASSERT_F(0xbfff, J, fpu80_prem(&e, fpu80_from_int(-7), TWO, 0));
  ASSERT_EQ(FPU80_C1 | FPU80_C3, e.sw);
  ASSERT_F(0x3fff, J, fpu80_prem(&e, fpu80_from_int(-7), TWO, 1));
  ASSERT_EQ(FPU80_C0, e.sw);
  /* An exact multiple keeps the dividend's sign. */
  ASSERT_F(0x8000, 0, fpu80_prem(&e, fpu80_from_int(-6), TWO, 0));
  /* 2^100 rem 3 is partial: C2 and an exponent reduced by 32..63. */
  fpu80_prem(&e, fpu80_make(0x3fff + 100, J), THREE, 0);
  ASSERT_EQ(FPU80_C2, e.sw);
  ASSERT_F(INDEF_SE, INDEF_SIG, fpu80_prem(&e, ONE, PZERO, 0));
  ASSERT_EQ(FPU80_IE, e.sw & 0x3f);
  e = env(NEAR);
  ASSERT_F(0x3fff, J, fpu80_prem(&e, ONE, PINF, 1));
  ASSERT_EQ(0, e.sw);
}

/* Expected values from an independent decimal computation (70 digits),
 * rounded to nearest by hand; each lies at least 0.2 ulp from a rounding
 * boundary. */
static void transcendentals(void) {
  struct fpu80 s, c, t, push;
  struct fpu80_env e = env(NEAR);
  ASSERT_F(0x3ffd, 0xd413cccfe7799211ull, fpu80_f2xm1(&e, HALF));
  ASSERT_EQ(FPU80_PE, e.sw);
  ASSERT_F(0xbffd, 0xcf901f5ce48ead21ull,
           fpu80_f2xm1(&e, fpu80_make(0xbffe, 0xc000000000000000ull)));
  ASSERT_F(0x4000, 0xd49a784bcd1b8afeull,
           fpu80_fyl2x(&e, fpu80_from_int(10), ONE));
  /* 3 * log2(8) = 9 exactly, yet the x87 reports it inexact. */
  e = env(NEAR);
  ASSERT_F(0x4002, 0x9000000000000000ull,
           fpu80_fyl2x(&e, fpu80_from_int(8), THREE));
  ASSERT_EQ(FPU80_PE, e.sw);
  ASSERT_F(0x3ffd, 0xa4d3c25e68dc57f2ull,
           fpu80_fyl2xp1(&e, fpu80_make(0x3ffd, J), ONE)); /* log2 1.25 */
  ASSERT_F(0x3ffe, 0xc90fdaa22168c235ull, fpu80_fpatan(&e, ONE, ONE));
  ASSERT_F(0x4000, 0x96cbe3f9990e91a8ull, /* 3 pi / 4 */
           fpu80_fpatan(&e, fpu80_make(0xbfff, J), ONE));
  ASSERT(!fpu80_sincos(&e, ONE, &s, &c));
  ASSERT_F(0x3ffe, 0xd76aa47848677021ull, s);
  ASSERT_F(0x3ffe, 0x8a51407da8345c92ull, c);
  ASSERT(!fpu80_sincos(&e, HALF, &s, 0));
  ASSERT_F(0x3ffd, 0xf57743a2582f7f44ull, s);
  ASSERT(!fpu80_ptan(&e, ONE, &t, &push));
  ASSERT_F(0x3fff, 0xc75922e5f71d2dc5ull, t);
  ASSERT_F(0x3fff, J, push);
  ASSERT_EQ(FPU80_PE, e.sw & 0x3f);
  /* The x87 reduces with its 66-bit pi: pi rounded to 64 bits is
   * 2^-64 above it, so the sine is -2^-64 (the host CPU agrees). */
  e = env(NEAR);
  fpu80_sincos(&e, fpu80_make(0x4000, 0xc90fdaa22168c235ull), &s, 0);
  ASSERT_F(0xbfbf, J, s);
  ASSERT_EQ(FPU80_PE | FPU80_C1, e.sw);
  /* Next to a pole: pi/2 rounded to 64 bits lies r = 2^-65 above the
   * x87's pi/2, so tan is -cot r = -1/r + r/3 = -2^65 + a hair: rounding
   * down gives -2^65, not one ulp beyond. */
  e = env(DOWN);
  ASSERT(!fpu80_ptan(&e, fpu80_make(0x3fff, 0xc90fdaa22168c235ull), &t, &push));
  ASSERT_F(0xc040, J, t);
  e = env(UP);
  ASSERT(!fpu80_ptan(&e, fpu80_make(0x3fff, 0xc90fdaa22168c235ull), &t, &push));
  ASSERT_F(0xc03f, ~0ull, t);
  /* 2^-1 - 1 is -1/2 in every rounding mode, flagged inexact. */
  e = env(DOWN);
  ASSERT_F(0xbffe, J, fpu80_f2xm1(&e, fpu80_make(0xbfff, J)));
  ASSERT_EQ(FPU80_PE, e.sw);
  /* Constants round under RC without flags. */
  e = env(NEAR);
  ASSERT_F(0x4000, 0xc90fdaa22168c235ull, fpu80_const(&e, FPU80_PI));
  ASSERT_F(0x4000, 0xd49a784bcd1b8afeull, fpu80_const(&e, FPU80_L2T));
  ASSERT_F(0x3ffd, 0x9a209a84fbcff799ull, fpu80_const(&e, FPU80_LG2));
  ASSERT_EQ(0, e.sw);
  e = env(ZERO);
  ASSERT_F(0x4000, 0xc90fdaa22168c234ull, fpu80_const(&e, FPU80_PI));
  e = env(UP);
  ASSERT_F(0x4000, 0xd49a784bcd1b8affull, fpu80_const(&e, FPU80_L2T));
  ASSERT_F(0x3ffe, 0xb17217f7d1cf79acull, fpu80_const(&e, FPU80_LN2));
  ASSERT_F(0x3fff, 0xb8aa3b295c17f0bcull, fpu80_const(&e, FPU80_L2E));
  ASSERT_EQ(0, e.sw);
  /* |x| >= 2^63: C2, nothing written. */
  e = env(NEAR);
  s = ONE;
  ASSERT_EQ(1, fpu80_sincos(&e, fpu80_make(0xc03e, J), &s, 0));
  ASSERT_F(0x3fff, J, s);
  ASSERT_EQ(FPU80_C2, e.sw);
  /* Exact special results. */
  e = env(NEAR);
  ASSERT(!fpu80_sincos(&e, NZERO, &s, &c));
  ASSERT_F(0x8000, 0, s);
  ASSERT_F(0x3fff, J, c);
  ASSERT_EQ(0, e.sw);
  ASSERT_F(0xffff, J, fpu80_fyl2x(&e, PZERO, ONE));
  ASSERT_EQ(FPU80_ZE, e.sw);
  e = env(NEAR);
  ASSERT_F(INDEF_SE, INDEF_SIG, fpu80_fyl2x(&e, fpu80_make(0xbfff, J), ONE));
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  ASSERT(!fpu80_ptan(&e, PINF, &t, &push));
  ASSERT_F(INDEF_SE, INDEF_SIG, t);
  ASSERT_F(INDEF_SE, INDEF_SIG, push);
  ASSERT_EQ(FPU80_IE, e.sw);
  e = env(NEAR);
  ASSERT_F(0xbfff, J, fpu80_f2xm1(&e, NINF));
  ASSERT_F(0x8000, 0, fpu80_fpatan(&e, PINF, NZERO));
  ASSERT_EQ(0, e.sw);
}

int main(void) {
  static const struct test kTests[] = {
      {"wide_helpers", wide_helpers},
      {"classes", classes},
      {"add_sub", add_sub},
      {"specials", specials},
      {"overflow_underflow", overflow_underflow},
      {"mul_div_sqrt", mul_div_sqrt},
      {"unmasked", unmasked},
      {"compares", compares},
      {"round_int", round_int},
      {"integers", integers},
      {"binary32_64", binary32_64},
      {"memory_operands", memory_operands},
      {"bcd", bcd},
      {"scale_xtract", scale_xtract},
      {"remainders", remainders},
      {"transcendentals", transcendentals},
  };
  return test_main(kTests, ARRAY_LEN(kTests));
}
