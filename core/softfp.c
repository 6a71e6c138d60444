/* core/softfp.c: binary32/binary64 arithmetic with integers only. See
 * core/softfp.h for the environment and the x86 rules.
 *
 * A finite nonzero operand is unpacked into a sign, the unbiased exponent
 * of its leading one, and a significand in a u64 with that one at bit 62
 * (bit 63 is room for a carry). Results are formed the same way with
 * every bit shifted out jammed into bit 0 (a sticky bit), which leaves at
 * least 9 guard bits below a binary64's last bit: enough to round any
 * sum, product, quotient or root correctly. */
#include "core/softfp.h"

enum { K_ZERO, K_DENORM, K_NORMAL, K_INF, K_QNAN, K_SNAN };

static int mbits(enum softfp_fmt f) {
  return f == SOFTFP_F64 ? 52 : 23;
}
static i32 bias(enum softfp_fmt f) {
  return f == SOFTFP_F64 ? 1023 : 127;
}
static u64 emask(enum softfp_fmt f) {
  return f == SOFTFP_F64 ? 0x7ff : 0xff;
}
static u64 sign_bit(enum softfp_fmt f) {
  return (u64)1 << (f == SOFTFP_F64 ? 63 : 31);
}
static u64 frac_mask(enum softfp_fmt f) {
  return ((u64)1 << mbits(f)) - 1;
}
static u64 quiet_bit(enum softfp_fmt f) {
  return (u64)1 << (mbits(f) - 1);
}
static int sign_of(enum softfp_fmt f, u64 x) {
  return (x & sign_bit(f)) != 0;
}
static u64 make_sign(enum softfp_fmt f, int s) {
  return s ? sign_bit(f) : 0;
}
static u64 infinity(enum softfp_fmt f, int s) {
  return make_sign(f, s) | emask(f) << mbits(f);
}
/* The default NaN, "QNaN floating-point indefinite" (SDM vol. 1, 4.8.3.7). */
static u64 indefinite(enum softfp_fmt f) {
  return sign_bit(f) | infinity(f, 0) | quiet_bit(f);
}
static int rc_of(const struct softfp_env *e) {
  return (e->csr >> SOFTFP_RC_SHIFT) & 3;
}

static int kind(enum softfp_fmt f, u64 x) {
  u64 ex = (x >> mbits(f)) & emask(f), fr = x & frac_mask(f);
  if (!ex) return fr ? K_DENORM : K_ZERO;
  if (ex == emask(f)) {
    if (!fr) return K_INF;
    return (fr & quiet_bit(f)) ? K_QNAN : K_SNAN;
  }
  return K_NORMAL;
}

static int is_nan(int k) {
  return k == K_QNAN || k == K_SNAN;
}

/* A finite nonzero x: *sig gets its significand with the leading one at
 * bit 62; returns the unbiased exponent of that one. */
static i32 unpack(enum softfp_fmt f, u64 x, u64 *sig) {
  int m = mbits(f), n;
  i32 ex = (i32)((x >> m) & emask(f));
  u64 fr = x & frac_mask(f);
  if (ex) {
    fr |= (u64)1 << m;
  } else {
    ex = 1;
  }
  n = __builtin_clzll(fr) - 1;
  *sig = fr << n;
  return ex - bias(f) - m - n + 62;
}

static u64 shr_jam(u64 v, i32 n) {
  if (n <= 0) return v;
  if (n >= 63) return v != 0;
  return v >> n | ((v << (64 - n)) != 0);
}

/* Rounds v to a multiple of 2^k (1 <= k <= 62) in direction rc for a
 * number of sign SIGN; the result may reach 2^63. */
static u64 round_bits(int rc, int sign, u64 v, int k, int *inexact) {
  u64 mask = ((u64)1 << k) - 1, rem = v & mask, half = (u64)1 << (k - 1);
  int inc = 0;
  *inexact = rem != 0;
  switch (rc) {
    case SOFTFP_RC_NEAR:
      inc = rem > half || (rem == half && (v >> k & 1));
      break;
    case SOFTFP_RC_DOWN: inc = sign && rem; break;
    case SOFTFP_RC_UP: inc = !sign && rem; break;
    default: break;
  }
  v &= ~mask;
  return inc ? v + mask + 1 : v;
}

