/* tests/diff: the SSE/SSE2/MMX and x87 forms and their cases.
 *
 * The forms come from the decoder's tables, not from a list of our own:
 * every legacy map-0F opcode with each mandatory prefix (none, 66, F3, F2),
 * REX.W, register and memory operands and (for groups 12-15) every
 * ModRM.reg that decodes to an SSE/SSE2/MMX operation; every x87 escape
 * D8-DF with every ModRM.reg for memory and every ModRM byte for
 * registers; and FWAIT. A form is one row of that: REX.W splits it only
 * where it changes the operand size (MOVD/MOVQ, CVTSI2S*, CVT*2SI,
 * FXSAVE/FXRSTOR), 66 only for the x87 environment images.
 *
 * The state is random in the ways that matter to floating point: lanes of
 * every width with integer edges, float and double specials (zeros,
 * denormals, infinities, QNaN, SNaN, 1.0, the largest and smallest
 * normals, halfway cases of rounding, integer boundaries), MXCSR with
 * random rounding, FTZ, DAZ and sticky flags (a share of cases with
 * exceptions unmasked), x87 stacks with a random TOP, empty registers and
 * values of every class, FCW with random rounding and precision control
 * and exceptions masked. */
#include "tests/diff/diff.h"

#include <cpuid.h>

int host_fdp_excptn_only;
int host_amd;
u32 host_mxcsr_mask = 0xffff;

/* ------------------------------------------------------------ values */

enum { VK_B, VK_W, VK_D, VK_Q, VK_F32, VK_F64, VK_RAND, VK_COUNT };

static u32 f32_bits(float f) {
  u32 u;
  memcpy(&u, &f, 4);
  return u;
}

static u64 f64_bits(double d) {
  u64 u;
  memcpy(&u, &d, 8);
  return u;
}

static u32 f32_edge(void) {
  static const u32 kF32[] = {
      0,          0x80000000, 0x00000001, 0x80000001, 0x007fffff, 0x00400000,
      0x807fffff, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x7f800000,
      0xff800000, 0x7fc00000, 0xffc00000, 0x7fc12345, 0x7f800001, 0xffa00000,
      0x7fbfffff, 0x3f800000, 0xbf800000, 0x3f000000, 0x3fc00000, 0x40200000,
      0xc0200000, 0x40600000, 0x4f000000, 0xcf000000, 0x4effffff, 0xcf000001,
      0x5f000000, 0xdf000000, 0x4f800000, 0x3f800001, 0x33800000, 0x34000000,
      0x0c000000, 0x7e800000, 0x3effffff, 0xbf000000, 0x3f7fffff};
  u32 s = (u32)(rnd() & 1) << 31;
  switch (below(8)) {
    case 0:
    case 1:
    case 2: return kF32[below(ARRAY_LEN(kF32))];
    case 3: /* normal, near 1 */
      return s | (u32)(127 - 24 + below(49)) << 23 | (u32)(rnd() & 0x7fffff);
    case 4: return f32_bits((float)(i32)edge()); /* integers */
    case 5: /* few significant bits: exact and halfway sums */
      return s | (u32)(120 + below(16)) << 23 | (u32)(rnd() & 0x7e0000);
    case 6: return (u32)rnd(); /* anything */
    default: return f32_bits((float)((int)below(200) - 100) + 0.5f);
  }
}

static u64 f64_edge(void) {
  static const u64 kF64[] = {
      0,
      0x8000000000000000ull,
      0x0000000000000001ull,
      0x000fffffffffffffull,
      0x8008000000000000ull,
      0x0010000000000000ull,
      0x7fefffffffffffffull,
      0xffefffffffffffffull,
      0x7ff0000000000000ull,
      0xfff0000000000000ull,
      0x7ff8000000000000ull,
      0xfff8000000000000ull,
      0x7ff8000000012345ull,
      0x7ff0000000000001ull,
      0xfff4000000000000ull,
      0x3ff0000000000000ull,
      0xbff0000000000000ull,
      0x3fe0000000000000ull,
      0x4004000000000000ull,
      0xc004000000000000ull,
      0x41e0000000000000ull, /* 2^31 */
      0xc1e0000000000000ull,
      0x41dfffffffc00000ull, /* 2^31 - 1 */
      0xc1e0000000200000ull, /* -2^31 - 1 */
      0x43e0000000000000ull, /* 2^63 */
      0xc3e0000000000000ull,
      0x3ff0000010000000ull, /* 1 + 2^-24: a float's halfway case */
      0x3ff0000030000000ull,
      0x3ff0000010000001ull,
      0x47efffffe0000000ull, /* FLT_MAX rounding up or not */
      0x47efffff00000000ull,
      0x36a0000000000000ull, /* 2^-149 */
      0x3690000000000000ull,
      0x3ff0000000000001ull,
      0x3fefffffffffffffull,
  };
  u64 s = (rnd() & 1) << 63;
  switch (below(8)) {
    case 0:
    case 1:
    case 2: return kF64[below(ARRAY_LEN(kF64))];
    case 3: return s | (u64)(1023 - 53 + below(107)) << 52 | (rnd() >> 12);
    case 4: return f64_bits((double)(i64)edge());
    case 5:
      return s | (u64)(1015 + below(16)) << 52 | (rnd() & 0xfc00000000000ull);
    case 6: return rnd();
    default: return f64_bits((double)((int)below(200) - 100) + 0.5);
  }
}

