/* tests/ssefp: core/softfp against the host CPU's SSE/SSE2, bit for bit.
 *
 * Each case picks an operation, a format and an MXCSR (any rounding
 * mode, FTZ and DAZ on or off, every exception masked, flags clear),
 * runs the instruction natively between LDMXCSR and STMXCSR, runs the
 * same operation through core/softfp, and compares the result bits and
 * the six exception flags. A quarter of the cases unmask some exceptions:
 * then the CPU's #XM (SIGFPE, caught here: the handler notes the MXCSR
 * and si_code and masks everything so the instruction completes when it
 * is restarted) must come exactly when softfp_commit says so, with the
 * same flags and si_code. A further quarter of the cases run a packed
 * (or scalar) instruction through core/'s own handler (core_bind on a
 * register-form decode, a struct cpu, the fault caught where core_run
 * would catch it) against the CPU, lanes and faults alike. Operands come from a fixed-seed generator
 * biased toward the edges: zeros, denormals, the ends of the normal
 * range, infinities, QNaNs and SNaNs, halfway and near-halfway cases,
 * operand pairs whose sums cancel or whose products and quotients land
 * at the overflow and underflow thresholds, and integer limits for the
 * conversions. RCPSS and RSQRTSS are held to the SDM's error bound
 * (1.5 * 2^-12) and special cases, not to bits. SSEFP_DIFF_CASES sets
 * the number of cases (default 2000000), SSEFP_DIFF_SEED the seed. Exit
 * status 0 only with no mismatch. */
#include "core/softfp.h"

#include <setjmp.h>

#include "core/core_priv.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "types.h"

static u64 rng_state = 0x2545f4914f6cdd1dull;

static u64 rnd(void) {
  u64 x = rng_state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return rng_state = x;
}

static u64 below(u64 n) {
  return rnd() % n;
}

/* Operands. */

static int mb(int f) {
  return f ? 52 : 23;
}
static int bias_of(int f) {
  return f ? 1023 : 127;
}
static u64 emax_field(int f) {
  return f ? 0x7ff : 0xff;
}

static u64 make(int f, int s, u64 ex, u64 frac) {
  frac &= ((u64)1 << mb(f)) - 1;
  return (s ? (u64)1 << (f ? 63 : 31) : 0) | ex << mb(f) | frac;
}

static u64 gen_frac(int f) {
  int m = mb(f);
  u64 fr = rnd();
  switch (below(8)) {
    case 0: return 0;
    case 1: return ~(u64)0;
    case 2: return fr >> below(64) << below(m);  /* short: exact results */
    case 3: return (u64)1 << below((u64)m); /* one bit */
    case 4: return fr & rnd();
    case 5: return fr | rnd();
    default: return fr;
  }
}

static u64 gen_special(int f) {
  u64 q = (u64)1 << (mb(f) - 1), all = ((u64)1 << mb(f)) - 1;
  int s = rnd() & 1;
  switch (below(14)) {
    case 0: return make(f, s, 0, 0);
    case 1: return make(f, s, 0, 1);
    case 2: return make(f, s, 0, all);
    case 3: return make(f, s, 1, 0);
    case 4: return make(f, s, emax_field(f) - 1, all);
    case 5: return make(f, s, emax_field(f), 0);
    case 6: return make(f, s, emax_field(f), q);
    case 7: return make(f, s, emax_field(f), q | gen_frac(f));
    case 8: return make(f, s, emax_field(f), 1);
    case 9: return make(f, s, emax_field(f), (gen_frac(f) & (q - 1)) | 1);
    case 10: return make(f, s, (u64)bias_of(f), 0); /* 1 */
    case 11: return make(f, s, (u64)bias_of(f), q); /* 1.5 */
    case 12: return make(f, s, (u64)bias_of(f) + 1, q >> 1); /* 2.5 */
    default: return make(f, s, 0, gen_frac(f));
  }
}

static u64 gen(int f) {
  int s = rnd() & 1;
  u64 emx = emax_field(f);
  switch (below(10)) {
    case 0:
    case 1: return gen_special(f);
    case 2: return make(f, s, 0, gen_frac(f) >> below(64)); /* denormal */
    case 3: return make(f, s, 1 + below(60), gen_frac(f));  /* bottom */
    case 4: return make(f, s, emx - 1 - below(60), gen_frac(f)); /* top */
    case 5: return f ? rnd() : rnd() & 0xffffffff;
    default: /* around 1 */
      return make(f, s, (u64)bias_of(f) - 40 + below(80), gen_frac(f));
  }
}

static u64 exp_of(int f, u64 x) {
  return (x >> mb(f)) & emax_field(f);
}