/* Rounds sign * sig * 2^(exp - 62) (sig nonzero, its leading one at bit
 * 62, sticky bits jammed into bit 0) to the format under the MXCSR, and
 * packs it. Tininess is detected after rounding: the result is tiny when,
 * rounded with an unbounded exponent range, it is still below the
 * smallest normal (SDM vol. 1, 4.9.1.5). */
static u64 round_pack(struct softfp_env *e, enum softfp_fmt f, int sign,
                      i32 exp, u64 sig) {
  int m = mbits(f), k = 62 - m, rc = rc_of(e), inexact;
  i32 emin = 1 - bias(f), emax = bias(f), x = exp;
  u64 s = round_bits(rc, sign, sig, k, &inexact);
  if (s >> 63) {
    s >>= 1;
    ++x;
  }
  if (x > emax) {
    /* Unmasked, there is no result: PE says whether the rounding to the
     * format's precision (with an unbounded exponent) was inexact, as
     * the host CPU shows. */
    if (!(e->csr & (SOFTFP_OE << 7))) {
      e->flags |= SOFTFP_OE | (inexact ? SOFTFP_PE : 0);
      return infinity(f, sign);
    }
    e->flags |= SOFTFP_OE | SOFTFP_PE;
    if (rc == SOFTFP_RC_NEAR || (rc == SOFTFP_RC_UP && !sign) ||
        (rc == SOFTFP_RC_DOWN && sign)) {
      return infinity(f, sign);
    }
    return infinity(f, sign) - 1; /* the largest finite number */
  }
  if (x >= emin) {
    if (inexact) e->flags |= SOFTFP_PE;
    return make_sign(f, sign) | (u64)(x + bias(f)) << m |
           ((s >> k) & frac_mask(f));
  }
  if (e->csr & (SOFTFP_UE << 7)) {
    if (e->csr & SOFTFP_FTZ) {
      e->flags |= SOFTFP_UE | SOFTFP_PE;
      return make_sign(f, sign);
    }
  } else {
    /* Unmasked: tiny is enough, and PE as for an unmasked overflow. */
    e->flags |= SOFTFP_UE | (inexact ? SOFTFP_PE : 0);
    return make_sign(f, sign);
  }
  s = round_bits(rc, sign, shr_jam(sig, emin - exp), k, &inexact);
  if (inexact) e->flags |= SOFTFP_UE | SOFTFP_PE;
  /* A denormal that rounds up to the smallest normal carries into the
   * exponent field by itself. */
  return make_sign(f, sign) | s >> k;
}

static u64 quiet(enum softfp_fmt f, u64 x) {
  return x | quiet_bit(f);
}

/* The NaN result when a or b is a NaN (SDM vol. 1, table 4-7, SSE): the
 * first operand if it is a NaN, else the second, quieted. */
static u64 nan2(struct softfp_env *e, enum softfp_fmt f, u64 a, int ka, u64 b,
                int kb) {
  if (ka == K_SNAN || kb == K_SNAN) e->flags |= SOFTFP_IE;
  return quiet(f, is_nan(ka) ? a : b);
}

static u64 invalid(struct softfp_env *e, enum softfp_fmt f) {
  e->flags |= SOFTFP_IE;
  return indefinite(f);
}

/* DAZ turns a denormal operand into a zero of its sign; without it the
 * operand raises DE. */
static void denormal(struct softfp_env *e, enum softfp_fmt f, u64 *x, int *k) {
  if (*k != K_DENORM) return;
  if (e->csr & SOFTFP_DAZ) {
    *x &= sign_bit(f);
    *k = K_ZERO;
  } else {
    e->flags |= SOFTFP_DE;
  }
}

int softfp_commit(u32 *csr, u32 flags) {
  u32 unmasked = flags & ~(*csr >> 7) & 0x3f;
  if (unmasked & SOFTFP_PRE) {
    *csr |= flags & SOFTFP_PRE;
    return 1;
  }
  *csr |= flags;
  return unmasked != 0;
}

/* Arithmetic. */