/* 16 bytes of lanes of one kind. */
static void fill_vec(u8 *p, int kind) {
  int i;
  u64 same = edge();
  for (i = 0; i < 16;) {
    u64 v = below(4) ? edge() : same; /* equal lanes now and then */
    switch (kind) {
      case VK_B: p[i++] = (u8)v; break;
      case VK_W: write16le(p + i, (u16)v), i += 2; break;
      case VK_D: write32le(p + i, (u32)v), i += 4; break;
      case VK_Q: write64le(p + i, v), i += 8; break;
      case VK_F32: write32le(p + i, f32_edge()), i += 4; break;
      case VK_F64: write64le(p + i, f64_edge()), i += 8; break;
      default: write64le(p + i, rnd()), i += 8; break;
    }
  }
}

/* An x87 register value of any class (SDM vol. 1, 8.2.2 and 8.2.3):
 * zeros, normals (near 1, at the integer-conversion boundaries, halfway
 * cases for precision control), denormals and pseudo-denormals, unnormals,
 * infinities, pseudo-infinities, QNaN, SNaN, indefinite. */
static void f80_edge(u8 *p) {
  u16 s = below(2) ? 0x8000 : 0, e;
  u64 m;
  switch (below(13)) {
    case 0: e = 0, m = 0; break;
    case 1: e = 0x7fff, m = 1ull << 63; break;
    case 2: e = 0x7fff, m = 0xc000000000000000ull | rnd() >> 2; break;
    case 3: e = 0x7fff, m = 0x8000000000000000ull | (rnd() >> 2 | 1); break;
    case 4:
      e = 0, m = rnd() >> (1 + below(63));
      if (!below(4)) m |= 1ull << 63; /* pseudo-denormal */
      if (!m) m = 1;
      break;
    case 5: /* unnormal, pseudo-infinity, pseudo-NaN */
      e = below(2) ? 0x7fff : (u16)(1 + below(0x7ffe)), m = rnd() >> 1;
      break;
    case 6: s = 0x8000, e = 0x7fff, m = 0xc000000000000000ull; break;
    case 7: {
      static const u16 kExp[] = {
          0x7ffe,      0x0001,      0x3fff + 15, 0x3fff + 16, 0x3fff + 31,
          0x3fff + 32, 0x3fff + 63, 0x3fff + 64, 0x3ffe,      0x3fff + 62};
      e = kExp[below(ARRAY_LEN(kExp))];
      m = below(2) ? 1ull << 63 : ~0ull - below(3);
      break;
    }
    case 8:
    case 9:
      e = (u16)(0x3fff - 70 + below(140)), m = 1ull << 63 | rnd() >> 1;
      break;
    case 10: /* a halfway or near-halfway case for PC = 24 or 53 bits */
      e = (u16)(0x3fff - 4 + below(8));
      m = 1ull << 63 | (rnd() >> 1 & (below(2) ? ~0ull << 40 : ~0ull << 11));
      m |= below(2) ? 1ull << 39 : 1ull << 10;
      if (below(2)) m |= 1;
      break;
    case 11: { /* an integer */
      i64 v = (i64)edge();
      u64 a = v < 0 ? 0 - (u64)v : (u64)v;
      int z;
      if (below(2)) v = (i64)below(200) - 100, a = v < 0 ? (u64)-v : (u64)v;
      if (!a) {
        e = 0, m = 0;
        break;
      }
      z = __builtin_clzll(a);
      s = v < 0 ? 0x8000 : 0;
      e = (u16)(0x3fff + 63 - z), m = a << z;
      break;
    }
    default: e = (u16)rnd() & 0x7fff, m = rnd(); break;
  }
  write64le(p, m);
  write16le(p + 8, (u16)(s | e));
}

static u16 random_fcw(void) {
  static const u16 kPc[3] = {0, 2, 3}; /* 1 is reserved */
  /* Bit 6 reads as 1 (SDM vol. 1, figure 8-6: reserved). */
  return (u16)(0x7f | kPc[below(3)] << 8 | below(4) << 10);
}

static u32 random_mxcsr(int unmask_every) {
  u32 m = 0x1f80 | (below(4) ? 0 : (u32)rnd() & 0x3f) | (below(4) ? 0 : 0x40) |
          below(4) << 13 | (below(4) ? 0 : 0x8000);
  if (unmask_every && !below((unsigned)unmask_every))
    m &= ~((u32)rnd() & 0x3f) << 7;
  return m & host_mxcsr_mask;
}

