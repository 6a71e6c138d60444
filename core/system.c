/* SYSCALL, NOP, and the instructions whose whole effect is a signal:
 * UD2 and undecodable bytes (SIGILL), privileged instructions (#GP, which
 * Linux turns into SIGSEGV with si_code SI_KERNEL), INT3 (SIGTRAP), and what
 * blink decodes but does not execute yet (SIGILL). */
#include "core/core_priv.h"

void op_nop(struct cpu *c, const struct core_insn *in) {
  (void)c;
  (void)in;
}

/* SYSCALL saves the return address in RCX and RFLAGS in R11 (SDM vol. 2,
 * SYSCALL); the kernel's return leaves both so. The floor above services
 * the call: core_run() returns with rip already past it. */
void op_syscall(struct cpu *c, const struct core_insn *in) {
  c->regs[CORE_RCX] = in->next;
  c->regs[CORE_R11] = core_flags(c);
  c->stop = CORE_SYSCALL;
}

/* Group 15 (0F AE): LFENCE, MFENCE and SFENCE (register forms of /5, /6,
 * /7) order nothing that one guest thread could observe. The memory forms
 * (FXSAVE, LDMXCSR, CLFLUSH, ...) and the rest come with x87/SSE. */
void op_fence(struct cpu *c, const struct core_insn *in) {
  if (in->x.mod != 3 || ((in->x.modrm >> 3) & 7) < 5)
    core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
}

/* Prefetches are hints: nothing happens, and nothing faults. 0F 0D
 * (PREFETCH/PREFETCHW) exists only with a memory operand; its register
 * form is #UD on the host CPU. The 0F 18 hints with a register operand are
 * NOPs. */
void op_prefetch(struct cpu *c, const struct core_insn *in) {
  if (in->x.opcode == 0x0d && !(in->x.flags & XED_F_MEM))
    core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
}

void op_ud(struct cpu *c, const struct core_insn *in) {
  core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
}

void op_priv(struct cpu *c, const struct core_insn *in) {
  (void)in;
  core_raise(c, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0);
}

/* INT3 is a trap: the guest sees rip after it. */
void op_int3(struct cpu *c, const struct core_insn *in) {
  core_trap(c, LINUX_SIGTRAP, LINUX_SI_KERNEL, 0, in->next);
}

void op_unimplemented(struct cpu *c, const struct core_insn *in) {
  core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
}
