/* Control transfer and conditions: Jcc, JMP, CALL, RET, SETcc, CMOVcc,
 * LOOP/LOOPE/LOOPNE and JRCXZ.
 * Near branches always use a 64-bit operand size in 64-bit mode (Intel
 * ignores 66 on them; the decoder's F64 attribute). */
#include "core/core_priv.h"

void op_jcc(struct cpu *c, const struct core_insn *in) {
  if (core_cond(c, in->x.opcode & 15)) c->rip = in->next + in->x.imm;
}

void op_jmp(struct cpu *c, const struct core_insn *in) {
  if (in->x.form == XED_FORM_Ev)
    c->rip = core_get_e(c, in, 8);
  else
    c->rip = in->next + in->x.imm;
}

void op_call(struct cpu *c, const struct core_insn *in) {
  u64 target;
  if (in->x.form == XED_FORM_Ev)
    target = core_get_e(c, in, 8);
  else
    target = in->next + in->x.imm;
  core_push(c, 8, in->next);
  c->rip = target;
}

void op_ret(struct cpu *c, const struct core_insn *in) {
  u64 target = core_pop(c, 8);
  if (in->x.form == XED_FORM_Iw) c->regs[CORE_RSP] += in->x.imm;
  c->rip = target;
}

void op_setcc(struct cpu *c, const struct core_insn *in) {
  core_set_e(c, in, 1, core_cond(c, in->x.opcode & 15));
}

/* The source is read (and may fault) whatever the condition, and a 32-bit
 * destination has its upper half cleared even when nothing moves. */
void op_cmovcc(struct cpu *c, const struct core_insn *in) {
  int size = in->x.osz;
  u64 v = core_get_e(c, in, size);
  if (!core_cond(c, in->x.opcode & 15))
    v = core_get_reg(c, &in->x, in->x.reg, size);
  core_set_reg(c, &in->x, in->x.reg, size, v);
}

/* LOOPcc decrement rCX (ECX with a 67 prefix) without touching flags and
 * branch while it is not zero (and ZF agrees); JRCXZ branches on a zero
 * rCX (SDM vol. 2, LOOP/LOOPcc, JCXZ/JECXZ/JRCXZ). */
void op_loop(struct cpu *c, const struct core_insn *in) {
  u64 m = in->x.asz == 4 ? 0xffffffff : ~(u64)0;
  u64 n = c->regs[CORE_RCX] & m;
  int taken;
  if (in->x.op == XED_OP_JRCXZ) {
    taken = !n;
  } else {
    n = (n - 1) & m;
    c->regs[CORE_RCX] = n;
    taken = n != 0;
    if (in->x.op == XED_OP_LOOPE) taken = taken && core_cond(c, 4);
    if (in->x.op == XED_OP_LOOPNE) taken = taken && !core_cond(c, 4);
  }
  if (taken) c->rip = in->next + in->x.imm;
}
