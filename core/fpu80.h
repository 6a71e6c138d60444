/* core/fpu80.h: exact 80-bit extended-precision arithmetic for the x87,
 * private to core/. Integer arithmetic only: no host floating point, no
 * 128-bit integer type, no punning of floats, so every host (x86-64,
 * aarch64, riscv64, big-endian s390x, 32-bit mips) gives the same bits.
 *
 * Representation (SDM vol. 1, 4.2.2 and 8.2): struct fpu80 holds the
 * 64-bit significand with its explicit integer bit J (bit 63) and a u16
 * whose bit 15 is the sign and bits 14:0 the exponent biased by 16383.
 * Every bit pattern is a valid struct fpu80; the classes are
 *
 *   exponent  J  rest of the significand   class
 *   0         0  0                         zero
 *   0         0  not 0                     denormal
 *   0         1  any                       pseudo-denormal (value as if
 *                                          the exponent were 1)
 *   1..7ffe   1  any                       normal
 *   1..7ffe   0  any                       unnormal (unsupported)
 *   7fff      1  0                         infinity
 *   7fff      1  bit 62 = 1                QNaN (0xC000... sign set is
 *                                          the "real indefinite")
 *   7fff      1  bit 62 = 0, rest not 0    SNaN
 *   7fff      0  any                       pseudo-NaN / pseudo-infinity
 *                                          (unsupported)
 *
 * Unsupported operands raise IE and give the real indefinite, as on the
 * 387 and later. Denormal and pseudo-denormal operands of arithmetic raise
 * DE (stores to memory and FXAM do not, as on the CPU). Computed results
 * are canonical: never unnormal, pseudo-anything, or a denormal that
 * could be normal. Every flag, result bit and condition code below was
 * checked against the host x87 by tests/fpu80.
 *
 * The environment: an operation reads the rounding control (RC, bits
 * 11:10) and precision control (PC, bits 9:8) from env->cw, laid out as the
 * x87 control word, and ORs the exception flags it raises into env->sw,
 * laid out as the x87 status word (IE 0x01, DE 0x02, ZE 0x04, OE 0x08, UE
 * 0x10, PE 0x20; they are sticky). It also writes the condition codes it
 * defines (C0 0x100, C1 0x200, C2 0x400, C3 0x4000): rounding operations
 * set C1 when the result was rounded up in magnitude and clear it
 * otherwise; compares set C0/C2/C3; FPREM sets all four. Results are the
 * masked responses of SDM vol. 1, 4.9.1, except that a result bound for a
 * register with OE or UE unmasked in env->cw gets the x87's unmasked
 * response: rounded with an unbounded exponent and delivered with the
 * exponent adjusted by 24576 (infinity or zero if even that is out of
 * range), UE signaled even when exact (SDM vol. 1, 8.5.4, 8.5.5). For
 * the other unmasked exceptions (IE, DE, ZE, and OE/UE on a store to
 * memory) the handler above compares the new flags with the masks and
 * leaves the destination alone before raising #MF. Only FADD, FSUB, FMUL,
 * FDIV and FSQRT honour PC (SDM vol. 1, 8.1.5.2).
 *
 *   struct fpu80_env e = {FPU80_CW_DEFAULT, 0};
 *   struct fpu80 r = fpu80_add(&e, fpu80_from_int(1), fpu80_from_int(2));
 *   ASSERT(r.se == 0x4000 && r.sig == 0xc000000000000000ull && !e.sw);
 */
#ifndef BLINK_CORE_FPU80_H_
#define BLINK_CORE_FPU80_H_

#include "types.h"

struct fpu80 {
  u64 sig; /* significand, J at bit 63 */
  u16 se;  /* sign (bit 15) and biased exponent (bits 14:0) */
};

struct fpu80_env {
  u16 cw; /* in: x87 control word; RC, PC and the OE/UE masks are read */
  u16 sw; /* in/out: x87 status word; flags ORed, condition codes set */
};

/* Status word bits (SDM vol. 1, 8.1.3). */
#define FPU80_IE 0x0001
#define FPU80_DE 0x0002
#define FPU80_ZE 0x0004
#define FPU80_OE 0x0008
#define FPU80_UE 0x0010
#define FPU80_PE 0x0020
#define FPU80_C0 0x0100
#define FPU80_C1 0x0200
#define FPU80_C2 0x0400
#define FPU80_C3 0x4000
#define FPU80_CC (FPU80_C0 | FPU80_C1 | FPU80_C2 | FPU80_C3)

