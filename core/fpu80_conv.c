/* core/fpu80_conv.c: conversions between the 80-bit format and integers
 * (FILD, FIST, FISTP, FISTTP), binary32/binary64 (FLD, FST) and packed
 * BCD (FBLD, FBSTP). */
#include "core/fpu80.h"

#include "core/fpu80_priv.h"

int fpu80_int_mag(struct fpu80_env *e, struct fpu80 x, int rc, u64 *mag);

struct fpu80 fpu80_from_int(i64 v) {
  u64 m = v < 0 ? -(u64)v : (u64)v;
  u16 s = v < 0 ? 0x8000 : 0;
  int n;
  if (!m) return fpu80_make(0, 0);
  n = __builtin_clzll(m);
  return fpu80_make(s | (FPU80_EXP_BIAS + 63 - n), m << n);
}

i64 fpu80_to_int(struct fpu80_env *e, struct fpu80 a, int bits, int truncate) {
  int k = fpu80_kind(a), s = FPU80_SIGN(a);
  u64 limit = 1ull << (bits - 1), m;
  i64 indefinite = -(i64)(limit - 1) - 1; /* only the sign bit set */
  e->sw &= ~FPU80_C1;
  if (k == K_ZERO) return 0;
  if (k != K_NORMAL && k != K_DENORM) {
    e->sw |= FPU80_IE;
    return indefinite;
  }
  if (fpu80_int_mag(e, a, truncate ? FPU80_RC_ZERO : FPU80_RC(e), &m) ||
      m > limit - !s) {
    e->sw &= ~(FPU80_C1 | FPU80_PE);
    e->sw |= FPU80_IE;
    return indefinite;
  }
  if (!m) return 0;
  return s ? -(i64)(m - 1) - 1 : (i64)m;
}

/* Binary32 and binary64 share one path, described by this. */
struct ieee_format {
  int frac_bits, exp_bits, bias;
};

static const struct ieee_format kF32 = {23, 8, 127};
static const struct ieee_format kF64 = {52, 11, 1023};

/* Exact, no flags; an SNaN stays signaling. */
static struct fpu80 widen(u64 f, const struct ieee_format *t, int *denormal) {
  int top = t->frac_bits + t->exp_bits;
  u16 s = (f >> top & 1) ? 0x8000 : 0;
  u64 frac = f & ((1ull << t->frac_bits) - 1);
  int ex = f >> t->frac_bits & ((1 << t->exp_bits) - 1);
  int n;
  *denormal = 0;
  if (ex == (1 << t->exp_bits) - 1)
    return fpu80_make(s | 0x7fff, FPU80_J | frac << (63 - t->frac_bits));
  if (ex) {
    return fpu80_make(s | (ex - t->bias + FPU80_EXP_BIAS),
                      FPU80_J | frac << (63 - t->frac_bits));
  }
  if (!frac) return fpu80_make(s, 0);
  *denormal = 1;
  n = __builtin_clzll(frac);
  /* frac * 2^(1 - bias - frac_bits); leading bit at 63 - n. */
  return fpu80_make(s | (FPU80_EXP_BIAS + 1 - t->bias - t->frac_bits + 63 - n),
                    frac << n);
}

/* FLD m32fp/m64fp: an SNaN is quieted with IE, a denormal raises DE. */
static struct fpu80 from_ieee(struct fpu80_env *e, u64 f,
                              const struct ieee_format *t) {
  int denormal;
  struct fpu80 x = widen(f, t, &denormal);
  if (denormal) e->sw |= FPU80_DE;
  if (fpu80_kind(x) == K_SNAN) {
    e->sw |= FPU80_IE;
    x.sig |= FPU80_QUIET;
  }
  return x;
}

struct fpu80 fpu80_widen_f32(u32 f, int *denormal) {
  return widen(f, &kF32, denormal);
}

struct fpu80 fpu80_widen_f64(u64 f, int *denormal) {
  return widen(f, &kF64, denormal);
}

static u64 to_ieee(struct fpu80_env *e, struct fpu80 a,
                   const struct ieee_format *t) {
  int k = fpu80_kind(a), s = FPU80_SIGN(a);
  int top = t->frac_bits + t->exp_bits, emax = t->bias;
  u64 sign = (u64)s << top, expmask = (1ull << t->exp_bits) - 1;
  u64 sig;
  i32 ex;
  e->sw &= ~FPU80_C1;
  switch (k) {
    case K_ZERO: return sign;
    case K_INF: return sign | expmask << t->frac_bits;
    case K_BAD:
      e->sw |= FPU80_IE;
      return 1ull << top | expmask << t->frac_bits | 1ull << (t->frac_bits - 1);
    case K_SNAN: e->sw |= FPU80_IE; /* fall through */
    case K_QNAN:
      return sign | expmask << t->frac_bits | 1ull << (t->frac_bits - 1) |
             (a.sig << 1 >> (64 - t->frac_bits));
    default: break;
  }
  ex = fpu80_unpack(a, &sig);
  ex = fpu80_round(e, s, ex, sig, 0, t->frac_bits + 1, 1 - emax, emax, &sig);
  if (ex > emax) return sign | expmask << t->frac_bits;
  sig >>= 63 - t->frac_bits;
  if (!(sig >> t->frac_bits)) return sign | sig; /* denormal or zero */
  return sign | (u64)(ex + t->bias) << t->frac_bits |
         (sig & ((1ull << t->frac_bits) - 1));
}

struct fpu80 fpu80_from_f32(struct fpu80_env *e, u32 f) {
  return from_ieee(e, f, &kF32);
}

struct fpu80 fpu80_from_f64(struct fpu80_env *e, u64 f) {
  return from_ieee(e, f, &kF64);
}

u32 fpu80_to_f32(struct fpu80_env *e, struct fpu80 a) {
  return to_ieee(e, a, &kF32);
}

u64 fpu80_to_f64(struct fpu80_env *e, struct fpu80 a) {
  return to_ieee(e, a, &kF64);
}

/* Packed BCD: bytes 0..8 hold 18 digits, two per byte, least significant
 * first; bit 7 of byte 9 is the sign (SDM vol. 1, 4.7). */
#define BCD_LIMIT 1000000000000000000ull /* 10^18 */

struct fpu80 fpu80_from_bcd(const u8 p[10]) {
  u64 v = 0;
  int i;
  struct fpu80 r;
  for (i = 8; i >= 0; --i) v = v * 100 + (p[i] >> 4) * 10 + (p[i] & 15);
  r = fpu80_from_int((i64)v);
  if (p[9] & 0x80) r.se |= 0x8000;
  return r;
}

void fpu80_to_bcd(struct fpu80_env *e, struct fpu80 a, u8 p[10]) {
  int k = fpu80_kind(a), i;
  u64 m = 0;
  e->sw &= ~FPU80_C1;
  if (k == K_NORMAL || k == K_DENORM) {
    if (fpu80_int_mag(e, a, FPU80_RC(e), &m) || m >= BCD_LIMIT) k = K_BAD;
  }
  if (k != K_NORMAL && k != K_DENORM && k != K_ZERO) {
    e->sw &= ~(FPU80_C1 | FPU80_PE);
    e->sw |= FPU80_IE;
    memset(p, 0, 10);
    p[7] = 0xc0;
    p[8] = p[9] = 0xff;
    return;
  }
  for (i = 0; i < 9; ++i) {
    p[i] = (m % 10) | (m / 10 % 10) << 4;
    m /= 100;
  }
  p[9] = FPU80_SIGN(a) ? 0x80 : 0;
}