/* A second operand related to the first: near it (cancellation,
 * halfway sums), or with an exponent that puts a product or quotient at
 * the edges of the range. */
static u64 gen_b(int f, u64 a, char op) {
  u64 ea = exp_of(f, a), eb, emx = emax_field(f);
  int s = rnd() & 1;
  i64 t;
  switch (below(6)) {
    case 0: return gen(f);
    case 1: return a ^ (rnd() & 7); /* nearly equal */
    case 2:
      t = (i64)ea - (i64)below((u64)mb(f) + 8);
      return make(f, s, t > 0 ? (u64)t : 0, gen_frac(f));
    case 3:
    case 4: /* product or quotient near the overflow or underflow edge */
      if (op == '*') {
        t = (i64)(below(2) ? 2 * bias_of(f) + 1 : 1) - (i64)ea + bias_of(f);
      } else {
        t = (i64)ea - (below(2) ? 2 * bias_of(f) : -bias_of(f) + 1) +
            bias_of(f);
      }
      t += (i64)below(5) - 2;
      if (t < 0) t = below(3) ? 0 : 1;
      if ((u64)t > emx) t = (i64)emx - (i64)below(2);
      eb = (u64)t;
      return make(f, s, eb, gen_frac(f));
    default: return make(f, s, ea, gen_frac(f));
  }
}

/* Native side. The MXCSR under test is loaded right before the
 * instruction and stored right after it; the default goes back before
 * anything else runs. */

static const u32 kDefault = 0x1f80;

#define NATIVE_BIN(insn, T)                                              \
  static u64 n_##insn(u32 csr, u64 a, u64 b, u32 *out) {                 \
    T x, y;                                                              \
    u64 r = 0;                                                           \
    memcpy(&x, &a, sizeof(T));                                           \
    memcpy(&y, &b, sizeof(T));                                           \
    __asm__ volatile("ldmxcsr %2\n\t" #insn " %3, %0\n\t"                \
                     "stmxcsr %1\n\t"                                    \
                     "ldmxcsr %4"                                        \
                     : "+x"(x), "=m"(*out)                               \
                     : "m"(csr), "x"(y), "m"(kDefault));                 \
    memcpy(&r, &x, sizeof(T));                                           \
    return r;                                                            \
  }

NATIVE_BIN(addss, float)
NATIVE_BIN(subss, float)
NATIVE_BIN(mulss, float)
NATIVE_BIN(divss, float)
NATIVE_BIN(minss, float)
NATIVE_BIN(maxss, float)
NATIVE_BIN(sqrtss, float)
NATIVE_BIN(addsd, double)
NATIVE_BIN(subsd, double)
NATIVE_BIN(mulsd, double)
NATIVE_BIN(divsd, double)
NATIVE_BIN(minsd, double)
NATIVE_BIN(maxsd, double)
NATIVE_BIN(sqrtsd, double)

#define NATIVE_CMP(insn, T, imm)                                        \
  static u64 n_##insn##imm(u32 csr, u64 a, u64 b, u32 *out) {           \
    T x, y;                                                             \
    u64 r = 0;                                                          \
    memcpy(&x, &a, sizeof(T));                                          \
    memcpy(&y, &b, sizeof(T));                                          \
    __asm__ volatile("ldmxcsr %2\n\t" #insn " $" #imm ", %3, %0\n\t"    \
                     "stmxcsr %1\n\t"                                   \
                     "ldmxcsr %4"                                       \
                     : "+x"(x), "=m"(*out)                              \
                     : "m"(csr), "x"(y), "m"(kDefault));                \
    memcpy(&r, &x, sizeof(T));                                          \
    return r;                                                           \
  }

#define CMPS(insn, T)    \
  NATIVE_CMP(insn, T, 0) \
  NATIVE_CMP(insn, T, 1) \
  NATIVE_CMP(insn, T, 2) \
  NATIVE_CMP(insn, T, 3) \
  NATIVE_CMP(insn, T, 4) \
  NATIVE_CMP(insn, T, 5) \
  NATIVE_CMP(insn, T, 6) \
  NATIVE_CMP(insn, T, 7)
CMPS(cmpss, float)
CMPS(cmpsd, double)

/* COMIS/UCOMIS: the relation from ZF, PF, CF. */
#define NATIVE_COMI(insn, T)                                            \
  static u64 n_##insn(u32 csr, u64 a, u64 b, u32 *out) {                \
    T x, y;                                                             \
    u64 fl;                                                             \
    memcpy(&x, &a, sizeof(T));                                          \
    memcpy(&y, &b, sizeof(T));                                          \
    __asm__ volatile("ldmxcsr %2\n\t" #insn " %4, %3\n\t"               \
                     "pushfq\n\tpopq %0\n\t"                            \
                     "stmxcsr %1\n\t"                                   \
                     "ldmxcsr %5"                                       \
                     : "=r"(fl), "=m"(*out)                             \
                     : "m"(csr), "x"(x), "x"(y), "m"(kDefault)          \
                     : "cc");                                           \
    return fl & 0x8d5;                                                  \
  }