static u64 add(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b,
               int negate) {
  int ka = kind(f, a), kb = kind(f, b), sa, sb;
  u64 ma, mb, m;
  i32 ea, eb;
  if (is_nan(ka) || is_nan(kb)) return nan2(e, f, a, ka, b, kb);
  if (negate) b ^= sign_bit(f);
  denormal(e, f, &a, &ka);
  denormal(e, f, &b, &kb);
  sa = sign_of(f, a);
  sb = sign_of(f, b);
  if (ka == K_INF || kb == K_INF) {
    if (ka == K_INF && kb == K_INF && sa != sb) return invalid(e, f);
    return ka == K_INF ? a : b;
  }
  if (ka == K_ZERO && kb == K_ZERO) {
    if (sa == sb) return a;
    return make_sign(f, rc_of(e) == SOFTFP_RC_DOWN);
  }
  if (kb == K_ZERO) {
    ea = unpack(f, a, &ma);
    return round_pack(e, f, sa, ea, ma);
  }
  if (ka == K_ZERO) {
    eb = unpack(f, b, &mb);
    return round_pack(e, f, sb, eb, mb);
  }
  ea = unpack(f, a, &ma);
  eb = unpack(f, b, &mb);
  if (ea < eb || (ea == eb && ma < mb)) {
    u64 t = ma;
    i32 te = ea;
    int ts = sa;
    ma = mb, mb = t;
    ea = eb, eb = te;
    sa = sb, sb = ts;
  }
  mb = shr_jam(mb, ea - eb);
  if (sa == sb) {
    m = ma + mb;
    if (m >> 63) {
      m = m >> 1 | (m & 1);
      ++ea;
    }
    return round_pack(e, f, sa, ea, m);
  }
  m = ma - mb;
  if (!m) return make_sign(f, rc_of(e) == SOFTFP_RC_DOWN);
  {
    int n = __builtin_clzll(m) - 1;
    return round_pack(e, f, sa, ea - n, m << n);
  }
}

u64 softfp_add(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b) {
  return add(e, f, a, b, 0);
}

u64 softfp_sub(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b) {
  return add(e, f, a, b, 1);
}

