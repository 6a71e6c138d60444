/* SSE and SSE2 floating-point arithmetic on XMM registers (SDM vol. 2):
 * ADD, SUB, MUL, DIV, SQRT, MIN and MAX in their PS, PD, SS and SD forms,
 * CMPPS/PD/SS/SD, COMISS/SD and UCOMISS/SD, the RCP and RSQRT
 * approximations, and LDMXCSR/STMXCSR. The arithmetic is core/softfp,
 * which gives the same bits and flags on every host.
 *
 * The mandatory prefix picks the shape: none PS (four binary32 lanes),
 * 66 PD (two binary64), F3 SS and F2 SD (the low lane only; the others
 * keep their values). Packed memory operands are m128 and must be
 * aligned; scalar ones are m32/m64 with no alignment rule.
 *
 * Exceptions (SDM vol. 1, 11.5): each lane's flags are ORed; when one of
 * them is unmasked in MXCSR the instruction writes nothing (no lane, no
 * EFLAGS) and raises #XM, which Linux delivers as SIGFPE with si_code
 * from the unmasked flags of the whole MXCSR, the instruction's address
 * in si_addr (arch/x86/kernel/traps.c, exc_simd_coprocessor_error). The
 * VEX forms are AVX, which blink's CPUID does not offer: SIGILL. */
#include "core/core_priv.h"
#include "core/softfp.h"

/* asm-generic/siginfo.h */
#define LINUX_FPE_FLTDIV 3
#define LINUX_FPE_FLTOVF 4
#define LINUX_FPE_FLTUND 5
#define LINUX_FPE_FLTRES 6
#define LINUX_FPE_FLTINV 7

/* MXCSR bits 31:16 are reserved; with DAZ supported, MXCSR_MASK (what
 * FXSAVE reports) is 0xffff. */
#define MXCSR_RESERVED 0xffff0000u

struct shape {
  enum softfp_fmt f;
  int size; /* bytes per lane */
  int n;    /* lanes */
};

static struct shape shape_of(const struct xed_insn *x) {
  struct shape s;
  s.f = (x->mprefix == 0x66 || x->mprefix == 0xf2) ? SOFTFP_F64 : SOFTFP_F32;
  s.size = s.f == SOFTFP_F64 ? 8 : 4;
  s.n = (x->mprefix == 0xf3 || x->mprefix == 0xf2) ? 1 : 16 / s.size;
  return s;
}

int core_sse_vex(struct cpu *c, const struct core_insn *in) {
  if (!(in->x.flags & (XED_F_VEX | XED_F_EVEX))) return 0;
  op_unimplemented(c, in);
  return 1;
}

void core_sse_src(struct cpu *c, const struct core_insn *in, int bytes,
                  u8 out[16]) {
  if (bytes == 16) {
    core_get_wx(c, in, 1, out);
  } else if (in->x.flags & XED_F_MEM) {
    memset(out, 0, 16);
    if (bytes == 4)
      write32le(out, (u32)core_load(c, core_ea(c, in), 4));
    else
      write64le(out, core_load(c, core_ea(c, in), 8));
  } else {
    memcpy(out, c->xmm[in->x.rm], 16);
  }
}

void core_sse_check(struct cpu *c, u32 flags) {
  u32 err;
  int code;
  if (!softfp_commit(&c->mxcsr, flags)) return;
  err = c->mxcsr & ~(c->mxcsr >> 7) & 0x3f;
  if (err & SOFTFP_IE) {
    code = LINUX_FPE_FLTINV;
  } else if (err & SOFTFP_ZE) {
    code = LINUX_FPE_FLTDIV;
  } else if (err & SOFTFP_OE) {
    code = LINUX_FPE_FLTOVF;
  } else if (err & (SOFTFP_DE | SOFTFP_UE)) {
    code = LINUX_FPE_FLTUND;
  } else {
    code = LINUX_FPE_FLTRES;
  }
  core_raise(c, LINUX_SIGFPE, code, c->insn->addr);
}

