/* The x86-64 instruction decoder: prefixes, opcode maps, ModRM/SIB,
 * displacement and immediates (SDM vol. 2, chapters 2 and 3; AMD APM vol. 3
 * and 4 for XOP and 3DNow!).
 *
 * The way through: legacy prefixes and REX; then the opcode, which either
 * is a row of onebyte.inc or escapes to twobyte.inc (0F), the prefix-split
 * tables sse0f.inc, map0f38.inc and map0f3a.inc (0F, 0F 38, 0F 3A, also
 * reached by VEX and EVEX), x87.inc (D8..DF), xop.inc (8F with a map >= 8)
 * or the 3DNow! suffixes (0F 0F). ModRM, SIB and displacement come next,
 * then the group tables that split a row by ModRM.reg, the operand size,
 * the immediate, and last the checks that turn a decodable byte string into
 * #UD (memory-only forms with a register, LOCK where it is not allowed, VEX
 * fields a row forbids). */
#include "xed/xed.h"

enum imm_kind {
  IMM_NONE,
  IMM_B,
  IMM_W,
  IMM_Z,
  IMM_V,
  IMM_WB,
  IMM_MOFFS,
  IMM_BB,
  IMM_D
};

struct form_info {
  u8 modrm, imm, byte;
};

static const struct form_info kForms[XED_FORM_COUNT] = {
#define XED_FORM(name, modrm, imm, byte) \
  [XED_FORM_##name] = {modrm, IMM_##imm, byte},
#include "xed/forms.inc"
#undef XED_FORM
};

struct row {
  u16 op;
  u8 form, attr;
};

#define D64 XED_A_D64
#define F64 XED_A_F64
#define I64 XED_A_I64
#define BR XED_A_BR
#define X(opc, op, form, attr) [opc] = {XED_OP_##op, XED_FORM_##form, (attr)},

static const struct row kOneByte[256] = {
#include "xed/onebyte.inc"
};

static const struct row kTwoByte[256] = {
#include "xed/twobyte.inc"
};
#undef X

#define GROUP_FIRST XED_OP_GRP1
#define GROUP_COUNT (XED_OP_GRP8 - XED_OP_GRP1 + 1)

#define G(grp, reg, op, form, attr) \
  [XED_OP_##grp - GROUP_FIRST][reg] = {XED_OP_##op, XED_FORM_##form, (attr)},
static const struct row kGroups[GROUP_COUNT][8] = {
#include "xed/groups.inc"
};
#undef G
#undef D64
#undef F64
#undef I64
#undef BR

/* Cells of the prefix-split tables (see sse0f.inc). */
#define __ 0
#define Lg 0x0001
#define Vx 0x0002
#define Ev 0x0004
#define Mm 0x0008
#define Rr 0x0010
#define L0 0x0020
#define L1 0x0040
#define L2 0x0080
#define W0 0x0100
#define W1 0x0200
#define E0 0x0400
#define E1 0x0800
#define NV 0x1000
#define NM 0x2000
#define IB 0x4000
#define I2 0x8000
#define Vm 0x10000   /* memory only in VEX (but not in EVEX) */
#define K_ 0x20000   /* VEX operands are mask registers k0..k7 */
#define Bc 0x40000   /* EVEX.b on a memory operand (broadcast) is allowed */
#define Er 0x80000   /* EVEX.b on registers (rounding or SAE) is allowed */
#define Nz 0x100000  /* no zeroing-masking (EVEX.z): compares into k, ... */
#define Zm 0x200000  /* no zeroing-masking when the operand is memory */
#define Nk 0x400000  /* no masking at all (EVEX.aaa must be 0) */
#define Mk 0x800000  /* a mask is required (gathers, scatters) */
#define Tm 0x1000000 /* AMX: operands are tiles tmm0..tmm7 */
#define Gr 0x2000000 /* ModRM.reg is a general register: no EVEX.R' */

struct prow {
  u32 cell[4]; /* by mandatory prefix: none, 66, F3, F2 */
  u8 form;
};

#define N(opc, np, p66, pf3, pf2)
#define P(opc, form, np, p66, pf3, pf2) \
  [opc] = {{(np), (p66), (pf3), (pf2)}, XED_FORM_##form},
static const struct prow kSse0F[256] = {
#include "xed/sse0f.inc"
};
static const struct prow k0F38[256] = {
#include "xed/map0f38.inc"
};
static const struct prow k0F3A[256] = {
#include "xed/map0f3a.inc"
};

#define MAP5(opc, form, np, p66, pf3, pf2) P(opc, form, np, p66, pf3, pf2)
static const struct prow kMap5[256] = {
#include "xed/fp16.inc"
};
#undef MAP5
#define MAP6(opc, form, np, p66, pf3, pf2) P(opc, form, np, p66, pf3, pf2)
static const struct prow kMap6[256] = {
#include "xed/fp16.inc"
};
#undef MAP6
#undef P

#undef N

/* The operations of the legacy encodings, from the N rows of the same
 * tables; "_" names none (the cell is VEX or EVEX only). */
struct pnames {
  u16 op[4];
};
#define XED_OP__ XED_OP_SSE
#define P(opc, form, np, p66, pf3, pf2)
#define N(opc, np, p66, pf3, pf2) \
  [opc] = {{XED_OP_##np, XED_OP_##p66, XED_OP_##pf3, XED_OP_##pf2}},
static const struct pnames kSse0FNames[256] = {
#include "xed/sse0f.inc"
};
static const struct pnames k0F38Names[256] = {
#include "xed/map0f38.inc"
};
static const struct pnames k0F3ANames[256] = {
#include "xed/map0f3a.inc"
};
#undef P
#undef N
#undef XED_OP__

#define XOP8(opc, form, cell) [opc] = {{(cell), 0, 0, 0}, XED_FORM_##form},
static const struct prow kXop8[256] = {
#include "xed/xop.inc"
};
#undef XOP8
#define XOP9(opc, form, cell) [opc] = {{(cell), 0, 0, 0}, XED_FORM_##form},
static const struct prow kXop9[256] = {
#include "xed/xop.inc"
};
#undef XOP9
#define XOPA(opc, form, cell) [opc] = {{(cell), 0, 0, 0}, XED_FORM_##form},
static const struct prow kXopA[256] = {
#include "xed/xop.inc"
};
#undef XOPA

struct x87 {
  const char *mem, *reg;
};
#define F(opc, mem, reg) [(opc)-0xd8] = {mem, reg},
static const struct x87 kX87[8] = {
#include "xed/x87.inc"
};
#undef F

static const char *const kMnemonics[XED_OP_COUNT] = {
#define XED_OP(name, mnemonic) [XED_OP_##name] = mnemonic,
#include "xed/ops.inc"
#undef XED_OP
};

const char *xed_mnemonic(int op) {
  if (op < 0 || op >= XED_OP_COUNT) return "(bad)";
  return kMnemonics[op];
}

/* The 3DNow! operations, named by the byte after the operands (AMD APM
 * vol. 5, "3DNow! instruction reference"). */
static int is_3dnow(u8 b) {
  static const u8 kList[] = {0x0c, 0x0d, 0x1c, 0x1d, 0x8a, 0x8e, 0x90, 0x94,
                             0x96, 0x97, 0x9a, 0x9e, 0xa0, 0xa4, 0xa6, 0xa7,
                             0xaa, 0xae, 0xb0, 0xb4, 0xb6, 0xb7, 0xbb, 0xbf};
  size_t i;
  for (i = 0; i < sizeof(kList); ++i)
    if (kList[i] == b) return 1;
  return 0;
}

/* Reads an n-byte little-endian value, sign-extended, at *pos; returns
 * -1 when the bytes run out (the caller sorts out SHORT from LONG). */
static int take(const u8 *p, size_t avail, size_t *pos, int n, i64 *out) {
  u64 v = 0;
  int i;
  if (*pos + n > avail) return -1;
  for (i = 0; i < n; ++i) v |= (u64)p[*pos + i] << (8 * i);
  *pos += n;
  if (n < 8) {
    u64 sign = (u64)1 << (8 * n - 1);
    v = (v ^ sign) - sign;
  }
  *out = (i64)v;
  return 0;
}

static int short_or_long(size_t need) {
  return need > XED_MAX_LEN ? XED_ERR_LONG : XED_ERR_SHORT;
}

/* ModRM, SIB and displacement. rex holds R, X and B (as in a REX byte)
 * whatever prefix supplied them. */
static int decode_modrm(struct xed_insn *x, const u8 *p, size_t avail,
                        size_t *pos, u8 rex) {
  u8 m;
  i64 d = 0;
  if (*pos >= avail) return short_or_long(*pos + 1);
  m = p[(*pos)++];
  x->flags |= XED_F_MODRM;
  x->modrm = m;
  x->mod = m >> 6;
  x->reg = ((m >> 3) & 7) | ((rex & 4) << 1);
  x->rm = (m & 7) | ((rex & 1) << 3);
  x->base = x->index = XED_REG_NONE;
  x->scale = 0;
  x->disp = 0;
  if (x->mod == 3) return XED_OK;
  x->flags |= XED_F_MEM;
  if ((m & 7) == 4) {
    u8 sib;
    if (*pos >= avail) return short_or_long(*pos + 1);
    sib = p[(*pos)++];
    x->scale = sib >> 6;
    x->index = ((sib >> 3) & 7) | ((rex & 2) << 2);
    if (x->index == 4) x->index = XED_REG_NONE; /* rsp can't be an index */
    x->base = (sib & 7) | ((rex & 1) << 3);
    if ((sib & 7) == 5 && x->mod == 0) {
      x->base = XED_REG_NONE;
      if (take(p, avail, pos, 4, &d)) return short_or_long(*pos + 4);
    }
  } else if ((m & 7) == 5 && x->mod == 0) {
    x->base = XED_REG_RIP;
    x->flags |= XED_F_RIPREL;
    if (take(p, avail, pos, 4, &d)) return short_or_long(*pos + 4);
  } else {
    x->base = x->rm;
  }
  if (x->mod == 1) {
    if (take(p, avail, pos, 1, &d)) return short_or_long(*pos + 1);
  } else if (x->mod == 2) {
    if (take(p, avail, pos, 4, &d)) return short_or_long(*pos + 4);
  }
  x->disp = d;
  return XED_OK;
}

static int decode_imm(struct xed_insn *x, const u8 *p, size_t avail,
                      size_t *pos, int kind) {
  i64 v = 0, w = 0;
  int n;
  switch (kind) {
    case IMM_NONE: return XED_OK;
    case IMM_B: n = 1; break;
    case IMM_W: n = 2; break;
    case IMM_D: n = 4; break;
    case IMM_Z: n = x->osz == 2 ? 2 : 4; break;
    case IMM_V: n = x->osz; break;
    case IMM_WB:
    case IMM_BB:
      n = kind == IMM_WB ? 2 : 1;
      if (take(p, avail, pos, n, &v)) return short_or_long(*pos + n);
      if (take(p, avail, pos, 1, &w)) return short_or_long(*pos + 1);
      x->imm = kind == IMM_WB ? (u64)(u16)v : (u64)(u8)v;
      x->imm2 = (u8)w;
      return XED_OK;
    case IMM_MOFFS:
      n = x->asz;
      if (take(p, avail, pos, n, &v)) return short_or_long(*pos + n);
      x->disp = n == 4 ? (i64)(u32)v : v;
      return XED_OK;
    default: return XED_ERR_INVALID;
  }
  if (take(p, avail, pos, n, &v)) return short_or_long(*pos + n);
  x->imm = kind == IMM_W ? (u64)(u16)v : (u64)v;
  return XED_OK;
}

static int prefix_index(u8 mprefix) {
  switch (mprefix) {
    case 0x66: return 1;
    case 0xf3: return 2;
    case 0xf2: return 3;
    default: return 0;
  }
}

/* Operations that take LOCK: read-modify-write of a memory destination
 * (SDM vol. 2, LOCK). */
static int lockable(const struct xed_insn *x) {
  if (!(x->flags & XED_F_MEM)) return 0;
  switch (x->op) {
    case XED_OP_ADD:
    case XED_OP_OR:
    case XED_OP_ADC:
    case XED_OP_SBB:
    case XED_OP_AND:
    case XED_OP_SUB:
    case XED_OP_XOR:
    case XED_OP_NOT:
    case XED_OP_NEG:
    case XED_OP_INC:
    case XED_OP_DEC:
    case XED_OP_BTS:
    case XED_OP_BTR:
    case XED_OP_BTC:
      switch (x->form) {
        case XED_FORM_EbGb:
        case XED_FORM_EvGv:
        case XED_FORM_EbIb:
        case XED_FORM_EvIz:
        case XED_FORM_EvIb:
        case XED_FORM_Eb:
        case XED_FORM_Ev: return 1;
        default: return 0;
      }
    case XED_OP_XCHG: return x->form != XED_FORM_rAXZv;
    case XED_OP_XADD:
    case XED_OP_CMPXCHG:
    case XED_OP_CMPXCHGXB: return 1;
    default: return 0;
  }
}

/* The mask-register rows of VEX map 1 and 3 (KAND.., KMOV, KSHIFT):
 * registers beyond k7 do not exist. KMOV to and from a general register
 * (0F 92, 0F 93) has one of each. */
static int k_registers_ok(struct xed_insn *x) {
  int gpr_rm = x->map == XED_MAP_0F && x->opcode == 0x92;
  int gpr_reg = x->map == XED_MAP_0F && x->opcode == 0x93;
  if (x->vreg > 7) return 0;
  if (!gpr_reg && x->reg > 7) return 0;
  /* VEX.B is ignored for a mask register in ModRM.rm: the host runs
   * c4 c1 4c 4a f5 as kaddw k6, k6, k5. */
  if (!gpr_rm && x->mod == 3) x->rm &= 7;
  return 1;
}

/* AMX tile operations: tmm0..tmm7, and three different ones for the dot
 * products (SDM vol. 2, TDPBSSD: #UD if any two are the same). */
static int tiles_ok(const struct xed_insn *x) {
  /* ldtilecfg, sttilecfg and tilerelease name no tile; tilezero one. */
  if (x->map == XED_MAP_0F38 && x->opcode == 0x49)
    return x->mprefix != 0xf2 || x->reg < 8;
  if (x->reg > 7 || x->vreg > 7 || (x->mod == 3 && x->rm > 7)) return 0;
  if (x->map == XED_MAP_0F38 && (x->opcode == 0x5c || x->opcode == 0x5e))
    return x->reg != x->rm && x->reg != x->vreg && x->rm != x->vreg;
  return 1;
}

/* Checks a prefix-split cell against the encoding; 0 when it is #UD. */
static int cell_allows(struct xed_insn *x, unsigned c) {
  int mem = (x->flags & XED_F_MEM) != 0;
  if ((c & Mm) && !mem) return 0;
  if ((c & Rr) && mem) return 0;
  if (x->flags & (XED_F_VEX | XED_F_XOP)) {
    if ((c & Vm) && !mem) return 0;
    if ((c & K_) && !k_registers_ok(x)) return 0;
    if ((c & Tm) && !tiles_ok(x)) return 0;
    if ((c & L0) && x->vl) return 0;
    if ((c & L1) && !x->vl) return 0;
    if ((c & W0) && x->vex_w) return 0;
    if ((c & W1) && !x->vex_w) return 0;
    if ((c & NV) && x->vreg) return 0;
    if ((c & NM) && mem && x->vreg) return 0;
  } else if (x->flags & XED_F_EVEX) {
    /* With EVEX.b on a register form, L'L is the rounding mode. */
    int rounding = (x->flags & XED_F_EVEX_B) && !mem;
    if (!rounding) {
      if (x->vl == 3) return 0;
      if ((c & L0) && x->vl) return 0;
      if ((c & L1) && !x->vl) return 0;
      if ((c & L2) && x->vl != 2) return 0;
    }
    if ((c & E0) && x->vex_w) return 0;
    if ((c & E1) && !x->vex_w) return 0;
    /* Masking (SDM vol. 2, 2.7: EVEX encoding exceptions): zeroing needs a
     * mask; some operations take no zeroing, no mask, or need one. */
    if (x->flags & XED_F_EVEX_Z) {
      if (!x->mask || (c & Nz) || ((c & Zm) && mem)) return 0;
    }
    if ((c & Nk) && x->mask) return 0;
    if ((c & Mk) && !x->mask) return 0;
    if ((x->flags & XED_F_EVEX_B) && !(c & (mem ? Bc : Er))) return 0;
    if ((c & Gr) && (x->reg & 16)) return 0;
    /* Compares write a mask register: k0..k7 only. */
    if ((c & Nz) && !(c & Mk) && x->reg > 7) return 0;
    if ((c & NV) && x->vreg) return 0;
    if ((c & NM) && mem && x->vreg) return 0;
  }
  return 1;
}

/* Group 7's register forms (0F 01 C0..FF) by ModRM byte: which prefixes
 * each takes (SDM vol. 2 and AMD APM vol. 3 for the SVM and AMD rows).
 * n: none; a: any (66 is then an operand-size prefix); N: none, F3 or F2;
 * e: none or F3; 6, 3, 2: only that one; c: none or 66; '.': #UD.
 *   c0 enclv vmcall vmlaunch vmresume vmxoff pconfig . .
 *   c8 monitor mwait clac stac; 66: tdcall seamret seamops; encls/seamcall
 *   d0 xgetbv xsetbv . . vmfunc xend xtest enclu
 *   d8 vmrun vmmcall vmload vmsave stgi clgi skinit invlpga
 *   e0 smsw
 *   e8 serialize/setssbsy/xsusldtrk; xresldtrk; saveprevssp; .; uiret
 *      testui; rdpkru/clui; wrpkru/stui
 *   f0 lmsw
 *   f8 swapgs rdtscp monitorx mwaitx clzero rdpru invlpgb tlbsync */
static const char kGroup7Reg[] =
    "nnnnnn.. nnnn666c nn..nnnn aaaaaaaa aaaaaaaa N23.33ee aaaaaaaa "
    "aaenaaNN";

static int group7_allows(u8 modrm, u8 mprefix) {
  int i = modrm - 0xc0;
  switch (kGroup7Reg[(i >> 3) * 9 + (i & 7)]) {
    case 'n': return mprefix == 0;
    case 'a': return 1;
    case 'N': return mprefix != 0x66;
    case 'e': return mprefix == 0 || mprefix == 0xf3;
    case '6': return mprefix == 0x66;
    case '3': return mprefix == 0xf3;
    case '2': return mprefix == 0xf2;
    case 'c': return mprefix == 0 || mprefix == 0x66;
    default: return 0;
  }
}

/* Map 0F groups and rows whose validity hangs on ModRM or the prefix:
 * 0 when #UD, 1 when valid, MANDATORY66 when valid and a 66 prefix is part
 * of the opcode (or ignored) rather than an operand-size override. */
#define MANDATORY66 2
static int check_0f(struct xed_insn *x) {
  int r = (x->modrm >> 3) & 7, mem = (x->flags & XED_F_MEM) != 0;
  u8 m = x->modrm;
  switch (x->opcode) {
    case 0x00: /* group 6: sldt str lldt ltr verr verw */ return r < 6;
    case 0x01: /* group 7 */
      if (mem) {
        if (r < 4) x->attr |= XED_A_F64;   /* sgdt sidt lgdt lidt */
        if (r == 7) x->form = XED_FORM_Eb; /* invlpg m8 */
        if (r == 5) return x->rep == 0xf3; /* rstorssp */
        return 1;
      }
      if (m == 0xd0) x->op = XED_OP_XGETBV;
      if (m == 0xf9) x->op = XED_OP_RDTSCP;
      /* enclv, encls and enclu take 64-bit operands (RAX, RBX, ...). */
      if (m == 0xc0 || m == 0xd7 || (m == 0xcf && !x->mprefix))
        x->attr |= XED_A_F64;
      if (!group7_allows(m, x->mprefix)) return 0;
      return m >= 0xcc && m <= 0xcf ? MANDATORY66 : 1; /* tdcall.. */
    case 0xa6:                                         /* VIA PadLock */
      return x->rep == 0xf3 && (m == 0xc0 || m == 0xc8 || m == 0xd0);
    case 0xa7:
      if (m == 0xc0) return x->rep != 0xf2; /* xstore */
      return x->rep == 0xf3 &&
             (m == 0xc8 || m == 0xd0 || m == 0xd8 || m == 0xe0 || m == 0xe8);
    case 0x1e: /* register forms: rdssp, endbr64, endbr32, hint NOPs */
      return x->mod == 3 && x->mprefix == 0x66 ? MANDATORY66 : 1;
    case 0x20:
    case 0x22: /* control registers 0, 2, 3, 4 and 8 */
      return x->reg == 0 || x->reg == 2 || x->reg == 3 || x->reg == 4 ||
             x->reg == 8;
    case 0x21:
    case 0x23: return x->reg < 8; /* debug registers 0..7 */
    case 0xae:                    /* group 15 */
      if (mem) {
        if (x->mprefix == 0x66) return r >= 6 ? MANDATORY66 : 0; /* clwb.. */
        if (x->mprefix == 0xf3) return r == 4 || r == 6; /* ptwrite clrssbsy */
        if (x->mprefix == 0xf2) return 0;
        switch (r) {
          case 0: x->op = XED_OP_FXSAVE; break;
          case 1: x->op = XED_OP_FXRSTOR; break;
          case 2: x->op = XED_OP_LDMXCSR; break;
          case 3: x->op = XED_OP_STMXCSR; break;
          case 4:
          case 6: x->op = XED_OP_XSAVE; break;
          case 5: x->op = XED_OP_XRSTOR; break;
          default: x->op = XED_OP_CLFLUSH; break;
        }
        return 1;
      }
      if (x->mprefix == 0xf3) {
        static const u16 kBase[4] = {XED_OP_RDFSBASE, XED_OP_RDGSBASE,
                                     XED_OP_WRFSBASE, XED_OP_WRGSBASE};
        if (r < 4) x->op = kBase[r];
        return r < 7; /* ..., ptwrite, incssp, umonitor */
      }
      if (x->mprefix == 0x66) return r == 6 ? MANDATORY66 : 0; /* tpause */
      if (x->mprefix == 0xf2) return r == 6;                   /* umwait */
      return r >= 5; /* lfence mfence sfence */
    case 0x37:       /* getsec */
    case 0xc3: /* movnti */ return x->mprefix == 0;
    case 0xb8: /* popcnt */ return x->mprefix == 0xf3;
    case 0xbc:
      if (x->mprefix == 0xf3) x->op = XED_OP_TZCNT;
      return 1;
    case 0xbd:
      if (x->mprefix == 0xf3) x->op = XED_OP_LZCNT;
      return 1;
    case 0xc7: /* group 9 */
      if (mem) {
        if (r == 1) {
          x->op = XED_OP_CMPXCHGXB;
          return MANDATORY66; /* 66 is ignored: REX.W picks 8b or 16b */
        }
        x->op = r >= 3 && r <= 5 ? XED_OP_XSAVE : XED_OP_OTHER;
        if (r == 3) x->op = XED_OP_XRSTOR;
        if (r == 6) { /* vmptrld, vmclear, vmxon: 66 is not a size */
          return x->mprefix == 0xf2 ? 0 : MANDATORY66;
        }
        return r >= 3 && x->mprefix == 0; /* xrstors xsavec xsaves vmptrst */
      }
      if (r == 6 && x->mprefix != 0xf3) x->op = XED_OP_RDRAND;
      if (r == 7 && x->mprefix != 0xf3) x->op = XED_OP_RDSEED;
      if (r == 7 && x->mprefix == 0xf3) x->op = XED_OP_RDPID;
      return r >= 6 && x->mprefix != 0xf2;
    default: return 1;
  }
}

/* The shift groups 12, 13 and 14 (0F 71..73) and VEX group 15, by
 * encoding: 1 when ModRM.reg names an operation. */
static int check_vector_group(const struct xed_insn *x, int map) {
  int r = (x->modrm >> 3) & 7, evex = (x->flags & XED_F_EVEX) != 0;
  int mem = (x->flags & XED_F_MEM) != 0;
  if (map == XED_MAP_0F) {
    switch (x->opcode) {
      case 0x71:
        if (mem && !evex) return 0;
        if (evex && (x->flags & XED_F_EVEX_B)) return 0; /* words */
        return r == 2 || r == 4 || r == 6;
      case 0x72:
        if (mem && !evex) return 0;
        if (evex && (r == 2 || r == 6) && x->vex_w) return 0; /* dwords */
        return r == 2 || r == 4 || r == 6 || (evex && r < 2);
      case 0x73:
        if (mem && !evex) return 0;
        if (r == 3 || r == 7) {
          /* pslldq and psrldq: no masking or broadcast in EVEX */
          if (evex && (x->mask || (x->flags & XED_F_EVEX_B))) return 0;
          return x->mprefix == 0x66;
        }
        if (evex && !x->vex_w) return 0; /* psrlq, psllq: qwords */
        return r == 2 || r == 6;
      case 0xae: return r == 2 || r == 3; /* vldmxcsr vstmxcsr */
      default: return 1;
    }
  }
  if (map == XED_MAP_EVEX6 && (x->opcode & 0x7e) == 0x56) {
    /* Complex FP16 multiplies: the destination may not be a source (SDM
     * vol. 2, VFCMULCPH: #UD). */
    return x->reg != x->vreg && (mem || x->reg != x->rm);
  }
  if (map == XED_MAP_0F38 && x->opcode == 0xf3) return r >= 1 && r <= 3;
  if (map == XED_MAP_0F38 && x->opcode == 0xd8) return r <= 3; /* aes*wide* */
  if (map == XED_MAP_0F38 && x->opcode == 0x4b) return (x->modrm & 7) == 4;
  if (map == XED_MAP_0F38 && (x->opcode == 0xc6 || x->opcode == 0xc7))
    return r == 1 || r == 2 || r == 5 || r == 6;
  if (map == XED_MAP_0F38 && x->opcode == 0x49 && (x->flags & XED_F_VEX)) {
    if (x->mprefix == 0) return mem ? r == 0 : x->modrm == 0xc0;
    if (x->mprefix == 0x66) return r == 0;
    return x->mprefix == 0xf2 && (x->modrm & 7) == 0;
  }
  return 1;
}

/* Gathers, scatters and their prefetches address memory through a vector
 * index (VSIB). */
static int is_vsib(u8 opcode) {
  return (opcode >= 0x90 && opcode <= 0x93) ||
         (opcode >= 0xa0 && opcode <= 0xa3) || opcode == 0xc6 || opcode == 0xc7;
}

/* The general-purpose operations among the 0F 38 and 0F 3A rows. */
static void name_gpr_op(struct xed_insn *x) {
  int vex = (x->flags & XED_F_VEX) != 0;
  if (x->map == XED_MAP_0F3A) {
    if (x->opcode == 0xf0 && vex) x->op = XED_OP_RORX;
    if (x->opcode == 0xf0 && !vex) x->op = XED_OP_OTHER, x->attr = 0;
    return;
  }
  if (x->map == XED_MAP_0F38 && !vex && x->mprefix == 0xf3 &&
      x->opcode >= 0xd8 && x->opcode <= 0xdf) {
    x->op = XED_OP_OTHER; /* Key Locker: handles in memory, not vectors */
    x->attr = 0;
    return;
  }
  if (x->map != XED_MAP_0F38 || x->opcode < 0xf0) return;
  if (!vex) {
    switch (x->opcode) {
      case 0xf0:
      case 0xf1:
        x->op = x->mprefix == 0xf2 ? XED_OP_CRC32 : XED_OP_MOVBE;
        break;
      case 0xf6:
        if (x->mprefix == 0x66) x->op = XED_OP_ADCX;
        if (x->mprefix == 0xf3) x->op = XED_OP_ADOX;
        break;
      default: break;
    }
    if (x->op == XED_OP_SSE) x->op = XED_OP_OTHER;
    x->attr = 0; /* general-purpose registers */
    return;
  }
  switch (x->opcode) {
    case 0xf2: x->op = XED_OP_ANDN; break;
    case 0xf3: {
      static const u16 kGroup17[4] = {XED_OP_INVALID, XED_OP_BLSR,
                                      XED_OP_BLSMSK, XED_OP_BLSI};
      x->op = kGroup17[(x->modrm >> 3) & 3];
      break;
    }
    case 0xf5:
      x->op = x->mprefix == 0xf3   ? XED_OP_PEXT
              : x->mprefix == 0xf2 ? XED_OP_PDEP
                                   : XED_OP_BZHI;
      break;
    case 0xf6: x->op = XED_OP_MULX; break;
    case 0xf7:
      x->op = x->mprefix == 0x66   ? XED_OP_SHLX
              : x->mprefix == 0xf3 ? XED_OP_SARX
              : x->mprefix == 0xf2 ? XED_OP_SHRX
                                   : XED_OP_BEXTR;
      break;
    default: break;
  }
}

/* AMD's SSE4a rows with F2/F3 (movntss, movntsd, insertq): Zydis counts
 * a further 66 as an operand-size prefix there; the size means nothing to
 * these operations, so follow it. */
static int is_sse4a(const struct xed_insn *x) {
  return x->map == XED_MAP_0F &&
         ((x->opcode == 0x2b && x->rep) ||
          ((x->opcode & 0xfe) == 0x78 && x->mprefix == 0xf2));
}

/* Operand and address size: byte forms, then REX.W or a fixed 64, then
 * the default (64 for D64 rows, else 32) unless a 66 prefix made it 16. */
static void sizes(struct xed_insn *x, const struct form_info *fi, int osz66) {
  x->asz = (x->flags & XED_F_ASZ) ? 4 : 8;
  if (fi->byte) {
    x->osz = 1;
  } else if ((x->rex & 8) || (x->attr & XED_A_F64)) {
    x->osz = 8;
  } else if (x->attr & XED_A_D64) {
    x->osz = osz66 ? 2 : 8;
  } else {
    x->osz = osz66 ? 2 : 4;
  }
}

/* VEX (C4, C5), EVEX (62) and XOP (8F) encoded instructions. On entry
 * p[pos - 1] is the prefix byte. */
static int decode_vector(struct xed_insn *x, const u8 *p, size_t avail,
                         size_t pos, u8 esc) {
  const struct prow *t = NULL;
  const struct form_info *fi;
  unsigned c;
  u8 rxb, b1, b2, b3, map;
  int rc;
  /* 66, F2, F3, LOCK or REX before these prefixes is #UD. */
  if (x->rep || (x->flags & (XED_F_OSZ | XED_F_LOCK)) || x->rex)
    return XED_ERR_INVALID;
  x->rex = 0;
  if (esc == 0xc5) {
    if (pos >= avail) return short_or_long(pos + 1);
    b1 = p[pos++];
    x->flags |= XED_F_VEX;
    rxb = ((b1 >> 7) ^ 1) << 2;
    map = 1;
    x->vex_w = 0;
    x->vreg = (~b1 >> 3) & 15;
    x->vl = (b1 >> 2) & 1;
    x->mprefix = "\0\x66\xf3\xf2"[b1 & 3];
  } else if (esc == 0x62) {
    if (pos + 3 > avail) return short_or_long(pos + 3);
    b1 = p[pos];
    b2 = p[pos + 1];
    b3 = p[pos + 2];
    pos += 3;
    x->flags |= XED_F_EVEX;
    if ((b1 & 0x08) || !(b2 & 0x04)) return XED_ERR_INVALID;
    rxb = (~b1 >> 5) & 7;
    map = b1 & 7;
    x->vex_w = b2 >> 7;
    x->vreg = ((~b2 >> 3) & 15) | (((~b3 >> 3) & 1) << 4);
    x->vl = (b3 >> 5) & 3;
    x->mask = b3 & 7;
    if (b3 & 0x80) x->flags |= XED_F_EVEX_Z;
    if (b3 & 0x10) x->flags |= XED_F_EVEX_B;
    x->mprefix = "\0\x66\xf3\xf2"[b2 & 3];
  } else { /* C4 or XOP's 8F */
    if (pos + 2 > avail) return short_or_long(pos + 2);
    b1 = p[pos];
    b2 = p[pos + 1];
    pos += 2;
    x->flags |= esc == 0xc4 ? XED_F_VEX : XED_F_XOP;
    rxb = (~b1 >> 5) & 7;
    map = b1 & 31;
    x->vex_w = b2 >> 7;
    x->vreg = (~b2 >> 3) & 15;
    x->vl = (b2 >> 2) & 1;
    x->mprefix = "\0\x66\xf3\xf2"[b2 & 3];
    if (esc == 0x8f && (b2 & 3)) return XED_ERR_INVALID;
  }
  if (pos >= avail) return short_or_long(pos + 1);
  x->opcode = p[pos++];
  if (esc == 0x8f) {
    switch (map) {
      case 8: t = kXop8, x->map = XED_MAP_XOP8; break;
      case 9: t = kXop9, x->map = XED_MAP_XOP9; break;
      case 10: t = kXopA, x->map = XED_MAP_XOPA; break;
      default: return XED_ERR_INVALID;
    }
    x->op = XED_OP_XOP;
    c = t[x->opcode].cell[0];
  } else {
    switch (map) {
      case 1: t = kSse0F, x->map = XED_MAP_0F; break;
      case 2: t = k0F38, x->map = XED_MAP_0F38; break;
      case 3: t = k0F3A, x->map = XED_MAP_0F3A; break;
      case 5:
        if (esc != 0x62) return XED_ERR_INVALID;
        t = kMap5, x->map = XED_MAP_EVEX5;
        break;
      case 6:
        if (esc != 0x62) return XED_ERR_INVALID;
        t = kMap6, x->map = XED_MAP_EVEX6;
        break;
      default: return XED_ERR_INVALID;
    }
    x->op = esc == 0x62 ? XED_OP_AVX512 : XED_OP_AVX;
    c = t[x->opcode].cell[prefix_index(x->mprefix)];
    if (!(c & (esc == 0x62 ? Ev : Vx))) return XED_ERR_INVALID;
  }
  if (!(c & (Vx | Ev))) return XED_ERR_INVALID;
  x->form = t[x->opcode].form;
  if (c & IB) x->form = XED_FORM_MODRM_IB;
  x->attr = XED_A_VEC;
  fi = &kForms[x->form];
  if (fi->modrm && (rc = decode_modrm(x, p, avail, &pos, rxb))) return rc;
  if (x->flags & XED_F_EVEX) {
    /* EVEX.R' reaches registers 16..31; so does EVEX.X for a register rm. */
    if (!(b1 & 0x10)) x->reg |= 16;
    if (x->mod == 3 && !(b1 & 0x40)) x->rm |= 16;
  }
  if (!cell_allows(x, c)) return XED_ERR_INVALID;
  if (!check_vector_group(x, x->map)) return XED_ERR_INVALID;
  if (x->map == XED_MAP_0F38 && is_vsib(x->opcode)) {
    /* Gathers and scatters need a SIB byte; a gather's destination, index
     * and (VEX) mask must be different registers (SDM vol. 2, VPGATHERDD:
     * #UD if any two are the same). The index has EVEX.V' as bit 4. */
    u8 index =
        ((x->index == XED_REG_NONE ? 4 : x->index) & 15) | (x->vreg & 16);
    if ((x->modrm & 7) != 4) return XED_ERR_INVALID;
    if ((x->flags & XED_F_EVEX) && (x->vreg & 15)) return XED_ERR_INVALID;
    x->index = index; /* a vector register: 4 is xmm4, not "no index" */
    if (x->opcode <= 0x93) {
      if (x->reg == index) return XED_ERR_INVALID;
      if ((x->flags & XED_F_VEX) && (x->reg == x->vreg || index == x->vreg))
        return XED_ERR_INVALID;
    }
  }
  if (esc == 0x8f) {
    int r = (x->modrm >> 3) & 7;
    if (x->map == XED_MAP_XOP9 && x->opcode == 0x01 && r == 0)
      return XED_ERR_INVALID;
    if (x->map == XED_MAP_XOP9 && x->opcode == 0x02 && r != 1 && r != 6)
      return XED_ERR_INVALID;
    if (x->opcode == 0x12 && r > 1) return XED_ERR_INVALID;
    if (x->map != XED_MAP_XOP8 && x->opcode < 0x80) x->attr = 0;
    if (x->map == XED_MAP_XOPA && x->opcode == 0x10) x->op = XED_OP_BEXTR;
  }
  name_gpr_op(x);
  if (x->op == XED_OP_INVALID) return XED_ERR_INVALID;
  if (x->op != XED_OP_AVX && x->op != XED_OP_AVX512 && x->op != XED_OP_XOP)
    x->attr = 0;
  x->asz = (x->flags & XED_F_ASZ) ? 4 : 8;
  x->osz = x->vex_w ? 8 : 4;
  if ((rc = decode_imm(x, p, avail, &pos, fi->imm))) return rc;
  if (pos > XED_MAX_LEN) return XED_ERR_LONG;
  x->len = (u8)pos;
  return XED_OK;
}

int xed_decode(struct xed_insn *x, const u8 *p, size_t avail,
               enum xed_mode mode) {
  size_t pos = 0;
  const struct row *row = NULL;
  const struct form_info *fi;
  unsigned cell = 0;
  int rc, osz66;
  u8 b;
  (void)mode; /* 64-bit only for now; 32/16-bit modes change the tables */
  memset(x, 0, sizeof(*x));
  x->base = x->index = XED_REG_NONE;
  if (avail > XED_MAX_LEN) avail = XED_MAX_LEN + 1; /* to tell LONG apart */

  /* Legacy prefixes, then at most one REX that counts only when it is the
   * last byte before the opcode (SDM vol. 2, 2.2.1). */
  for (;;) {
    if (pos >= avail) return short_or_long(pos + 1);
    b = p[pos];
    switch (b) {
      case 0xf0: x->flags |= XED_F_LOCK; break;
      case 0xf2:
      case 0xf3: x->rep = b; break;
      case 0x66: x->flags |= XED_F_OSZ; break;
      case 0x67: x->flags |= XED_F_ASZ; break;
      /* ES, CS, SS and DS overrides are ignored in 64-bit mode, even after
       * an FS or GS one (the host runs 64 3e 8b 04 25 10 00 00 00 as a
       * load from fs:0x10); between FS and GS the last one counts. */
      case 0x26:
      case 0x2e:
      case 0x36:
      case 0x3e: break;
      case 0x64: x->seg = XED_SEG_FS; break;
      case 0x65: x->seg = XED_SEG_GS; break;
      default:
        if ((b & 0xf0) != 0x40) goto opcode;
        x->rex = b;
        ++pos;
        if (pos > XED_MAX_LEN) return XED_ERR_LONG;
        continue;
    }
    x->rex = 0;
    ++pos;
    if (pos > XED_MAX_LEN) return XED_ERR_LONG;
  }
opcode:
  if (x->rex) x->flags |= XED_F_REX;
  b = p[pos++];
  x->opcode = b;
  x->mprefix = x->rep ? x->rep : (x->flags & XED_F_OSZ) ? 0x66 : 0;
  osz66 = (x->flags & XED_F_OSZ) != 0;

  if (b == 0xc4 || b == 0xc5 || b == 0x62 ||
      (b == 0x8f && pos < avail && (p[pos] & 0x1f) >= 8)) {
    return decode_vector(x, p, avail, pos, b);
  }

  if (b == 0x0f) {
    if (pos >= avail) return short_or_long(pos + 1);
    b = p[pos++];
    x->opcode = b;
    if (b == 0x38 || b == 0x3a) {
      const struct prow *t = b == 0x38 ? k0F38 : k0F3A;
      x->map = b == 0x38 ? XED_MAP_0F38 : XED_MAP_0F3A;
      if (pos >= avail) return short_or_long(pos + 1);
      x->opcode = p[pos++];
      cell = t[x->opcode].cell[prefix_index(x->mprefix)];
      if (!(cell & Lg)) return XED_ERR_INVALID;
      x->op = (b == 0x38 ? k0F38Names : k0F3ANames)[x->opcode]
                  .op[prefix_index(x->mprefix)];
      if (!x->op) x->op = XED_OP_SSE;
      x->form = t[x->opcode].form;
      x->attr = XED_A_VEC;
    } else {
      x->map = XED_MAP_0F;
      row = &kTwoByte[b];
      if (row->op == XED_OP_SSE) {
        cell = kSse0F[b].cell[prefix_index(x->mprefix)];
        if (!(cell & Lg)) return XED_ERR_INVALID;
        x->op = kSse0FNames[b].op[prefix_index(x->mprefix)];
        if (!x->op) x->op = XED_OP_SSE;
        x->form = kSse0F[b].form;
        if (cell & IB) x->form = XED_FORM_MODRM_IB;
        if (cell & I2) x->form = XED_FORM_MODRM_IBIB;
        x->attr = XED_A_VEC;
        row = NULL;
      }
    }
    if (x->map == XED_MAP_0F38 && x->opcode >= 0x80 && x->opcode <= 0x82) {
      x->op = XED_OP_OTHER; /* invept invvpid invpcid: r64, m128 */
      x->attr = XED_A_F64;
    }
  } else {
    x->map = XED_MAP_1BYTE;
    row = &kOneByte[b];
  }
  if (row) {
    x->op = row->op;
    x->form = row->form;
    x->attr = row->attr;
  }
  if (x->attr & XED_A_I64) return XED_ERR_INVALID;
  if (x->op == XED_OP_INVALID) return XED_ERR_INVALID;
  fi = &kForms[x->form];

  if (fi->modrm) {
    if (x->map == XED_MAP_0F && (x->opcode & 0xfc) == 0x20) {
      /* MOV to and from CRn/DRn ignore ModRM.mod: always registers. */
      if (pos >= avail) return short_or_long(pos + 1);
      x->flags |= XED_F_MODRM;
      x->modrm = p[pos++];
      x->mod = 3;
      x->reg = ((x->modrm >> 3) & 7) | ((x->rex & 4) << 1);
      x->rm = (x->modrm & 7) | ((x->rex & 1) << 3);
    } else if ((rc = decode_modrm(x, p, avail, &pos, x->rex))) {
      return rc;
    }
  }

  /* Groups pick the operation by ModRM.reg, sometimes with their own form
   * and attributes. */
  if (x->op >= GROUP_FIRST && x->op < GROUP_FIRST + GROUP_COUNT) {
    const struct row *g = &kGroups[x->op - GROUP_FIRST][(x->modrm >> 3) & 7];
    x->op = g->op;
    x->attr |= g->attr;
    if (g->form != XED_FORM_SAME) x->form = g->form;
    if (x->op == XED_OP_INVALID) {
      /* C6 F8 is XABORT Ib and C7 F8 XBEGIN Jz (RTM): same lengths. */
      if (x->map != XED_MAP_1BYTE || (x->opcode & 0xfe) != 0xc6 ||
          x->modrm != 0xf8)
        return XED_ERR_INVALID;
      x->op = XED_OP_OTHER;
      x->attr |= XED_A_BR;
    }
    fi = &kForms[x->form];
  }

  /* x87: the escape byte and ModRM say whether the operation exists. */
  if (x->map == XED_MAP_1BYTE && b >= 0xd8 && b <= 0xdf) {
    const struct x87 *f = &kX87[b - 0xd8];
    int i = x->modrm & 63;
    if (x->mod != 3 ? f->mem[(x->modrm >> 3) & 7] != 'x'
                    : f->reg[(i >> 3) * 9 + (i & 7)] != 'x')
      return XED_ERR_INVALID;
  }
  if (x->map == XED_MAP_1BYTE && (b == 0x8c || b == 0x8e)) {
    int s = (x->modrm >> 3) & 7;
    if (s > 5 || (b == 0x8e && s == 1)) return XED_ERR_INVALID;
  }
  if (x->map == XED_MAP_0F) {
    if (x->opcode == 0x0f) { /* 3DNow!: the suffix byte is the operation */
      if (pos >= avail) return short_or_long(pos + 1);
      if (!is_3dnow(p[pos])) return XED_ERR_INVALID;
    }
    if (cell && (x->opcode >= 0x71 && x->opcode <= 0x73) &&
        !check_vector_group(x, XED_MAP_0F))
      return XED_ERR_INVALID;
    if (cell && (x->opcode == 0x78 || x->opcode == 0x79) &&
        (x->mprefix == 0x66 || x->mprefix == 0xf2)) {
      /* extrq and insertq (SSE4a) take registers; extrq xmm, imm8, imm8
       * is /0. */
      if (x->flags & XED_F_MEM) return XED_ERR_INVALID;
      if (x->opcode == 0x78 && x->mprefix == 0x66 && ((x->modrm >> 3) & 7))
        return XED_ERR_INVALID;
    }
    if (!(rc = check_0f(x))) return XED_ERR_INVALID;
    if (rc == MANDATORY66) osz66 = 0;
    if ((x->opcode == 0x78 || x->opcode == 0x79) && cell && !x->mprefix) {
      x->attr = XED_A_F64; /* vmread, vmwrite: r/m64 */
    }
    fi = &kForms[x->form];
    if (x->opcode == 0xc3 && !(x->flags & XED_F_MEM)) return XED_ERR_INVALID;
  }
  if (cell) {
    if (!cell_allows(x, cell)) return XED_ERR_INVALID;
    if (x->map == XED_MAP_0F38 && !check_vector_group(x, x->map))
      return XED_ERR_INVALID;
    if (x->map == XED_MAP_0F3A && x->opcode == 0xf0 && x->modrm != 0xc0)
      return XED_ERR_INVALID; /* hreset imm8 is F3 0F 3A F0 C0 ib */
    name_gpr_op(x);
    /* A 66 that selected the row is not an operand-size override, nor is
     * one that a vector operation's F2/F3 overrode; MOVBE, SSE4a and the
     * general-purpose rows with F2/F3 still count it. */
    if ((x->mprefix == 0x66 || (x->attr & XED_A_VEC)) &&
        !(x->map == XED_MAP_0F38 && (x->opcode & 0xfe) == 0xf0) && !is_sse4a(x))
      osz66 = 0;
    if (x->op == XED_OP_ADCX || x->op == XED_OP_ADOX) osz66 = 0;
  }

  sizes(x, fi, osz66);
  if (x->op == XED_OP_IN || x->op == XED_OP_OUT || x->op == XED_OP_INS ||
      x->op == XED_OP_OUTS) {
    if (x->osz == 8) x->osz = 4; /* REX.W does not widen port I/O */
  } else if (x->op == XED_OP_OTHER && x->opcode == 0xc6 && !x->map) {
    x->osz = (x->rex & 8) ? 8 : osz66 ? 2 : 4; /* xabort: not a byte op */
  }

  /* Registers named by the opcode's low 3 bits. */
  if (x->form == XED_FORM_Zv || x->form == XED_FORM_rAXZv ||
      x->form == XED_FORM_ZbIb || x->form == XED_FORM_ZvIv) {
    x->reg = (x->opcode & 7) | ((x->rex & 1) << 3);
  }
  if (x->form == XED_FORM_rAXZv && x->reg == 0) {
    x->op = x->rep == 0xf3 ? XED_OP_PAUSE : XED_OP_NOP; /* 90, F3 90 */
  }

  if ((rc = decode_imm(x, p, avail, &pos, fi->imm))) return rc;
  if (pos > XED_MAX_LEN) return XED_ERR_LONG;

  /* Forms that require a memory operand raise #UD with a register. */
  if ((x->form == XED_FORM_GvM || x->form == XED_FORM_M) &&
      !(x->flags & XED_F_MEM)) {
    return XED_ERR_INVALID;
  }
  if ((x->flags & XED_F_LOCK) && !lockable(x)) return XED_ERR_INVALID;
  x->len = (u8)pos;
  return XED_OK;
}
