/* Lazy arithmetic flags (SDM vol. 1, 3.4.3.1 and appendix A): ALU handlers
 * record kind, size, operands and result; the six status flags are computed
 * from them only when the guest reads EFLAGS or tests a condition. */
#include "core/core_priv.h"

static u64 parity(u64 res) {
  u8 b = (u8)res;
  b ^= b >> 4;
  b ^= b >> 2;
  b ^= b >> 1;
  return (b & 1) ? 0 : X86_EFLAGS_PF; /* PF is set for an even count */
}

/* The carry out of the last operation, by kind. Shifts: the last bit
 * shifted out (a count past the width shifts out zeros, as the host CPU
 * gives it; the SDM leaves CF undefined there for SHL/SHR). */
static int lazy_cf(const struct cpu *c) {
  u64 m = core_mask(c->lazy_size);
  u64 d = c->lazy_dst & m, s = c->lazy_src & m, r = c->lazy_res & m;
  unsigned w = 8 * c->lazy_size, n = (unsigned)c->lazy_src;
  switch (c->lazy) {
    case LAZY_SHL: return n <= w && ((d >> (w - n)) & 1);
    case LAZY_SHR: return n <= w && ((d >> (n - 1)) & 1);
    case LAZY_SAR:
      return (
          int)(((i64)core_sext(d, c->lazy_size) >> (n - 1 < 64 ? n - 1 : 63)) &
               1);
    case LAZY_ADD: return r < d;
    case LAZY_ADC: return c->lazy_cin ? r <= d : r < d;
    case LAZY_SUB: return d < s;
    case LAZY_SBB: return c->lazy_cin ? d <= s : d < s;
    case LAZY_LOGIC: return 0;
    default: return (c->flags & X86_EFLAGS_CF) != 0; /* INC, DEC keep CF */
  }
}

/* The overflow out of the last operation; d, s and r are masked to its
 * size and sign is that size's top bit. Shifts define OF for a count of
 * 1; for more we give what the last 1-bit step would (see core/shift.c). */
static int lazy_of(const struct cpu *c, u64 d, u64 s, u64 r, u64 sign) {
  switch (c->lazy) {
    case LAZY_ADD:
    case LAZY_ADC:
    case LAZY_INC: return ((d ^ r) & (s ^ r) & sign) != 0;
    case LAZY_SUB:
    case LAZY_SBB:
    case LAZY_DEC: return ((d ^ s) & (d ^ r) & sign) != 0;
    case LAZY_SHL: return !(r & sign) != !lazy_cf(c);
    case LAZY_SHR: return s == 1 && (d & sign);
    default: return 0;
  }
}

u64 core_flags(struct cpu *c) {
  u64 m, sign, d, s, r, f;
  if (c->lazy == LAZY_NONE) return c->flags;
  m = core_mask(c->lazy_size);
  sign = (m >> 1) + 1;
  d = c->lazy_dst & m;
  s = c->lazy_src & m;
  r = c->lazy_res & m;
  f = c->flags & ~(u64)X86_EFLAGS_ARITH;
  if (lazy_cf(c)) f |= X86_EFLAGS_CF;
  f |= parity(r);
  /* AF: carry out of bit 3, from the operands' and result's bit 4; logic
   * operations leave it undefined and Intel and AMD parts clear it; for
   * shifts it is undefined too and AMD parts set it. */
  if (c->lazy >= LAZY_SHL || (c->lazy != LAZY_LOGIC && ((d ^ s ^ r) & 0x10))) {
    f |= X86_EFLAGS_AF;
  }
  if (!r) f |= X86_EFLAGS_ZF;
  if (r & sign) f |= X86_EFLAGS_SF;
  if (lazy_of(c, d, s, r, sign)) f |= X86_EFLAGS_OF;
  c->flags = f;
  c->lazy = LAZY_NONE;
  return f;
}

/* Condition codes 0-15 as in Jcc/SETcc/CMOVcc (SDM vol. 2, appendix B.1).
 * With the flags still lazy, each condition is computed from the recorded
 * operation alone (after a CMP: B is d < s, E is r == 0) and EFLAGS is
 * neither built nor settled: the next flag-setting instruction usually
 * replaces it anyway. */
int core_cond(struct cpu *c, int cc) {
  int r;
  if (c->lazy != LAZY_NONE) {
    u64 m = core_mask(c->lazy_size), sign = (m >> 1) + 1;
    u64 res = c->lazy_res & m;
    switch (cc >> 1) {
      case 0:
        r = lazy_of(c, c->lazy_dst & m, c->lazy_src & m, res, sign);
        break;
      case 1: r = lazy_cf(c); break;
      case 2: r = res == 0; break;
      case 3: r = res == 0 || lazy_cf(c); break;
      case 4: r = (res & sign) != 0; break;
      case 5: r = parity(res) != 0; break;
      case 6:
        r = !(res & sign) !=
            !lazy_of(c, c->lazy_dst & m, c->lazy_src & m, res, sign);
        break;
      default:
        r = res == 0 || !(res & sign) != !lazy_of(c, c->lazy_dst & m,
                                                  c->lazy_src & m, res, sign);
        break;
    }
  } else {
    u64 f = c->flags;
    switch (cc >> 1) {
      case 0: r = (f & X86_EFLAGS_OF) != 0; break;
      case 1: r = (f & X86_EFLAGS_CF) != 0; break;
      case 2: r = (f & X86_EFLAGS_ZF) != 0; break;
      case 3: r = (f & (X86_EFLAGS_CF | X86_EFLAGS_ZF)) != 0; break;
      case 4: r = (f & X86_EFLAGS_SF) != 0; break;
      case 5: r = (f & X86_EFLAGS_PF) != 0; break;
      case 6: r = !(f & X86_EFLAGS_SF) != !(f & X86_EFLAGS_OF); break;
      default:
        r = (f & X86_EFLAGS_ZF) ||
            (!(f & X86_EFLAGS_SF) != !(f & X86_EFLAGS_OF));
        break;
    }
  }
  return r ^ (cc & 1);
}

u64 core_szp(u64 res, int size) {
  u64 m = core_mask(size), f = parity(res);
  res &= m;
  if (!res) f |= X86_EFLAGS_ZF;
  if (res & ((m >> 1) + 1)) f |= X86_EFLAGS_SF;
  return f;
}

void core_put_flags(struct cpu *c, u64 mask, u64 bits) {
  u64 f;
  if ((mask & X86_EFLAGS_ARITH) == X86_EFLAGS_ARITH) {
    /* Every lazy bit is replaced: no need to compute the old ones. */
    c->lazy = LAZY_NONE;
    f = c->flags;
  } else {
    f = core_flags(c);
  }
  c->flags = (f & ~mask) | (bits & mask);
}
