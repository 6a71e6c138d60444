/* core/fpu80_trans.c: the x87 transcendentals (F2XM1, FYL2X, FYL2XP1,
 * FPATAN, FSIN, FCOS, FSINCOS, FPTAN) in integer arithmetic.
 *
 * Each function is evaluated in a wider format (struct xf: a 128-bit
 * significand, rounding by truncation, relative error near 2^-120) and
 * rounded once to 64 bits under RC, so a result is the correctly rounded
 * value except when the true value lies within about 2^-56 ulp of a
 * rounding boundary. The trigonometric functions reduce their argument
 * the way the x87 does, modulo pi/2 with the 66-bit approximation of pi
 * (SDM vol. 1, 8.3.10: 0.C90FDAA22168C234C x 2^2), exactly, so results
 * near multiples of pi agree with the hardware rather than with
 * mathematics. Constants are the leading 128 bits of ln 2, log2 e, pi,
 * log2 10 and log10 2. */
#include "core/fpu80.h"

#include "core/fpu80_priv.h"

/* sign * (hi:lo) * 2^(exp - 127); hi bit 63 set, or hi = lo = 0. */
struct xf {
  u64 hi, lo;
  i32 exp;
  int sign;
};

static const struct xf kLn2 = {0xb17217f7d1cf79abull, 0xc9e3b39803f2f6afull, -1,
                               0};
static const struct xf kLog2e = {0xb8aa3b295c17f0bbull, 0xbe87fed0691d3e88ull,
                                 0, 0};
static const struct xf kPi = {0xc90fdaa22168c234ull, 0xc4c6628b80dc1cd1ull, 1,
                              0};
static const struct xf kOne = {0x8000000000000000ull, 0, 0, 0};
static const struct xf kL2t = {0xd49a784bcd1b8afeull, 0x492bf6ff4dafdb4cull, 1,
                               0};
static const struct xf kLg2 = {0x9a209a84fbcff798ull, 0x8f8959ac0b7c9178ull, -2,
                               0};

/* The x87's pi: floor(pi * 2^64), 66 bits (SDM vol. 1, 8.3.10). */
#define PI66_HI 3ull
#define PI66_LO 0x243f6a8885a308d3ull

static int xf_zero(struct xf a) {
  return !a.hi && !a.lo;
}

static struct xf xf_norm(struct xf a) {
  if (!xf_zero(a)) a.exp -= fpu80_norm128(&a.hi, &a.lo);
  return a;
}

static struct xf xf_make(int sign, i32 exp, u64 hi, u64 lo) {
  struct xf a;
  a.hi = hi, a.lo = lo, a.exp = exp, a.sign = sign;
  return xf_norm(a);
}

static struct xf xf_from80(struct fpu80 x) {
  struct xf a;
  a.exp = fpu80_unpack(x, &a.hi);
  a.lo = 0;
  a.sign = FPU80_SIGN(x);
  return a;
}

static struct xf xf_int(i64 v) {
  u64 m = v < 0 ? -(u64)v : (u64)v;
  return xf_make(v < 0, 127, 0, m);
}

static struct xf xf_neg(struct xf a) {
  a.sign ^= 1;
  return a;
}

static struct xf xf_scale(struct xf a, int n) {
  if (!xf_zero(a)) a.exp += n;
  return a;
}

static struct xf xf_mul(struct xf a, struct xf b) {
  u64 h1, h0, m1, m0, n1, n0, l1, l0, w1, w2, w3, c;
  struct xf r;
  if (xf_zero(a) || xf_zero(b)) return xf_make(a.sign ^ b.sign, 0, 0, 0);
  fpu80_mul64(a.hi, b.hi, &h1, &h0);
  fpu80_mul64(a.hi, b.lo, &m1, &m0);
  fpu80_mul64(a.lo, b.hi, &n1, &n0);
  fpu80_mul64(a.lo, b.lo, &l1, &l0);
  (void)l0;
  w1 = l1 + m0;
  c = w1 < m0;
  w1 += n0;
  c += w1 < n0;
  w2 = h0 + c;
  c = w2 < c;
  w2 += m1;
  c += w2 < m1;
  w2 += n1;
  c += w2 < n1;
  w3 = h1 + c;
  r.sign = a.sign ^ b.sign;
  r.exp = a.exp + b.exp + 1;
  if (!(w3 >> 63)) {
    w3 = w3 << 1 | w2 >> 63;
    w2 = w2 << 1 | w1 >> 63;
    --r.exp;
  }
  r.hi = w3;
  r.lo = w2;
  return r;
}