NATIVE_COMI(comiss, float)
NATIVE_COMI(ucomiss, float)
NATIVE_COMI(comisd, double)
NATIVE_COMI(ucomisd, double)

#define NATIVE_CVT(name, insn, TI, TO, CI, CO)                          \
  static u64 n_##name(u32 csr, u64 a, u64 b, u32 *out) {                \
    TI x;                                                               \
    TO y;                                                               \
    u64 r = 0;                                                          \
    (void)b;                                                            \
    memcpy(&x, &a, sizeof(TI));                                         \
    memset(&y, 0, sizeof(TO));                                          \
    __asm__ volatile("ldmxcsr %2\n\t" #insn " %3, %0\n\t"               \
                     "stmxcsr %1\n\t"                                   \
                     "ldmxcsr %4"                                       \
                     : CO(y), "=m"(*out)                                \
                     : "m"(csr), CI(x), "m"(kDefault));                 \
    memcpy(&r, &y, sizeof(TO));                                         \
    return r;                                                           \
  }
#define XO "=x"
#define RO "=r"
#define XI "x"
#define RI "r"
NATIVE_CVT(cvtss2sd, cvtss2sd, float, double, XI, "+x")
NATIVE_CVT(cvtsd2ss, cvtsd2ss, double, float, XI, "+x")
NATIVE_CVT(cvtsi2ss32, cvtsi2ssl, i32, float, RI, "+x")
NATIVE_CVT(cvtsi2ss64, cvtsi2ssq, i64, float, RI, "+x")
NATIVE_CVT(cvtsi2sd32, cvtsi2sdl, i32, double, RI, "+x")
NATIVE_CVT(cvtsi2sd64, cvtsi2sdq, i64, double, RI, "+x")
NATIVE_CVT(cvtss2si32, cvtss2si, float, i32, XI, RO)
NATIVE_CVT(cvtss2si64, cvtss2si, float, i64, XI, RO)
NATIVE_CVT(cvttss2si32, cvttss2si, float, i32, XI, RO)
NATIVE_CVT(cvttss2si64, cvttss2si, float, i64, XI, RO)
NATIVE_CVT(cvtsd2si32, cvtsd2si, double, i32, XI, RO)
NATIVE_CVT(cvtsd2si64, cvtsd2si, double, i64, XI, RO)
NATIVE_CVT(cvttsd2si32, cvttsd2si, double, i32, XI, RO)
NATIVE_CVT(cvttsd2si64, cvttsd2si, double, i64, XI, RO)
NATIVE_CVT(rcpss, rcpss, float, float, XI, "+x")
NATIVE_CVT(rsqrtss, rsqrtss, float, float, XI, "+x")

/* #XM: what the MXCSR held and what the kernel said. */
static volatile int faulted, fault_code;
static volatile u32 fault_csr;

static void on_fpe(int sig, siginfo_t *si, void *ctx) {
  ucontext_t *uc = ctx;
  (void)sig;
  faulted = 1;
  fault_code = si->si_code;
  fault_csr = uc->uc_mcontext.fpregs->mxcsr;
  uc->uc_mcontext.fpregs->mxcsr = kDefault;
}

/* si_code as Linux computes it from the MXCSR (arch/x86/kernel/traps.c). */
static int linux_code(u32 csr) {
  u32 err = csr & ~(csr >> 7) & 0x3f;
  if (err & 1) return FPE_FLTINV;
  if (err & 4) return FPE_FLTDIV;
  if (err & 8) return FPE_FLTOVF;
  if (err & 0x12) return FPE_FLTUND;
  if (err & 0x20) return FPE_FLTRES;
  return 0;
}

/* Emulated side. */

enum {
  OP_ADD,
  OP_SUB,
  OP_MUL,
  OP_DIV,
  OP_MIN,
  OP_MAX,
  OP_SQRT,
  OP_CMP,
  OP_COMI,
  OP_UCOMI,
  OP_WIDEN,
  OP_NARROW,
  OP_FROM32,
  OP_FROM64,
  OP_TO32,
  OP_TO64,
  OP_TTO32,
  OP_TTO64,
  OP_RCP,
  OP_RSQRT,
  OP_COUNT
};

