/* core/softfp.h: IEEE binary32 and binary64 arithmetic as SSE/SSE2 do it,
 * private to core/. Integer arithmetic only (no host floating point, no
 * 128-bit integer type, no punning), so every host gives the same bits.
 *
 * Values are raw encodings in a u64 (a binary32 in the low 32 bits); FMT
 * says which. The environment is the MXCSR (SDM vol. 1, 10.2.3): an
 * operation reads RC (bits 14:13), FTZ (bit 15), DAZ (bit 6) and the
 * exception masks (bits 12:7) from env->csr and ORs the flags it raises
 * into env->flags (IE 0x01, DE 0x02, ZE 0x04, OE 0x08, UE 0x10, PE 0x20).
 *
 * x86 rules kept here: a NaN result is the first NaN operand quieted, or
 * the second; an invalid operation gives the default NaN (the negative
 * QNaN "indefinite"); tininess is detected after rounding; a masked
 * underflow is flagged only when the tiny result is also inexact, and
 * with FTZ a tiny result becomes a zero of its sign with UE and PE; an
 * unmasked underflow is flagged whenever the result is tiny (the handler
 * above then writes nothing, so the value returned does not matter);
 * with DAZ denormal operands count as zeros of their sign and raise no
 * DE, otherwise arithmetic on a denormal operand raises DE.
 *
 *   struct softfp_env e = {0x1f80, 0};
 *   u64 r = softfp_add(&e, SOFTFP_F32, 0x3f800000, 0x40000000);
 *   ASSERT(r == 0x40400000 && !e.flags);
 */
#ifndef BLINK_CORE_SOFTFP_H_
#define BLINK_CORE_SOFTFP_H_

#include "types.h"

enum softfp_fmt { SOFTFP_F32, SOFTFP_F64 };

struct softfp_env {
  u32 csr;   /* in: MXCSR */
  u32 flags; /* out: exception flags raised, ORed */
};

#define SOFTFP_IE 0x01
#define SOFTFP_DE 0x02
#define SOFTFP_ZE 0x04
#define SOFTFP_OE 0x08
#define SOFTFP_UE 0x10
#define SOFTFP_PE 0x20
#define SOFTFP_DAZ 0x40
#define SOFTFP_MASKS 0x1f80 /* IM DM ZM OM UM PM: the flags << 7 */
#define SOFTFP_RC_SHIFT 13
#define SOFTFP_FTZ 0x8000
#define SOFTFP_RC_NEAR 0
#define SOFTFP_RC_DOWN 1
#define SOFTFP_RC_UP 2
#define SOFTFP_RC_ZERO 3

/* The flags raised before any result is computed (invalid operands,
 * denormal operands, division by zero): when one of them is unmasked the
 * instruction stops there for every lane (SDM vol. 1, 11.5.2). */
#define SOFTFP_PRE (SOFTFP_IE | SOFTFP_DE | SOFTFP_ZE)

/* The end of an SSE instruction that raised FLAGS (all lanes ORed):
 * updates *csr as the CPU does and returns 1 when the instruction must
 * raise #XM instead of writing its result. An unmasked flag among IE, DE
 * and ZE stops it before any result is computed: only those flags are
 * set. Otherwise every flag is set, and any unmasked one still stops the
 * write (SDM vol. 1, 11.5.1 and 11.5.2). */
int softfp_commit(u32 *csr, u32 flags);

/* ADDSS/SD, SUBSS/SD, MULSS/SD, DIVSS/SD, SQRTSS/SD. */
u64 softfp_add(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b);
u64 softfp_sub(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b);
u64 softfp_mul(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b);
u64 softfp_div(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b);
u64 softfp_sqrt(struct softfp_env *e, enum softfp_fmt f, u64 a);

/* MINSS/SD and MAXSS/SD: a < b ? a : b (a > b ? a : b), so b when either
 * is a NaN (IE, even for QNaNs) or both are zeros. */
u64 softfp_min(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b);
u64 softfp_max(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b);

/* Comparison: IE for SNaNs, and for QNaNs too when SIGNALING (COMISS,
 * the CMPPS predicates LT LE NLT NLE). */
enum softfp_rel { SOFTFP_LT, SOFTFP_EQ, SOFTFP_GT, SOFTFP_UN };
enum softfp_rel softfp_compare(struct softfp_env *e, enum softfp_fmt f, u64 a,
                               u64 b, int signaling);

/* CMPPS/PD/SS/SD predicate PRED (imm8 bits 2:0: EQ LT LE UNORD NEQ NLT
 * NLE ORD): 1 when it holds. LT, LE, NLT and NLE signal on QNaNs. */
int softfp_predicate(struct softfp_env *e, enum softfp_fmt f, u64 a, u64 b,
                     int pred);

/* CVTSS2SD (exact) and CVTSD2SS (rounded). */
u64 softfp_f32_to_f64(struct softfp_env *e, u64 a);
u64 softfp_f64_to_f32(struct softfp_env *e, u64 a);

/* CVTSI2SS/SD and CVTDQ2PS/PD: a signed integer, rounded under RC. */
u64 softfp_from_int(struct softfp_env *e, enum softfp_fmt f, i64 v);
/* CVT(T)SS2SI, CVT(T)SD2SI, CVT(T)PS2DQ, ...: to a signed integer of BITS
 * (32 or 64) bits, rounded under RC or toward zero when TRUNCATE; NaNs and
 * values out of range give the integer indefinite (only the sign bit set)
 * with IE. */
u64 softfp_to_int(struct softfp_env *e, enum softfp_fmt f, u64 a, int bits,
                  int truncate);

/* RCPSS and RSQRTSS: approximations with a relative error of at most
 * 1.5 * 2^-12 (SDM vol. 2, RCPSS/RSQRTSS), bit for bit those of the AMD
 * Zen 4 the tables were measured on (core/softfp_approx.c). They raise
 * no flag; denormal operands count as zeros and tiny results are zeros. */
u64 softfp_rcp(u64 a);
u64 softfp_rsqrt(u64 a);

#endif /* BLINK_CORE_SOFTFP_H_ */
