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
  /* The fences take no 66/F2/F3 prefix (SDM: "NP 0F AE E8" ...): with one
   * they are other instructions (TPAUSE, INCSSP, ...) blink lacks. */
  if (in->x.mod != 3 || ((in->x.modrm >> 3) & 7) < 5 || in->x.rep ||
      (in->x.flags & XED_F_OSZ)) {
    core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
  }
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

/* #GP at CPL 3. But #UD comes first where the instruction can't exist at
 * all: RSM outside SMM, and MOV to or from a control or debug register
 * that isn't there (CR1, CR5-7, CR9-15; DR8-15) (SDM vol. 2, MOV--Move
 * to/from Control/Debug Registers). DR4 and DR5 fail the CPL check first:
 * #GP, as the host CPU shows. */
void op_priv(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int ud = 0;
  if (x->map == XED_MAP_0F) {
    switch (x->opcode) {
      case 0xaa: ud = 1; break; /* RSM */
      case 0x20:
      case 0x22:
        ud = !(x->reg == 0 || x->reg == 2 || x->reg == 3 || x->reg == 4 ||
               x->reg == 8);
        break;
      case 0x21:
      case 0x23: ud = x->reg > 7; break;
      default: break;
    }
  }
  if (ud) core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
  core_raise(c, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0);
}

/* INT1 (ICEBP, F1) is a debug trap: SIGTRAP with TRAP_BRKPT, as Linux
 * reports a #DB that is neither a single step nor a hardware breakpoint,
 * and rip after it. */
void op_int1(struct cpu *c, const struct core_insn *in) {
  core_trap(c, LINUX_SIGTRAP, LINUX_TRAP_BRKPT, 0, in->next);
}

/* INT n: the IDT gates user code may use are 3 (a breakpoint, like INT3),
 * 4 (overflow: SIGSEGV) and 0x80 (32-bit syscalls, which blink does not
 * offer); any other vector is #GP. */
void op_int(struct cpu *c, const struct core_insn *in) {
  if ((u8)in->x.imm == 3)
    core_trap(c, LINUX_SIGTRAP, LINUX_SI_KERNEL, 0, in->next);
  if ((u8)in->x.imm == 4) /* a trap: rip after it */
    core_trap(c, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0, in->next);
  core_raise(c, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0);
}

/* INT3 is a trap: the guest sees rip after it. */
void op_int3(struct cpu *c, const struct core_insn *in) {
  core_trap(c, LINUX_SIGTRAP, LINUX_SI_KERNEL, 0, in->next);
}

void op_unimplemented(struct cpu *c, const struct core_insn *in) {
  core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
}
