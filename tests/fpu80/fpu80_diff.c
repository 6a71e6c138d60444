/* tests/fpu80: core/fpu80 against the host CPU's x87, bit for bit.
 *
 * Each case runs one x87 instruction natively (FNINIT, FLDCW with a
 * random RC and PC, every exception masked, operands loaded from 10-byte
 * memory, FNSTSW right after the instruction) and the same operation
 * through the library, then compares the result bits, the six exception
 * flags and the condition codes. Operands come from a fixed-seed
 * generator biased toward every class and the edges: zeros, denormals,
 * pseudo-denormals, unnormals, pseudo-NaNs and pseudo-infinities,
 * infinities, SNaNs and QNaNs, the ends of the exponent range, halfway
 * cases for each precision, integer and BCD limits, and plain random bit
 * patterns. FPU80_DIFF_CASES sets the number of cases (default 2000000),
 * FPU80_DIFF_SEED the seed. Exit status 0 only with no mismatch. */
#include "core/fpu80.h"

#include "core/fpu80_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "types.h"

static u64 rng_state = 0x9e3779b97f4a7c15ull;

static u64 rnd(void) {
  u64 x = rng_state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return rng_state = x;
}

static u64 rnd_below(u64 n) {
  return rnd() % n;
}

/* Operands. */

static u64 gen_sig(void) {
  switch (rnd_below(10)) {
    case 0: return FPU80_J;
    case 1: return ~0ull;
    case 2: /* short significands: exact products, ties at each PC */
      return FPU80_J | (rnd() >> rnd_below(64)) << rnd_below(40);
    case 3: /* around the rounding points of PC 24, 53 and 64 */ {
      static const int kPos[] = {40, 11, 0};
      int p = kPos[rnd_below(3)];
      u64 s = FPU80_J | rnd();
      u64 low = p ? (1ull << p) - 1 : 0;
      switch (rnd_below(4)) {
        case 0: s &= ~low; break;
        case 1: s |= low; break;
        case 2: s = (s & ~low) | (p ? 1ull << (p - 1) : 0); break;
        default: s = (s & ~low) | (p ? (1ull << (p - 1)) + 1 : 1); break;
      }
      return s;
    }
    case 4: return FPU80_J | (rnd() & rnd());
    case 5: return FPU80_J | (rnd() | rnd());
    default: return FPU80_J | rnd();
  }
}

static struct fpu80 gen_special(void) {
  static const struct fpu80 kSpecial[] = {
      {0, 0},
      {0, 0x8000},
      {0x8000000000000000ull, 0x7fff},
      {0x8000000000000000ull, 0xffff},
      {0xc000000000000000ull, 0xffff},
      {0xc000000000000000ull, 0x7fff},
      {0xc000000000000001ull, 0x7fff},
      {0x8000000000000001ull, 0x7fff},
      {0xa000000000000000ull, 0xffff},
      {0xffffffffffffffffull, 0x7fff},
      {0xbfffffffffffffffull, 0xffff},
      {0x4000000000000000ull, 0x7fff}, /* pseudo-NaN */
      {0x0000000000000000ull, 0x7fff}, /* pseudo-infinity */
      {0x0000000000000001ull, 0x0000}, /* smallest denormal */
      {0x7fffffffffffffffull, 0x0000}, /* largest denormal */
      {0x8000000000000000ull, 0x0000}, /* pseudo-denormal */
      {0xffffffffffffffffull, 0x8000},
      {0x8000000000000000ull, 0x0001}, /* smallest normal */
      {0xffffffffffffffffull, 0x7ffe}, /* largest normal */
      {0x4000000000000000ull, 0x3fff}, /* unnormal */
      {0x0000000000000000ull, 0x4000}, /* unnormal zero */
      {0x8000000000000000ull, 0x3fff}, /* 1 */
      {0x8000000000000000ull, 0xbfff}, /* -1 */
      {0xc000000000000000ull, 0x3ffe}, /* 0.75 */
      {0x8000000000000000ull, 0x3ffe}, /* 0.5 */
      {0xc000000000000000ull, 0x3fff}, /* 1.5 */
      {0xa000000000000000ull, 0x4000}, /* 2.5 */
      {0xc90fdaa22168c235ull, 0x4000}, /* pi */
      {0xc90fdaa22168c235ull, 0x3fff}, /* pi/2 */
  };
  struct fpu80 x = kSpecial[rnd_below(ARRAY_LEN(kSpecial))];
  if (rnd() & 1) x.se ^= 0x8000;
  return x;
}

static struct fpu80 gen80(void) {
  struct fpu80 x;
  u16 s = (rnd() & 1) ? 0x8000 : 0;
  switch (rnd_below(16)) {
    case 0:
    case 1: return gen_special();
    case 2: /* denormals and pseudo-denormals */
      x = fpu80_make(s, rnd() >> rnd_below(64));
      if (rnd_below(4) == 0) x.sig |= FPU80_J;
      return x;
    case 3: /* the bottom of the normal range */
      return fpu80_make(s | (1 + rnd_below(70)), gen_sig());
    case 4: /* the top */
      return fpu80_make(s | (0x7ffe - rnd_below(70)), gen_sig());
    case 5: /* all bits random: unnormals, NaNs, everything */
      return fpu80_make((u16)rnd(), rnd());
    case 6: /* integers and their neighbours */
      return fpu80_make(s | (0x3fff + rnd_below(70)), gen_sig());
    case 7: /* NaNs */
      x = fpu80_make(s | 0x7fff, FPU80_J | rnd() >> rnd_below(3));
      if (!(x.sig << 1)) x.sig |= 1;
      return x;
    default: /* around 1 */
      return fpu80_make(s | (0x3fff - 80 + rnd_below(160)), gen_sig());
  }
}

/* A second operand near the first: cancellation, equal exponents,
 * neighbours, halfway sums. */
static struct fpu80 gen_near(struct fpu80 a) {
  struct fpu80 b = a;
  switch (rnd_below(4)) {
    case 0: b.sig ^= rnd() >> rnd_below(64); break;
    case 1: b.se += rnd_below(130) - 65; break;
    case 2:
      b.se += rnd_below(5) - 2;
      b.sig = gen_sig();
      break;
    default:
      b.se ^= 0x8000;
      b.sig += rnd_below(3) - 1;
      break;
  }
  if (rnd() & 1) b.se ^= 0x8000;
  return b;
}