static struct xf xf_add(struct xf a, struct xf b) {
  u64 hi, lo;
  if (xf_zero(a)) return b;
  if (xf_zero(b)) return a;
  if (a.exp < b.exp ||
      (a.exp == b.exp && (a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo)))) {
    struct xf t = a;
    a = b, b = t;
  }
  fpu80_shr_jam(&b.hi, &b.lo, a.exp - b.exp);
  if (a.sign == b.sign) {
    lo = a.lo + b.lo;
    hi = a.hi + b.hi + (lo < a.lo);
    if (hi < a.hi) {
      fpu80_shr_jam(&hi, &lo, 1);
      hi |= FPU80_J;
      ++a.exp;
    }
    return xf_make(a.sign, a.exp, hi, lo);
  }
  lo = a.lo - b.lo;
  hi = a.hi - b.hi - (a.lo < b.lo);
  return xf_make(a.sign, a.exp, hi, lo);
}

static struct xf xf_sub(struct xf a, struct xf b) {
  return xf_add(a, xf_neg(b));
}

/* a / n for a small positive n: five 32-bit steps keep 128 bits. */
static struct xf xf_div_small(struct xf a, u32 n) {
  u64 rem = 0, q[5], w[5];
  int i;
  w[0] = a.hi >> 32, w[1] = (u32)a.hi, w[2] = a.lo >> 32, w[3] = (u32)a.lo;
  w[4] = 0;
  for (i = 0; i < 5; ++i) {
    u64 cur = rem << 32 | w[i];
    q[i] = cur / n;
    rem = cur % n;
  }
  {
    u64 hi = q[0] << 32 | q[1], lo = q[2] << 32 | q[3], ext = q[4] << 32;
    int s = __builtin_clzll(hi);
    fpu80_shl(&hi, &lo, s);
    if (s) lo |= ext >> (64 - s);
    a.hi = hi, a.lo = lo;
    a.exp -= s;
  }
  return a;
}

/* a / b by restoring division, 128 quotient bits. */
static struct xf xf_div(struct xf a, struct xf b) {
  u64 rh = a.hi, rl = a.lo, qh = 0, ql = 0;
  int top = 0, i;
  i32 exp = a.exp - b.exp;
  if (rh < b.hi || (rh == b.hi && rl < b.lo)) {
    top = rh >> 63;
    rh = rh << 1 | rl >> 63;
    rl <<= 1;
    --exp;
  }
  for (i = 0; i < 128; ++i) {
    int bit = top || rh > b.hi || (rh == b.hi && rl >= b.lo);
    if (bit) {
      rh = rh - b.hi - (rl < b.lo);
      rl -= b.lo;
    }
    qh = qh << 1 | ql >> 63;
    ql = ql << 1 | bit;
    top = rh >> 63;
    rh = rh << 1 | rl >> 63;
    rl <<= 1;
  }
  /* A nonzero remainder is jammed into the last bit: the quotient then
   * errs on the side that keeps the direction of rounding right. */
  return xf_make(a.sign ^ b.sign, exp, qh, ql | (top || rh || rl));
}

/* Rounds an approximation to the 80-bit format under RC; the result is
 * inexact (the sticky bit stands for the error below 128 bits). */
static struct fpu80 xf_round(struct fpu80_env *e, struct xf a, int exact) {
  if (xf_zero(a)) return fpu80_make(a.sign ? 0x8000 : 0, 0);
  return fpu80_round80(e, a.sign, a.exp, a.hi, a.lo | !exact, 64);
}

/* Series. */

/* e^t - 1 for |t| < 1: t * (1 + t/2 * (1 + t/3 * (...))) at t / 2^8,
 * where 14 terms reach 2^-128, then e^2u - 1 = (e^u - 1)(e^u - 1 + 2)
 * eight times. */