static const char *const kNames[OP_COUNT] = {
    "add",   "sub",     "mul",     "div",       "min",
    "max",   "sqrt",    "cmp",     "comi",      "ucomi",
    "widen", "narrow",  "from_i32", "from_i64", "to_i32",
    "to_i64", "tto_i32", "tto_i64", "rcp",      "rsqrt"};

typedef u64 (*native_fn)(u32, u64, u64, u32 *);

static native_fn native_of(int op, int f, int pred) {
  static const native_fn kCmp[2][8] = {
      {n_cmpss0, n_cmpss1, n_cmpss2, n_cmpss3, n_cmpss4, n_cmpss5, n_cmpss6,
       n_cmpss7},
      {n_cmpsd0, n_cmpsd1, n_cmpsd2, n_cmpsd3, n_cmpsd4, n_cmpsd5, n_cmpsd6,
       n_cmpsd7}};
  switch (op) {
    case OP_ADD: return f ? n_addsd : n_addss;
    case OP_SUB: return f ? n_subsd : n_subss;
    case OP_MUL: return f ? n_mulsd : n_mulss;
    case OP_DIV: return f ? n_divsd : n_divss;
    case OP_MIN: return f ? n_minsd : n_minss;
    case OP_MAX: return f ? n_maxsd : n_maxss;
    case OP_SQRT: return f ? n_sqrtsd : n_sqrtss;
    case OP_CMP: return kCmp[f][pred];
    case OP_COMI: return f ? n_comisd : n_comiss;
    case OP_UCOMI: return f ? n_ucomisd : n_ucomiss;
    case OP_WIDEN: return n_cvtss2sd;
    case OP_NARROW: return n_cvtsd2ss;
    case OP_FROM32: return f ? n_cvtsi2sd32 : n_cvtsi2ss32;
    case OP_FROM64: return f ? n_cvtsi2sd64 : n_cvtsi2ss64;
    case OP_TO32: return f ? n_cvtsd2si32 : n_cvtss2si32;
    case OP_TO64: return f ? n_cvtsd2si64 : n_cvtss2si64;
    case OP_TTO32: return f ? n_cvttsd2si32 : n_cvttss2si32;
    case OP_TTO64: return f ? n_cvttsd2si64 : n_cvttss2si64;
    case OP_RCP: return n_rcpss;
    default: return n_rsqrtss;
  }
}

static u64 emulate(int op, int f, int pred, u32 csr, u64 a, u64 b,
                   u32 *flags) {
  struct softfp_env e;
  enum softfp_fmt fm = f ? SOFTFP_F64 : SOFTFP_F32;
  u64 r = 0;
  e.csr = csr;
  e.flags = 0;
  switch (op) {
    case OP_ADD: r = softfp_add(&e, fm, a, b); break;
    case OP_SUB: r = softfp_sub(&e, fm, a, b); break;
    case OP_MUL: r = softfp_mul(&e, fm, a, b); break;
    case OP_DIV: r = softfp_div(&e, fm, a, b); break;
    case OP_MIN: r = softfp_min(&e, fm, a, b); break;
    case OP_MAX: r = softfp_max(&e, fm, a, b); break;
    case OP_SQRT: r = softfp_sqrt(&e, fm, b); break;
    case OP_CMP:
      r = softfp_predicate(&e, fm, a, b, pred) ? (f ? ~0ull : 0xffffffff) : 0;
      break;
    case OP_COMI:
    case OP_UCOMI:
      switch (softfp_compare(&e, fm, a, b, op == OP_COMI)) {
        case SOFTFP_LT: r = 0x1; break;
        case SOFTFP_EQ: r = 0x40; break;
        case SOFTFP_GT: r = 0; break;
        default: r = 0x45; break;
      }
      break;
    case OP_WIDEN: r = softfp_f32_to_f64(&e, a); break;
    case OP_NARROW: r = softfp_f64_to_f32(&e, a); break;
    case OP_FROM32: r = softfp_from_int(&e, fm, (i32)a); break;
    case OP_FROM64: r = softfp_from_int(&e, fm, (i64)a); break;
    case OP_TO32: r = softfp_to_int(&e, fm, a, 32, 0); break;
    case OP_TO64: r = softfp_to_int(&e, fm, a, 64, 0); break;
    case OP_TTO32: r = softfp_to_int(&e, fm, a, 32, 1); break;
    case OP_TTO64: r = softfp_to_int(&e, fm, a, 64, 1); break;
    case OP_RCP: r = softfp_rcp(a); break;
    default: r = softfp_rsqrt(a); break;
  }
  *flags = e.flags;
  return r;
}

