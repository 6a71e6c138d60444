/* Single-bit operations and bit scans: BT BTS BTR BTC, BSF BSR, BSWAP
 * (SDM vol. 2).
 *
 * BT*: with a register bit offset and a memory operand, the offset is a
 * signed operand-size integer that may reach outside the operand: the
 * word accessed is at ea + (offset >> log2(w)) * (w / 8) (SDM, BT, "bit
 * offset operand"). An immediate offset is taken modulo w. Only CF is
 * defined; OF, SF, AF and PF are undefined and we leave them, ZF is kept.
 *
 * BSF/BSR: a zero source sets ZF and leaves the destination untouched, as
 * Intel and AMD parts do (AMD documents it); CF, OF, SF, AF and PF are
 * undefined and we clear them, as AMD Zen parts do. */
#include "core/core_priv.h"

void op_bt(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz, log2w = size == 2 ? 4 : size == 4 ? 5 : 6;
  u64 off, addr = 0, v, b;
  int mem = (x->flags & XED_F_MEM) != 0;
  if ((x->flags & XED_F_LOCK) && (!mem || x->op == XED_OP_BT))
    core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
  if (x->form == XED_FORM_EvIb) {
    off = x->imm & ((1u << log2w) - 1);
    if (mem) addr = core_ea(c, in);
  } else {
    off = core_get_reg(c, x, x->reg, size);
    if (mem) {
      i64 so = (i64)core_sext(off, size);
      /* floor(so / w) words, without shifting a negative number */
      i64 words =
          so >= 0 ? so >> log2w : -(i64)(((u64)(-(so + 1))) >> log2w) - 1;
      addr = core_ea_offset(c, in) + (u64)words * (u64)size;
      if (x->asz == 4) addr &= 0xffffffff;
      addr += core_seg_base(c, x);
    }
    off &= (1u << log2w) - 1;
  }
  v = mem ? core_load(c, addr, size) : core_get_reg(c, x, x->rm, size);
  b = (u64)1 << off;
  core_put_flags(c, X86_EFLAGS_CF, (v & b) ? X86_EFLAGS_CF : 0);
  switch (x->op) {
    case XED_OP_BTS: v |= b; break;
    case XED_OP_BTR: v &= ~b; break;
    case XED_OP_BTC: v ^= b; break;
    default: return; /* BT */
  }
  if (mem)
    core_store(c, addr, size, v);
  else
    core_set_reg(c, x, x->rm, size, v);
}

void op_bsf(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz, i;
  u64 s = core_get_e(c, in, size);
  if (!s) {
    core_put_flags(c, X86_EFLAGS_ARITH, X86_EFLAGS_ZF);
    return;
  }
  if (x->op != XED_OP_BSR && x->op != XED_OP_LZCNT) {
    for (i = 0; !((s >> i) & 1); ++i) continue;
  } else {
    for (i = 63; !((s >> i) & 1); --i) continue;
  }
  core_set_reg(c, x, x->reg, size, (u64)i);
  core_put_flags(c, X86_EFLAGS_ARITH, 0);
}

/* BSWAP of a 16-bit register is undefined (SDM, BSWAP); Intel and AMD
 * parts clear it, and so do we. */
void op_bswap(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  u64 v = c->regs[x->reg];
  switch (x->osz) {
    case 8: v = bswap64(v); break;
    case 4: v = bswap32((u32)v); break;
    default: v = 0; break;
  }
  core_set_reg(c, x, x->reg, x->osz, v);
}