static struct xf xf_expm1(struct xf t) {
  struct xf s = kOne, two = {0x8000000000000000ull, 0, 1, 0};
  int n;
  t = xf_scale(t, -8);
  for (n = 14; n >= 2; --n) s = xf_add(kOne, xf_div_small(xf_mul(s, t), n));
  s = xf_mul(t, s);
  for (n = 0; n < 8; ++n) s = xf_mul(s, xf_add(s, two));
  return s;
}

/* 2 atanh(s) = ln((1 + s) / (1 - s)) for |s| < 0.2. */
static struct xf xf_2atanh(struct xf s) {
  struct xf s2 = xf_mul(s, s), p = xf_div_small(kOne, 61);
  int k;
  for (k = 29; k >= 0; --k)
    p = xf_add(xf_div_small(kOne, 2 * k + 1), xf_mul(s2, p));
  return xf_scale(xf_mul(s, p), 1);
}

/* atan(u) for |u| <= 0.42: u - u^3/3 + u^5/5 - ... */
static struct xf xf_atan_series(struct xf u) {
  struct xf u2 = xf_mul(u, u), p = xf_div_small(kOne, 101);
  int k;
  for (k = 49; k >= 0; --k) {
    struct xf t = xf_div_small(kOne, 2 * k + 1);
    p = xf_add(k & 1 ? xf_neg(t) : t, xf_mul(u2, p));
  }
  return xf_mul(u, p);
}

/* sin(r) and cos(r) for |r| <= pi/4. */
static struct xf xf_sin(struct xf r) {
  struct xf r2 = xf_mul(r, r), p = kOne;
  int n;
  for (n = 34; n >= 2; n -= 2)
    p = xf_sub(kOne, xf_div_small(xf_mul(r2, p), n * (n + 1)));
  return xf_mul(r, p);
}

static struct xf xf_cos(struct xf r) {
  struct xf r2 = xf_mul(r, r), p = kOne;
  int n;
  for (n = 34; n >= 2; n -= 2)
    p = xf_sub(kOne, xf_div_small(xf_mul(r2, p), n * (n - 1)));
  return p;
}

/* log2 of a positive finite x, exact when x is a power of two. */
static struct xf xf_log2(struct fpu80 x, int *exact) {
  u64 m;
  i32 ex = fpu80_unpack(x, &m);
  struct xf f, s;
  /* x = f * 2^ex with f in [sqrt(2)/2, sqrt(2)). */
  if (m > 0xb504f333f9de6484ull) ++ex;
  f = xf_make(0, m > 0xb504f333f9de6484ull ? -1 : 0, m, 0);
  *exact = m == FPU80_J;
  if (*exact) return xf_int(ex);
  s = xf_div(xf_sub(f, kOne), xf_add(f, kOne));
  return xf_add(xf_int(ex), xf_mul(xf_2atanh(s), kLog2e));
}

/* Public functions. */

struct fpu80 fpu80_f2xm1(struct fpu80_env *e, struct fpu80 a) {
  int k = fpu80_kind(a);
  e->sw &= ~FPU80_C1;
  if (FPU80_IS_NAN(k)) return fpu80_nan1(e, a, k);
  if (k == K_ZERO) return a;
  if (k == K_INF) return FPU80_SIGN(a) ? fpu80_make(0xbfff, FPU80_J) : a;
  if (k == K_DENORM) e->sw |= FPU80_DE;
  if (a.se == 0xbfff && a.sig == FPU80_J) {
    /* 2^-1 - 1 = -1/2 exactly; the host CPU still flags it inexact. (For
     * +1 it behaves as if from just below 1, as the series does.) */
    e->sw |= FPU80_PE;
    return fpu80_make(0xbffe, FPU80_J);
  }
  return xf_round(e, xf_expm1(xf_mul(xf_from80(a), kLn2)), 0);
}