/* 64x64 -> 128-bit product. */
static void mul64(u64 a, u64 b, u64 *hi, u64 *lo) {
  u64 a0 = (u32)a, a1 = a >> 32, b0 = (u32)b, b1 = b >> 32;
  u64 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  u64 mid = (p00 >> 32) + (u32)p01 + (u32)p10;
  *lo = mid << 32 | (u32)p00;
  *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

u64 softfp_mul(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b) {
  int ka = kind(f, a), kb = kind(f, b), s;
  u64 ma, mb, hi, lo, m;
  i32 ex;
  if (is_nan(ka) || is_nan(kb)) return nan2(e, f, a, ka, b, kb);
  denormal(e, f, &a, &ka);
  denormal(e, f, &b, &kb);
  s = sign_of(f, a) ^ sign_of(f, b);
  if (ka == K_INF || kb == K_INF) {
    if (ka == K_ZERO || kb == K_ZERO) return invalid(e, f);
    return infinity(f, s);
  }
  if (ka == K_ZERO || kb == K_ZERO) return make_sign(f, s);
  ex = unpack(f, a, &ma) + unpack(f, b, &mb);
  mul64(ma, mb, &hi, &lo); /* in [2^124, 2^126) */
  m = hi << 2 | lo >> 62 | ((lo << 2) != 0);
  if (m >> 63) {
    m = m >> 1 | (m & 1);
    ++ex;
  }
  return round_pack(e, f, s, ex, m);
}

u64 softfp_div(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b) {
  int ka = kind(f, a), kb = kind(f, b), s, i;
  u64 ma, mb, q = 0;
  i32 ex;
  if (is_nan(ka) || is_nan(kb)) return nan2(e, f, a, ka, b, kb);
  s = sign_of(f, a) ^ sign_of(f, b);
  if (kb == K_ZERO && ka == K_DENORM && !(e->csr & SOFTFP_DAZ)) {
    e->flags |= SOFTFP_ZE; /* outranks the denormal operand */
    return infinity(f, s);
  }
  denormal(e, f, &a, &ka);
  denormal(e, f, &b, &kb);
  if (ka == K_INF) return kb == K_INF ? invalid(e, f) : infinity(f, s);
  if (kb == K_INF) return make_sign(f, s);
  if (kb == K_ZERO) {
    if (ka == K_ZERO) return invalid(e, f);
    e->flags |= SOFTFP_ZE;
    return infinity(f, s);
  }
  if (ka == K_ZERO) return make_sign(f, s);
  ex = unpack(f, a, &ma) - unpack(f, b, &mb);
  if (ma < mb) {
    ma <<= 1;
    --ex;
  }
  /* Restoring division, one quotient bit at a time: 63 bits, the first
   * one set; the remainder decides the sticky bit. */
  for (i = 0; i < 63; ++i) {
    q <<= 1;
    if (ma >= mb) {
      ma -= mb;
      q |= 1;
    }
    ma <<= 1;
  }
  return round_pack(e, f, s, ex, q | (ma != 0));
}

u64 softfp_sqrt(struct softfp_env *e, enum softfp_fmt f, u64 a) {
  int ka = kind(f, a), i;
  u64 m, hi, lo, rem = 0, root = 0;
  i32 ex;
  if (is_nan(ka)) {
    if (ka == K_SNAN) e->flags |= SOFTFP_IE;
    return quiet(f, a);
  }
  /* An invalid operation outranks the denormal operand (SDM vol. 1,
   * 4.9.2): sqrt(-denormal) raises IE alone, unless DAZ made it -0. */
  if (ka == K_DENORM && sign_of(f, a) && !(e->csr & SOFTFP_DAZ))
    return invalid(e, f);
  denormal(e, f, &a, &ka);
  if (ka == K_ZERO) return a;
  if (sign_of(f, a)) return invalid(e, f);
  if (ka == K_INF) return a;
  ex = unpack(f, a, &m);
  if (ex & 1) { /* make the exponent even: m in [2^62, 2^64) */
    m <<= 1;
    --ex;
  }
  /* root = floor(sqrt(m * 2^48)), 56 bits with the top one at bit 55,
   * digit by digit over the 112-bit radicand hi:lo. */
  hi = m >> 16;
  lo = m << 48;
  for (i = 55; i >= 0; --i) {
    int b = 2 * i;
    u64 two = b >= 64 ? hi >> (b - 64) & 3 : lo >> b & 3, trial;
    rem = rem << 2 | two;
    trial = root << 2 | 1;
    root <<= 1;
    if (rem >= trial) {
      rem -= trial;
      root |= 1;
    }
  }
  return round_pack(e, f, 0, ex / 2, root << 7 | (rem != 0));
}

/* Comparisons. */

/* Orders non-NaN encodings: sign-magnitude to two's complement. */
static i64 order_key(enum softfp_fmt f, u64 x) {
  i64 mag = (i64)(x & (sign_bit(f) - 1));
  return sign_of(f, x) ? -mag : mag;
}

enum softfp_rel softfp_compare(struct softfp_env *e, enum softfp_fmt f, u64 a,
                               u64 b, int signaling) {
  int ka = kind(f, a), kb = kind(f, b);
  i64 x, y;
  if (is_nan(ka) || is_nan(kb)) {
    if (signaling || ka == K_SNAN || kb == K_SNAN) e->flags |= SOFTFP_IE;
    return SOFTFP_UN;
  }
  denormal(e, f, &a, &ka);
  denormal(e, f, &b, &kb);
  x = order_key(f, a);
  y = order_key(f, b);
  return x < y ? SOFTFP_LT : x > y ? SOFTFP_GT : SOFTFP_EQ;
}

int softfp_predicate(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b,
                     int pred) {
  int signaling = pred == 1 || pred == 2 || pred == 5 || pred == 6;
  enum softfp_rel r = softfp_compare(e, f, a, b, signaling);
  switch (pred & 7) {
    case 0: return r == SOFTFP_EQ;
    case 1: return r == SOFTFP_LT;
    case 2: return r == SOFTFP_LT || r == SOFTFP_EQ;
    case 3: return r == SOFTFP_UN;
    case 4: return r != SOFTFP_EQ;
    case 5: return r != SOFTFP_LT;
    case 6: return r != SOFTFP_LT && r != SOFTFP_EQ;
    default: return r != SOFTFP_UN;
  }
}

static u64 minmax(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b,
                  int max) {
  int ka = kind(f, a), kb = kind(f, b);
  i64 x, y;
  if (e->csr & SOFTFP_DAZ) { /* even the operand returned is flushed */
    denormal(e, f, &a, &ka);
    denormal(e, f, &b, &kb);
  }
  if (is_nan(ka) || is_nan(kb)) {
    e->flags |= SOFTFP_IE;
    return b;
  }
  denormal(e, f, &a, &ka);
  denormal(e, f, &b, &kb);
  x = order_key(f, a);
  y = order_key(f, b);
  if (max) return x > y ? a : b;
  return x < y ? a : b;
}

u64 softfp_min(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b) {
  return minmax(e, f, a, b, 0);
}

u64 softfp_max(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b) {
  return minmax(e, f, a, b, 1);
}

/* Conversions. */

u64 softfp_f32_to_f64(struct softfp_env *e, u64 a) {
  int k = kind(SOFTFP_F32, a), s = sign_of(SOFTFP_F32, a);
  u64 m;
  i32 ex;
  if (is_nan(k)) {
    if (k == K_SNAN) e->flags |= SOFTFP_IE;
    return make_sign(SOFTFP_F64, s) | infinity(SOFTFP_F64, 0) |
           quiet_bit(SOFTFP_F64) | (a & frac_mask(SOFTFP_F32)) << 29;
  }
  denormal(e, SOFTFP_F32, &a, &k);
  if (k == K_ZERO) return make_sign(SOFTFP_F64, s);
  if (k == K_INF) return infinity(SOFTFP_F64, s);
  ex = unpack(SOFTFP_F32, a, &m);
  return round_pack(e, SOFTFP_F64, s, ex, m); /* exact */
}

u64 softfp_f64_to_f32(struct softfp_env *e, u64 a) {
  int k = kind(SOFTFP_F64, a), s = sign_of(SOFTFP_F64, a);
  u64 m;
  i32 ex;
  if (is_nan(k)) {
    if (k == K_SNAN) e->flags |= SOFTFP_IE;
    return make_sign(SOFTFP_F32, s) | infinity(SOFTFP_F32, 0) |
           quiet_bit(SOFTFP_F32) | (a & frac_mask(SOFTFP_F64)) >> 29;
  }
  denormal(e, SOFTFP_F64, &a, &k);
  if (k == K_ZERO) return make_sign(SOFTFP_F32, s);
  if (k == K_INF) return infinity(SOFTFP_F32, s);
  ex = unpack(SOFTFP_F64, a, &m);
  return round_pack(e, SOFTFP_F32, s, ex, m);
}

u64 softfp_from_int(struct softfp_env *e, enum softfp_fmt f, i64 v) {
  int s = v < 0, n;
  u64 mag = s ? -(u64)v : (u64)v;
  if (!mag) return 0;
  n = __builtin_clzll(mag);
  if (!n) return round_pack(e, f, s, 63, shr_jam(mag, 1));
  return round_pack(e, f, s, 63 - n, mag << (n - 1));
}

u64 softfp_to_int(struct softfp_env *e, enum softfp_fmt f, u64 a, int bits,
                  int truncate) {
  int k = kind(f, a), s = sign_of(f, a), rc, inexact = 0, inc = 0;
  u64 limit = (u64)1 << (bits - 1), m, ip;
  i32 ex;
  if (is_nan(k) || k == K_INF) {
    e->flags |= SOFTFP_IE;
    return limit;
  }
  if (k == K_DENORM && (e->csr & SOFTFP_DAZ)) k = K_ZERO;
  if (k == K_ZERO) return 0;
  rc = truncate ? SOFTFP_RC_ZERO : rc_of(e);
  ex = unpack(f, a, &m);
  if (ex > 62) {
    if (ex == 63 && s && m == (u64)1 << 62 && bits == 64) return limit;
    e->flags |= SOFTFP_IE;
    return limit;
  }
  if (ex < -1) { /* |a| < 0.5 */
    ip = 0;
    inexact = 1;
    inc = (rc == SOFTFP_RC_UP && !s) || (rc == SOFTFP_RC_DOWN && s);
  } else {
    int sh = 62 - ex;
    ip = m;
    if (sh) {
      u64 mask = ((u64)1 << sh) - 1, rem = m & mask;
      u64 half = (u64)1 << (sh - 1);
      ip = m >> sh;
      inexact = rem != 0;
      switch (rc) {
        case SOFTFP_RC_NEAR:
          inc = rem > half || (rem == half && (ip & 1));
          break;
        case SOFTFP_RC_DOWN: inc = s && inexact; break;
        case SOFTFP_RC_UP: inc = !s && inexact; break;
        default: break;
      }
    }
  }
  ip += (u64)inc;
  if (ip > limit - !s) {
    e->flags |= SOFTFP_IE;
    return limit;
  }
  if (inexact) e->flags |= SOFTFP_PE;
  ip = s ? -ip : ip;
  return bits == 64 ? ip : ip & 0xffffffff;
}