void fp_random_state(u8 fx[512], int unmask_every) {
  int i, top = (int)below(8);
  u8 tags;
  u16 fcw = random_fcw(), fsw;
  memset(fx, 0, 512);
  /* Sticky exception flags, condition codes and TOP. ES (and B, its
   * copy) say whether an unmasked exception is pending, which then
   * raises #MF at the next waiting x87 or MMX instruction (SDM vol. 1,
   * 8.6): in the share of cases with unmasked exceptions, some come with
   * one pending. */
  fsw = (u16)((below(4) ? 0 : rnd() & 0x7f) | (rnd() & 0x4700) | top << 11);
  if (unmask_every && !below((unsigned)unmask_every)) {
    fcw &= (u16) ~(rnd() & 0x3f);
    if (below(2)) fsw |= (u16)(rnd() & 0x3f);
    if (fsw & ~fcw & 0x3f) fsw |= 0x8080;
  }
  write16le(fx + FX_FCW, fcw);
  write16le(fx + FX_FSW, fsw);
  switch (below(8)) {
    case 0: tags = 0; break;
    case 1: tags = 0xff; break;
    default: tags = (u8)(rnd() | rnd()); break;
  }
  fx[FX_FTW] = tags;
  for (i = 0; i < 8; ++i) {
    u8 *p = fx + FX_ST + 16 * i;
    if (below(3)) {
      f80_edge(p);
    } else { /* an MMX value */
      u8 v[16];
      fill_vec(v, (int)below(VK_F32));
      memcpy(p, v, 8);
      write16le(p + 8, below(2) ? 0xffff : (u16)rnd());
    }
  }
  write32le(fx + FX_MXCSR, random_mxcsr(unmask_every));
  for (i = 0; i < 16; ++i) {
    if (i && !below(8))
      memcpy(fx + FX_XMM + 16 * i, fx + FX_XMM + 16 * below((unsigned)i), 16);
    else
      fill_vec(fx + FX_XMM + 16 * i, (int)below(VK_COUNT));
  }
}

void fp_pool_state(u8 fx[512]) {
  static u8 pool[64][512] __attribute__((aligned(16)));
  static int n;
  int i = (int)below(ARRAY_LEN(pool));
  if (n < (int)ARRAY_LEN(pool)) fp_random_state(pool[i = n++], 0);
  memcpy(fx, pool[i], FX_USED);
  memset(fx + FX_USED, 0, 512 - FX_USED);
}

/* ------------------------------------------------------------- the forms */

#define MAX_FORMS 2048
static struct fp_form forms[MAX_FORMS];
static int nforms;

int fp_nforms(void) {
  return nforms;
}

const struct fp_form *fp_form(int i) {
  return &forms[i];
}

static void add(const struct fp_form *f) {
  int i;
  for (i = 0; i < nforms; ++i) {
    const struct fp_form *g = &forms[i];
    if (g->cls == f->cls && g->pre == f->pre && g->map == f->map &&
        g->opc == f->opc && g->ext == f->ext && g->rmop == f->rmop &&
        g->mem == f->mem && g->w == f->w && g->o16 == f->o16)
      return;
  }
  if (nforms < MAX_FORMS) forms[nforms++] = *f;
}

/* The SSE/SSE2/MMX (and SSE3) operations of map 0F. Not here: VMREAD and
 * VMWRITE (VMX, #UD outside VMX operation) and AMD's SSE4a (EXTRQ,
 * INSERTQ, MOVNTSS, MOVNTSD), which is not baseline. */
static int sse_op(int op) {
  switch (op) {
    case XED_OP_VMREAD:
    case XED_OP_VMWRITE:
    case XED_OP_EXTRQ:
    case XED_OP_INSERTQ:
    case XED_OP_MOVNTSS:
    case XED_OP_MOVNTSD: return 0;
    case XED_OP_FXSAVE:
    case XED_OP_FXRSTOR:
    case XED_OP_LDMXCSR:
    case XED_OP_STMXCSR: return 1;
    default: return op >= XED_OP_MOVUPS && op <= XED_OP_PADDD;
  }
}

/* Where REX.W makes another instruction: r/m64 instead of r/m32 (SDM vol.
 * 2, MOVD/MOVQ, CVTSI2SS, CVTSI2SD, CVTSS2SI, CVTSD2SI, CVTTSS2SI,
 * CVTTSD2SI) or the 64-bit FXSAVE image. Elsewhere it is ignored. */
static int w_matters(int op) {
  switch (op) {
    case XED_OP_MOVD:
    case XED_OP_CVTSI2SS:
    case XED_OP_CVTSI2SD:
    case XED_OP_CVTSS2SI:
    case XED_OP_CVTSD2SI:
    case XED_OP_CVTTSS2SI:
    case XED_OP_CVTTSD2SI:
    case XED_OP_FXSAVE:
    case XED_OP_FXRSTOR: return 1;
    default: return 0;
  }
}