/* y * log2(x): FYL2X with x = ST0, y = ST1. */
struct fpu80 fpu80_fyl2x(struct fpu80_env *e, struct fpu80 x, struct fpu80 y) {
  int kx = fpu80_kind(x), ky = fpu80_kind(y), exact;
  struct xf l;
  struct fpu80 r;
  e->sw &= ~FPU80_C1;
  if (FPU80_IS_NAN(kx) || FPU80_IS_NAN(ky)) return fpu80_nan2(e, x, kx, y, ky);
  if (FPU80_SIGN(x) && kx != K_ZERO) {
    e->sw |= FPU80_IE;
    return fpu80_indefinite();
  }
  if (kx == K_ZERO) { /* log2 0 = -inf */
    if (ky == K_ZERO) {
      e->sw |= FPU80_IE;
      return fpu80_indefinite();
    }
    if (ky != K_INF) e->sw |= FPU80_ZE;
    return fpu80_make(FPU80_SIGN(y) ? 0x7fff : 0xffff, FPU80_J);
  }
  if (kx == K_INF) {
    if (ky == K_ZERO) {
      e->sw |= FPU80_IE;
      return fpu80_indefinite();
    }
    if (ky == K_DENORM) e->sw |= FPU80_DE;
    return fpu80_make(FPU80_SIGN(y) ? 0xffff : 0x7fff, FPU80_J);
  }
  if (kx == K_DENORM || ky == K_DENORM) e->sw |= FPU80_DE;
  if (x.se == 0x3fff && x.sig == FPU80_J) { /* log2 1 = +0 */
    if (ky == K_INF) {
      e->sw |= FPU80_IE;
      return fpu80_indefinite();
    }
    return fpu80_make(y.se & 0x8000, 0);
  }
  l = xf_log2(x, &exact);
  if (ky == K_INF) {
    return fpu80_make((y.se ^ (l.sign ? 0x8000 : 0)) | 0x7fff, FPU80_J);
  }
  if (ky == K_ZERO)
    return fpu80_make((y.se ^ (l.sign ? 0x8000 : 0)) & 0x8000, 0);
  /* The x87 flags even an exact product as inexact, and so as an
   * underflow when it is tiny. */
  r = xf_round(e, xf_mul(xf_from80(y), l), exact);
  e->sw |= FPU80_PE;
  if (!(r.se & 0x7fff) && r.sig) e->sw |= FPU80_UE;
  return r;
}

/* y * log2(1 + x): FYL2XP1 with x = ST0, y = ST1. */
struct fpu80 fpu80_fyl2xp1(struct fpu80_env *e, struct fpu80 x,
                           struct fpu80 y) {
  int kx = fpu80_kind(x), ky = fpu80_kind(y), sx = FPU80_SIGN(x);
  struct xf s, l;
  e->sw &= ~FPU80_C1;
  if (FPU80_IS_NAN(kx) || FPU80_IS_NAN(ky)) return fpu80_nan2(e, x, kx, y, ky);
  if ((kx == K_ZERO && ky == K_INF) || (kx == K_INF && ky == K_ZERO) ||
      (kx == K_INF && sx)) {
    e->sw |= FPU80_IE;
    return fpu80_indefinite();
  }
  if (kx == K_DENORM || ky == K_DENORM) e->sw |= FPU80_DE;
  if (kx == K_INF || ky == K_INF)
    return fpu80_make(((x.se ^ y.se) & 0x8000) | 0x7fff, FPU80_J);
  if (kx == K_ZERO || ky == K_ZERO)
    return fpu80_make((x.se ^ y.se) & 0x8000, 0);
  s = xf_from80(x);
  s = xf_div(s, xf_add(s, xf_int(2)));
  l = xf_mul(xf_2atanh(s), kLog2e);
  return xf_round(e, xf_mul(xf_from80(y), l), 0);
}