static struct fpu80 gen_b(struct fpu80 a) {
  return rnd_below(3) ? gen80() : gen_near(a);
}

static u16 gen_cw(void) {
  static const u8 kPc[] = {FPU80_PC_24, 1, FPU80_PC_53, FPU80_PC_64};
  return FPU80_CW(rnd_below(4), kPc[rnd_below(4)]);
}

/* The host x87. Every instruction starts from FNINIT and a control word
 * with all exceptions masked. */

#define X87_BIN(INSN)                                                     \
  static u16 x87_##INSN(u16 cw, const u8 *a, const u8 *b, u8 *r) {        \
    u16 sw;                                                               \
    __asm__ volatile("fninit\n\tfldcw %2\n\tfldt %4\n\tfldt %3\n\t" #INSN \
                     " %%st(1), %%st\n\tfnstsw %0\n\tfstpt %1\n\t"        \
                     "fstp %%st(0)"                                       \
                     : "=m"(sw), "=m"(*(u8(*)[10])r)                      \
                     : "m"(cw), "m"(*(const u8(*)[10])a),                 \
                       "m"(*(const u8(*)[10])b));                         \
    return sw;                                                            \
  }
X87_BIN(fadd)
X87_BIN(fsub)
X87_BIN(fmul)
X87_BIN(fdiv)

/* ST0 = a, ST1 = b, one instruction without operands. */
#define X87_PAIR(NAME, INSN)                                             \
  static u16 x87_##NAME(u16 cw, const u8 *a, const u8 *b, u8 *r) {       \
    u16 sw;                                                              \
    __asm__ volatile("fninit\n\tfldcw %2\n\tfldt %4\n\tfldt %3\n\t" INSN \
                     "\n\tfnstsw %0\n\tfstpt %1\n\tfstp %%st(0)"         \
                     : "=m"(sw), "=m"(*(u8(*)[10])r)                     \
                     : "m"(cw), "m"(*(const u8(*)[10])a),                \
                       "m"(*(const u8(*)[10])b));                        \
    return sw;                                                           \
  }
X87_PAIR(fscale, "fscale")
X87_PAIR(fprem, "fprem")
X87_PAIR(fprem1, "fprem1")
X87_PAIR(fcom, "fcom %%st(1)")
X87_PAIR(fucom, "fucom %%st(1)")

/* ST0 = a, one instruction, the result popped to r. */
#define X87_UN(NAME, INSN)                                    \
  static u16 x87_##NAME(u16 cw, const u8 *a, u8 *r) {         \
    u16 sw;                                                   \
    __asm__ volatile("fninit\n\tfldcw %2\n\tfldt %3\n\t" INSN \
                     "\n\tfnstsw %0\n\tfstpt %1"              \
                     : "=m"(sw), "=m"(*(u8(*)[10])r)          \
                     : "m"(cw), "m"(*(const u8(*)[10])a));    \
    return sw;                                                \
  }
X87_UN(fsqrt, "fsqrt")
X87_UN(frndint, "frndint")
X87_UN(fxam, "fxam")

static u16 x87_fxtract(u16 cw, const u8 *a, u8 *sig, u8 *ex) {
  u16 sw;
  __asm__ volatile(
      "fninit\n\tfldcw %3\n\tfldt %4\n\tfxtract\n\tfnstsw %0\n\t"
      "fstpt %1\n\tfstpt %2"
      : "=m"(sw), "=m"(*(u8(*)[10])sig), "=m"(*(u8(*)[10])ex)
      : "m"(cw), "m"(*(const u8(*)[10])a));
  return sw;
}

/* ST0 = a, a store to memory of another format. */
#define X87_STORE(NAME, INSN, T)                              \
  static u16 x87_##NAME(u16 cw, const u8 *a, T *r) {          \
    u16 sw;                                                   \
    __asm__ volatile("fninit\n\tfldcw %2\n\tfldt %3\n\t" INSN \
                     " %1\n\tfnstsw %0"                       \
                     : "=m"(sw), "=m"(*r)                     \
                     : "m"(cw), "m"(*(const u8(*)[10])a));    \
    return sw;                                                \
  }
X87_STORE(fist16, "fistps", i16)
X87_STORE(fist32, "fistpl", i32)
X87_STORE(fist64, "fistpll", i64)
X87_STORE(fisttp16, "fisttps", i16)
X87_STORE(fisttp32, "fisttpl", i32)
X87_STORE(fisttp64, "fisttpll", i64)
X87_STORE(fst32, "fstps", u32)
X87_STORE(fst64, "fstpl", u64)

static u16 x87_fbstp(u16 cw, const u8 *a, u8 *r) {
  u16 sw;
  __asm__ volatile("fninit\n\tfldcw %2\n\tfldt %3\n\tfbstp %1\n\tfnstsw %0"
                   : "=m"(sw), "=m"(*(u8(*)[10])r)
                   : "m"(cw), "m"(*(const u8(*)[10])a));
  return sw;
}

/* A load from memory of another format, stored back as 80 bits. */
#define X87_LOAD(NAME, INSN, T)                      \
  static u16 x87_##NAME(u16 cw, const T *m, u8 *r) { \
    u16 sw;                                          \
    __asm__ volatile("fninit\n\tfldcw %2\n\t" INSN   \
                     " %3\n\tfnstsw %0\n\tfstpt %1"  \
                     : "=m"(sw), "=m"(*(u8(*)[10])r) \
                     : "m"(cw), "m"(*m));            \
    return sw;                                       \
  }
X87_LOAD(fld32, "flds", u32)
X87_LOAD(fld64, "fldl", u64)

static u16 x87_fbld(u16 cw, const u8 *m, u8 *r) {
  u16 sw;
  __asm__ volatile("fninit\n\tfldcw %2\n\tfbld %3\n\tfnstsw %0\n\tfstpt %1"
                   : "=m"(sw), "=m"(*(u8(*)[10])r)
                   : "m"(cw), "m"(*(const u8(*)[10])m));
  return sw;
}

