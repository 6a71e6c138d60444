/* Exchange-and-operate instructions: XADD, CMPXCHG, CMPXCHG8B/16B (SDM
 * vol. 2). With a LOCK prefix they are atomic on real hardware; blink runs
 * one guest thread so far, so plain loads and stores are atomic enough, and
 * host atomics come with threads (DESIGN.md rule 6).
 *
 * Order of effects: a faulting store must leave the registers as they were,
 * so memory is written before any register. */
#include "core/core_priv.h"

static void need_lock_mem(struct cpu *c, const struct core_insn *in) {
  if ((in->x.flags & XED_F_LOCK) && !(in->x.flags & XED_F_MEM))
    core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
}

/* TEMP := SRC + DEST; SRC := DEST; DEST := TEMP, flags as ADD. */
void op_xadd(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz;
  u64 d, s, r, addr;
  need_lock_mem(c, in);
  s = core_get_reg(c, x, x->reg, size);
  if (x->flags & XED_F_MEM) {
    addr = core_ea(c, in);
    d = core_load(c, addr, size);
    r = d + s;
    core_store(c, addr, size, r);
    core_set_reg(c, x, x->reg, size, d);
  } else {
    d = core_get_reg(c, x, x->rm, size);
    r = d + s;
    core_set_reg(c, x, x->reg, size, d);
    core_set_reg(c, x, x->rm, size, r);
  }
  core_set_lazy(c, LAZY_ADD, size, d, s, r);
}

/* Compares the accumulator with the destination (flags as CMP); equal:
 * DEST := SRC, else the accumulator := DEST. The destination is written
 * either way (SDM, CMPXCHG: "the destination operand is written back if
 * the comparison fails"). */
void op_cmpxchg(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz;
  u64 a, d, s, addr = 0;
  int mem = (x->flags & XED_F_MEM) != 0;
  need_lock_mem(c, in);
  a = core_get_reg(c, x, CORE_RAX, size);
  s = core_get_reg(c, x, x->reg, size);
  if (mem) {
    addr = core_ea(c, in);
    d = core_load(c, addr, size);
  } else {
    d = core_get_reg(c, x, x->rm, size);
  }
  core_set_lazy(c, LAZY_SUB, size, a, d, a - d);
  if (a == d) {
    if (mem)
      core_store(c, addr, size, s);
    else
      core_set_reg(c, x, x->rm, size, s);
  } else {
    if (mem) core_store(c, addr, size, d);
    core_set_reg(c, x, CORE_RAX, size, d);
  }
}

/* 0F C7 /1: CMPXCHG8B m64, or CMPXCHG16B m128 with REX.W, which needs a
 * 16-byte aligned operand (else #GP: SIGSEGV). Compares rDX:rAX with the
 * memory; equal: ZF := 1 and memory := rCX:rBX; else ZF := 0 and rDX:rAX
 * := memory (written back unchanged). Only ZF changes. Other members of
 * group 9 (RDRAND, RDSEED, ...) are not reported by CPUID: #UD. */
void op_cmpxchgxb(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int wide = (x->rex & 8) != 0, half = wide ? 8 : 4;
  u64 addr, lo, hi;
  if (((x->modrm >> 3) & 7) != 1 || !(x->flags & XED_F_MEM))
    core_raise(c, LINUX_SIGILL, LINUX_ILL_ILLOPN, in->addr);
  addr = core_ea(c, in);
  if (wide && (addr & 15)) core_raise(c, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0);
  lo = core_load(c, addr, half);
  hi = core_load(c, addr + half, half);
  /* Both halves must be writable before either is written. */
  if (mmu_access_ok(c->mmu, addr, 2 * half, MMU_WRITE)) core_memory_fault(c);
  if (lo == core_get_reg(c, x, CORE_RAX, half) &&
      hi == core_get_reg(c, x, CORE_RDX, half)) {
    core_store(c, addr + half, half, core_get_reg(c, x, CORE_RCX, half));
    core_store(c, addr, half, core_get_reg(c, x, CORE_RBX, half));
    core_put_flags(c, X86_EFLAGS_ZF, X86_EFLAGS_ZF);
  } else {
    core_store(c, addr + half, half, hi);
    core_store(c, addr, half, lo);
    core_set_reg(c, x, CORE_RAX, half, lo);
    core_set_reg(c, x, CORE_RDX, half, hi);
    core_put_flags(c, X86_EFLAGS_ZF, 0);
  }
}
