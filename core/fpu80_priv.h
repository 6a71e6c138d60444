/* core/fpu80_priv.h: what the files of the 80-bit arithmetic share.
 * Private to core/fpu80*.c; the handlers use core/fpu80.h. */
#ifndef BLINK_CORE_FPU80_PRIV_H_
#define BLINK_CORE_FPU80_PRIV_H_

#include "core/fpu80.h"

/* Operand classes (see the table in core/fpu80.h). K_DENORM covers
 * pseudo-denormals; K_BAD the unsupported encodings. */
enum { K_ZERO, K_DENORM, K_NORMAL, K_INF, K_QNAN, K_SNAN, K_BAD };

#define FPU80_EMIN (1 - FPU80_EXP_BIAS)
#define FPU80_EMAX FPU80_EXP_BIAS
#define FPU80_QUIET 0x4000000000000000ull
#define FPU80_SIGN(x) ((x).se >> 15)
#define FPU80_IS_NAN(k) ((k) == K_QNAN || (k) == K_SNAN || (k) == K_BAD)
#define FPU80_RC(e) ((e)->cw >> 10 & 3)

/* 64x64->128 multiply and 128-bit shifts on hi:lo pairs. */
void fpu80_mul64(u64 a, u64 b, u64 *hi, u64 *lo);
void fpu80_shr_jam(u64 *hi, u64 *lo, u32 n);
void fpu80_shl(u64 *hi, u64 *lo, u32 n);
int fpu80_norm128(u64 *hi, u64 *lo);

int fpu80_kind(struct fpu80 x);
i32 fpu80_unpack(struct fpu80 x, u64 *sig);
struct fpu80 fpu80_indefinite(void);
struct fpu80 fpu80_nan1(struct fpu80_env *e, struct fpu80 a, int ka);
struct fpu80 fpu80_nan2(struct fpu80_env *e, struct fpu80 a, int ka,
                        struct fpu80 b, int kb);

/* Rounding of sign * hi:lo * 2^(exp - 127) (bit 127 set) to PREC bits
 * and the exponent range EMIN..EMAX; see core/fpu80.c. */
i32 fpu80_round(struct fpu80_env *e, int sign, i32 exp, u64 hi, u64 lo,
                int prec, i32 emin, i32 emax, u64 *sig);
struct fpu80 fpu80_round80(struct fpu80_env *e, int sign, i32 exp, u64 hi,
                           u64 lo, int prec);
struct fpu80 fpu80_norm_round(struct fpu80_env *e, int sign, i32 exp, u64 hi,
                              u64 lo, int prec);

#endif /* BLINK_CORE_FPU80_PRIV_H_ */
