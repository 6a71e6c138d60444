/* Data movement: MOV, MOVZX/MOVSX/MOVSXD, LEA, XCHG, PUSH/POP, CBW/CWD
 * families, ENTER, LEAVE, PUSHF/POPF. None of them touches the arithmetic flags
 * except POPF. */
#include "core/core_priv.h"

void op_mov(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz;
  u64 moffs;
  switch (x->form) {
    case XED_FORM_EbGb:
    case XED_FORM_EvGv:
      core_set_e(c, in, size, core_get_reg(c, x, x->reg, size));
      break;
    case XED_FORM_GbEb:
    case XED_FORM_GvEv:
      core_set_reg(c, x, x->reg, size, core_get_e(c, in, size));
      break;
    case XED_FORM_ZbIb:
    case XED_FORM_ZvIv: core_set_reg(c, x, x->reg, size, x->imm); break;
    case XED_FORM_EbIb:
    case XED_FORM_EvIz: core_set_e(c, in, size, x->imm); break;
    case XED_FORM_ALOb:
    case XED_FORM_rAXOv:
      moffs = (u64)x->disp + core_seg_base(c, x);
      core_set_reg(c, x, CORE_RAX, size, core_load(c, moffs, size));
      break;
    default: /* ObAL, OvrAX */
      moffs = (u64)x->disp + core_seg_base(c, x);
      core_store(c, moffs, size, core_get_reg(c, x, CORE_RAX, size));
      break;
  }
}

void op_movx(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int from = x->form == XED_FORM_GvEb ? 1 : x->form == XED_FORM_GvEw ? 2 : 4;
  u64 v = core_get_e(c, in, from);
  if (x->op != XED_OP_MOVZX) v = core_sext(v, from);
  core_set_reg(c, x, x->reg, x->osz, v);
}

/* LEA computes the address without a segment base (SDM vol. 2, LEA). */
void op_lea(struct cpu *c, const struct core_insn *in) {
  core_set_reg(c, &in->x, in->x.reg, in->x.osz, core_ea_offset(c, in));
}

void op_xchg(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz;
  u64 a, b;
  /* LOCK goes only with a memory operand (SDM vol. 2, LOCK). */
  if ((x->flags & XED_F_LOCK) && !(x->flags & XED_F_MEM))
    core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
  if (x->form == XED_FORM_rAXZv) {
    a = core_get_reg(c, x, CORE_RAX, size);
    b = core_get_reg(c, x, x->reg, size);
    core_set_reg(c, x, CORE_RAX, size, b);
    core_set_reg(c, x, x->reg, size, a);
    return;
  }
  /* XCHG with memory is atomic even without LOCK; one guest thread so far,
   * so plain accesses are atomic enough (DESIGN.md rule 6 comes with
   * threads). */
  a = core_get_e(c, in, size);
  b = core_get_reg(c, x, x->reg, size);
  core_set_e(c, in, size, b);
  core_set_reg(c, x, x->reg, size, a);
}

void op_push(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  u64 v;
  switch (x->form) {
    case XED_FORM_Zv: v = c->regs[x->reg]; break;
    case XED_FORM_Ev: v = core_get_e(c, in, x->osz); break;
    case XED_FORM_NONE: v = 0; break; /* push fs/gs: null selectors */
    default: v = x->imm; break;       /* Iz, Ib */
  }
  core_push(c, x->osz, v);
}

void op_pop(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  u64 v;
  if (x->form == XED_FORM_NONE) {
    /* pop fs/gs would load a segment selector: not for a Linux program. */
    core_raise(c, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0);
  }
  v = core_pop(c, x->osz);
  if (x->form == XED_FORM_Zv) {
    core_set_reg(c, x, x->reg, x->osz, v);
  } else {
    /* An RSP-based destination is computed after RSP moves (SDM, POP). */
    core_set_e(c, in, x->osz, v);
  }
}

void op_cbw(struct cpu *c, const struct core_insn *in) {
  int size = in->x.osz;
  u64 v = core_sext(c->regs[CORE_RAX], size / 2);
  core_set_reg(c, &in->x, CORE_RAX, size, v);
}

void op_cwd(struct cpu *c, const struct core_insn *in) {
  int size = in->x.osz;
  u64 a = core_get_reg(c, &in->x, CORE_RAX, size);
  u64 sign = (u64)1 << (8 * size - 1);
  core_set_reg(c, &in->x, CORE_RDX, size, (a & sign) ? ~(u64)0 : 0);
}

void op_leave(struct cpu *c, const struct core_insn *in) {
  int size = in->x.osz;
  u64 v = core_load(c, c->regs[CORE_RBP], size);
  c->regs[CORE_RSP] = c->regs[CORE_RBP] + size;
  core_set_reg(c, &in->x, CORE_RBP, size, v);
}

/* ENTER size, level: push rBP, copy level-1 frame pointers of the outer
 * frames, push the new frame pointer, then allocate (SDM vol. 2, ENTER;
 * the level is taken modulo 32). The registers change only once all is
 * done: the host CPU writes the pushes, then checks that the final stack
 * top is writable and faults with RSP and RBP as they were if not. */
void op_enter(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz;
  unsigned level = x->imm2 & 31, i;
  u64 bp = c->regs[CORE_RBP], sp = c->regs[CORE_RSP], frame;
  core_store(c, sp -= size, size, bp);
  frame = sp;
  if (level) {
    for (i = 1; i < level; ++i) {
      bp -= size;
      core_store(c, sp -= size, size, core_load(c, bp, size));
    }
    core_store(c, sp -= size, size, frame);
  }
  sp -= x->imm;
  if (mmu_access_ok(c->mmu, sp, size, MMU_WRITE)) core_memory_fault(c);
  core_set_reg(c, x, CORE_RBP, size, frame);
  c->regs[CORE_RSP] = sp;
}

void op_pushf(struct cpu *c, const struct core_insn *in) {
  core_push(c, in->x.osz, core_flags(c));
}

/* At CPL 3 with IOPL 0, POPF changes the status flags, TF, DF, NT, AC and
 * ID, and silently keeps IF and IOPL (SDM vol. 2, POPF). */
#define POPF_MASK                                                        \
  (X86_EFLAGS_ARITH | X86_EFLAGS_TF | X86_EFLAGS_DF | 0x4000 | 0x40000 | \
   X86_EFLAGS_ID)

void op_popf(struct cpu *c, const struct core_insn *in) {
  u64 v = core_pop(c, in->x.osz);
  u64 f = core_flags(c);
  u64 mask = in->x.osz == 2 ? POPF_MASK & 0xffff : POPF_MASK;
  c->flags = (f & ~mask) | (v & mask);
}