X87_UN(f2xm1, "f2xm1")
X87_UN(fsin, "fsin")
X87_UN(fcos, "fcos")
X87_PAIR(fyl2x, "fyl2x")
X87_PAIR(fyl2xp1, "fyl2xp1")
X87_PAIR(fpatan, "fpatan")

/* FSINCOS and FPTAN push: r gets ST0 (cos, or 1.0), r2 ST1 (sin, tan). */
#define X87_PUSH(NAME, INSN)                                               \
  static u16 x87_##NAME(u16 cw, const u8 *a, u8 *r, u8 *r2) {              \
    u16 sw;                                                                \
    __asm__ volatile("fninit\n\tfldcw %3\n\tfldt %4\n\t" INSN              \
                     "\n\tfnstsw %0\n\tfstpt %1\n\tfstpt %2"               \
                     : "=m"(sw), "=m"(*(u8(*)[10])r), "=m"(*(u8(*)[10])r2) \
                     : "m"(cw), "m"(*(const u8(*)[10])a));                 \
    return sw;                                                             \
  }
X87_PUSH(fsincos, "fsincos")
X87_PUSH(fptan, "fptan")

/* ST0 = a, then one instruction with a memory operand. */
#define X87_MEM(NAME, INSN, T)                                      \
  static u16 x87_##NAME(u16 cw, const u8 *a, const T *m, u8 *r) {   \
    u16 sw;                                                         \
    __asm__ volatile("fninit\n\tfldcw %2\n\tfldt %3\n\t" INSN       \
                     " %4\n\tfnstsw %0\n\tfstpt %1"                 \
                     : "=m"(sw), "=m"(*(u8(*)[10])r)                \
                     : "m"(cw), "m"(*(const u8(*)[10])a), "m"(*m)); \
    return sw;                                                      \
  }
X87_MEM(fadds, "fadds", u32)
X87_MEM(fsubl, "fsubl", u64)
X87_MEM(fsubrs, "fsubrs", u32)
X87_MEM(fmull, "fmull", u64)
X87_MEM(fdivs, "fdivs", u32)
X87_MEM(fdivrl, "fdivrl", u64)
X87_MEM(fcoms, "fcoms", u32)
X87_MEM(fcoml, "fcoml", u64)
X87_MEM(fiadds, "fiadds", i16)
X87_MEM(fidivl, "fidivl", i32)
X87_MEM(ficoms, "ficoms", i16)

/* With overflow or underflow unmasked: FNSAVE (which does not wait, so
 * the pending exception is not delivered) gives the status word and ST0. */
#define X87_SAVE(NAME, INSN)                                                \
  static u16 x87_##NAME(u16 cw, const u8 *a, const u8 *b, u8 *r) {          \
    u8 save[108];                                                           \
    __asm__ volatile(                                                       \
        "fninit\n\tfldcw %1\n\tfldt %3\n\tfldt %2\n\t" INSN "\n\tfnsave %0" \
        : "=m"(save)                                                        \
        : "m"(cw), "m"(*(const u8(*)[10])a), "m"(*(const u8(*)[10])b));     \
    memcpy(r, save + 28, 10);                                               \
    return read16le(save + 4);                                              \
  }
X87_SAVE(fadd_u, "fadd %%st(1), %%st")
X87_SAVE(fmul_u, "fmul %%st(1), %%st")
X87_SAVE(fdiv_u, "fdiv %%st(1), %%st")
X87_SAVE(fsqrt_u, "fsqrt")
X87_SAVE(fscale_u, "fscale")
X87_SAVE(fprem_u, "fprem")
X87_SAVE(fprem1_u, "fprem1")
X87_SAVE(f2xm1_u, "f2xm1")
X87_SAVE(fsin_u, "fsin")
X87_SAVE(fyl2x_u, "fyl2x")
X87_SAVE(fyl2xp1_u, "fyl2xp1")
X87_SAVE(fpatan_u, "fpatan")

/* A constant pushed under the control word. */
#define X87_CONST(NAME)                              \
  static u16 x87_##NAME(u16 cw, u8 *r) {             \
    u16 sw;                                          \
    __asm__ volatile("fninit\n\tfldcw %2\n\t" #NAME  \
                     "\n\tfnstsw %0\n\tfstpt %1"     \
                     : "=m"(sw), "=m"(*(u8(*)[10])r) \
                     : "m"(cw));                     \
    return sw;                                       \
  }
X87_CONST(fldl2t)
X87_CONST(fldl2e)
X87_CONST(fldpi)
X87_CONST(fldlg2)
X87_CONST(fldln2)

/* Bookkeeping. */

enum {
  OP_ADD,
  OP_SUB,
  OP_MUL,
  OP_DIV,
  OP_SQRT,
  OP_FCOM,
  OP_FUCOM,
  OP_FXAM,
  OP_FRNDINT,
  OP_FIST16,
  OP_FIST32,
  OP_FIST64,
  OP_FISTTP16,
  OP_FISTTP32,
  OP_FISTTP64,
  OP_FLD32,
  OP_FLD64,
  OP_FST32,
  OP_FST64,
  OP_FBLD,
  OP_FBSTP,
  OP_FSCALE,
  OP_FXTRACT,
  OP_FPREM,
  OP_FPREM1,
  OP_FADDS,
  OP_FSUBL,
  OP_FSUBRS,
  OP_FMULL,
  OP_FDIVS,
  OP_FDIVRL,
  OP_FCOMS,
  OP_FCOML,
  OP_FIADDS,
  OP_FIDIVL,
  OP_FICOMS,
  OP_FADD_U,
  OP_FMUL_U,
  OP_FDIV_U,
  OP_FSQRT_U,
  OP_FSCALE_U,
  OP_FPREM_U,
  OP_FPREM1_U,
  OP_FLDCONST,
  OP_COUNT
};

