/* tests/diff: what the files of the differential test share.
 *
 *   diff.c       the harness: native stubs, blink runs, comparison, main
 *   forms_int.c  the integer forms and their cases
 *   forms_fp.c   random SSE/x87 state, the SSE/SSE2/MMX and x87 forms and
 *                their cases (enumerated from the decoder's tables)
 *
 * A case is bytes plus a whole starting state: flags, the 16 general
 * registers and an FXSAVE64 image (x87, MXCSR, XMM0-15), with the data
 * area around its memory operand. */
#ifndef BLINK_TESTS_DIFF_DIFF_H_
#define BLINK_TESTS_DIFF_DIFF_H_

#include "core/core.h"
#include "xed/xed.h"

#define CODE_ADDR 0x10000000u
#define CODE_SIZE 0x11000u
#define SLOT_FIRST (CODE_ADDR + 0x1000u)
#define SLOT_SIZE 32u
#define SLOT_COUNT ((CODE_SIZE - 0x1000u) / SLOT_SIZE)
#define DATA_ADDR 0x20000000u
#define DATA_SIZE 0x4000u
#define TAKEN_DISP 6 /* branch displacement used by every branch case */
/* GS base, natively (arch_prctl) and in blink, for GS-override cases; the
 * C library uses FS, never GS, on x86-64. */
#define GS_BASE 0x1000000u

/* The FXSAVE64 image (SDM vol. 1, 10.5.1, table 10-2): the one format in
 * which the native stubs load (FXRSTOR64) and store (FXSAVE64) the x87,
 * MXCSR and XMM state, and in which blink's state is compared. ST(i) is in
 * stack order, 10 bytes in a 16-byte slot; the abridged tag byte has bit i
 * for physical register R[i]. */
#define FX_FCW 0
#define FX_FSW 2
#define FX_FTW 4
#define FX_FOP 6
#define FX_FIP 8
#define FX_FDP 16
#define FX_MXCSR 24
#define FX_MXCSR_MASK 28
#define FX_ST 32
#define FX_XMM 160
#define FX_USED 416 /* the rest is reserved or for software */

/* Classes of forms, reported apart. */
enum { CLS_INT, CLS_SSE, CLS_X87, CLS_COUNT };

/* v[0] = RFLAGS, v[1 + r] = register r (CORE_RAX ...): the stubs' layout;
 * fx: the FXSAVE64 image. */
struct state {
  u64 v[17];
  u8 fx[512] __attribute__((aligned(16)));
};

/* How a result may differ from the host's: not at all, or as the SDM
 * allows for the approximations (RCPPS/RSQRTPS: relative error at most
 * 1.5 * 2^-12 per lane) and as blink's x87 transcendentals promise (1 ulp,
 * tests/fpu80). */
enum { TOL_NONE, TOL_RCPPS, TOL_RCPSS, TOL_ULP };

/* Memory images that hold fields the host fills in its own way. */
enum {
  IMG_NONE,
  IMG_FXSAVE32,
  IMG_FXSAVE64,
  IMG_ENV16,
  IMG_ENV32,
  IMG_SAVE16,
  IMG_SAVE32
};

struct tcase {
  int cls, form; /* class and index in that class's form table */
  u8 bytes[16];
  int len;
  struct xed_insn x; /* what xed/ makes of the bytes */
  struct state in;
  u64 count;     /* shift count, for the undefined-flag masks */
  int undefined; /* the SDM leaves the result undefined: not run */
  int tol;       /* TOL_* */
  int x87;       /* an x87 instruction (FOP/FDP rules) */
  int img;       /* IMG_*: a memory image at img_addr */
  u64 img_addr;
};

extern u8 *data; /* the native data area, at DATA_ADDR */

u64 rnd(void);
unsigned below(unsigned n);
u64 edge(void);
void set_reg(struct state *s, int r, u64 v);
u64 get_reg(const struct state *s, int r);
void put_reg(struct state *s, int rex, int r, int size, u64 v);
u64 data_addr_mid(unsigned margin);
void put_mem(u64 addr, int size, u64 v);
void emit(struct tcase *t, u64 v, int n);

/* forms_int.c */
void int_build_forms(void);
int int_nforms(void);
void int_make_case(struct tcase *t, int form, u64 slot);
u64 undef_flags(const struct tcase *t);

/* forms_fp.c */
struct fp_form {
  u8 cls;  /* CLS_SSE or CLS_X87 */
  u8 pre;  /* mandatory prefix: 0, 0x66, 0xf3, 0xf2 */
  u8 map;  /* XED_MAP_0F or XED_MAP_1BYTE (x87) */
  u8 opc;  /* opcode byte */
  u8 ext;  /* ModRM.reg, or 0xff: any register */
  u8 rmop; /* x87: ModRM.rm that names the operation, or 0xff: ST(i) */
  u8 mem;  /* memory operand */
  u8 modrm;
  u8 w;   /* REX.W: 0 or 1 where it changes the form, 2 where ignored */
  u8 o16; /* x87 environment forms with 66: the 16-bit images */
  u8 nimm;
  u16 op;
};
/* Random x87/MXCSR/XMM state: exceptions masked, but for a share of
 * cases (1 in unmask_every; 0: never) with some SSE exceptions unmasked. */
void fp_random_state(u8 fx[512], int unmask_every);
/* One of a pool of such states, made once: for the integer cases, whose
 * instructions leave that state alone, at less cost. */
void fp_pool_state(u8 fx[512]);
void fp_build_forms(void);
int fp_nforms(void);
const struct fp_form *fp_form(int i);
void fp_make_case(struct tcase *t, int form, u64 slot, int unmask_every);
/* "fadd m32", "fsin", ...: an x87 form's name. */
const char *fp_x87_name(const struct fp_form *f);
/* The bytes of a typical instance, for the decoder and core_bind(). */
int fp_form_bytes(const struct fp_form *f, u8 b[16]);
/* Host facts that decide what the comparison masks (forms_fp.c). */
extern int host_fdp_excptn_only; /* CPUID.(7,0):EBX[6] */
extern u32 host_mxcsr_mask;
extern int host_amd; /* AuthenticAMD: FXSAVE's x87 pointers only with ES */

#endif /* BLINK_TESTS_DIFF_DIFF_H_ */
