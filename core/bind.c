/* Binds each decoded operation to its handler: the one place where xed/'s
 * operation names meet core/'s functions. An operation without a row here
 * decodes with its true length and raises SIGILL when run. */
#include "core/core_priv.h"

static const core_handler kHandlers[XED_OP_COUNT] = {
    [XED_OP_ADD] = op_alu,         [XED_OP_OR] = op_alu,
    [XED_OP_ADC] = op_alu,         [XED_OP_SBB] = op_alu,
    [XED_OP_AND] = op_alu,         [XED_OP_SUB] = op_alu,
    [XED_OP_XOR] = op_alu,         [XED_OP_CMP] = op_alu,
    [XED_OP_TEST] = op_test,       [XED_OP_INC] = op_incdec,
    [XED_OP_DEC] = op_incdec,      [XED_OP_NOT] = op_not,
    [XED_OP_NEG] = op_neg,         [XED_OP_CLC] = op_flagop,
    [XED_OP_STC] = op_flagop,      [XED_OP_CMC] = op_flagop,
    [XED_OP_CLD] = op_flagop,      [XED_OP_STD] = op_flagop,
    [XED_OP_MOV] = op_mov,         [XED_OP_MOVZX] = op_movx,
    [XED_OP_MOVSX] = op_movx,      [XED_OP_MOVSXD] = op_movx,
    [XED_OP_LEA] = op_lea,         [XED_OP_XCHG] = op_xchg,
    [XED_OP_PUSH] = op_push,       [XED_OP_POP] = op_pop,
    [XED_OP_CBW] = op_cbw,         [XED_OP_CWD] = op_cwd,
    [XED_OP_LEAVE] = op_leave,     [XED_OP_PUSHF] = op_pushf,
    [XED_OP_POPF] = op_popf,       [XED_OP_JCC] = op_jcc,
    [XED_OP_JMP] = op_jmp,         [XED_OP_CALL] = op_call,
    [XED_OP_RET] = op_ret,         [XED_OP_SETCC] = op_setcc,
    [XED_OP_CMOVCC] = op_cmovcc,   [XED_OP_NOP] = op_nop,
    [XED_OP_PAUSE] = op_nop,       [XED_OP_PREFETCH] = op_nop,
    [XED_OP_SYSCALL] = op_syscall, [XED_OP_UD2] = op_ud,
    [XED_OP_UD0] = op_ud,          [XED_OP_UD1] = op_ud,
    [XED_OP_INVALID] = op_ud,      [XED_OP_HLT] = op_priv,
    [XED_OP_PRIV] = op_priv,       [XED_OP_CLI] = op_priv,
    [XED_OP_STI] = op_priv,        [XED_OP_IN] = op_priv,
    [XED_OP_OUT] = op_priv,        [XED_OP_INS] = op_priv,
    [XED_OP_OUTS] = op_priv,       [XED_OP_INT] = op_priv,
    [XED_OP_INT3] = op_int3,
};

core_handler core_bind(const struct xed_insn *x) {
  core_handler h = x->op < XED_OP_COUNT ? kHandlers[x->op] : NULL;
  /* A LOCK prefix on anything that can't take it is #UD; the ALU
   * handlers check the register-destination case themselves. */
  if ((x->flags & XED_F_LOCK) && h != op_alu && h != op_incdec && h != op_not &&
      h != op_neg && h != op_xchg) {
    return op_ud;
  }
  return h ? h : op_unimplemented;
}
