/* core/fpu80.c: 80-bit extended-precision arithmetic with integers only.
 * See core/fpu80.h for the representation and the environment.
 *
 * Internally a finite nonzero operand is unpacked into a sign, the
 * unbiased exponent of its leading one, and a significand normalized so
 * that bit 63 is set. Intermediate results are 128 bits (hi:lo, leading
 * one at bit 127) with a sticky bit jammed into bit 0 of lo, which is
 * enough to round any of the x87's formats correctly. */
#include "core/fpu80.h"

#include "core/fpu80_priv.h"

/* 128-bit helpers. */

void fpu80_mul64(u64 a, u64 b, u64 *hi, u64 *lo) {
  u64 a0 = (u32)a, a1 = a >> 32, b0 = (u32)b, b1 = b >> 32;
  u64 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  u64 mid = (p00 >> 32) + (u32)p01 + (u32)p10;
  *lo = mid << 32 | (u32)p00;
  *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/* Shifts hi:lo right by n, ORing every bit shifted out into bit 0. */
void fpu80_shr_jam(u64 *hi, u64 *lo, u32 n) {
  if (!n) return;
  if (n < 64) {
    u64 sticky = (*lo << (64 - n)) != 0;
    *lo = *hi << (64 - n) | *lo >> n | sticky;
    *hi >>= n;
  } else if (n == 64) {
    *lo = *hi | (*lo != 0);
    *hi = 0;
  } else if (n < 128) {
    *lo = *hi >> (n - 64) | ((*hi << (128 - n) | *lo) != 0);
    *hi = 0;
  } else {
    *lo = (*hi | *lo) != 0;
    *hi = 0;
  }
}

void fpu80_shl(u64 *hi, u64 *lo, u32 n) {
  if (!n) return;
  if (n < 64) {
    *hi = *hi << n | *lo >> (64 - n);
    *lo <<= n;
  } else if (n < 128) {
    *hi = *lo << (n - 64);
    *lo = 0;
  } else {
    *hi = *lo = 0;
  }
}

/* Shifts a nonzero hi:lo left until bit 127 is set; returns the count. */
int fpu80_norm128(u64 *hi, u64 *lo) {
  int n = *hi ? __builtin_clzll(*hi) : 64 + __builtin_clzll(*lo);
  fpu80_shl(hi, lo, n);
  return n;
}

/* Classes and unpacking. */

int fpu80_kind(struct fpu80 x) {
  int e = x.se & 0x7fff;
  int j = x.sig >> 63;
  if (!e) return x.sig ? K_DENORM : K_ZERO;
  if (e == FPU80_EXP_MAX) {
    if (!j) return K_BAD;
    if (!(x.sig << 1)) return K_INF;
    return x.sig & FPU80_QUIET ? K_QNAN : K_SNAN;
  }
  return j ? K_NORMAL : K_BAD;
}

/* A finite nonzero operand: *sig gets the significand with bit 63 set,
 * the return value is the unbiased exponent of that bit. */
i32 fpu80_unpack(struct fpu80 x, u64 *sig) {
  i32 e = x.se & 0x7fff;
  int n;
  if (!e) e = 1; /* denormals and pseudo-denormals */
  n = __builtin_clzll(x.sig);
  *sig = x.sig << n;
  return e - FPU80_EXP_BIAS - n;
}

struct fpu80 fpu80_indefinite(void) {
  return fpu80_make(0xffff, 0xc000000000000000ull);
}

static struct fpu80 invalid(struct fpu80_env *e) {
  e->sw |= FPU80_IE;
  return fpu80_indefinite();
}

static struct fpu80 quiet(struct fpu80 x) {
  x.sig |= FPU80_QUIET;
  return x;
}

/* NaN results of SDM vol. 1, table 4-7 for the x87, and unsupported
 * operands. Called when at least one operand is a NaN or unsupported. */
struct fpu80 fpu80_nan2(struct fpu80_env *e, struct fpu80 a, int ka,
                        struct fpu80 b, int kb) {
  int an = ka == K_QNAN || ka == K_SNAN, bn = kb == K_QNAN || kb == K_SNAN;
  if (ka == K_BAD || kb == K_BAD) return invalid(e);
  if (ka == K_SNAN || kb == K_SNAN) e->sw |= FPU80_IE;
  if (an && bn) {
    if (ka != kb) return quiet(ka == K_QNAN ? a : b);
    if ((a.sig << 1) != (b.sig << 1))
      return quiet((a.sig << 1) > (b.sig << 1) ? a : b);
    return quiet(a.se < b.se ? a : b);
  }
  return quiet(an ? a : b);
}

struct fpu80 fpu80_nan1(struct fpu80_env *e, struct fpu80 a, int ka) {
  if (ka == K_BAD) return invalid(e);
  if (ka == K_SNAN) e->sw |= FPU80_IE;
  return quiet(a);
}

/* Rounding. */

/* Rounds hi (with lo below it) to a multiple of 2^k, k in 0..63, in
 * direction rc for a number of sign SIGN. Returns 1 if hi carried out of
 * bit 63 (hi is then 0); *inexact and *up say what happened. */
static int round_bits(int rc, int sign, u64 *hi, u64 lo, int k, int *inexact,
                      int *up) {
  u64 mask = k ? ~0ull >> (64 - k) : 0;
  u64 rem = *hi & mask;
  int half, sticky, inc = 0;
  if (k) {
    half = rem >> (k - 1) & 1;
    sticky = (rem & (mask >> 1)) || lo;
  } else {
    half = lo >> 63;
    sticky = (lo << 1) != 0;
  }
  *inexact = half || sticky;
  switch (rc) {
    case FPU80_RC_NEAR: inc = half && (sticky || (*hi >> k & 1)); break;
    case FPU80_RC_DOWN: inc = sign && *inexact; break;
    case FPU80_RC_UP: inc = !sign && *inexact; break;
    default: break;
  }
  *hi &= ~mask;
  *up = inc;
  if (!inc) return 0;
  *hi += mask + 1;
  return *hi == 0;
}

/* Rounds sign * hi:lo * 2^(exp - 127), bit 127 set, to PREC bits with the
 * exponent range EMIN..EMAX (of the leading bit), under env's RC. Returns
 * the exponent of bit 63 of *sig; a denormal result has J clear and the
 * exponent EMIN; an overflow to infinity returns EMAX + 1. Tininess is
 * detected after rounding, as x86 does; a masked underflow is flagged only
 * when the result is also inexact (SDM vol. 1, 4.9.1.5). */
i32 fpu80_round(struct fpu80_env *e, int sign, i32 exp, u64 hi, u64 lo,
                int prec, i32 emin, i32 emax, u64 *sig) {
  int rc = e->cw >> 10 & 3, k = 64 - prec, inexact, up;
  u64 h = hi;
  i32 x = exp;
  e->sw &= ~FPU80_C1;
  if (round_bits(rc, sign, &h, lo, k, &inexact, &up)) {
    h = FPU80_J;
    ++x;
  }
  if (x > emax) {
    e->sw |= FPU80_OE | FPU80_PE;
    if (rc == FPU80_RC_NEAR || (rc == FPU80_RC_UP && !sign) ||
        (rc == FPU80_RC_DOWN && sign)) {
      e->sw |= FPU80_C1;
      *sig = FPU80_J;
      return emax + 1;
    }
    *sig = ~0ull << k;
    return emax;
  }
  if (x >= emin) {
    if (inexact) e->sw |= FPU80_PE;
    if (up) e->sw |= FPU80_C1;
    *sig = h;
    return x;
  }
  fpu80_shr_jam(&hi, &lo, emin - exp);
  round_bits(rc, sign, &hi, lo, k, &inexact, &up);
  if (inexact) e->sw |= FPU80_UE | FPU80_PE;
  if (up) e->sw |= FPU80_C1;
  *sig = hi;
  return emin;
}

static struct fpu80 pack80(int sign, i32 exp, u64 sig) {
  u16 s = sign ? 0x8000 : 0;
  if (exp > FPU80_EMAX) return fpu80_make(s | 0x7fff, FPU80_J);
  if (!(sig >> 63)) return fpu80_make(s, sig);
  return fpu80_make(s | (exp + FPU80_EXP_BIAS), sig);
}

/* Rounding to a register. With overflow or underflow unmasked in the
 * control word, an out-of-range result is not replaced by infinity, the
 * largest number or a denormal: it is rounded with an unbounded exponent
 * and delivered with the exponent adjusted by 24576 toward the middle of
 * the range (SDM vol. 1, 8.5.4 and 8.5.5), and an unmasked underflow is
 * signaled even when exact. The handler then raises #MF. */
#define BIAS_ADJUST 24576

struct fpu80 fpu80_round80(struct fpu80_env *e, int sign, i32 exp, u64 hi,
                           u64 lo, int prec) {
  u64 sig;
  if (~e->cw & (FPU80_OE | FPU80_UE)) {
    u64 h = hi;
    int inexact, up;
    i32 x = exp;
    if (round_bits(FPU80_RC(e), sign, &h, lo, 64 - prec, &inexact, &up)) {
      h = FPU80_J;
      ++x;
    }
    if ((x > FPU80_EMAX && !(e->cw & FPU80_OE)) ||
        (x < FPU80_EMIN && !(e->cw & FPU80_UE))) {
      e->sw &= ~FPU80_C1;
      if (x > FPU80_EMAX) {
        e->sw |= FPU80_OE;
        x -= BIAS_ADJUST;
        if (x > FPU80_EMAX) { /* only FSCALE gets this far: infinity */
          e->sw |= FPU80_PE | FPU80_C1;
          return pack80(sign, x, FPU80_J);
        }
      } else {
        e->sw |= FPU80_UE;
        x += BIAS_ADJUST;
        if (x < FPU80_EMIN) { /* only FSCALE gets this far: zero */
          e->sw |= FPU80_PE;
          return pack80(sign, 0, 0);
        }
      }
      if (inexact) e->sw |= FPU80_PE;
      if (up) e->sw |= FPU80_C1;
      return pack80(sign, x, h);
    }
  }
  exp = fpu80_round(e, sign, exp, hi, lo, prec, FPU80_EMIN, FPU80_EMAX, &sig);
  return pack80(sign, exp, sig);
}

/* Normalizes and rounds a nonzero hi:lo whose bit 127 has exponent EXP. */
struct fpu80 fpu80_norm_round(struct fpu80_env *e, int sign, i32 exp, u64 hi,
                              u64 lo, int prec) {
  exp -= fpu80_norm128(&hi, &lo);
  return fpu80_round80(e, sign, exp, hi, lo, prec);
}

static int pc_bits(struct fpu80_env *e) {
  switch (e->cw >> 8 & 3) {
    case FPU80_PC_24: return 24;
    case FPU80_PC_53: return 53;
    default: return 64;
  }
}

static struct fpu80 zero(int sign) {
  return fpu80_make(sign ? 0x8000 : 0, 0);
}

static struct fpu80 inf(int sign) {
  return fpu80_make(sign ? 0xffff : 0x7fff, FPU80_J);
}

/* Arithmetic. */

/* DM flags operands that were denormals in memory (binary32/64) before
 * they were widened: they raise DE as an 80-bit denormal would. */
static struct fpu80 addsub(struct fpu80_env *e, struct fpu80 a, struct fpu80 b,
                           int negb, int dm) {
  int ka = fpu80_kind(a), kb = fpu80_kind(b);
  int sa = FPU80_SIGN(a), sb = FPU80_SIGN(b) ^ negb, prec = pc_bits(e);
  u64 ha, la = 0, hb, lb = 0;
  i32 ea, eb;
  e->sw &= ~FPU80_C1;
  if (FPU80_IS_NAN(ka) || FPU80_IS_NAN(kb)) return fpu80_nan2(e, a, ka, b, kb);
  if (ka == K_INF && kb == K_INF && sa != sb) return invalid(e);
  if (ka == K_DENORM || kb == K_DENORM || dm) e->sw |= FPU80_DE;
  if (ka == K_INF || kb == K_INF) return inf(ka == K_INF ? sa : sb);
  if (ka == K_ZERO && kb == K_ZERO) {
    if (sa == sb) return zero(sa);
    return zero((e->cw >> 10 & 3) == FPU80_RC_DOWN);
  }
  if (ka == K_ZERO || kb == K_ZERO) {
    if (ka == K_ZERO) {
      a = b;
      sa = sb;
    }
    ea = fpu80_unpack(a, &ha);
    return fpu80_round80(e, sa, ea, ha, 0, prec);
  }
  ea = fpu80_unpack(a, &ha);
  eb = fpu80_unpack(b, &hb);
  if (ea < eb) {
    i32 t = ea;
    u64 th = ha;
    int ts = sa;
    ea = eb, eb = t, ha = hb, hb = th, sa = sb, sb = ts;
  }
  fpu80_shr_jam(&hb, &lb, ea - eb);
  if (sa == sb) {
    u64 lo = la + lb, hi = ha + hb + (lo < la);
    if (hi < ha) {
      fpu80_shr_jam(&hi, &lo, 1);
      hi |= FPU80_J;
      ++ea;
    }
    return fpu80_round80(e, sa, ea, hi, lo, prec);
  }
  if (ha < hb || (ha == hb && la < lb)) {
    u64 th = ha, tl = la;
    ha = hb, la = lb, hb = th, lb = tl, sa = sb;
  }
  {
    u64 lo = la - lb, hi = ha - hb - (la < lb);
    if (!hi && !lo) return zero((e->cw >> 10 & 3) == FPU80_RC_DOWN);
    return fpu80_norm_round(e, sa, ea, hi, lo, prec);
  }
}

struct fpu80 fpu80_add(struct fpu80_env *e, struct fpu80 a, struct fpu80 b) {
  return addsub(e, a, b, 0, 0);
}

struct fpu80 fpu80_sub(struct fpu80_env *e, struct fpu80 a, struct fpu80 b) {
  return addsub(e, a, b, 1, 0);
}

static struct fpu80 mul(struct fpu80_env *e, struct fpu80 a, struct fpu80 b,
                        int dm) {
  int ka = fpu80_kind(a), kb = fpu80_kind(b), s = FPU80_SIGN(a) ^ FPU80_SIGN(b);
  u64 ha, hb, hi, lo;
  i32 ea, eb;
  e->sw &= ~FPU80_C1;
  if (FPU80_IS_NAN(ka) || FPU80_IS_NAN(kb)) return fpu80_nan2(e, a, ka, b, kb);
  if (ka == K_INF || kb == K_INF) {
    if (ka == K_ZERO || kb == K_ZERO) return invalid(e);
    if (ka == K_DENORM || kb == K_DENORM || dm) e->sw |= FPU80_DE;
    return inf(s);
  }
  if (ka == K_DENORM || kb == K_DENORM || dm) e->sw |= FPU80_DE;
  if (ka == K_ZERO || kb == K_ZERO) return zero(s);
  ea = fpu80_unpack(a, &ha);
  eb = fpu80_unpack(b, &hb);
  fpu80_mul64(ha, hb, &hi, &lo);
  return fpu80_norm_round(e, s, ea + eb + 1, hi, lo, pc_bits(e));
}

/* One 32-bit digit of long division (Knuth, TAOCP vol. 2, 4.3.1,
 * algorithm D): with r < b and b's bit 63 set, returns d = floor((r *
 * 2^32 + next) / b) and leaves the remainder in r. The estimate from b's
 * top half is at most two too large. Values of 96 bits are kept as h *
 * 2^32 + l. */
static u32 div_digit(u64 *r, u64 b, u32 next) {
  u64 b1 = b >> 32, b0 = (u32)b, d = *r / b1, p0, ph, h, l;
  if (d > 0xffffffff) d = 0xffffffff;
  p0 = d * b0;
  ph = d * b1 + (p0 >> 32);
  l = (u32)(next - (u32)p0);
  h = *r - ph - (next < (u32)p0);
  while ((i64)h < 0) { /* wraps correctly: the true value is > -2^95 */
    --d;
    l += b0;
    h += b1 + (l >> 32);
    l = (u32)l;
  }
  *r = h << 32 | l;
  return d;
}

/* Quotient of two significands with bit 63 set: 96 bits (the leading one
 * at bit 127 of hi:lo) and a sticky bit; returns 1 if a < b (the
 * quotient's exponent is then one lower). */
static int div_sig(u64 a, u64 b, u64 *hi, u64 *lo) {
  int low = a < b;
  u64 r = low ? a : a - b, d1, d2, d3;
  d1 = div_digit(&r, b, 0);
  d2 = div_digit(&r, b, 0);
  d3 = div_digit(&r, b, 0);
  if (low) { /* 0.d1d2d3, d1's top bit set */
    *hi = d1 << 32 | d2;
    *lo = d3 << 32 | (r != 0);
  } else { /* 1.d1d2d3 */
    *hi = FPU80_J | d1 << 31 | d2 >> 1;
    *lo = d2 << 63 | d3 << 31 | (r != 0);
  }
  return low;
}

static struct fpu80 divide(struct fpu80_env *e, struct fpu80 a, struct fpu80 b,
                           int dm) {
  int ka = fpu80_kind(a), kb = fpu80_kind(b), s = FPU80_SIGN(a) ^ FPU80_SIGN(b);
  u64 ha, hb, hi, lo;
  i32 ea, eb;
  e->sw &= ~FPU80_C1;
  if (FPU80_IS_NAN(ka) || FPU80_IS_NAN(kb)) return fpu80_nan2(e, a, ka, b, kb);
  if ((ka == K_INF && kb == K_INF) || (ka == K_ZERO && kb == K_ZERO))
    return invalid(e);
  if (kb == K_ZERO && ka != K_INF) {
    e->sw |= FPU80_ZE;
    return inf(s);
  }
  if (ka == K_DENORM || kb == K_DENORM || dm) e->sw |= FPU80_DE;
  if (ka == K_INF) return inf(s);
  if (kb == K_INF || ka == K_ZERO) return zero(s);
  ea = fpu80_unpack(a, &ha);
  eb = fpu80_unpack(b, &hb);
  ea -= eb + div_sig(ha, hb, &hi, &lo);
  return fpu80_round80(e, s, ea, hi, lo, pc_bits(e));
}

struct fpu80 fpu80_mul(struct fpu80_env *e, struct fpu80 a, struct fpu80 b) {
  return mul(e, a, b, 0);
}

struct fpu80 fpu80_div(struct fpu80_env *e, struct fpu80 a, struct fpu80 b) {
  return divide(e, a, b, 0);
}

struct fpu80 fpu80_arith(struct fpu80_env *e, enum fpu80_op op, struct fpu80 a,
                         struct fpu80 b, int denormal) {
  switch (op) {
    case FPU80_OP_ADD: return addsub(e, a, b, 0, denormal);
    case FPU80_OP_SUB: return addsub(e, a, b, 1, denormal);
    case FPU80_OP_MUL: return mul(e, a, b, denormal);
    default: return divide(e, a, b, denormal);
  }
}

/* floor(sqrt(rh:rl)) for rh >= 2^62, by Newton's iteration from above,
 * started from the root of rh (32 bits, one bit at a time): two or three
 * steps, each a 128/64-bit division by 32-bit digits. */
static u64 isqrt128(u64 rh, u64 rl) {
  u64 rem = 0, y = 0, s;
  int i;
  for (i = 0; i < 32; ++i) {
    u64 t;
    rem = rem << 2 | (rh >> (62 - 2 * i) & 3);
    y <<= 1;
    t = y << 1 | 1;
    if (rem >= t) {
      rem -= t;
      y |= 1;
    }
  }
  s = y == 0xffffffff ? ~0ull : (y + 1) << 32; /* >= sqrt(rh:rl) */
  while (rh < s) { /* else the quotient is >= 2^64 > s: s is the root */
    u64 r = rh, q, t;
    q = (u64)div_digit(&r, s, rl >> 32) << 32;
    q |= div_digit(&r, s, (u32)rl);
    t = (s >> 1) + (q >> 1) + (s & q & 1);
    if (t >= s) break;
    s = t;
  }
  return s;
}

struct fpu80 fpu80_sqrt(struct fpu80_env *e, struct fpu80 a) {
  int ka = fpu80_kind(a), s = FPU80_SIGN(a);
  u64 sig, rh, rl, ph, pl, q, lo;
  i32 ex;
  e->sw &= ~FPU80_C1;
  if (FPU80_IS_NAN(ka)) return fpu80_nan1(e, a, ka);
  if (ka == K_ZERO) return a;
  if (s) return invalid(e);
  if (ka == K_INF) return a;
  if (ka == K_DENORM) e->sw |= FPU80_DE;
  ex = fpu80_unpack(a, &sig) - 63; /* a = sig * 2^ex */
  /* R = sig * 2^64 or 2^63 (making the exponent even), so that
   * sqrt(a) = sqrt(R) * 2^((ex - 64) / 2) or 2^((ex - 63) / 2). */
  if (ex & 1) {
    rh = sig >> 1, rl = sig << 63;
    ex = (ex - 63) / 2;
  } else {
    rh = sig, rl = 0;
    ex = (ex - 64) / 2;
  }
  q = isqrt128(rh, rl);
  /* R - q^2 < 2q + 1 says what lies below q's last bit: more than half
   * iff it exceeds q (exactly half is impossible). */
  fpu80_mul64(q, q, &ph, &pl);
  rh = rh - ph - (rl < pl);
  rl -= pl;
  lo = (rh || rl) ? 1 : 0;
  if (rh || rl > q) lo |= FPU80_J;
  return fpu80_round80(e, 0, 63 + ex, q, lo, pc_bits(e));
}

/* Compares and classes. */

/* A key that orders finite and infinite magnitudes: the exponent of the
 * leading one (huge for infinity, tiny for zero) and the significand. */
static i32 mag_key(struct fpu80 x, int k, u64 *sig) {
  if (k == K_ZERO) {
    *sig = 0;
    return -100000;
  }
  if (k == K_INF) {
    *sig = 0;
    return 100000;
  }
  return fpu80_unpack(x, sig);
}

static enum fpu80_rel compare(struct fpu80_env *e, struct fpu80 a,
                              struct fpu80 b, int quiet, int dm) {
  int ka = fpu80_kind(a), kb = fpu80_kind(b), sa, sb, r;
  u64 ma, mb;
  i32 xa, xb;
  e->sw &= ~FPU80_CC;
  if (FPU80_IS_NAN(ka) || FPU80_IS_NAN(kb)) {
    if (!quiet || ka == K_SNAN || kb == K_SNAN || ka == K_BAD || kb == K_BAD)
      e->sw |= FPU80_IE;
    e->sw |= FPU80_UN;
    return FPU80_UN;
  }
  if (ka == K_DENORM || kb == K_DENORM || dm) e->sw |= FPU80_DE;
  sa = FPU80_SIGN(a) && ka != K_ZERO;
  sb = FPU80_SIGN(b) && kb != K_ZERO;
  xa = mag_key(a, ka, &ma);
  xb = mag_key(b, kb, &mb);
  if (sa != sb) {
    r = sa ? FPU80_LT : FPU80_GT;
  } else if (xa == xb && ma == mb) {
    r = FPU80_EQ;
  } else {
    int bigger = xa > xb || (xa == xb && ma > mb);
    r = bigger != sa ? FPU80_GT : FPU80_LT;
  }
  e->sw |= r;
  return r;
}

enum fpu80_rel fpu80_compare(struct fpu80_env *e, struct fpu80 a,
                             struct fpu80 b, int quiet) {
  return compare(e, a, b, quiet, 0);
}

enum fpu80_rel fpu80_compare_mem(struct fpu80_env *e, struct fpu80 a,
                                 struct fpu80 b, int quiet, int denormal) {
  return compare(e, a, b, quiet, denormal);
}

enum fpu80_class fpu80_examine(struct fpu80_env *e, struct fpu80 a) {
  static const u16 kClass[] = {FPU80_ZERO,       FPU80_DENORMAL, FPU80_NORMAL,
                               FPU80_INFINITY,   FPU80_NAN,      FPU80_NAN,
                               FPU80_UNSUPPORTED};
  int k = kClass[fpu80_kind(a)];
  e->sw &= ~FPU80_CC;
  e->sw |= k | (FPU80_SIGN(a) ? FPU80_C1 : 0);
  return k;
}

/* Rounds a finite nonzero X to an integer under RC: *mag gets its
 * magnitude (or *big is set if it is 2^64 or more); sets PE and C1. */
int fpu80_int_mag(struct fpu80_env *e, struct fpu80 x, int rc, u64 *mag) {
  u64 hi, lo = 0;
  i32 ex = fpu80_unpack(x, &hi);
  int inexact, up;
  e->sw &= ~FPU80_C1;
  if (ex >= 64) return 1;
  if (ex >= 63) {
    *mag = hi;
    return 0;
  }
  fpu80_shr_jam(&hi, &lo, 63 - ex);
  if (round_bits(rc, FPU80_SIGN(x), &hi, lo, 0, &inexact, &up)) return 1;
  if (inexact) e->sw |= FPU80_PE;
  if (up) e->sw |= FPU80_C1;
  *mag = hi;
  return 0;
}

struct fpu80 fpu80_round_int(struct fpu80_env *e, struct fpu80 a) {
  int ka = fpu80_kind(a);
  u64 m;
  e->sw &= ~FPU80_C1;
  if (FPU80_IS_NAN(ka)) return fpu80_nan1(e, a, ka);
  if (ka == K_ZERO || ka == K_INF) return a;
  if (ka == K_DENORM) e->sw |= FPU80_DE;
  if (fpu80_int_mag(e, a, FPU80_RC(e), &m)) return a;
  if (!m) return zero(FPU80_SIGN(a));
  {
    int n = __builtin_clzll(m);
    return fpu80_make((FPU80_SIGN(a) << 15) | (FPU80_EXP_BIAS + 63 - n),
                      m << n);
  }
}

/* FSCALE, FXTRACT, FPREM. */

struct fpu80 fpu80_scale(struct fpu80_env *e, struct fpu80 a, struct fpu80 b) {
  int ka = fpu80_kind(a), kb = fpu80_kind(b), sa = FPU80_SIGN(a);
  u64 sig;
  i32 ea, n;
  e->sw &= ~FPU80_C1;
  if (FPU80_IS_NAN(ka) || FPU80_IS_NAN(kb)) return fpu80_nan2(e, a, ka, b, kb);
  if (kb == K_INF) {
    if (FPU80_SIGN(b)) {
      if (ka == K_INF) return invalid(e);
      if (ka == K_DENORM) e->sw |= FPU80_DE;
      return zero(sa);
    }
    if (ka == K_ZERO) return invalid(e);
    if (ka == K_DENORM) e->sw |= FPU80_DE;
    return inf(sa);
  }
  if (ka == K_DENORM || kb == K_DENORM) e->sw |= FPU80_DE;
  if (ka == K_ZERO || ka == K_INF) return a;
  if (kb == K_ZERO) {
    n = 0;
  } else {
    u64 sb;
    i32 eb = fpu80_unpack(b, &sb);
    if (eb >= 30) {
      n = 1 << 30;
    } else if (eb < 0) {
      n = 0;
    } else {
      n = sb >> (63 - eb);
    }
    if (FPU80_SIGN(b)) n = -n;
  }
  ea = fpu80_unpack(a, &sig);
  return fpu80_round80(e, sa, ea + n, sig, 0, 64);
}

struct fpu80 fpu80_xtract(struct fpu80_env *e, struct fpu80 a,
                          struct fpu80 *sig) {
  int ka = fpu80_kind(a);
  u64 m;
  i32 ex;
  e->sw &= ~FPU80_C1;
  if (FPU80_IS_NAN(ka)) return *sig = fpu80_nan1(e, a, ka);
  if (ka == K_ZERO) {
    e->sw |= FPU80_ZE;
    *sig = a;
    return inf(1);
  }
  if (ka == K_INF) {
    *sig = a;
    return inf(0);
  }
  if (ka == K_DENORM) e->sw |= FPU80_DE;
  ex = fpu80_unpack(a, &m);
  *sig = fpu80_make((a.se & 0x8000) | FPU80_EXP_BIAS, m);
  return fpu80_from_int(ex);
}

struct fpu80 fpu80_prem(struct fpu80_env *e, struct fpu80 a, struct fpu80 b,
                        int ieee) {
  int ka = fpu80_kind(a), kb = fpu80_kind(b), sa = FPU80_SIGN(a), top;
  u64 ha, hb, r, q = 0;
  i32 ea, eb, d;
  struct fpu80 res;
  /* A NaN or an invalid operation computes no quotient: C2 and C1 are
   * cleared (the reduction is complete), C0 and C3 keep what they held
   * (host CPU). */
  e->sw &= ~(FPU80_C1 | FPU80_C2);
  if (FPU80_IS_NAN(ka) || FPU80_IS_NAN(kb)) return fpu80_nan2(e, a, ka, b, kb);
  if (ka == K_INF || kb == K_ZERO) return invalid(e);
  e->sw &= ~FPU80_CC;
  if (ka == K_DENORM || kb == K_DENORM) e->sw |= FPU80_DE;
  if (ka == K_ZERO) return a;
  ea = fpu80_unpack(a, &ha);
  if (kb == K_INF) return fpu80_round80(e, sa, ea, ha, 0, 64);
  eb = fpu80_unpack(b, &hb);
  d = ea - eb;
  if (d >= 64) {
    /* Partial: reduce the exponent by N in 32..63 (N measured on the
     * host CPU), keeping the quotient truncated. */
    d = 32 + (d - 32) % 32;
    eb = ea - d;
    ieee = 0;
    e->sw |= FPU80_C2;
  }
  if (d < 0) {
    /* |a| < |b|: the quotient is 0, or 1 for FPREM1 when |a| > |b| / 2. */
    if (!ieee || d < -1 || ha <= hb) return fpu80_round80(e, sa, ea, ha, 0, 64);
    /* b - a in units of 2^(eb - 64) is 2 * hb - ha < hb. */
    r = hb - ha + hb;
    res = fpu80_norm_round(e, !sa, eb - 64 + 127, 0, r, 64);
    e->sw |= FPU80_C1; /* quotient 1 */
    return res;
  }
  r = ha;
  top = 0;
  for (;;) {
    int bit = top || r >= hb;
    if (bit) r -= hb;
    q = q << 1 | bit;
    if (!d--) break;
    top = r >> 63;
    r <<= 1;
  }
  /* a = q * b + r * 2^(eb - 63), 0 <= r < hb. */
  if (ieee) {
    int more = r > hb - r || (r == hb - r && (q & 1));
    if (more) {
      r = hb - r;
      ++q;
      sa ^= 1;
    }
  }
  res = r ? fpu80_norm_round(e, sa, eb - 63 + 127, 0, r, 64)
          : zero(FPU80_SIGN(a));
  if (!(e->sw & FPU80_C2)) {
    if (q & 4) e->sw |= FPU80_C0;
    if (q & 2) e->sw |= FPU80_C3;
    if (q & 1) e->sw |= FPU80_C1;
  }
  return res;
}