static const char *const kOpName[] = {"fadd",
                                      "fsub",
                                      "fmul",
                                      "fdiv",
                                      "fsqrt",
                                      "fcom",
                                      "fucom",
                                      "fxam",
                                      "frndint",
                                      "fist16",
                                      "fist32",
                                      "fist64",
                                      "fisttp16",
                                      "fisttp32",
                                      "fisttp64",
                                      "fld32",
                                      "fld64",
                                      "fst32",
                                      "fst64",
                                      "fbld",
                                      "fbstp",
                                      "fscale",
                                      "fxtract",
                                      "fprem",
                                      "fprem1",
                                      "fadds",
                                      "fsubl",
                                      "fsubrs",
                                      "fmull",
                                      "fdivs",
                                      "fdivrl",
                                      "fcoms",
                                      "fcoml",
                                      "fiadds",
                                      "fidivl",
                                      "ficoms",
                                      "fadd/unmasked",
                                      "fmul/unmasked",
                                      "fdiv/unmasked",
                                      "fsqrt/unmasked",
                                      "fscale/unmasked",
                                      "fprem/unmasked",
                                      "fprem1/unmasked",
                                      "fldpi etc."};
_Static_assert(ARRAY_LEN(kOpName) == OP_COUNT, "a name for every operation");

static long cases[OP_COUNT], mismatches[OP_COUNT];
/* How often the host raised IE, DE, ZE, OE, UE, PE and set C2: evidence
 * that the generator reaches every path (FPU80_DIFF_VERBOSE prints it). */
static long raised[OP_COUNT][7];
static long shown;

#define SW_MASK (0x3f | FPU80_CC)

static void hex(const char *name, const u8 *p, int n) {
  int i;
  printf(" %s=", name);
  for (i = n - 1; i >= 0; --i) printf("%02x", p[i]);
}

/* Compares n result bytes and the status words; prints the first few
 * mismatches with their operands. */
static void check(int op, u16 cw, const u8 *a, const u8 *b, int nin,
                  const u8 *want, const u8 *got, int n, u16 wsw, u16 gsw,
                  u16 swmask) {
  int i;
  ++cases[op];
  for (i = 0; i < 6; ++i) raised[op][i] += wsw >> i & 1;
  raised[op][6] += !!(wsw & FPU80_C2);
  if (!memcmp(want, got, n) && (wsw & swmask) == (gsw & swmask)) return;
  ++mismatches[op];
  if (shown++ >= 40) return;
  printf("MISMATCH %s cw=%04x", kOpName[op], cw);
  if (nin >= 1) hex("a", a, 10);
  if (nin >= 2) hex("b", b, 10);
  hex("want", want, n);
  hex("got", got, n);
  printf(" sw want=%04x got=%04x\n", wsw & swmask, gsw & swmask);
}

typedef struct fpu80 (*binop)(struct fpu80_env *, struct fpu80, struct fpu80);
typedef u16 (*x87_binop)(u16, const u8 *, const u8 *, u8 *);

static void run_binary(int op, struct fpu80 a, struct fpu80 b, u16 cw) {
  static const binop kLib[] = {fpu80_add, fpu80_sub, fpu80_mul, fpu80_div};
  static const x87_binop kX87[] = {x87_fadd, x87_fsub, x87_fmul, x87_fdiv};
  struct fpu80_env e = {cw, 0};
  u8 ma[10], mb[10], want[10], got[10];
  u16 sw;
  fpu80_store(ma, a);
  fpu80_store(mb, b);
  sw = kX87[op](cw, ma, mb, want);
  fpu80_store(got, kLib[op](&e, a, b));
  check(op, cw, ma, mb, 2, want, got, 10, sw, e.sw, SW_MASK);
}

static void run_pair(int op, struct fpu80 a, struct fpu80 b, u16 cw) {
  struct fpu80_env e = {cw, 0};
  u8 ma[10], mb[10], want[10], got[10];
  u16 sw, mask = SW_MASK;
  struct fpu80 r = a;
  fpu80_store(ma, a);
  fpu80_store(mb, b);
  switch (op) {
    case OP_FSCALE:
      sw = x87_fscale(cw, ma, mb, want);
      r = fpu80_scale(&e, a, b);
      break;
    case OP_FPREM:
    case OP_FPREM1:
      sw = op == OP_FPREM ? x87_fprem(cw, ma, mb, want)
                          : x87_fprem1(cw, ma, mb, want);
      r = fpu80_prem(&e, a, b, op == OP_FPREM1);
      break;
    default:
      sw = op == OP_FCOM ? x87_fcom(cw, ma, mb, want)
                         : x87_fucom(cw, ma, mb, want);
      fpu80_compare(&e, a, b, op == OP_FUCOM);
      break;
  }
  fpu80_store(got, r);
  check(op, cw, ma, mb, 2, want, got, 10, sw, e.sw, mask);
}

static void run_unary(int op, struct fpu80 a, u16 cw) {
  struct fpu80_env e = {cw, 0};
  u8 ma[10], want[20], got[20];
  u16 sw;
  int n = 10;
  struct fpu80 s;
  fpu80_store(ma, a);
  switch (op) {
    case OP_SQRT:
      sw = x87_fsqrt(cw, ma, want);
      fpu80_store(got, fpu80_sqrt(&e, a));
      break;
    case OP_FRNDINT:
      sw = x87_frndint(cw, ma, want);
      fpu80_store(got, fpu80_round_int(&e, a));
      break;
    case OP_FXAM:
      sw = x87_fxam(cw, ma, want);
      fpu80_examine(&e, a);
      fpu80_store(got, a);
      break;
    default:
      sw = x87_fxtract(cw, ma, want, want + 10);
      fpu80_store(got + 10, fpu80_xtract(&e, a, &s));
      fpu80_store(got, s);
      n = 20;
      break;
  }
  check(op, cw, ma, 0, 1, want, got, n, sw, e.sw, SW_MASK);
}