/* Values that exercise the integer conversions: integers, halves and
 * their neighbours, and the limits of i32 and i64. */
static u64 gen_intlike(int f) {
  static const double kEdge[] = {2147483648.0, 2147483647.0,
                                 9223372036854775808.0, 4294967296.0, 0.5,
                                 1.5, 2.5, 1.0};
  double d;
  u64 bits;
  if (below(2)) {
    d = kEdge[below(ARRAY_LEN(kEdge))];
  } else {
    d = (double)(rnd() >> below(64)) + (below(2) ? 0.5 : 0.0);
  }
  if (rnd() & 1) d = -d;
  if (f) {
    memcpy(&bits, &d, 8);
  } else {
    float x = (float)d;
    u32 w;
    memcpy(&w, &x, 4);
    bits = w;
  }
  switch (below(4)) {
    case 0: return bits + 1;
    case 1: return bits ? bits - 1 : 0;
    default: return bits;
  }
}

static u64 gen_int(void) {
  static const u64 kEdge[] = {0x80000000ull, 0x7fffffffull, 0xffffffffull,
                              0x8000000000000000ull, 0x7fffffffffffffffull,
                              0x1000001ull, 0x20000000000001ull, 0};
  u64 v = below(4) ? rnd() >> below(64) : kEdge[below(ARRAY_LEN(kEdge))];
  if (rnd() & 1) v = -v;
  return v;
}

/* RCP and RSQRT: specials exactly as the CPU gives them; other results
 * within 1.5 * 2^-12 of the exact value (SDM vol. 2, RCPSS). Both
 * results are normal binary32 numbers here, compared as doubles. */
static int approx_exact; /* the host CPU gives softfp_approx's bits */

static int approx_ok(u64 want, u64 got) {
  float w, g;
  u32 a = (u32)want, b = (u32)got;
  double rel;
  if (a == b) return 1;
  if (approx_exact) return 0;
  if (((a >> 23) & 0xff) == 0 || ((a >> 23) & 0xff) == 0xff) return 0;
  if (((b >> 23) & 0xff) == 0 || ((b >> 23) & 0xff) == 0xff) return 0;
  memcpy(&w, &a, 4);
  memcpy(&g, &b, 4);
  rel = ((double)g - (double)w) / (double)w;
  if (rel < 0) rel = -rel;
  return rel <= 3.0 / 4096; /* both sides within 1.5*2^-12 of the truth */
}

/* Whole instructions, register forms: xmm0 op= xmm1. */
typedef float v4sf __attribute__((vector_size(16)));

#define NATIVE_PK(name, text)                                           \
  static void p_##name(u32 csr, const u8 *a, const u8 *b, u8 *r,        \
                       u32 *out) {                                      \
    v4sf x, y;                                                          \
    memcpy(&x, a, 16);                                                  \
    memcpy(&y, b, 16);                                                  \
    __asm__ volatile("ldmxcsr %2\n\t" text " %3, %0\n\t"               \
                     "stmxcsr %1\n\t"                                   \
                     "ldmxcsr %4"                                       \
                     : "+x"(x), "=m"(*out)                              \
                     : "m"(csr), "x"(y), "m"(kDefault));                \
    memcpy(r, &x, 16);                                                  \
  }

#define PK_ARITH(op) NATIVE_PK(op##ps, #op "ps") NATIVE_PK(op##pd, #op "pd")
PK_ARITH(add)
PK_ARITH(sub)
PK_ARITH(mul)
PK_ARITH(div)
PK_ARITH(min)
PK_ARITH(max)
PK_ARITH(sqrt)
NATIVE_PK(cmpps1, "cmpps $1,")
NATIVE_PK(cmpps3, "cmpps $3,")
NATIVE_PK(cmppd2, "cmppd $2,")
NATIVE_PK(cmppd4, "cmppd $4,")
NATIVE_PK(cmpss6, "cmpss $6,")
NATIVE_PK(cmpsd0, "cmpsd $0,")
NATIVE_PK(addss, "addss")
NATIVE_PK(divsd, "divsd")
NATIVE_PK(sqrtss, "sqrtss")
NATIVE_PK(maxsd, "maxsd")
NATIVE_PK(cvtps2pd, "cvtps2pd")
NATIVE_PK(cvtpd2ps, "cvtpd2ps")
NATIVE_PK(cvtss2sd, "cvtss2sd")
NATIVE_PK(cvtsd2ss, "cvtsd2ss")
NATIVE_PK(cvtdq2ps, "cvtdq2ps")
NATIVE_PK(cvtps2dq, "cvtps2dq")
NATIVE_PK(cvttps2dq, "cvttps2dq")
NATIVE_PK(cvtdq2pd, "cvtdq2pd")
NATIVE_PK(cvtpd2dq, "cvtpd2dq")
NATIVE_PK(cvttpd2dq, "cvttpd2dq")
NATIVE_PK(rcpps, "rcpps")
NATIVE_PK(rsqrtps, "rsqrtps")

