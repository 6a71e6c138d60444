/* Integer arithmetic and logic: ADD OR ADC SBB AND SUB XOR CMP, TEST,
 * INC DEC NOT NEG, the single-flag instructions, LAHF and SAHF. */
#include "core/core_priv.h"

/* Computes op on d and s at size and records the flags lazily. */
static u64 alu(struct cpu *c, int op, int size, u64 d, u64 s) {
  u64 r, cin;
  switch (op) {
    case XED_OP_ADD:
      r = d + s;
      core_set_lazy(c, LAZY_ADD, size, d, s, r);
      return r;
    case XED_OP_ADC:
      cin = core_flags(c) & X86_EFLAGS_CF;
      r = d + s + cin;
      c->lazy_cin = (u8)cin;
      core_set_lazy(c, LAZY_ADC, size, d, s, r);
      return r;
    case XED_OP_SBB:
      cin = core_flags(c) & X86_EFLAGS_CF;
      r = d - s - cin;
      c->lazy_cin = (u8)cin;
      core_set_lazy(c, LAZY_SBB, size, d, s, r);
      return r;
    case XED_OP_SUB:
    case XED_OP_CMP:
      r = d - s;
      core_set_lazy(c, LAZY_SUB, size, d, s, r);
      return r;
    case XED_OP_OR: r = d | s; break;
    case XED_OP_XOR: r = d ^ s; break;
    default: r = d & s; break; /* AND, TEST */
  }
  core_set_lazy(c, LAZY_LOGIC, size, d, s, r);
  return r;
}

/* LOCK is allowed only on a read-modify-write of a memory destination
 * (SDM vol. 2, LOCK); anywhere else it is #UD. */
static void check_lock(struct cpu *c, const struct core_insn *in) {
  if ((in->x.flags & XED_F_LOCK) &&
      (!(in->x.flags & XED_F_MEM) || in->x.op == XED_OP_CMP))
    core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
}

static void no_lock(struct cpu *c, const struct core_insn *in) {
  if (in->x.flags & XED_F_LOCK)
    core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
}

void op_alu(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz;
  u64 d, s, r, addr = 0;
  switch (x->form) {
    case XED_FORM_EbGb:
    case XED_FORM_EvGv:
    case XED_FORM_EbIb:
    case XED_FORM_EvIz:
    case XED_FORM_EvIb:
      check_lock(c, in);
      s = (x->form == XED_FORM_EbGb || x->form == XED_FORM_EvGv)
              ? core_get_reg(c, x, x->reg, size)
              : x->imm;
      if (x->flags & XED_F_MEM) {
        addr = core_ea(c, in);
        d = core_load(c, addr, size);
        r = alu(c, x->op, size, d, s);
        if (x->op != XED_OP_CMP) core_store(c, addr, size, r);
      } else {
        d = core_get_reg(c, x, x->rm, size);
        r = alu(c, x->op, size, d, s);
        if (x->op != XED_OP_CMP) core_set_reg(c, x, x->rm, size, r);
      }
      return;
    case XED_FORM_GbEb:
    case XED_FORM_GvEv:
      no_lock(c, in);
      s = core_get_e(c, in, size);
      d = core_get_reg(c, x, x->reg, size);
      r = alu(c, x->op, size, d, s);
      if (x->op != XED_OP_CMP) core_set_reg(c, x, x->reg, size, r);
      return;
    default: /* ALIb, rAXIz */
      no_lock(c, in);
      d = core_get_reg(c, x, CORE_RAX, size);
      r = alu(c, x->op, size, d, x->imm);
      if (x->op != XED_OP_CMP) core_set_reg(c, x, CORE_RAX, size, r);
      return;
  }
}

void op_test(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz;
  u64 d, s;
  no_lock(c, in);
  switch (x->form) {
    case XED_FORM_EbGb:
    case XED_FORM_EvGv:
      d = core_get_e(c, in, size);
      s = core_get_reg(c, x, x->reg, size);
      break;
    case XED_FORM_EbIb:
    case XED_FORM_EvIz:
      d = core_get_e(c, in, size);
      s = x->imm;
      break;
    default: /* ALIb, rAXIz */
      d = core_get_reg(c, x, CORE_RAX, size);
      s = x->imm;
      break;
  }
  alu(c, XED_OP_AND, size, d, s);
}

void op_incdec(struct cpu *c, const struct core_insn *in) {
  int size = in->x.osz, inc = in->x.op == XED_OP_INC;
  u64 d, r, addr = 0;
  check_lock(c, in);
  if (in->x.flags & XED_F_MEM) {
    addr = core_ea(c, in);
    d = core_load(c, addr, size);
  } else {
    d = core_get_reg(c, &in->x, in->x.rm, size);
  }
  r = inc ? d + 1 : d - 1;
  if (in->x.flags & XED_F_MEM)
    core_store(c, addr, size, r);
  else
    core_set_reg(c, &in->x, in->x.rm, size, r);
  /* INC and DEC keep CF: put it in cpu->flags, where LAZY_INC and
   * LAZY_DEC read it (the other arithmetic bits there are not used). */
  c->flags =
      (c->flags & ~(u64)X86_EFLAGS_CF) | (core_cond(c, 2) ? X86_EFLAGS_CF : 0);
  core_set_lazy(c, inc ? LAZY_INC : LAZY_DEC, size, d, 1, r);
}

void op_not(struct cpu *c, const struct core_insn *in) {
  int size = in->x.osz;
  check_lock(c, in);
  core_set_e(c, in, size, ~core_get_e(c, in, size));
}

void op_neg(struct cpu *c, const struct core_insn *in) {
  int size = in->x.osz;
  u64 d, r;
  check_lock(c, in);
  d = core_get_e(c, in, size);
  r = 0 - d;
  core_set_e(c, in, size, r);
  core_set_lazy(c, LAZY_SUB, size, 0, d, r);
}

void op_flagop(struct cpu *c, const struct core_insn *in) {
  u64 f = core_flags(c);
  switch (in->x.op) {
    case XED_OP_CLC: f &= ~(u64)X86_EFLAGS_CF; break;
    case XED_OP_STC: f |= X86_EFLAGS_CF; break;
    case XED_OP_CMC: f ^= X86_EFLAGS_CF; break;
    case XED_OP_CLD: f &= ~(u64)X86_EFLAGS_DF; break;
    case XED_OP_STD: f |= X86_EFLAGS_DF; break;
    default: break;
  }
  c->flags = f;
}

/* LAHF: AH := SF ZF 0 AF 0 PF 1 CF; SAHF loads those five flags from AH
 * (SDM vol. 2, LAHF, SAHF; CPUID 80000001h ECX.LAHF-SAHF reports them in
 * 64-bit mode). OF is untouched. */
#define AH_FLAGS                                                   \
  (X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | \
   X86_EFLAGS_CF)

void op_lahf(struct cpu *c, const struct core_insn *in) {
  u64 f = core_flags(c);
  c->regs[CORE_RAX] = (c->regs[CORE_RAX] & ~(u64)0xff00) | ((f & AH_FLAGS) | 2)
                                                               << 8;
}

void op_sahf(struct cpu *c, const struct core_insn *in) {
  core_put_flags(c, AH_FLAGS, c->regs[CORE_RAX] >> 8);
}