static void run_store(int op, struct fpu80 a, u16 cw) {
  struct fpu80_env e = {cw, 0};
  u8 ma[10], want[10], got[10];
  u16 sw;
  int n;
  i16 w16;
  i32 w32;
  i64 w64;
  u32 f32;
  u64 f64;
  fpu80_store(ma, a);
  memset(want, 0, 10);
  memset(got, 0, 10);
  switch (op) {
    case OP_FIST16:
    case OP_FISTTP16:
      sw = op == OP_FIST16 ? x87_fist16(cw, ma, &w16)
                           : x87_fisttp16(cw, ma, &w16);
      write16le(want, w16);
      write16le(got, fpu80_to_int(&e, a, 16, op == OP_FISTTP16));
      n = 2;
      break;
    case OP_FIST32:
    case OP_FISTTP32:
      sw = op == OP_FIST32 ? x87_fist32(cw, ma, &w32)
                           : x87_fisttp32(cw, ma, &w32);
      write32le(want, w32);
      write32le(got, fpu80_to_int(&e, a, 32, op == OP_FISTTP32));
      n = 4;
      break;
    case OP_FIST64:
    case OP_FISTTP64:
      sw = op == OP_FIST64 ? x87_fist64(cw, ma, &w64)
                           : x87_fisttp64(cw, ma, &w64);
      write64le(want, w64);
      write64le(got, fpu80_to_int(&e, a, 64, op == OP_FISTTP64));
      n = 8;
      break;
    case OP_FST32:
      sw = x87_fst32(cw, ma, &f32);
      write32le(want, f32);
      write32le(got, fpu80_to_f32(&e, a));
      n = 4;
      break;
    case OP_FST64:
      sw = x87_fst64(cw, ma, &f64);
      write64le(want, f64);
      write64le(got, fpu80_to_f64(&e, a));
      n = 8;
      break;
    default:
      sw = x87_fbstp(cw, ma, want);
      fpu80_to_bcd(&e, a, got);
      n = 10;
      break;
  }
  check(op, cw, ma, 0, 1, want, got, n, sw, e.sw, SW_MASK);
}

/* An operand for the integer stores: near the limits of each width, of
 * 10^18 for FBSTP, and halfway between integers. */
static struct fpu80 gen_intish(void) {
  struct fpu80 x;
  u16 s = (rnd() & 1) ? 0x8000 : 0;
  switch (rnd_below(5)) {
    case 0: {
      static const int kTop[] = {14, 15, 16, 30, 31, 32, 58, 59, 62, 63, 64};
      x = fpu80_make(s | (0x3fff + kTop[rnd_below(ARRAY_LEN(kTop))]),
                     gen_sig());
      return x;
    }
    case 1:
      x = fpu80_from_int(rnd_below(2) ? 999999999999999999ll
                                      : 1000000000000000000ll);
      x.sig += rnd_below(4096) - 2048;
      x.se |= s;
      return x;
    case 2:
      x = fpu80_from_int(rnd() >> rnd_below(64));
      if (x.sig) x.sig |= 1ull << rnd_below(8);
      x.se |= s;
      return x;
    default: return gen80();
  }
}

static void run_loads(int op, u16 cw) {
  struct fpu80_env e = {cw, 0};
  u8 want[10], got[10], m[10];
  u16 sw;
  u64 f = rnd();
  static const u64 kF64[] = {0x7ff0000000000000ull, 0x7ff8000000000000ull,
                             0x7ff0000000000001ull, 0x0000000000000001ull,
                             0x000fffffffffffffull, 0x8000000000000000ull,
                             0x0010000000000000ull, 0x7fefffffffffffffull};
  static const u32 kF32[] = {0x7f800000, 0x7fc00000, 0x7f800001, 0x00000001,
                             0x007fffff, 0x80000000, 0x00800000, 0x7f7fffff};
  switch (rnd_below(4)) {
    case 0: f = op == OP_FLD32 ? kF32[rnd_below(8)] : kF64[rnd_below(8)]; break;
    case 1: f >>= rnd_below(64); break;
    default: break;
  }
  if (rnd() & 1) f ^= op == OP_FLD32 ? 0x80000000ull : 0x8000000000000000ull;
  if (op == OP_FLD32) {
    u32 g = (u32)f;
    write32le(m, g);
    sw = x87_fld32(cw, &g, want);
    fpu80_store(got, fpu80_from_f32(&e, g));
    check(op, cw, m, 0, 0, want, got, 10, sw, e.sw, SW_MASK);
  } else if (op == OP_FLD64) {
    write64le(m, f);
    sw = x87_fld64(cw, &f, want);
    fpu80_store(got, fpu80_from_f64(&e, f));
    check(op, cw, m, 0, 0, want, got, 10, sw, e.sw, SW_MASK);
  } else {
    int i;
    for (i = 0; i < 9; ++i) {
      m[i] = rnd_below(10) | rnd_below(10) << 4;
    }
    if (rnd_below(4) == 0) memset(m, 0, 9);
    if (rnd_below(4) == 0) memset(m, 0x99, 9);
    m[9] = (rnd() & 1) ? 0x80 : 0;
    /* Digits above 9 and the unused bits of byte 9 are undefined by the
     * SDM; the library still does what the host does. */
    if (rnd_below(4) == 0) {
      for (i = 0; i < 10; ++i) m[i] = rnd();
    }
    sw = x87_fbld(cw, m, want);
    fpu80_store(got, fpu80_from_bcd(m));
    check(op, cw, m, 0, 0, want, got, 10, sw, e.sw, SW_MASK);
  }
}

/* Transcendentals: within 1 ulp of the host, aim for identical. */

enum {
  T_F2XM1,
  T_FYL2X,
  T_FYL2XP1,
  T_FPATAN,
  T_FSIN,
  T_FCOS,
  T_FSINCOS,
  T_FPTAN,
  T_COUNT
};

static const char *const kTransName[T_COUNT] = {
    "f2xm1", "fyl2x", "fyl2xp1", "fpatan", "fsin", "fcos", "fsincos", "fptan"};

/* ulps[op][0], [1]: results 0 and 1 ulp from the host's; [2]: more. */
static long tcases[T_COUNT], ulps[T_COUNT][3], tflags[T_COUNT], tc1[T_COUNT];
static const char *tshow;
static long tshown;

/* An integer that orders 80-bit values as the reals they denote. */
static __int128 key80(const u8 *p) {
  struct fpu80 x = fpu80_load(p);
  int ex = x.se & 0x7fff;
  __int128 k = (__int128)(ex ? ex - 1 : 0) << 63;
  k += x.sig;
  return x.se >> 15 ? -k : k;
}