int fp_form_bytes(const struct fp_form *f, u8 b[16]) {
  int n = 0;
  memset(b, 0, 16);
  if (f->o16) b[n++] = 0x66;
  if (f->pre) b[n++] = f->pre;
  if (f->w == 1) b[n++] = 0x48;
  if (f->map == XED_MAP_0F) b[n++] = 0x0f;
  b[n++] = f->opc;
  if (f->modrm) {
    int reg = f->ext == 0xff ? 0 : f->ext;
    b[n++] = f->mem ? (u8)(reg << 3 | 3)
                    : (u8)(0xc0 | reg << 3 | (f->rmop == 0xff ? 0 : f->rmop));
  }
  return n + f->nimm;
}

static void enumerate_sse(void) {
  static const u8 kPre[4] = {0, 0x66, 0xf3, 0xf2};
  int p, opc, w, mem, reg;
  for (p = 0; p < 4; ++p)
    for (opc = 0; opc < 256; ++opc)
      for (w = 0; w < 2; ++w)
        for (mem = 0; mem < 2; ++mem)
          for (reg = 0; reg < 8; ++reg) {
            u8 b[16] = {0};
            int n = 0;
            struct xed_insn x;
            struct fp_form f;
            if (kPre[p]) b[n++] = kPre[p];
            if (w) b[n++] = 0x48;
            b[n++] = 0x0f;
            b[n++] = (u8)opc;
            b[n] = (u8)(mem ? reg << 3 | 3 : 0xc0 | reg << 3);
            if (xed_decode(&x, b, sizeof(b), XED_MODE_64) != XED_OK) continue;
            if (x.map != XED_MAP_0F || !sse_op(x.op)) continue;
            memset(&f, 0, sizeof(f));
            f.cls = CLS_SSE;
            f.pre = kPre[p];
            f.map = XED_MAP_0F;
            f.opc = (u8)opc;
            f.modrm = (x.flags & XED_F_MODRM) != 0;
            f.mem = f.modrm && (x.flags & XED_F_MEM);
            f.ext = f.modrm && (opc == 0x71 || opc == 0x72 || opc == 0x73 ||
                                opc == 0xae)
                        ? (u8)reg
                        : 0xff;
            f.rmop = 0xff;
            f.w = w_matters(x.op) ? (u8)w : 2;
            f.nimm = (u8)(x.len - n - f.modrm);
            f.op = x.op;
            add(&f);
          }
}

/* x87: for registers, a row of ModRM.reg names one operation on ST(i)
 * unless the rm field picks the operation (D9 /2 and /4-/7, and the rows
 * with holes: FUCOMPP, FNCLEX/FNINIT, FCOMPP, FNSTSW AX). */
static void enumerate_x87(void) {
  int opc, reg, rm;
  struct fp_form f;
  for (opc = 0xd8; opc <= 0xdf; ++opc) {
    for (reg = 0; reg < 8; ++reg) {
      u8 b[16] = {0};
      struct xed_insn x;
      int ok[8], nok = 0, rmop;
      memset(&f, 0, sizeof(f));
      f.cls = CLS_X87;
      f.map = XED_MAP_1BYTE;
      f.opc = (u8)opc;
      f.ext = (u8)reg;
      f.modrm = 1;
      f.w = 2;
      b[0] = (u8)opc;
      b[1] = (u8)(reg << 3 | 3);
      if (xed_decode(&x, b, sizeof(b), XED_MODE_64) == XED_OK) {
        f.mem = 1;
        f.rmop = 0xff;
        f.op = x.op;
        add(&f);
        if ((opc == 0xd9 || opc == 0xdd) && (reg == 4 || reg == 6)) {
          f.o16 = 1; /* the 16-bit environment images */
          add(&f);
          f.o16 = 0;
        }
      }
      for (rm = 0; rm < 8; ++rm) {
        b[1] = (u8)(0xc0 | reg << 3 | rm);
        ok[rm] = xed_decode(&x, b, sizeof(b), XED_MODE_64) == XED_OK;
        nok += ok[rm];
      }
      if (!nok) continue;
      rmop = (opc == 0xd9 && reg != 0 && reg != 1 && reg != 3) || nok < 8;
      f.mem = 0;
      f.op = XED_OP_FPU;
      for (rm = 0; rm < 8; ++rm) {
        if (!ok[rm]) continue;
        f.rmop = rmop ? (u8)rm : 0xff;
        add(&f);
      }
    }
  }
  memset(&f, 0, sizeof(f)); /* FWAIT */
  f.cls = CLS_X87;
  f.map = XED_MAP_1BYTE;
  f.opc = 0x9b;
  f.ext = f.rmop = 0xff;
  f.w = 2;
  f.op = XED_OP_FPU;
  add(&f);
}