struct insn_case {
  const char *name;
  void (*native)(u32, const u8 *, const u8 *, u8 *, u32 *);
  u16 op;
  u8 opcode, prefix, imm, f; /* f: lanes of the source are binary64 */
};

static const struct insn_case kInsns[] = {
    {"addps", p_addps, XED_OP_ADDPS, 0x58, 0, 0, 0},
    {"addpd", p_addpd, XED_OP_ADDPD, 0x58, 0x66, 0, 1},
    {"subps", p_subps, XED_OP_SUBPS, 0x5c, 0, 0, 0},
    {"subpd", p_subpd, XED_OP_SUBPD, 0x5c, 0x66, 0, 1},
    {"mulps", p_mulps, XED_OP_MULPS, 0x59, 0, 0, 0},
    {"mulpd", p_mulpd, XED_OP_MULPD, 0x59, 0x66, 0, 1},
    {"divps", p_divps, XED_OP_DIVPS, 0x5e, 0, 0, 0},
    {"divpd", p_divpd, XED_OP_DIVPD, 0x5e, 0x66, 0, 1},
    {"minps", p_minps, XED_OP_MINPS, 0x5d, 0, 0, 0},
    {"minpd", p_minpd, XED_OP_MINPD, 0x5d, 0x66, 0, 1},
    {"maxps", p_maxps, XED_OP_MAXPS, 0x5f, 0, 0, 0},
    {"maxpd", p_maxpd, XED_OP_MAXPD, 0x5f, 0x66, 0, 1},
    {"sqrtps", p_sqrtps, XED_OP_SQRTPS, 0x51, 0, 0, 0},
    {"sqrtpd", p_sqrtpd, XED_OP_SQRTPD, 0x51, 0x66, 0, 1},
    {"cmpps1", p_cmpps1, XED_OP_CMPPS, 0xc2, 0, 1, 0},
    {"cmpps3", p_cmpps3, XED_OP_CMPPS, 0xc2, 0, 3, 0},
    {"cmppd2", p_cmppd2, XED_OP_CMPPD, 0xc2, 0x66, 2, 1},
    {"cmppd4", p_cmppd4, XED_OP_CMPPD, 0xc2, 0x66, 4, 1},
    {"cmpss6", p_cmpss6, XED_OP_CMPSS, 0xc2, 0xf3, 6, 0},
    {"cmpsd0", p_cmpsd0, XED_OP_CMPSD, 0xc2, 0xf2, 0, 1},
    {"addss", p_addss, XED_OP_ADDSS, 0x58, 0xf3, 0, 0},
    {"divsd", p_divsd, XED_OP_DIVSD, 0x5e, 0xf2, 0, 1},
    {"sqrtss", p_sqrtss, XED_OP_SQRTSS, 0x51, 0xf3, 0, 0},
    {"maxsd", p_maxsd, XED_OP_MAXSD, 0x5f, 0xf2, 0, 1},
    {"cvtps2pd", p_cvtps2pd, XED_OP_CVTPS2PD, 0x5a, 0, 0, 0},
    {"cvtpd2ps", p_cvtpd2ps, XED_OP_CVTPD2PS, 0x5a, 0x66, 0, 1},
    {"cvtss2sd", p_cvtss2sd, XED_OP_CVTSS2SD, 0x5a, 0xf3, 0, 0},
    {"cvtsd2ss", p_cvtsd2ss, XED_OP_CVTSD2SS, 0x5a, 0xf2, 0, 1},
    {"cvtdq2ps", p_cvtdq2ps, XED_OP_CVTDQ2PS, 0x5b, 0, 0, 2},
    {"cvtps2dq", p_cvtps2dq, XED_OP_CVTPS2DQ, 0x5b, 0x66, 0, 0},
    {"cvttps2dq", p_cvttps2dq, XED_OP_CVTTPS2DQ, 0x5b, 0xf3, 0, 0},
    {"cvtdq2pd", p_cvtdq2pd, XED_OP_CVTDQ2PD, 0xe6, 0xf3, 0, 2},
    {"cvtpd2dq", p_cvtpd2dq, XED_OP_CVTPD2DQ, 0xe6, 0xf2, 0, 1},
    {"cvttpd2dq", p_cvttpd2dq, XED_OP_CVTTPD2DQ, 0xe6, 0x66, 0, 1},
    {"rcpps", p_rcpps, XED_OP_RCPPS, 0x53, 0, 0, 0},
    {"rsqrtps", p_rsqrtps, XED_OP_RSQRTPS, 0x52, 0, 0, 0},
};

