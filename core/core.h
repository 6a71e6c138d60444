/* core/: the x86-64 CPU.
 *
 * Promise: struct cpu is the whole architectural state of one guest thread,
 * in one structure at fixed offsets (the JIT will address it by offset).
 * core_run() executes the guest from cpu->rip until it must hand control to
 * the floor above: on SYSCALL (rip already past it, the caller services the
 * call and runs again), or on a fault (cpu->sig says which guest signal,
 * rip still at the faulting instruction, as Linux reports it). core/ never
 * calls a host syscall.
 *
 * How it runs: guest code is decoded once by xed/ into blocks (straight-line
 * runs that end at a branch), kept in a cache keyed by guest address; each
 * decoded instruction carries its handler, so running a block is a loop of
 * indirect calls. Arithmetic flags are lazy: ALU handlers record operands
 * and result, and EFLAGS is computed only when something reads it.
 *
 *   struct cpu c;
 *   core_init(&c, &mmu); c.rip = entry; c.regs[CORE_RSP] = sp;
 *   while (core_run(&c) == CORE_SYSCALL) service(&c);
 */
#ifndef BLINK_CORE_H_
#define BLINK_CORE_H_

#include <setjmp.h>

#include "mmu/mmu.h"
#include "types.h"

enum {
  CORE_RAX,
  CORE_RCX,
  CORE_RDX,
  CORE_RBX,
  CORE_RSP,
  CORE_RBP,
  CORE_RSI,
  CORE_RDI,
  CORE_R8,
  CORE_R9,
  CORE_R10,
  CORE_R11,
  CORE_R12,
  CORE_R13,
  CORE_R14,
  CORE_R15
};

/* EFLAGS bits (SDM vol. 1, 3.4.3). */
#define X86_EFLAGS_CF 0x0001
#define X86_EFLAGS_PF 0x0004
#define X86_EFLAGS_AF 0x0010
#define X86_EFLAGS_ZF 0x0040
#define X86_EFLAGS_SF 0x0080
#define X86_EFLAGS_TF 0x0100
#define X86_EFLAGS_IF 0x0200
#define X86_EFLAGS_DF 0x0400
#define X86_EFLAGS_OF 0x0800
#define X86_EFLAGS_ID 0x200000
#define X86_EFLAGS_ARITH                                           \
  (X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | X86_EFLAGS_ZF | \
   X86_EFLAGS_SF | X86_EFLAGS_OF)
/* What Linux starts a process with: IF and the always-one bit 1. */
#define X86_EFLAGS_INITIAL 0x202
/* MXCSR at process start: all exceptions masked, round to nearest. */
#define X86_MXCSR_INITIAL 0x1f80
/* x87 control word at process start (what FNINIT loads; Linux gives a
 * new process exactly that). */
#define X86_FCW_INITIAL 0x037f

/* The guest signals the CPU itself raises, with the x86-64 Linux numbers
 * and si_code values (asm-generic/siginfo.h). */
#define LINUX_SIGILL 4
#define LINUX_SIGTRAP 5
#define LINUX_SIGBUS 7
#define LINUX_SIGFPE 8
#define LINUX_SIGSEGV 11
#define LINUX_SI_KERNEL 0x80
#define LINUX_ILL_ILLOPN 2
#define LINUX_FPE_INTDIV 1
#define LINUX_TRAP_BRKPT 1
#define LINUX_SEGV_MAPERR 1
#define LINUX_SEGV_ACCERR 2

/* CPUID leaf 1 EDX, the baseline features, which the kernel also reports
 * in AT_HWCAP: FPU (bit 0), TSC (4), CX8 (8), CMOV (15), CLFSH (19), MMX
 * (23), FXSR (24), SSE (25), SSE2 (26), all of which core/ implements. */
#define CORE_CPUID1_EDX 0x07888111u

/* Why core_run() returned. */
enum core_stop {
  CORE_SYSCALL = 1, /* guest executed SYSCALL; rip is past it */
  CORE_FAULT,       /* guest must get cpu->sig */
  CORE_SIGNAL,      /* signal_due was set: the floor above delivers */
};

