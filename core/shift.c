/* Shifts and rotates: SHL/SAL SHR SAR ROL ROR RCL RCR (group 2) and the
 * double shifts SHLD SHRD (SDM vol. 2, SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR,
 * SHLD, SHRD).
 *
 * The count is masked to 5 bits, 6 for 64-bit operands. A masked count of
 * 0 changes no flag. CF is the last bit shifted out; OF is defined only
 * for a count of 1, and for larger counts we give what the 1-bit rule
 * gives for the last 1-bit step; AF is undefined for shifts and we set it.
 * Both choices are what the AMD Zen host that tests/diff was written on
 * does. SHL/SHR/SAR leave their flags lazy (LAZY_SHL.., core/flags.c);
 * the rotates, which touch only CF and OF, and the double shifts compute
 * theirs at once. */
#include "core/core_priv.h"

#define CF X86_EFLAGS_CF
#define OF X86_EFLAGS_OF
#define AF X86_EFLAGS_AF
#define SZP (X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_PF)

static unsigned shift_count(struct cpu *c, const struct core_insn *in) {
  u64 n;
  switch (in->x.form) {
    case XED_FORM_Eb1:
    case XED_FORM_Ev1: n = 1; break;
    case XED_FORM_EbCL:
    case XED_FORM_EvCL:
    case XED_FORM_EvGvCL: n = c->regs[CORE_RCX]; break;
    default: n = in->x.imm; break;
  }
  return (unsigned)(n & (in->x.osz == 8 ? 63 : 31));
}

static u64 bit(u64 v, unsigned i) {
  return (v >> i) & 1;
}

/* Reads the destination, keeping its address for the write back. */
static u64 load_dest(struct cpu *c, const struct core_insn *in, u64 *addr) {
  int size = in->x.osz;
  if (in->x.flags & XED_F_MEM) {
    *addr = core_ea(c, in);
    return core_load(c, *addr, size);
  }
  return core_get_reg(c, &in->x, in->x.rm, size);
}

static void store_dest(struct cpu *c, const struct core_insn *in, u64 addr,
                       u64 v) {
  if (in->x.flags & XED_F_MEM)
    core_store(c, addr, in->x.osz, v);
  else
    core_set_reg(c, &in->x, in->x.rm, in->x.osz, v);
}

void op_shift(struct cpu *c, const struct core_insn *in) {
  int size = in->x.osz;
  unsigned w = 8 * size, n = shift_count(c, in), k, i;
  u64 m = core_mask(size), addr = 0, d, r, cf, of;
  i64 sd;
  d = load_dest(c, in, &addr) & m;
  if (!n) {
    /* Nothing moves and no flag changes, but a 32-bit register is still
     * written (its upper half cleared), as the hardware does. */
    if (!(in->x.flags & XED_F_MEM)) store_dest(c, in, addr, d);
    return;
  }
  switch (in->x.op) {
    case XED_OP_ROL:
      k = n % w;
      r = k ? ((d << k) | (d >> (w - k))) & m : d;
      cf = r & 1;
      of = bit(r, w - 1) ^ cf;
      break;
    case XED_OP_ROR:
      k = n % w;
      r = k ? ((d >> k) | (d << (w - k))) & m : d;
      cf = bit(r, w - 1);
      of = cf ^ bit(r, w - 2);
      break;
    case XED_OP_RCL:
      /* Rotates through CF: a w+1-bit rotation (SDM: count mod 9 or 17
       * for bytes and words). */
      k = size <= 2 ? n % (w + 1) : n;
      cf = (core_flags(c) & CF) != 0;
      for (r = d, i = 0; i < k; ++i) {
        u64 out = bit(r, w - 1);
        r = ((r << 1) | cf) & m;
        cf = out;
      }
      of = bit(r, w - 1) ^ cf;
      break;
    case XED_OP_RCR:
      k = size <= 2 ? n % (w + 1) : n;
      cf = (core_flags(c) & CF) != 0;
      for (r = d, i = 0; i < k; ++i) {
        u64 out = r & 1;
        r = (r >> 1) | (cf << (w - 1));
        cf = out;
      }
      of = bit(r, w - 1) ^ bit(r, w - 2);
      break;
    /* The shifts proper leave their flags lazy (core/flags.c). */
    case XED_OP_SHR:
      r = n < w ? d >> n : 0;
      store_dest(c, in, addr, r);
      core_set_lazy(c, LAZY_SHR, size, d, n, r);
      return;
    case XED_OP_SAR:
      sd = (i64)core_sext(d, size);
      r = (u64)(sd >> (n < 64 ? n : 63)) & m;
      store_dest(c, in, addr, r);
      core_set_lazy(c, LAZY_SAR, size, d, n, r);
      return;
    default: /* SHL, SAL */
      r = (d << n) & m;
      store_dest(c, in, addr, r);
      core_set_lazy(c, LAZY_SHL, size, d, n, r);
      return;
  }
  /* Rotates change CF and OF only. */
  store_dest(c, in, addr, r);
  core_put_flags(c, CF | OF, (cf ? CF : 0) | (of ? OF : 0));
}

/* SHLD/SHRD shift the destination, filling from the source register. A
 * 16-bit count above 16 leaves the result and flags undefined (SDM, SHLD);
 * we shift the 48-bit dest:src:dest, which AMD Zen parts do not (they give
 * other values), so tests/diff leaves those counts out. */
void op_shxd(struct cpu *c, const struct core_insn *in) {
  int size = in->x.osz;
  unsigned w = 8 * size, n = shift_count(c, in);
  u64 m = core_mask(size), addr = 0, d, s, r, cf, of, t;
  int left = in->x.op == XED_OP_SHLD;
  d = load_dest(c, in, &addr) & m;
  s = core_get_reg(c, &in->x, in->x.reg, size);
  if (!n) {
    if (!(in->x.flags & XED_F_MEM)) store_dest(c, in, addr, d);
    return;
  }
  if (size == 2) {
    if (left) {
      t = d << 32 | s << 16 | d;
      r = (t << n) >> 32 & m;
      cf = bit(t, 48 - n);
    } else {
      t = d << 32 | s << 16 | d;
      r = (t >> n) & m;
      cf = bit(t, n - 1);
    }
  } else if (left) {
    r = ((d << n) | (s >> (w - n))) & m;
    cf = bit(d, w - n);
  } else {
    r = ((d >> n) | (s << (w - n))) & m;
    cf = bit(d, n - 1);
  }
  /* OF as the last 1-bit step would set it: a sign change. */
  of = left ? bit(r, w - 1) ^ cf : bit(r, w - 1) ^ bit(r, w - 2);
  store_dest(c, in, addr, r);
  core_put_flags(c, CF | OF | AF | SZP,
                 AF | (cf ? CF : 0) | (of ? OF : 0) | core_szp(r, size));
}