void fp_build_forms(void) {
  unsigned a, b, c, d;
  u8 fx[512] __attribute__((aligned(16)));
  if (__get_cpuid_count(7, 0, &a, &b, &c, &d))
    host_fdp_excptn_only = b >> 6 & 1;
  if (__get_cpuid(0, &a, &b, &c, &d))
    host_amd = b == 0x68747541 && d == 0x69746e65 && c == 0x444d4163;
  memset(fx, 0, sizeof(fx));
  __asm__ volatile("fxsave64 %0" : "=m"(fx));
  if (read32le(fx + FX_MXCSR_MASK))
    host_mxcsr_mask = read32le(fx + FX_MXCSR_MASK);
  /* Bit 17 (AMD's misaligned-SSE mode) stays clear: blink checks
   * alignment as the SDM says. */
  host_mxcsr_mask &= 0xffff;
  enumerate_sse();
  enumerate_x87();
}

/* The name of an x87 form, for the reports (SDM vol. 2, appendix A.5;
 * AMD's aliases as the AMD APM names them). */
const char *fp_x87_name(const struct fp_form *f) {
  static const char *const kMem[8][8] = {
      {"fadd m32", "fmul m32", "fcom m32", "fcomp m32", "fsub m32", "fsubr m32",
       "fdiv m32", "fdivr m32"},
      {"fld m32", "", "fst m32", "fstp m32", "fldenv", "fldcw", "fnstenv",
       "fnstcw"},
      {"fiadd m32", "fimul m32", "ficom m32", "ficomp m32", "fisub m32",
       "fisubr m32", "fidiv m32", "fidivr m32"},
      {"fild m32", "fisttp m32", "fist m32", "fistp m32", "", "fld m80", "",
       "fstp m80"},
      {"fadd m64", "fmul m64", "fcom m64", "fcomp m64", "fsub m64", "fsubr m64",
       "fdiv m64", "fdivr m64"},
      {"fld m64", "fisttp m64", "fst m64", "fstp m64", "frstor", "", "fnsave",
       "fnstsw m16"},
      {"fiadd m16", "fimul m16", "ficom m16", "ficomp m16", "fisub m16",
       "fisubr m16", "fidiv m16", "fidivr m16"},
      {"fild m16", "fisttp m16", "fist m16", "fistp m16", "fbld", "fild m64",
       "fbstp", "fistp m64"}};
  static const char *const kReg[8][8] = {
      {"fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"},
      {"fld st(i)", "fxch", "", "fstp1 (alias)", "", "", "", ""},
      {"fcmovb", "fcmove", "fcmovbe", "fcmovu", "", "", "", ""},
      {"fcmovnb", "fcmovne", "fcmovnbe", "fcmovnu", "", "fucomi", "fcomi", ""},
      {"fadd st(i)", "fmul st(i)", "fcom2 (alias)", "fcomp3 (alias)",
       "fsubr st(i)", "fsub st(i)", "fdivr st(i)", "fdiv st(i)"},
      {"ffree", "fxch4 (alias)", "fst st(i)", "fstp st(i)", "fucom", "fucomp",
       "", ""},
      {"faddp", "fmulp", "fcomp5 (alias)", "", "fsubrp", "fsubp", "fdivrp",
       "fdivp"},
      {"ffreep", "fxch7 (alias)", "fstp8 (alias)", "fstp9 (alias)", "",
       "fucomip", "fcomip", ""}};
  static const char *const kD9[32] = {
      "fchs",    "fabs",    "",        "",       "ftst",    "fxam",   "",
      "",        "fld1",    "fldl2t",  "fldl2e", "fldpi",   "fldlg2", "fldln2",
      "fldz",    "",        "f2xm1",   "fyl2x",  "fptan",   "fpatan", "fxtract",
      "fprem1",  "fdecstp", "fincstp", "fprem",  "fyl2xp1", "fsqrt",  "fsincos",
      "frndint", "fscale",  "fsin",    "fcos"};
  static const char *const kDb[5] = {"feni (nop)", "fdisi (nop)", "fnclex",
                                     "fninit", "fsetpm (nop)"};
  int m = 0xc0 | (f->ext & 7) << 3 | (f->rmop & 7);
  if (f->opc == 0x9b) return "fwait";
  if (f->mem) return kMem[f->opc - 0xd8][f->ext & 7];
  if (f->rmop != 0xff) {
    if (f->opc == 0xd9 && m == 0xd0) return "fnop";
    if (f->opc == 0xd9 && m >= 0xe0) return kD9[m - 0xe0];
    if (f->opc == 0xda && m == 0xe9) return "fucompp";
    if (f->opc == 0xdb && m >= 0xe0 && m <= 0xe4) return kDb[m - 0xe0];
    if (f->opc == 0xde && m == 0xd9) return "fcompp";
    if (f->opc == 0xdf && m == 0xe0) return "fnstsw ax";
  }
  return kReg[f->opc - 0xd8][f->ext & 7];
}

/* ------------------------------------------------------------- the cases */

/* The lanes an operation works on, from its mnemonic: ...ps/ss floats,
 * ...pd/sd doubles, p...b/w/d/q integers. */