/* Lazy flags: which operation last set the arithmetic flags. */
enum core_lazy {
  LAZY_NONE, /* cpu->flags holds them */
  LAZY_ADD,
  LAZY_ADC,
  LAZY_SUB,
  LAZY_SBB,
  LAZY_LOGIC,
  LAZY_INC, /* like ADD of 1, CF kept in cpu->flags */
  LAZY_DEC, /* like SUB of 1, CF kept in cpu->flags */
  LAZY_SHL, /* lazy_src holds the (nonzero, masked) count */
  LAZY_SHR,
  LAZY_SAR,
};

struct core_block;
struct core_cache;
struct core_insn;

struct cpu {
  u64 regs[16];
  u64 rip;
  u64 flags; /* EFLAGS; the arithmetic bits only when lazy == LAZY_NONE */
  u64 lazy_dst, lazy_src, lazy_res;
  u8 lazy;      /* enum core_lazy */
  u8 lazy_size; /* operand size in bytes */
  u8 lazy_cin;  /* carry in, for ADC/SBB */
  u64 fs_base, gs_base;
  /* XMM0-15 as the guest stores them: 16 little-endian bytes each, so a
   * load or store is a byte copy on every host and lane arithmetic reads
   * lanes with the little-endian helpers. */
  u8 xmm[16][16];
  u32 mxcsr; /* SSE control and status (SDM vol. 1, 10.2.3) */
  /* x87 FPU (SDM vol. 1, 8.1). The physical registers R0-R7, each an
   * 80-bit value as a 64-bit significand and a sign/exponent word; ST(i)
   * is R[(ftop + i) & 7]. MMX register i is fpr_sig[i] (an MMX write also
   * sets fpr_se[i] to 0xffff, ftop to 0 and every tag valid, SDM vol. 1,
   * 9.5). fsw is the status word with its TOP field (bits 13:11) kept in
   * ftop instead; ftag has bit i set when R[i] is not empty (the abridged
   * tag word of FXSAVE); the full tag word is computed from the registers
   * when FSTENV/FSAVE need it. fop, fip and fdp are the last non-control
   * instruction's opcode, address and operand address. */
  u64 fpr_sig[8];
  u16 fpr_se[8];
  u16 fcw, fsw, fop;
  u8 ftop, ftag;
  u64 fip, fdp;
  struct mmu *mmu;
  struct core_cache *cache;
  /* Set (by a host signal handler, say) to make core_run() return
   * CORE_SIGNAL at the next block boundary; core/ never clears it. */
  volatile int signal_due;
  /* The guest signal a fault raised, for CORE_FAULT. */
  int sig, sig_code;
  u64 sig_addr;
  /* Internal to core_run(). */
  const struct core_insn *insn; /* the instruction now running */
  struct core_block *block;     /* ... and its block */
  int stop;                     /* enum core_stop, or 0 to go on */
  jmp_buf *onfault;
};

int core_init(struct cpu *c, struct mmu *m) MUST_CHECK;
void core_destroy(struct cpu *c);
/* Runs until a syscall or a fault; returns enum core_stop. */
int core_run(struct cpu *c);
/* EFLAGS as the guest would see it (computes the lazy bits). */
u64 core_flags(struct cpu *c);
/* The x87/MMX/SSE state as the 512-byte FXSAVE image of the REX.W form
 * (SDM vol. 1, table 10-2, 64-bit FIP and FDP); bytes 416..511 are zero.
 * core_fxrstor() loads one back: -1 (and nothing changed) when MXCSR has
 * reserved bits set, where FXRSTOR would fault. For signal frames. */
void core_fxsave(const struct cpu *c, u8 out[512]);
int core_fxrstor(struct cpu *c, const u8 in[512]);
/* Drops decoded blocks overlapping [addr, addr+len): the guest changed or
 * unmapped code there. */
void core_invalidate(struct cpu *c, u64 addr, u64 len);

#endif /* BLINK_CORE_H_ */