/* The instruction through core/: 1 when it raised a signal. */
static int run_handler(const struct insn_case *k, u32 csr, const u8 *a,
                       const u8 *b, u8 *r, u32 *csr_out, int *code) {
  static struct cpu c;
  static struct core_insn in;
  jmp_buf jb;
  memset(&c, 0, sizeof(c));
  memset(&in, 0, sizeof(in));
  c.mxcsr = csr;
  memcpy(c.xmm[0], a, 16);
  memcpy(c.xmm[1], b, 16);
  in.x.op = k->op;
  in.x.map = XED_MAP_0F;
  in.x.opcode = k->opcode;
  in.x.mprefix = k->prefix;
  in.x.imm = k->imm;
  in.x.flags = XED_F_MODRM;
  in.x.modrm = 0xc1;
  in.x.mod = 3;
  in.x.reg = 0;
  in.x.rm = 1;
  in.addr = 0x401000;
  in.fn = core_bind(&in.x);
  c.insn = &in;
  c.onfault = &jb;
  if (setjmp(jb)) {
    *csr_out = c.mxcsr;
    *code = c.sig == SIGFPE && c.sig_addr == in.addr ? c.sig_code : -1;
    return 1;
  }
  in.fn(&c, &in);
  memcpy(r, c.xmm[0], 16);
  *csr_out = c.mxcsr;
  return 0;
}

static void gen_vector(int f, u8 *v, const u8 *other) {
  int i;
  for (i = 0; i < 16 / (f == 1 ? 8 : 4); ++i) {
    if (f == 1) {
      u64 x = other ? gen_b(1, read64le(other + 8 * i), '*') : gen(1);
      write64le(v + 8 * i, x);
    } else if (f == 2) {
      write32le(v + 4 * i, (u32)gen_int());
    } else {
      u64 x = other ? gen_b(0, read32le(other + 4 * i), '/') : gen(0);
      write32le(v + 4 * i, (u32)x);
    }
  }
}

/* RCPPS/RSQRTPS: each lane as approx_ok judges it. */
static int lanes_ok(const struct insn_case *k, const u8 *want,
                    const u8 *got) {
  int i;
  if (k->op != XED_OP_RCPPS && k->op != XED_OP_RSQRTPS)
    return !memcmp(want, got, 16);
  for (i = 0; i < 4; ++i) {
    if (!approx_ok(read32le(want + 4 * i), read32le(got + 4 * i))) return 0;
  }
  return 1;
}

static long insn_cases(long n) {
  long i, bad = 0, faults = 0;
  for (i = 0; i < n; ++i) {
    const struct insn_case *k = &kInsns[below(ARRAY_LEN(kInsns))];
    u32 csr = kDefault | (u32)below(4) << 13, nf = 0, ecsr;
    u8 a[16], b[16], want[16], got[16];
    int efault, code = 0, ok;
    if (below(4) == 0) csr |= 0x8000;
    if (below(4) == 0) csr |= 0x40;
    if (below(3) == 0) csr &= ~((u32)rnd() & 0x1f80);
    gen_vector(k->f, a, 0);
    gen_vector(k->f, b, k->f == 2 ? 0 : a);
    faulted = 0;
    k->native(csr, a, b, want, &nf);
    efault = run_handler(k, csr, a, b, got, &ecsr, &code);
    if (faulted) {
      ++faults;
      ok = efault && (ecsr & 0xffff) == (fault_csr & 0xffff) &&
           code == fault_code;
    } else {
      ok = !efault && (ecsr & 0xffff) == (nf & 0xffff) &&
           lanes_ok(k, want, got);
    }
    if (ok) continue;
    if (++bad <= 20) {
      printf("%s csr %04x a %016llx%016llx b %016llx%016llx: cpu "
             "%016llx%016llx csr %04x fault %d (%04x, code %d), core "
             "%016llx%016llx csr %04x fault %d code %d\n",
             k->name, csr, (unsigned long long)read64le(a + 8),
             (unsigned long long)read64le(a),
             (unsigned long long)read64le(b + 8),
             (unsigned long long)read64le(b),
             (unsigned long long)read64le(want + 8),
             (unsigned long long)read64le(want), nf, faulted, fault_csr,
             fault_code, (unsigned long long)read64le(got + 8),
             (unsigned long long)read64le(got), ecsr, efault, code);
    }
  }
  printf("ssefp_diff: %ld instructions through core/ (%ld with #XM), %ld "
         "mismatches\n",
         n, faults, bad);
  return bad;
}