static int natural_kind(int op) {
  const char *m = xed_mnemonic(op);
  size_t n = strlen(m);
  if (n < 2) return VK_RAND;
  if (!strcmp(m + n - 2, "ps") || !strcmp(m + n - 2, "ss")) return VK_F32;
  if (!strcmp(m + n - 2, "pd") || !strcmp(m + n - 2, "sd")) return VK_F64;
  if (m[0] == 'p') {
    switch (m[n - 1]) {
      case 'b': return VK_B;
      case 'w': return VK_W;
      case 'd': return VK_D;
      case 'q': return VK_Q;
      default: break;
    }
  }
  return VK_RAND;
}

enum {
  XM_NONE,
  XM_F32,
  XM_F64,
  XM_F80,
  XM_I16,
  XM_I32,
  XM_I64,
  XM_BCD,
  XM_CW,
  XM_ENV,
  XM_SAVE
};

/* What an x87 memory operand holds for the instructions that read it
 * (SDM vol. 2, appendix A.5, table A-7 and the instruction pages). */
static int x87_mem_kind(int opc, int reg) {
  switch (opc) {
    case 0xd8: return XM_F32;
    case 0xd9:
      return reg == 0 ? XM_F32 : reg == 4 ? XM_ENV : reg == 5 ? XM_CW : XM_NONE;
    case 0xda: return XM_I32;
    case 0xdb: return reg == 0 ? XM_I32 : reg == 5 ? XM_F80 : XM_NONE;
    case 0xdc: return XM_F64;
    case 0xdd: return reg == 0 ? XM_F64 : reg == 4 ? XM_SAVE : XM_NONE;
    case 0xde: return XM_I16;
    default:
      return reg == 0   ? XM_I16
             : reg == 4 ? XM_BCD
             : reg == 5 ? XM_I64
                        : XM_NONE;
  }
}

/* An x87 environment image (SDM vol. 1, figures 8-9 and 8-10: 28 bytes,
 * or 14 in the 16-bit format), then for FRSTOR the registers. */
static void put_env(u64 a, int o16, int regs) {
  u16 fcw = below(8) ? random_fcw() : (u16)rnd();
  u16 fsw = (u16)(rnd() & 0x477f);
  int i, n = o16 ? 14 : 28;
  u8 st[10];
  for (i = 0; i < n; ++i) put_mem(a + i, 1, rnd());
  put_mem(a, 2, fcw);
  put_mem(a + (o16 ? 2 : 4), 2, fsw);
  put_mem(a + (o16 ? 4 : 8), 2, below(4) ? rnd() : below(2) ? 0xffff : 0);
  if (!regs) return;
  for (i = 0; i < 8; ++i) {
    f80_edge(st);
    put_mem(a + n + 10 * i, 8, read64le(st));
    put_mem(a + n + 10 * i + 8, 2, read16le(st + 8));
  }
}

/* A valid packed-BCD number (SDM vol. 1, 4.7): 18 digits and a sign; the
 * SDM leaves invalid digits undefined for FBLD. */
static void put_bcd(u64 a) {
  int i;
  for (i = 0; i < 9; ++i)
    put_mem(a + i, 1, below(8) ? below(10) | below(10) << 4 : 0x99);
  if (below(4)) /* short numbers */
    for (i = 1 + below(8); i < 9; ++i) put_mem(a + i, 1, 0);
  put_mem(a + 9, 1, below(2) ? 0x80 : 0);
}

static void put_x87_mem(u64 a, int kind, int o16) {
  u8 st[10];
  switch (kind) {
    case XM_F32: put_mem(a, 4, f32_edge()); break;
    case XM_F64: put_mem(a, 8, f64_edge()); break;
    case XM_F80:
      f80_edge(st);
      put_mem(a, 8, read64le(st));
      put_mem(a + 8, 2, read16le(st + 8));
      break;
    case XM_I16: put_mem(a, 2, edge()); break;
    case XM_I32: put_mem(a, 4, edge()); break;
    case XM_I64: put_mem(a, 8, edge()); break;
    case XM_BCD: put_bcd(a); break;
    case XM_CW: put_mem(a, 2, below(8) ? random_fcw() : rnd()); break;
    case XM_ENV: put_env(a, o16, 0); break;
    case XM_SAVE: put_env(a, o16, 1); break;
    default: break;
  }
}

/* The transcendentals, which blink computes within 1 ulp (tests/fpu80):
 * F2XM1, FYL2X, FPTAN, FPATAN, FYL2XP1, FSINCOS, FSIN, FCOS. */
static int x87_transcendental(const struct fp_form *f) {
  if (f->opc != 0xd9 || f->mem || f->rmop == 0xff) return 0;
  switch (0xc0 | f->ext << 3 | f->rmop) {
    case 0xf0:
    case 0xf1:
    case 0xf2:
    case 0xf3:
    case 0xf9:
    case 0xfb:
    case 0xfe:
    case 0xff: return 1;
    default: return 0;
  }
}