/* 0F 51 SQRT, 58 ADD, 59 MUL, 5C SUB, 5D MIN, 5E DIV, 5F MAX. */
void op_sse_fp_arith(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  struct shape sh = shape_of(x);
  struct softfp_env e;
  u8 s[16], r[16];
  int i;
  if (core_sse_vex(c, in)) return;
  core_sse_src(c, in, sh.n == 1 ? sh.size : 16, s);
  memcpy(r, c->xmm[x->reg], 16);
  e.csr = c->mxcsr;
  e.flags = 0;
  for (i = 0; i < sh.n; ++i) {
    u64 a = core_lane(r, sh.size, i), b = core_lane(s, sh.size, i);
    switch (x->opcode) {
      case 0x51: a = softfp_sqrt(&e, sh.f, b); break;
      case 0x58: a = softfp_add(&e, sh.f, a, b); break;
      case 0x59: a = softfp_mul(&e, sh.f, a, b); break;
      case 0x5c: a = softfp_sub(&e, sh.f, a, b); break;
      case 0x5d: a = softfp_min(&e, sh.f, a, b); break;
      case 0x5e: a = softfp_div(&e, sh.f, a, b); break;
      default: a = softfp_max(&e, sh.f, a, b); break;
    }
    core_set_lane(r, sh.size, i, a);
  }
  core_sse_check(c, e.flags);
  memcpy(c->xmm[x->reg], r, 16);
}

/* CMPPS/PD/SS/SD (0F C2 /r ib): all ones in a lane where the predicate
 * imm8[2:0] holds, zeros where not. The legacy encodings ignore
 * imm8[7:3], as the host CPU shows. */
void op_sse_fp_cmp(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  struct shape sh = shape_of(x);
  struct softfp_env e;
  u8 s[16], r[16];
  int i, pred = (int)(x->imm & 7);
  if (core_sse_vex(c, in)) return;
  core_sse_src(c, in, sh.n == 1 ? sh.size : 16, s);
  memcpy(r, c->xmm[x->reg], 16);
  e.csr = c->mxcsr;
  e.flags = 0;
  for (i = 0; i < sh.n; ++i) {
    int t = softfp_predicate(&e, sh.f, core_lane(r, sh.size, i),
                             core_lane(s, sh.size, i), pred);
    core_set_lane(r, sh.size, i, t ? ~(u64)0 : 0);
  }
  core_sse_check(c, e.flags);
  memcpy(c->xmm[x->reg], r, 16);
}

/* COMISS/COMISD (0F 2F, signaling on QNaNs) and UCOMISS/UCOMISD (0F 2E):
 * ZF, PF, CF = 111 unordered, 000 greater, 001 less, 100 equal; OF, AF
 * and SF cleared. */
void op_sse_comis(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  enum softfp_fmt f = x->mprefix == 0x66 ? SOFTFP_F64 : SOFTFP_F32;
  int size = f == SOFTFP_F64 ? 8 : 4;
  struct softfp_env e;
  u64 bits;
  u8 s[16];
  if (core_sse_vex(c, in)) return;
  core_sse_src(c, in, size, s);
  e.csr = c->mxcsr;
  e.flags = 0;
  switch (softfp_compare(&e, f, core_lane(c->xmm[x->reg], size, 0),
                         core_lane(s, size, 0), x->opcode == 0x2f)) {
    case SOFTFP_LT: bits = X86_EFLAGS_CF; break;
    case SOFTFP_EQ: bits = X86_EFLAGS_ZF; break;
    case SOFTFP_GT: bits = 0; break;
    default: bits = X86_EFLAGS_ZF | X86_EFLAGS_PF | X86_EFLAGS_CF; break;
  }
  core_sse_check(c, e.flags);
  core_put_flags(c, X86_EFLAGS_ARITH, bits);
}

/* RCPPS/RCPSS (0F 53) and RSQRTPS/RSQRTSS (0F 52): no flags, no faults
 * but the memory operand's. */
void op_sse_rcp(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int n = x->mprefix == 0xf3 ? 1 : 4, i;
  u8 s[16], *d = c->xmm[x->reg];
  if (core_sse_vex(c, in)) return;
  core_sse_src(c, in, n == 1 ? 4 : 16, s);
  for (i = 0; i < n; ++i) {
    u64 a = core_lane(s, 4, i);
    core_set_lane(d, 4, i, x->opcode == 0x53 ? softfp_rcp(a) : softfp_rsqrt(a));
  }
}

/* LDMXCSR m32 (0F AE /2): a reserved bit set is #GP, which Linux
 * delivers as SIGSEGV with si_code SI_KERNEL. Loading flags that are
 * unmasked raises nothing until an instruction sets one again. */
void op_ldmxcsr(struct cpu *c, const struct core_insn *in) {
  u32 v;
  if (core_sse_vex(c, in)) return;
  v = (u32)core_load(c, core_ea(c, in), 4);
  if (v & MXCSR_RESERVED) core_raise(c, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0);
  c->mxcsr = v;
}

/* STMXCSR m32 (0F AE /3). */
void op_stmxcsr(struct cpu *c, const struct core_insn *in) {
  if (core_sse_vex(c, in)) return;
  core_store(c, core_ea(c, in), 4, c->mxcsr);
}
