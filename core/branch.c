/* Control transfer and conditions: Jcc, JMP, CALL, RET, SETcc, CMOVcc.
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