static void put_mm(u8 *fx, int slot, int kind) {
  u8 v[16];
  fill_vec(v, kind);
  memcpy(fx + FX_ST + 16 * slot, v, 8);
  write16le(fx + FX_ST + 16 * slot + 8, 0xffff);
}

/* F2XM1 wants -1 <= ST0 <= 1 and FYL2XP1 |ST0| < 1 - sqrt(2)/2; outside,
 * the SDM leaves the result undefined (vol. 2, F2XM1, FYL2XP1). Mostly an
 * operand inside; a valid one outside makes the case undefined. */
static void x87_domain(struct tcase *t, int emax) {
  u8 *fx = t->in.fx, *st0 = fx + FX_ST;
  int top = fx[FX_FSW + 1] >> 3 & 7;
  u64 m = read64le(st0), mmax = emax == 0x3fff ? 1ull << 63 : 0x95f6ull << 48;
  int e = read16le(st0 + 8) & 0x7fff;
  if (!(fx[FX_FTW] >> top & 1)) return; /* empty: stack underflow */
  if (below(4)) {
    write64le(st0, 1ull << 63 | rnd() >> 1);
    write16le(st0 + 8, (u16)(rnd() & 0x8000) | (u16)(emax - 1 - below(40)));
    return;
  }
  if (e && e != 0x7fff && (m >> 63) && (e > emax || (e == emax && m > mmax)))
    t->undefined = 1;
}

static u64 imm_edge(const struct fp_form *f) {
  static const u8 kCounts[] = {0,  1,  2,  7,  8,  9,  15,  16,  17,
                               31, 32, 33, 63, 64, 65, 127, 128, 255};
  if (f->opc >= 0x71 && f->opc <= 0x73 && below(4))
    return kCounts[below(ARRAY_LEN(kCounts))];
  return below(2) ? rnd() : below(16);
}