/* atan2(y, x): FPATAN with x = ST0, y = ST1. */
struct fpu80 fpu80_fpatan(struct fpu80_env *e, struct fpu80 x, struct fpu80 y) {
  int kx = fpu80_kind(x), ky = fpu80_kind(y);
  int sx = FPU80_SIGN(x), sy = FPU80_SIGN(y), swap;
  struct xf ax, ay, t, r;
  e->sw &= ~FPU80_C1;
  if (FPU80_IS_NAN(kx) || FPU80_IS_NAN(ky)) return fpu80_nan2(e, x, kx, y, ky);
  if (kx == K_DENORM || ky == K_DENORM) e->sw |= FPU80_DE;
  if (ky == K_ZERO || (kx == K_INF && ky != K_INF)) {
    /* atan2(+-0, x) and atan2(finite, +-inf): 0 or pi. */
    if (!sx) return fpu80_make(y.se & 0x8000, 0);
    return xf_round(e, sy ? xf_neg(kPi) : kPi, 0);
  }
  if (kx == K_ZERO || (ky == K_INF && kx != K_INF))
    return xf_round(e, xf_scale(sy ? xf_neg(kPi) : kPi, -1), 0);
  if (kx == K_INF) { /* both infinite: +-pi/4 or +-3pi/4 */
    r = xf_scale(kPi, -2);
    if (sx) r = xf_sub(kPi, r);
    return xf_round(e, sy ? xf_neg(r) : r, 0);
  }
  ax = xf_from80(x);
  ay = xf_from80(y);
  ax.sign = ay.sign = 0;
  swap =
      ay.exp > ax.exp || (ay.exp == ax.exp &&
                          (ay.hi > ax.hi || (ay.hi == ax.hi && ay.lo > ax.lo)));
  t = swap ? xf_div(ax, ay) : xf_div(ay, ax); /* t in (0, 1] */
  if (t.exp >= -1 ||
      (t.exp == -2 && t.hi > 0xd413cccfe7799211ull)) { /* t > tan(pi/8) */
    r = xf_add(xf_scale(kPi, -2),
               xf_atan_series(xf_div(xf_sub(t, kOne), xf_add(t, kOne))));
  } else {
    r = xf_atan_series(t);
  }
  if (swap) r = xf_sub(xf_scale(kPi, -1), r);
  if (sx) r = xf_sub(kPi, r);
  return xf_round(e, sy ? xf_neg(r) : r, 0);
}

/* Reduces a finite x with |x| < 2^63 modulo pi66 / 2, exactly: returns
 * the quadrant (mod 4) and the remainder r, |r| <= pi66 / 4. */
static int reduce(struct fpu80 x, struct xf *r) {
  u64 m, xh, xl, qh = 0, rh = 0, rl = 0;
  i32 ex = fpu80_unpack(x, &m);
  int i, q;
  *r = xf_from80(x);
  if (ex < -1) return 0; /* |x| < 1/2 < pi/4 */
  /* X = m * 2^(ex + 2) in units of 2^-65 (pi66 / 2 = PI66 * 2^-65): at
   * most 128 bits since ex <= 62. */
  xh = 0, xl = m;
  fpu80_shl(&xh, &xl, ex + 2);
  /* Long division of X by the 66-bit PI66, one bit at a time. */
  for (i = ex + 65; i >= 0; --i) { /* X's leading one is bit ex + 65 */
    int bit;
    rh = rh << 1 | rl >> 63;
    rl = rl << 1 | ((i >= 64 ? xh >> (i - 64) : xl >> i) & 1);
    bit = rh > PI66_HI || (rh == PI66_HI && rl >= PI66_LO);
    if (bit) {
      rh = rh - PI66_HI - (rl < PI66_LO);
      rl -= PI66_LO;
    }
    qh = qh << 1 | bit;
  }
  q = qh & 3;
  /* Round the quotient to nearest: r > pi66 / 4 becomes r - pi66 / 2. */
  {
    u64 hh = PI66_HI >> 1, hl = PI66_LO >> 1 | PI66_HI << 63;
    if (rh > hh || (rh == hh && rl > hl)) {
      u64 nl = PI66_LO - rl, nh = PI66_HI - rh - (PI66_LO < rl);
      *r = xf_make(!FPU80_SIGN(x), 127 - 65, nh, nl);
      q = (q + 1) & 3;
    } else {
      *r = xf_make(FPU80_SIGN(x), 127 - 65, rh, rl);
    }
  }
  return FPU80_SIGN(x) ? (4 - q) & 3 : q;
}

/* The common part of FSIN, FCOS, FSINCOS, FPTAN: 1 when the operand is
 * out of range (C2 set, nothing else to do), 2 when *res already holds
 * the result (NaN, invalid, zero), 0 to go on. */
