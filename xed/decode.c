/* The x86-64 instruction decoder: prefixes, opcode maps, ModRM/SIB,
 * displacement and immediates (SDM vol. 2, chapter 2). */
#include "xed/xed.h"

enum imm_kind { IMM_NONE, IMM_B, IMM_W, IMM_Z, IMM_V, IMM_WB, IMM_MOFFS };

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

static const char *const kMnemonics[XED_OP_COUNT] = {
#define XED_OP(name, mnemonic) [XED_OP_##name] = mnemonic,
#include "xed/ops.inc"
#undef XED_OP
};

const char *xed_mnemonic(int op) {
  if (op < 0 || op >= XED_OP_COUNT) return "(bad)";
  return kMnemonics[op];
}

static int is_legacy_prefix(u8 b) {
  switch (b) {
    case 0xf0:
    case 0xf2:
    case 0xf3:
    case 0x26:
    case 0x2e:
    case 0x36:
    case 0x3e:
    case 0x64:
    case 0x65:
    case 0x66:
    case 0x67: return 1;
    default: return 0;
  }
}

static u8 segment_of(u8 b) {
  switch (b) {
    case 0x26: return XED_SEG_ES;
    case 0x2e: return XED_SEG_CS;
    case 0x36: return XED_SEG_SS;
    case 0x3e: return XED_SEG_DS;
    case 0x64: return XED_SEG_FS;
    case 0x65: return XED_SEG_GS;
    default: return XED_SEG_NONE;
  }
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

static int decode_modrm(struct xed_insn *x, const u8 *p, size_t avail,
                        size_t *pos) {
  u8 m, rex = x->rex;
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
    case IMM_Z: n = x->osz == 2 ? 2 : 4; break;
    case IMM_V: n = x->osz; break;
    case IMM_WB:
      if (take(p, avail, pos, 2, &v)) return short_or_long(*pos + 2);
      if (take(p, avail, pos, 1, &w)) return short_or_long(*pos + 1);
      x->imm = (u16)v;
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

int xed_decode(struct xed_insn *x, const u8 *p, size_t avail,
               enum xed_mode mode) {
  size_t pos = 0;
  const struct row *row;
  const struct form_info *fi;
  int rc;
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
    if (is_legacy_prefix(b)) {
      if (b == 0xf0)
        x->flags |= XED_F_LOCK;
      else if (b == 0xf2 || b == 0xf3)
        x->rep = b;
      else if (b == 0x66)
        x->flags |= XED_F_OSZ;
      else if (b == 0x67)
        x->flags |= XED_F_ASZ;
      else {
        u8 s = segment_of(b);
        /* In 64-bit mode CS/SS/DS/ES overrides are ignored. */
        if (s == XED_SEG_FS || s == XED_SEG_GS) x->seg = s;
      }
      x->rex = 0;
      ++pos;
    } else if ((b & 0xf0) == 0x40) {
      x->rex = b;
      ++pos;
    } else {
      break;
    }
    if (pos > XED_MAX_LEN) return XED_ERR_LONG;
  }
  if (x->rex) x->flags |= XED_F_REX;

  /* Opcode. */
  b = p[pos++];
  if (b == 0x0f) {
    if (pos >= avail) return short_or_long(pos + 1);
    b = p[pos++];
    if (b == 0x38 || b == 0x3a) {
      /* Three-byte maps: every row has ModRM; 0F3A rows add an Ib. Their
       * tables come with the SSSE3/SSE4 handlers (issue 3/4). */
      x->map = b == 0x38 ? XED_MAP_0F38 : XED_MAP_0F3A;
      if (pos >= avail) return short_or_long(pos + 1);
      x->opcode = p[pos++];
      x->op = XED_OP_SSE;
      x->form = x->map == XED_MAP_0F38 ? XED_FORM_MODRM : XED_FORM_MODRM_IB;
      x->attr = 0;
      row = NULL;
    } else {
      x->map = XED_MAP_0F;
      x->opcode = b;
      row = &kTwoByte[b];
    }
  } else {
    x->map = XED_MAP_1BYTE;
    x->opcode = b;
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
    if ((rc = decode_modrm(x, p, avail, &pos))) return rc;
  }

  /* Groups pick the operation by ModRM.reg, sometimes with their own form
   * and attributes. */
  if (x->op >= GROUP_FIRST && x->op < GROUP_FIRST + GROUP_COUNT) {
    const struct row *g = &kGroups[x->op - GROUP_FIRST][(x->modrm >> 3) & 7];
    x->op = g->op;
    x->attr |= g->attr;
    if (g->form != XED_FORM_SAME) x->form = g->form;
    if (x->op == XED_OP_INVALID) return XED_ERR_INVALID;
    fi = &kForms[x->form];
  }

  /* Sizes. */
  x->asz = (x->flags & XED_F_ASZ) ? 4 : 8;
  if (fi->byte) {
    x->osz = 1;
  } else if ((x->rex & 8) || (x->attr & XED_A_F64)) {
    x->osz = 8;
  } else if (x->attr & XED_A_D64) {
    x->osz = (x->flags & XED_F_OSZ) ? 2 : 8;
  } else {
    x->osz = (x->flags & XED_F_OSZ) ? 2 : 4;
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
  /* 0F 01 F9 is RDTSCP, a user-mode instruction in group 7. */
  if (x->map == XED_MAP_0F && x->opcode == 0x01 && x->modrm == 0xf9) {
    x->op = XED_OP_RDTSCP;
  }
  x->len = (u8)pos;
  return XED_OK;
}