void fp_make_case(struct tcase *t, int fi, u64 slot, int unmask_every) {
  const struct fp_form *f = &forms[fi];
  struct state *s = &t->in;
  int i, reg, rm = 0, rex = 0, base = -1, index = -1, scale = 0, mod = 0;
  int need_sib = 0, asz32 = 0, gs = 0;
  u64 target = 0, disp = 0, idxval = 0;
  memset(t, 0, sizeof(*t));
  t->cls = f->cls;
  t->form = fi;
  for (i = 0; i < 16; ++i) set_reg(s, i, edge());
  /* RSP canonical (bits 63..47 equal): see on_fault. */
  set_reg(s, CORE_RSP, (u64)((i64)(get_reg(s, CORE_RSP) << 16) >> 16));
  s->v[0] = X86_EFLAGS_INITIAL | (rnd() & X86_EFLAGS_ARITH) |
            (below(4) ? 0 : X86_EFLAGS_DF);
  fp_random_state(s->fx, unmask_every);
  reg = f->ext != 0xff ? f->ext : (int)below(16);
  if (f->ext != 0xff && below(4)) reg |= 8; /* REX.R: ignored in groups */
  if (f->mem) {
    target = data_addr_mid(4096 + 64);
    if (f->cls == CLS_SSE) {
      /* Aligned mostly: the packed forms need 16 (#GP otherwise). */
      target &= below(8) ? ~15ull : ~0ull;
    } else if (below(2)) {
      target &= ~7ull;
    }
    /* Now and then an operand that straddles the end of the data area:
     * the access faults (SIGSEGV) on its second page. */
    if (!below(64)) target = DATA_ADDR + DATA_SIZE - 1 - below(16);
    base = (int)below(16);
    need_sib = (base & 7) == 4 || below(3) == 0;
    if (need_sib && below(2)) {
      do index = (int)below(16);
      while (index == 4 || index == base);
      scale = (int)below(4);
      idxval = (u64)(i64)((int)below(64) - 16);
    }
    mod = (int)below(3);
    if (mod == 0 && (base & 7) == 5) mod = 1;
    disp = mod == 1   ? (u64)(i64)(i8)rnd()
           : mod == 2 ? (u64)(i64)(i32)(rnd() % 6000 - 3000)
                      : 0;
    asz32 = below(8) == 0;
    gs = below(8) == 0;
  } else if (f->modrm) {
    rm = f->rmop != 0xff ? f->rmop | (below(4) ? 0 : 8) : (int)below(16);
  }
  if (f->op == XED_OP_MASKMOVQ || f->op == XED_OP_MASKMOVDQU) {
    asz32 = below(8) == 0;
    gs = below(8) == 0;
  }
  if (f->w == 1 || (f->w == 2 && !below(4))) rex |= 8;
  if (f->modrm) {
    if (reg & 8) rex |= 4;
    if (f->mem) {
      if (base & 8) rex |= 1;
      if (index >= 0 && (index & 8)) rex |= 2;
    } else if (rm & 8) {
      rex |= 1;
    }
  }
  if (!rex && below(4)) rex = 0x40;
  if (gs) emit(t, 0x65, 1);
  if (asz32) emit(t, 0x67, 1);
  if (f->o16) emit(t, 0x66, 1);
  if (f->pre) emit(t, f->pre, 1);
  if (rex) emit(t, 0x40 | (rex & 15), 1);
  if (f->map == XED_MAP_0F) emit(t, 0x0f, 1);
  emit(t, f->opc, 1);
  if (f->modrm) {
    if (f->mem) {
      emit(t, (u64)(mod << 6 | (reg & 7) << 3 | (need_sib ? 4 : (base & 7))),
           1);
      if (need_sib)
        emit(t,
             (u64)(scale << 6 | (index >= 0 ? index & 7 : 4) << 3 | (base & 7)),
             1);
      emit(t, disp, mod == 1 ? 1 : mod == 2 ? 4 : 0);
    } else {
      emit(t, (u64)(0xc0 | (reg & 7) << 3 | (rm & 7)), 1);
    }
  }
  for (i = 0; i < f->nimm; ++i) emit(t, imm_edge(f), 1);

  /* Operands' values. */
  if (f->cls == CLS_SSE) {
    int k = below(2) ? natural_kind(f->op) : (int)below(VK_COUNT);
    if (f->modrm && !f->mem) fill_vec(s->fx + FX_XMM + 16 * (rm & 15), k);
    if (f->modrm && below(2)) fill_vec(s->fx + FX_XMM + 16 * (reg & 15), k);
    if (f->modrm && (!f->pre || f->opc == 0x2a || f->opc == 0x2c ||
                     f->opc == 0x2d || f->opc == 0xd6)) {
      /* The MMX operands, MMi = R[i], in stack slot (i - TOP) & 7, with
       * the exponent word an MMX write leaves. */
      int top = s->fx[FX_FSW + 1] >> 3 & 7;
      put_mm(s->fx, (rm - top) & 7, k);
      if (below(2)) put_mm(s->fx, (reg - top) & 7, k);
    }
    if (f->mem) {
      u8 v[16];
      for (i = -64; i < 64 + 16; ++i) put_mem(target + i, 1, rnd());
      fill_vec(v, k);
      for (i = 0; i < 16; ++i) put_mem(target + i, 1, v[i]);
      if (f->op == XED_OP_LDMXCSR)
        put_mem(target, 4, below(8) ? random_mxcsr(8) : (u32)rnd());
      if (f->op == XED_OP_FXRSTOR) {
        u8 img[512] __attribute__((aligned(16)));
        fp_random_state(img, unmask_every);
        if (!below(16)) write32le(img + FX_MXCSR, (u32)rnd()); /* #GP */
        for (i = 0; i < 512; ++i) put_mem(target + i, 1, img[i]);
      }
      if (f->op == XED_OP_FXSAVE) {
        t->img = f->w == 1 ? IMG_FXSAVE64 : IMG_FXSAVE32;
        t->img_addr = target;
      }
    }
    if (f->op == XED_OP_MASKMOVQ || f->op == XED_OP_MASKMOVDQU) {
      /* The implicit destination, DS:rDI (an override applies). */
      u64 a = data_addr_mid(64);
      for (i = 0; i < 16; ++i) put_mem(a + i, 1, rnd());
      set_reg(s, CORE_RDI, a - (gs ? GS_BASE : 0) + (asz32 ? rnd() << 32 : 0));
    }
    if (f->op == XED_OP_RCPPS || f->op == XED_OP_RSQRTPS) t->tol = TOL_RCPPS;
    if (f->op == XED_OP_RCPSS || f->op == XED_OP_RSQRTSS) t->tol = TOL_RCPSS;
  } else {
    t->x87 = 1;
    if (x87_transcendental(f)) t->tol = TOL_ULP;
    if (!f->mem && f->opc == 0xd9 && f->ext == 6 && f->rmop == 0)
      x87_domain(t, 0x3fff); /* F2XM1 */
    if (!f->mem && f->opc == 0xd9 && f->ext == 7 && f->rmop == 1)
      x87_domain(t, 0x3ffd); /* FYL2XP1 */
    if (f->mem) {
      for (i = -64; i < 64 + 108; ++i) put_mem(target + i, 1, rnd());
      put_x87_mem(target, x87_mem_kind(f->opc, f->ext), f->o16);
      if ((f->opc == 0xd9 || f->opc == 0xdd) && f->ext == 6) {
        t->img = f->opc == 0xd9 ? (f->o16 ? IMG_ENV16 : IMG_ENV32)
                                : (f->o16 ? IMG_SAVE16 : IMG_SAVE32);
        t->img_addr = target;
      }
    }
  }

  /* The memory operand's registers last, over any other use. */
  if (f->mem) {
    u64 junk = asz32 ? rnd() << 32 : 0;
    if (index >= 0) set_reg(s, index, idxval + (asz32 ? rnd() << 32 : 0));
    set_reg(s, base,
            (target - (gs ? GS_BASE : 0) - disp -
             (index >= 0 ? idxval << scale : 0)) +
                junk);
  }
  (void)slot;
}