static void tcheck(int op, u16 cw, const u8 *a, const u8 *b, int nin,
                   const u8 *want, const u8 *got, u16 wsw, u16 gsw) {
  __int128 d;
  u16 mask = 0x3f | FPU80_C2;
  int bucket;
  ++tcases[op];
  if (!memcmp(want, got, 10)) {
    bucket = 0;
    mask |= FPU80_C1;
  } else {
    /* Neighbours differ by 1 in key80, the largest finite number and
     * infinity included; a NaN is never a neighbour. Across such a
     * boundary OE, UE and C1 follow the rounding, so only the other
     * flags must agree. */
    d = key80(want) - key80(got);
    if (d < 0) d = -d;
    bucket = d == 1 ? 1 : 2;
    if (FPU80_IS_NAN(fpu80_kind(fpu80_load(want))) ||
        FPU80_IS_NAN(fpu80_kind(fpu80_load(got))))
      bucket = 2;
    mask &= ~(FPU80_OE | FPU80_UE);
  }
  ++ulps[op][bucket];
  /* C1 says which way the result was rounded: where the host's internal
   * approximation and ours straddle the returned value, they differ
   * without either being wrong. Counted apart. */
  if (bucket == 0 && ((wsw ^ gsw) & mask) == FPU80_C1) {
    ++tc1[op];
    return;
  }
  if (bucket < 2 && (wsw & mask) == (gsw & mask) &&
      !(bucket == 1 && tshow && getenv("FPU80_DIFF_ULP1")))
    return;
  if (bucket < 2) ++tflags[op];
  if (tshow && strcmp(tshow, kTransName[op])) return;
  if (tshown++ >= (getenv("FPU80_DIFF_ULP1") ? 100000 : 30)) return;
  printf("%s %s cw=%04x", bucket == 2 ? "ULPS" : "FLAGS", kTransName[op], cw);
  if (nin >= 1) hex("a", a, 10);
  if (nin >= 2) hex("b", b, 10);
  hex("want", want, 10);
  hex("got", got, 10);
  printf(" sw want=%04x got=%04x\n", wsw & mask, gsw & mask);
}

/* An angle: anywhere up to past 2^63, or next to a multiple of pi/2. */
static struct fpu80 gen_angle(void) {
  struct fpu80_env e = {FPU80_CW_DEFAULT, 0};
  struct fpu80 x;
  u16 s = (rnd() & 1) ? 0x8000 : 0;
  switch (rnd_below(6)) {
    case 0: return gen80();
    case 1:
      x = fpu80_mul(&e, fpu80_from_int(rnd() >> rnd_below(64)),
                    fpu80_make(0x3fff, 0xc90fdaa22168c235ull));
      x.sig += rnd_below(64) - 32;
      x.se |= s;
      return x;
    case 2: return fpu80_make(s | (0x3fff - rnd_below(70)), gen_sig());
    default: return fpu80_make(s | (0x3fff - 10 + rnd_below(76)), gen_sig());
  }
}

static void run_trans(int op, u16 cw) {
  /* A quarter of F2XM1, FYL2X, FYL2XP1, FPATAN and FSIN run with OE and
   * UE unmasked (read back with FNSAVE). */
  int unmask = op <= T_FSIN && rnd_below(4) == 0;
  struct fpu80_env e = {cw = unmask ? cw & ~(FPU80_OE | FPU80_UE) : cw, 0};
  struct fpu80 a, b, r, r2;
  u8 ma[10], mb[10], want[10], want2[10], got[10], got2[10];
  u16 sw, s = (rnd() & 1) ? 0x8000 : 0;
  switch (op) {
    case T_F2XM1:
      a = rnd_below(8) ? fpu80_make(s | (0x3fff - rnd_below(80)), gen_sig())
                       : gen_special();
      if (fpu80_kind(a) == K_NORMAL && (a.se & 0x7fff) >= 0x3fff)
        a = fpu80_make(a.se & 0xbfff, FPU80_J); /* +-1: |a| <= 1 only */
      fpu80_store(ma, a);
      sw = unmask ? x87_f2xm1_u(cw, ma, ma, want) : x87_f2xm1(cw, ma, want);
      fpu80_store(got, fpu80_f2xm1(&e, a));
      tcheck(op, cw, ma, 0, 1, want, got, sw, e.sw);
      return;
    case T_FYL2X:
    case T_FYL2XP1:
    case T_FPATAN:
      if (op == T_FYL2XP1) {
        /* Defined for |x| < 1 - sqrt(2) / 2 only. */
        do {
          a = rnd_below(8) ? fpu80_make(s | (0x3ffd - rnd_below(80)), gen_sig())
                           : gen_special();
        } while (fpu80_kind(a) == K_NORMAL && (a.se & 0x7fff) >= 0x3ffd &&
                 ((a.se & 0x7fff) > 0x3ffd || a.sig > 0x95f619980c4336f7ull));
      } else {
        a = gen80();
        if (op == T_FYL2X && rnd_below(4)) a.se &= 0x7fff;
        if (op == T_FYL2X && rnd_below(3) == 0)
          a = fpu80_make(0x3fff - (rnd() & 1), gen_sig());
      }
      b = gen80();
      fpu80_store(ma, a);
      fpu80_store(mb, b);
      if (op == T_FYL2X) {
        sw = unmask ? x87_fyl2x_u(cw, ma, mb, want)
                    : x87_fyl2x(cw, ma, mb, want);
        r = fpu80_fyl2x(&e, a, b);
      } else if (op == T_FYL2XP1) {
        sw = unmask ? x87_fyl2xp1_u(cw, ma, mb, want)
                    : x87_fyl2xp1(cw, ma, mb, want);
        r = fpu80_fyl2xp1(&e, a, b);
      } else {
        sw = unmask ? x87_fpatan_u(cw, ma, mb, want)
                    : x87_fpatan(cw, ma, mb, want);
        r = fpu80_fpatan(&e, a, b);
      }
      fpu80_store(got, r);
      tcheck(op, cw, ma, mb, 2, want, got, sw, e.sw);
      return;
    default: break;
  }
  a = gen_angle();
  fpu80_store(ma, a);
  r = r2 = a;
  switch (op) {
    case T_FSIN:
      sw = unmask ? x87_fsin_u(cw, ma, ma, want) : x87_fsin(cw, ma, want);
      fpu80_sincos(&e, a, &r, 0);
      break;
    case T_FCOS:
      sw = x87_fcos(cw, ma, want);
      fpu80_sincos(&e, a, 0, &r);
      break;
    case T_FSINCOS:
      sw = x87_fsincos(cw, ma, want, want2);
      fpu80_sincos(&e, a, &r2, &r);
      break;
    default:
      sw = x87_fptan(cw, ma, want, want2);
      fpu80_ptan(&e, a, &r2, &r);
      break;
  }
  if (sw & FPU80_C2) { /* out of range: only the operand stays */
    memcpy(want, ma, 10);
    memcpy(want2, ma, 10);
  }
  fpu80_store(got, r);
  fpu80_store(got2, r2);
  tcheck(op, cw, ma, 0, 1, want, got, sw, e.sw);
  if (op >= T_FSINCOS) {
    tcheck(op, cw, ma, 0, 1, want2, got2, sw, e.sw);
  }
}