/* Whether the host's RCP/RSQRT are those of core/softfp_approx.c (the
 * CPU its tables come from): then they must agree bit for bit, every
 * entry and, with SSEFP_DIFF_APPROX_ALL=1, every one of the 2^32 inputs. */
static long probe_approx(int all) {
  u64 x, n = all ? (u64)1 << 32 : 1 << 14;
  long bad = 0;
  u32 flags;
  for (x = 0; x < n; ++x) {
    u32 a = all ? (u32)x : 0x3f000000u + ((u32)x << 11);
    u64 r = n_rcpss(kDefault, a, 0, &flags);
    u64 q = n_rsqrtss(kDefault, a, 0, &flags);
    if (r == softfp_rcp(a) && q == softfp_rsqrt(a)) continue;
    if (!all) return 1;
    if (++bad <= 10) {
      printf("rcp/rsqrt %08x: cpu %08llx %08llx, softfp %08llx %08llx\n", a,
             (unsigned long long)r, (unsigned long long)q,
             (unsigned long long)softfp_rcp(a),
             (unsigned long long)softfp_rsqrt(a));
    }
  }
  if (all) {
    printf("ssefp_diff: RCP/RSQRT over all 2^32 inputs, %ld mismatches\n",
           bad);
  }
  return bad;
}

int main(void) {
  const char *s = getenv("SSEFP_DIFF_CASES");
  long cases = s ? atol(s) : 2000000, i, bad = 0, faults = 0;
  long per[OP_COUNT] = {0};
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_fpe;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGFPE, &sa, 0);
  if ((s = getenv("SSEFP_DIFF_SEED"))) rng_state = strtoull(s, 0, 0) | 1;
  approx_exact = !probe_approx(0);
  if (approx_exact && getenv("SSEFP_DIFF_APPROX_ALL")) bad += probe_approx(1);
  if (!approx_exact)
    printf("ssefp_diff: this CPU's RCP/RSQRT are not core/softfp_approx's: "
           "held to the SDM's error bound only\n");
  for (i = 0; i < cases; ++i) {
    int op = (int)below(OP_COUNT), f = (int)below(2), pred = (int)below(8);
    u32 csr = kDefault | (u32)below(4) << 13, nf = 0, ef = 0, ecsr;
    int efault, ok;
    u64 a, b, want, got;
    if (below(4) == 0) csr |= 0x8000; /* FTZ */
    if (below(4) == 0) csr |= 0x40;   /* DAZ */
    if (below(4) == 0) csr &= ~((u32)rnd() & 0x1f80);
    if (op == OP_WIDEN || op == OP_RCP || op == OP_RSQRT) f = 0;
    if (op == OP_NARROW) f = 1;
    a = gen(f);
    b = gen_b(f, a, op == OP_MUL ? '*' : '/');
    if (op >= OP_TO32 && op <= OP_TTO64 && below(2)) a = gen_intlike(f);
    if (op == OP_FROM32 || op == OP_FROM64) a = gen_int();
    if (op == OP_SQRT) b = a;
    faulted = 0;
    want = native_of(op, f, pred)(csr, a, b, &nf);
    nf &= 0x3f;
    got = emulate(op, f, pred, csr, a, b, &ef);
    ecsr = csr;
    efault = softfp_commit(&ecsr, ef);
    if (faulted) {
      ++faults;
      ok = efault && (ecsr & 0x3f) == (fault_csr & 0x3f) &&
           linux_code(ecsr) == fault_code;
    } else if (efault) {
      ok = 0;
    } else if (op == OP_RCP || op == OP_RSQRT) {
      ok = approx_ok(want, got) && !ef && !nf;
    } else {
      ok = want == got && nf == ef;
    }
    if (ok) continue;
    ++per[op];
    if (++bad <= 40) {
      printf("%s f%d pred %d csr %04x a %016llx b %016llx: cpu %016llx "
             "flags %02x fault %d (%04x, code %d), softfp %016llx flags "
             "%02x fault %d\n",
             kNames[op], f ? 64 : 32, pred, csr, (unsigned long long)a,
             (unsigned long long)b, (unsigned long long)want, nf, faulted,
             fault_csr, fault_code, (unsigned long long)got, ef, efault);
    }
  }
  for (i = 0; i < OP_COUNT; ++i) {
    if (per[i]) printf("  %s: %ld mismatches\n", kNames[i], per[i]);
  }
  printf("ssefp_diff: %ld cases (%ld with #XM), %ld mismatches\n", cases,
         faults, bad);
  bad += insn_cases(cases / 4);
  return bad != 0;
}