static int trig_start(struct fpu80_env *e, struct fpu80 a, int *k) {
  *k = fpu80_kind(a);
  e->sw &= ~(FPU80_C1 | FPU80_C2);
  if (FPU80_IS_NAN(*k) || *k == K_INF) return 2;
  if (*k == K_NORMAL && (a.se & 0x7fff) >= FPU80_EXP_BIAS + 63) {
    e->sw |= FPU80_C2;
    return 1;
  }
  if (*k == K_DENORM) e->sw |= FPU80_DE;
  return 0;
}

static struct fpu80 trig_special(struct fpu80_env *e, struct fpu80 a, int k) {
  if (k == K_INF) {
    e->sw |= FPU80_IE;
    return fpu80_indefinite();
  }
  return fpu80_nan1(e, a, k);
}

/* sin and cos of a finite nonzero x, from its reduced argument. */
static void sin_cos(struct fpu80 x, struct xf *s, struct xf *c) {
  struct xf r;
  int q = reduce(x, &r);
  /* sin(r + q pi/2) and cos(r + q pi/2); only the series asked for. */
  if (s) *s = q & 1 ? xf_cos(r) : xf_sin(r);
  if (c) *c = q & 1 ? xf_sin(r) : xf_cos(r);
  if (s && (q & 2)) *s = xf_neg(*s);
  if (c && ((q + 1) & 2)) *c = xf_neg(*c);
}

int fpu80_sincos(struct fpu80_env *e, struct fpu80 a, struct fpu80 *sin,
                 struct fpu80 *cos) {
  int k, st = trig_start(e, a, &k);
  struct xf s, c;
  if (st == 1) return 1;
  if (st == 2) {
    struct fpu80 r = trig_special(e, a, k);
    if (sin) *sin = r;
    if (cos) *cos = r;
    return 0;
  }
  if (k == K_ZERO) {
    if (sin) *sin = a;
    if (cos) *cos = fpu80_make(0x3fff, FPU80_J);
    return 0;
  }
  sin_cos(a, sin ? &s : 0, cos ? &c : 0);
  if (cos) *cos = xf_round(e, c, 0);
  if (sin) *sin = xf_round(e, s, 0); /* C1 as the sine rounded */
  return 0;
}

int fpu80_ptan(struct fpu80_env *e, struct fpu80 a, struct fpu80 *tan,
               struct fpu80 *push) {
  int k, q, st = trig_start(e, a, &k);
  struct xf s, c, r;
  if (st == 1) return 1;
  *push = fpu80_make(0x3fff, FPU80_J);
  if (st == 2) {
    *tan = *push = trig_special(e, a, k);
    return 0;
  }
  if (k == K_ZERO) {
    *tan = a;
    return 0;
  }
  q = reduce(a, &r);
  if (r.exp < -32) {
    /* Near a multiple of pi/2 the quotient of two truncated series may
     * err on the wrong side of a result that is (nearly) exact, like
     * 2^65 at pi/2 rounded to 64 bits. Two terms of the series of tan r
     * = r + r^3/3 + ... or -cot r = -1/r + r/3 + ... carry 128 bits and
     * the right side. */
    if (q & 1) {
      *tan = xf_round(e, xf_sub(xf_div_small(r, 3), xf_div(kOne, r)), 0);
    } else {
      *tan =
          xf_round(e, xf_add(r, xf_div_small(xf_mul(xf_mul(r, r), r), 3)), 0);
    }
    return 0;
  }
  s = xf_sin(r);
  c = xf_cos(r);
  *tan = xf_round(e, q & 1 ? xf_neg(xf_div(c, s)) : xf_div(s, c), 0);
  return 0;
}

struct fpu80 fpu80_const(struct fpu80_env *e, enum fpu80_const k) {
  static const struct xf *const kConst[] = {&kL2t, &kLog2e, &kPi, &kLg2, &kLn2};
  const struct xf *c = kConst[k];
  u16 sw = e->sw;
  struct fpu80 r = fpu80_round80(e, 0, c->exp, c->hi, c->lo | 1, 64);
  e->sw = sw & ~FPU80_C1; /* rounded, yet no PE and no C1 */
  return r;
}