/* Control word fields (SDM vol. 1, 8.1.5). */
#define FPU80_CW_DEFAULT 0x037f /* what FNINIT loads */
#define FPU80_RC_NEAR 0
#define FPU80_RC_DOWN 1
#define FPU80_RC_UP 2
#define FPU80_RC_ZERO 3
#define FPU80_PC_24 0 /* PC 1 is reserved; the CPU treats it as 64 */
#define FPU80_PC_53 2
#define FPU80_PC_64 3
#define FPU80_CW(rc, pc) (0x7f | (pc) << 8 | (rc) << 10)

#define FPU80_EXP_BIAS 16383
#define FPU80_EXP_MAX 0x7fff
#define FPU80_J 0x8000000000000000ull

/* Result of a comparison, as C3/C2/C0 (FCOM) or ZF/PF/CF (FCOMI). */
enum fpu80_rel {
  FPU80_GT = 0,
  FPU80_LT = FPU80_C0,
  FPU80_EQ = FPU80_C3,
  FPU80_UN = FPU80_C0 | FPU80_C2 | FPU80_C3,
};

/* Classes of FXAM, as C3/C2/C0 (SDM vol. 2, FXAM). */
enum fpu80_class {
  FPU80_UNSUPPORTED = 0,
  FPU80_NAN = FPU80_C0,
  FPU80_NORMAL = FPU80_C2,
  FPU80_INFINITY = FPU80_C2 | FPU80_C0,
  FPU80_ZERO = FPU80_C3,
  FPU80_EMPTY = FPU80_C3 | FPU80_C0,
  FPU80_DENORMAL = FPU80_C3 | FPU80_C2,
};

static inline struct fpu80 fpu80_make(u16 se, u64 sig) {
  struct fpu80 x;
  x.sig = sig;
  x.se = se;
  return x;
}
/* The 10 bytes of memory (m80fp), little-endian on every host. */
static inline struct fpu80 fpu80_load(const u8 p[10]) {
  return fpu80_make(read16le(p + 8), read64le(p));
}
static inline void fpu80_store(u8 p[10], struct fpu80 x) {
  write64le(p, x.sig);
  write16le(p + 8, x.se);
}

/* Arithmetic under RC and PC: FADD, FSUB, FMUL, FDIV, FSQRT. */
struct fpu80 fpu80_add(struct fpu80_env *e, struct fpu80 a, struct fpu80 b);
struct fpu80 fpu80_sub(struct fpu80_env *e, struct fpu80 a, struct fpu80 b);
struct fpu80 fpu80_mul(struct fpu80_env *e, struct fpu80 a, struct fpu80 b);
struct fpu80 fpu80_div(struct fpu80_env *e, struct fpu80 a, struct fpu80 b);
struct fpu80 fpu80_sqrt(struct fpu80_env *e, struct fpu80 a);

/* The same with an operand from memory: FADD, FSUB(R), FMUL, FDIV(R)
 * m32fp/m64fp (and m16int/m32int through fpu80_from_int). Widen the
 * memory operand with fpu80_widen_f32/f64, which is exact, raises
 * nothing and keeps an SNaN signaling, and set bit 0 (a) or bit 1 (b) of
 * DENORMAL when it was a denormal in memory: the operation then raises
 * DE and IE as the x87 does for such an operand. */
enum fpu80_op { FPU80_OP_ADD, FPU80_OP_SUB, FPU80_OP_MUL, FPU80_OP_DIV };
struct fpu80 fpu80_arith(struct fpu80_env *e, enum fpu80_op op, struct fpu80 a,
                         struct fpu80 b, int denormal);
struct fpu80 fpu80_widen_f32(u32 f, int *denormal);
struct fpu80 fpu80_widen_f64(u64 f, int *denormal);

/* FCOM (quiet 0: any NaN is invalid) and FUCOM (quiet 1: only SNaNs and
 * unsupported encodings are);
 * sets C3/C2/C0, clears C1, returns the relation. */
enum fpu80_rel fpu80_compare(struct fpu80_env *e, struct fpu80 a,
                             struct fpu80 b, int quiet);
/* FCOM/FUCOM m32fp/m64fp, FICOM: b widened as for fpu80_arith. */
enum fpu80_rel fpu80_compare_mem(struct fpu80_env *e, struct fpu80 a,
                                 struct fpu80 b, int quiet, int denormal);
/* FXAM of a non-empty register: sets C3/C2/C0 and C1 (the sign). */
enum fpu80_class fpu80_examine(struct fpu80_env *e, struct fpu80 a);

/* FRNDINT: to an integral value under RC (PC ignored). */
struct fpu80 fpu80_round_int(struct fpu80_env *e, struct fpu80 a);

/* FILD (exact) and FIST/FISTP/FISTTP of BITS (16, 32, 64) bits: rounded
 * under RC, or toward zero if TRUNCATE; out of range, NaN or infinity
 * raise IE and give the integer indefinite (only the sign bit set). */
