/* MUL, IMUL (one, two and three operands), DIV, IDIV (SDM vol. 2).
 *
 * 64x64->128 products and 128/64 quotients are done by hand from 32-bit
 * halves: blink builds for 32-bit hosts (mips) where there is no 128-bit
 * integer type. A zero divisor or a quotient that does not fit raises #DE,
 * which Linux delivers as SIGFPE with FPE_INTDIV at the faulting
 * instruction; nothing is written then.
 *
 * Flags: MUL and IMUL set CF = OF = "the high half is significant"; SF, ZF,
 * AF and PF are undefined, and we clear them, as AMD Zen parts mostly do.
 * DIV and IDIV leave all six undefined; we leave them as they were. */
#include "core/core_priv.h"

#define CF X86_EFLAGS_CF
#define OF X86_EFLAGS_OF
#define AF X86_EFLAGS_AF
#define SZP (X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_PF)

/* Unsigned 64x64 -> 128. */
static void mul128(u64 a, u64 b, u64 *hi, u64 *lo) {
  u64 al = (u32)a, ah = a >> 32, bl = (u32)b, bh = b >> 32;
  u64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
  u64 mid = (ll >> 32) + (u32)lh + (u32)hl;
  *lo = (mid << 32) | (u32)ll;
  *hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

/* Signed 64x64 -> 128: the unsigned product, corrected for each negative
 * factor (a negative a counts as a - 2^64). */
static void imul128(u64 a, u64 b, u64 *hi, u64 *lo) {
  mul128(a, b, hi, lo);
  if (a >> 63) *hi -= b;
  if (b >> 63) *hi -= a;
}

/* Unsigned 128/64 -> 64; -1 when the divisor is 0 or the quotient does not
 * fit in 64 bits. Restoring division, one quotient bit per step. */
static int div128(u64 hi, u64 lo, u64 d, u64 *q, u64 *r) {
  int i;
  if (!d || hi >= d) return -1;
  if (!hi) {
    *q = lo / d;
    *r = lo % d;
    return 0;
  }
  for (i = 0; i < 64; ++i) {
    u64 top = hi >> 63;
    hi = (hi << 1) | (lo >> 63);
    lo <<= 1;
    if (top || hi >= d) {
      hi -= d;
      lo |= 1;
    }
  }
  *q = lo;
  *r = hi;
  return 0;
}

static void neg128(u64 *hi, u64 *lo) {
  *lo = 0 - *lo;
  *hi = ~*hi + (*lo == 0);
}

/* Signed 128/64; -1 on a zero divisor or a quotient out of range. The
 * remainder takes the dividend's sign (truncating division). */
static int idiv128(u64 hi, u64 lo, u64 d, u64 *q, u64 *r) {
  int nn = hi >> 63, dn = d >> 63;
  u64 uq, ur;
  if (nn) neg128(&hi, &lo);
  if (dn) d = 0 - d;
  if (div128(hi, lo, d, &uq, &ur)) return -1;
  if (nn != dn) {
    if (uq > (u64)1 << 63) return -1;
    uq = 0 - uq;
  } else if (uq >> 63) {
    return -1;
  }
  *q = uq;
  *r = nn ? 0 - ur : ur;
  return 0;
}

static void mul_flags(struct cpu *c, int overflow) {
  core_put_flags(c, CF | OF | AF | SZP, overflow ? CF | OF : 0);
}

/* Writes the double-width result: AX for bytes, rDX:rAX otherwise. */
static void put_wide(struct cpu *c, const struct xed_insn *x, int size, u64 hi,
                     u64 lo) {
  if (size == 1) {
    core_set_reg(c, x, CORE_RAX, 2, (hi & 0xff) << 8 | (lo & 0xff));
  } else {
    core_set_reg(c, x, CORE_RAX, size, lo);
    core_set_reg(c, x, CORE_RDX, size, hi);
  }
}

/* One operand: rDX:rAX (AX) := rAX (AL) * Ev. */
void op_mul1(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz, w = 8 * size, sign = x->op == XED_OP_IMUL1;
  u64 s = core_get_e(c, in, size), a = core_get_reg(c, x, CORE_RAX, size);
  u64 hi, lo, p;
  if (size == 8) {
    if (sign)
      imul128(a, s, &hi, &lo);
    else
      mul128(a, s, &hi, &lo);
  } else {
    if (sign)
      p = (u64)((i64)core_sext(a, size) * (i64)core_sext(s, size));
    else
      p = a * s;
    lo = p & core_mask(size);
    hi = (p >> w) & core_mask(size);
  }
  put_wide(c, x, size, hi, lo);
  if (sign)
    mul_flags(c, hi != ((lo >> (w - 1) & 1) ? core_mask(size) : 0));
  else
    mul_flags(c, hi != 0);
}

/* Two and three operands: Gv := Gv * Ev, or Ev * imm; truncated. */
void op_imul(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz;
  u64 a = core_get_e(c, in, size), b, hi, lo;
  int overflow;
  b = x->op == XED_OP_IMUL2 ? core_get_reg(c, x, x->reg, size) : x->imm;
  if (size == 8) {
    imul128(a, b, &hi, &lo);
    overflow = hi != (u64)((i64)lo >> 63);
  } else {
    i64 p = (i64)core_sext(a, size) * (i64)core_sext(b, size);
    lo = (u64)p & core_mask(size);
    overflow = (u64)p != core_sext(lo, size);
  }
  core_set_reg(c, x, x->reg, size, lo);
  mul_flags(c, overflow);
}

static _Noreturn void divide_error(struct cpu *c) {
  core_raise(c, LINUX_SIGFPE, LINUX_FPE_INTDIV, c->insn->addr);
}

/* rAX := rDX:rAX / Ev, rDX := the remainder (AL, AH from AX for bytes). */
void op_div(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz, w = 8 * size, sign = x->op == XED_OP_IDIV;
  u64 m = core_mask(size), s = core_get_e(c, in, size), hi, lo, q, r;
  if (size == 1) {
    lo = core_get_reg(c, x, CORE_RAX, 2);
    hi = 0;
  } else {
    lo = core_get_reg(c, x, CORE_RAX, size);
    hi = core_get_reg(c, x, CORE_RDX, size);
  }
  if (!s) divide_error(c);
  if (size == 8) {
    if ((sign ? idiv128 : div128)(hi, lo, s, &q, &r)) divide_error(c);
  } else {
    /* The dividend fits in 64 bits: 2w <= 64. */
    u64 n = size == 1 ? lo : hi << w | lo;
    if (sign) {
      i64 sn = (i64)core_sext(n, 2 * size), sd = (i64)core_sext(s, size);
      i64 sq, sr;
      if (sd == -1) { /* sn / -1 can overflow a C i64: do it by hand */
        sq = (i64)(0 - (u64)sn);
        sr = 0;
        if (sn == (i64)((u64)1 << 63)) divide_error(c);
      } else {
        sq = sn / sd;
        sr = sn % sd;
      }
      if (sq != (i64)core_sext((u64)sq, size)) divide_error(c);
      q = (u64)sq & m;
      r = (u64)sr & m;
    } else {
      q = n / s;
      r = n % s;
      if (q > m) divide_error(c);
    }
  }
  put_wide(c, x, size, r, q);
}