/* Binary32 and binary64 memory operands: every class, biased to edges. */
static u64 gen_ieee(int bits) {
  static const u64 kF64[] = {0x7ff0000000000000ull, 0x7ff8000000000000ull,
                             0x7ff0000000000001ull, 0x0000000000000001ull,
                             0x000fffffffffffffull, 0x8000000000000000ull,
                             0x0010000000000000ull, 0x7fefffffffffffffull,
                             0x3ff0000000000000ull, 0x7ff4000000000000ull};
  static const u32 kF32[] = {0x7f800000, 0x7fc00000, 0x7f800001, 0x00000001,
                             0x007fffff, 0x80000000, 0x00800000, 0x7f7fffff,
                             0x3f800000, 0x7fa00000};
  u64 f = rnd(), sign = bits == 32 ? 0x80000000ull : 0x8000000000000000ull;
  switch (rnd_below(5)) {
    case 0:
      f = bits == 32 ? kF32[rnd_below(ARRAY_LEN(kF32))]
                     : kF64[rnd_below(ARRAY_LEN(kF64))];
      break;
    case 1: f >>= rnd_below(64); break;
    case 2: /* near 1, for sums and quotients that round */
      f = bits == 32 ? 0x3f000000 + (u32)rnd_below(0x2000000)
                     : 0x3fe0000000000000ull + (rnd() >> 10);
      break;
    default: break;
  }
  if (bits == 32) f &= 0xffffffff;
  if (rnd() & 1) f ^= sign;
  return f;
}

static void run_mem(int op, struct fpu80 a, u16 cw) {
  struct fpu80_env e = {cw, 0};
  u8 ma[10], mb[10], want[10], got[10];
  u16 sw = 0;
  int d = 0;
  u32 f32 = gen_ieee(32);
  u64 f64 = gen_ieee(64);
  i16 w16 = rnd() >> rnd_below(64);
  i32 w32 = rnd() >> rnd_below(64);
  struct fpu80 b, r = a;
  fpu80_store(ma, a);
  memset(mb, 0, 10);
  switch (op) {
    case OP_FADDS:
    case OP_FSUBRS:
    case OP_FDIVS:
    case OP_FCOMS:
      b = fpu80_widen_f32(f32, &d);
      write32le(mb, f32);
      break;
    case OP_FIADDS:
    case OP_FICOMS:
      b = fpu80_from_int(w16);
      write16le(mb, w16);
      break;
    case OP_FIDIVL:
      b = fpu80_from_int(w32);
      write32le(mb, w32);
      break;
    default:
      b = fpu80_widen_f64(f64, &d);
      write64le(mb, f64);
      break;
  }
  switch (op) {
    case OP_FADDS:
      sw = x87_fadds(cw, ma, &f32, want);
      r = fpu80_arith(&e, FPU80_OP_ADD, a, b, d << 1);
      break;
    case OP_FSUBL:
      sw = x87_fsubl(cw, ma, &f64, want);
      r = fpu80_arith(&e, FPU80_OP_SUB, a, b, d << 1);
      break;
    case OP_FSUBRS:
      sw = x87_fsubrs(cw, ma, &f32, want);
      r = fpu80_arith(&e, FPU80_OP_SUB, b, a, d);
      break;
    case OP_FMULL:
      sw = x87_fmull(cw, ma, &f64, want);
      r = fpu80_arith(&e, FPU80_OP_MUL, a, b, d << 1);
      break;
    case OP_FDIVS:
      sw = x87_fdivs(cw, ma, &f32, want);
      r = fpu80_arith(&e, FPU80_OP_DIV, a, b, d << 1);
      break;
    case OP_FDIVRL:
      sw = x87_fdivrl(cw, ma, &f64, want);
      r = fpu80_arith(&e, FPU80_OP_DIV, b, a, d);
      break;
    case OP_FCOMS:
      sw = x87_fcoms(cw, ma, &f32, want);
      fpu80_compare_mem(&e, a, b, 0, d << 1);
      break;
    case OP_FCOML:
      sw = x87_fcoml(cw, ma, &f64, want);
      fpu80_compare_mem(&e, a, b, 0, d << 1);
      break;
    case OP_FIADDS:
      sw = x87_fiadds(cw, ma, &w16, want);
      r = fpu80_arith(&e, FPU80_OP_ADD, a, b, 0);
      break;
    case OP_FIDIVL:
      sw = x87_fidivl(cw, ma, &w32, want);
      r = fpu80_arith(&e, FPU80_OP_DIV, a, b, 0);
      break;
    default:
      sw = x87_ficoms(cw, ma, &w16, want);
      fpu80_compare_mem(&e, a, b, 0, 0);
      break;
  }
  fpu80_store(got, r);
  check(op, cw, ma, mb, 2, want, got, 10, sw, e.sw, SW_MASK);
}

/* Overflow, underflow or both unmasked; operands near the ends of the
 * range so that both happen often. */