struct fpu80 fpu80_from_int(i64 v);
i64 fpu80_to_int(struct fpu80_env *e, struct fpu80 a, int bits, int truncate);

/* FLD m32fp/m64fp (exact; SNaN quieted with IE, denormals raise DE) and
 * FST m32fp/m64fp (rounded under RC to the format's precision and range;
 * masked overflow gives infinity or the largest finite per RC). */
struct fpu80 fpu80_from_f32(struct fpu80_env *e, u32 f);
struct fpu80 fpu80_from_f64(struct fpu80_env *e, u64 f);
u32 fpu80_to_f32(struct fpu80_env *e, struct fpu80 a);
u64 fpu80_to_f64(struct fpu80_env *e, struct fpu80 a);

/* FBLD and FBSTP: 18-digit packed BCD, 10 bytes, sign in bit 7 of byte
 * 9. FBLD takes any bytes (digits above 9 count with their value, as on
 * the host CPU). FBSTP rounds under RC; out of range or NaN stores the
 * BCD indefinite (bytes 7..9 = c0 ff ff) with IE. */
struct fpu80 fpu80_from_bcd(const u8 p[10]);
void fpu80_to_bcd(struct fpu80_env *e, struct fpu80 a, u8 p[10]);

/* FSCALE: a * 2^trunc(b). FXTRACT: *sig gets the significand (in
 * [1, 2), with a's sign), the return value the unbiased exponent as a
 * number (a zero gives -infinity with ZE). */
struct fpu80 fpu80_scale(struct fpu80_env *e, struct fpu80 a, struct fpu80 b);
struct fpu80 fpu80_xtract(struct fpu80_env *e, struct fpu80 a,
                          struct fpu80 *sig);

/* FPREM (ieee 0: quotient truncated) and FPREM1 (ieee 1: to nearest):
 * the partial remainder of a / b, exact. When the exponents differ by 64
 * or more only a partial reduction is done (by 32 + (d - 32) mod 32, as
 * the host CPU does) and C2 is set; else C0/C3/C1 get quotient bits
 * 2/1/0. A NaN or invalid operand clears C1 and C2 and leaves C0 and C3
 * as they were. */
struct fpu80 fpu80_prem(struct fpu80_env *e, struct fpu80 a, struct fpu80 b,
                        int ieee);

/* Transcendentals, evaluated with a 128-bit significand and rounded once
 * under RC (PC ignored): correctly rounded but for results within about
 * 2^-56 ulp of a rounding boundary. The host CPU is not always correctly
 * rounded, so a result may differ from it by 1 ulp (and C1 with it). F2XM1: 2^a
 * - 1 for -1 <= a <= 1. FYL2X and FYL2XP1: y * log2(x) and y * log2(1 + x) with
 * x = ST0, y = ST1 (the result replaces ST1 and pops). FPATAN: the angle of (x,
 * y), i.e. atan(y / x) in the right quadrant, with x = ST0, y = ST1. */
struct fpu80 fpu80_f2xm1(struct fpu80_env *e, struct fpu80 a);
struct fpu80 fpu80_fyl2x(struct fpu80_env *e, struct fpu80 x, struct fpu80 y);
struct fpu80 fpu80_fyl2xp1(struct fpu80_env *e, struct fpu80 x, struct fpu80 y);
struct fpu80 fpu80_fpatan(struct fpu80_env *e, struct fpu80 x, struct fpu80 y);
/* FSIN, FCOS, FSINCOS (either pointer may be null; FSINCOS leaves the
 * sine in ST1 and pushes the cosine) and FPTAN (the tangent goes to ST1,
 * *push is pushed: 1.0, or the same NaN when the result is a NaN). The
 * argument is reduced modulo pi/2 with the x87's 66-bit pi, as the
 * hardware does. When |a| >= 2^63 they set C2, write nothing and return
 * 1 (the handler leaves ST0 alone and pushes nothing); otherwise they
 * clear C2 and return 0. */
int fpu80_sincos(struct fpu80_env *e, struct fpu80 a, struct fpu80 *sin,
                 struct fpu80 *cos);
int fpu80_ptan(struct fpu80_env *e, struct fpu80 a, struct fpu80 *tan,
               struct fpu80 *push);

/* FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2: the constant rounded to 64 bits
 * under RC, as the x87 has done since the 387; no flag is raised and C1
 * is cleared. */
enum fpu80_const { FPU80_L2T, FPU80_L2E, FPU80_PI, FPU80_LG2, FPU80_LN2 };
struct fpu80 fpu80_const(struct fpu80_env *e, enum fpu80_const k);

#endif /* BLINK_CORE_FPU80_H_ */