static void run_unmasked(int op, u16 cw) {
  static const binop kLib[] = {fpu80_add, fpu80_mul, fpu80_div};
  static const x87_binop kX87[] = {x87_fadd_u,  x87_fmul_u,   x87_fdiv_u,
                                   x87_fsqrt_u, x87_fscale_u, x87_fprem_u,
                                   x87_fprem1_u};
  struct fpu80_env e;
  struct fpu80 a = gen80(), b = gen_b(a), r;
  u8 ma[10], mb[10], want[10], got[10];
  u16 sw;
  cw &= ~(rnd_below(3) == 0   ? FPU80_OE
          : rnd_below(2) == 0 ? FPU80_UE
                              : FPU80_OE | FPU80_UE);
  e.cw = cw, e.sw = 0;
  if (op == OP_FSCALE_U && rnd_below(2))
    b = fpu80_from_int((i64)rnd_below(70000) - 35000);
  fpu80_store(ma, a);
  fpu80_store(mb, b);
  sw = kX87[op - OP_FADD_U](cw, ma, mb, want);
  switch (op) {
    case OP_FSQRT_U: r = fpu80_sqrt(&e, a); break;
    case OP_FSCALE_U: r = fpu80_scale(&e, a, b); break;
    case OP_FPREM_U:
    case OP_FPREM1_U: r = fpu80_prem(&e, a, b, op == OP_FPREM1_U); break;
    default: r = kLib[op - OP_FADD_U](&e, a, b); break;
  }
  fpu80_store(got, r);
  check(op, cw, ma, mb, 2, want, got, 10, sw, e.sw, SW_MASK);
}

static void run_const(u16 cw) {
  typedef u16 (*x87_const)(u16, u8 *);
  static const x87_const kX87[] = {x87_fldl2t, x87_fldl2e, x87_fldpi,
                                   x87_fldlg2, x87_fldln2};
  struct fpu80_env e = {cw, 0};
  int k = rnd_below(5);
  u8 want[10], got[10];
  u16 sw = kX87[k](cw, want);
  fpu80_store(got, fpu80_const(&e, k));
  check(OP_FLDCONST, cw, 0, 0, 0, want, got, 10, sw, e.sw, SW_MASK);
}

int main(void) {
  long n = 2000000, i;
  long total = 0, bad = 0, ttotal = 0, t0 = 0, t1 = 0, tbad = 0;
  const char *s;
  int op;
  if ((s = getenv("FPU80_DIFF_CASES"))) n = atol(s);
  if ((s = getenv("FPU80_DIFF_SEED"))) rng_state = strtoull(s, 0, 0) | 1;
  tshow = getenv("FPU80_DIFF_SHOW");
  for (i = 0; i < n; ++i) {
    u16 cw = gen_cw();
    struct fpu80 a;
    op = i % OP_COUNT;
    switch (op) {
      case OP_ADD:
      case OP_SUB:
      case OP_MUL:
      case OP_DIV:
        a = gen80();
        run_binary(op, a, gen_b(a), cw);
        break;
      case OP_FSCALE: {
        struct fpu80 b = rnd_below(2)
                             ? gen80()
                             : fpu80_from_int((i64)rnd_below(70000) - 35000);
        run_pair(op, gen80(), b, cw);
        break;
      }
      case OP_FCOM:
      case OP_FUCOM:
      case OP_FPREM:
      case OP_FPREM1:
        a = gen80();
        run_pair(op, a, gen_b(a), cw);
        break;
      case OP_SQRT:
        if (rnd_below(3) == 0) { /* k^2 and its neighbours: exact roots */
          u64 k = rnd() >> (33 + rnd_below(31));
          a = fpu80_from_int((i64)(k * k + rnd_below(5) - 2));
          a.se += 2 * rnd_below(32) - 32;
          run_unary(op, a, cw);
          break;
        }
        run_unary(op, gen80(), cw);
        break;
      case OP_FXAM:
      case OP_FXTRACT: run_unary(op, gen80(), cw); break;
      case OP_FRNDINT: run_unary(op, gen_intish(), cw); break;
      case OP_FLD32:
      case OP_FLD64:
      case OP_FBLD: run_loads(op, cw); break;
      case OP_FIST16:
      case OP_FIST32:
      case OP_FIST64:
      case OP_FISTTP16:
      case OP_FISTTP32:
      case OP_FISTTP64:
      case OP_FST32:
      case OP_FST64:
      case OP_FBSTP: run_store(op, gen_intish(), cw); break;
      case OP_FADD_U:
      case OP_FMUL_U:
      case OP_FDIV_U:
      case OP_FSQRT_U:
      case OP_FSCALE_U:
      case OP_FPREM_U:
      case OP_FPREM1_U: run_unmasked(op, cw); break;
      case OP_FLDCONST: run_const(cw); break;
      default:
        a = rnd_below(4) ? gen80() : fpu80_from_int(rnd() >> rnd_below(64));
        run_mem(op, a, cw);
        break;
    }
  }
  for (i = 0; i < n / 8; ++i) run_trans(i % T_COUNT, gen_cw());
  for (op = 0; op < T_COUNT; ++op) {
    printf(
        "%s: %ld results, %ld exact, %ld 1 ulp, %ld more; flags differ "
        "in %ld, C1 alone in %ld\n",
        kTransName[op], tcases[op], ulps[op][0], ulps[op][1], ulps[op][2],
        tflags[op], tc1[op]);
  }
  if (getenv("FPU80_DIFF_VERBOSE")) {
    for (op = 0; op < OP_COUNT; ++op) {
      printf(
          "%-9s %8ld cases: IE %ld DE %ld ZE %ld OE %ld UE %ld PE %ld C2 %ld\n",
          kOpName[op], cases[op], raised[op][0], raised[op][1], raised[op][2],
          raised[op][3], raised[op][4], raised[op][5], raised[op][6]);
    }
  }
  for (op = 0; op < OP_COUNT; ++op) {
    total += cases[op];
    bad += mismatches[op];
    if (mismatches[op])
      printf("%s: %ld of %ld mismatched\n", kOpName[op], mismatches[op],
             cases[op]);
  }
  for (op = 0; op < T_COUNT; ++op) {
    ttotal += tcases[op];
    t0 += ulps[op][0];
    t1 += ulps[op][1];
    tbad += ulps[op][2] + tflags[op];
  }
  printf(
      "fpu80_diff: %ld cases, %ld mismatches over %d operations; "
      "transcendentals: %ld results, %ld exact, %ld 1 ulp, %ld worse or "
      "flags differ\n",
      total, bad, OP_COUNT, ttotal, t0, t1, tbad);
  return bad || tbad;
}
