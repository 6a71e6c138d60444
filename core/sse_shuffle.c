/* Packed data rearranged rather than computed (SDM vol. 2): the PUNPCK
 * interleaves and UNPCKL/HPS/PD, PSHUFW/PSHUFD/PSHUFLW/PSHUFHW, SHUFPS
 * and SHUFPD, the saturating packs PACKSSWB/PACKSSDW/PACKUSWB, PEXTRW and
 * PINSRW, in their MMX (no prefix) and SSE/SSE2 forms. */
#include "core/core_priv.h"

static int unpack_size(int op) {
  switch (op) {
    case XED_OP_PUNPCKLBW:
    case XED_OP_PUNPCKHBW: return 1;
    case XED_OP_PUNPCKLWD:
    case XED_OP_PUNPCKHWD: return 2;
    case XED_OP_PUNPCKLDQ:
    case XED_OP_PUNPCKHDQ:
    case XED_OP_UNPCKLPS:
    case XED_OP_UNPCKHPS: return 4;
    default: return 8; /* PUNPCKLQDQ, PUNPCKHQDQ, UNPCKLPD, UNPCKHPD */
  }
}

/* PUNPCKL*, UNPCKL*: interleave the low halves of destination and source;
 * PUNPCKH*, UNPCKH*: the high halves. The MMX PUNPCKL forms read only
 * the m32 they use. */
void op_sse_unpack(struct cpu *c, const struct core_insn *in) {
  int op = in->x.op, size = unpack_size(op), width = core_vec_width(in);
  int half = width / 2 / size, i;
  int high = op == XED_OP_PUNPCKHBW || op == XED_OP_PUNPCKHWD ||
             op == XED_OP_PUNPCKHDQ || op == XED_OP_PUNPCKHQDQ ||
             op == XED_OP_UNPCKHPS || op == XED_OP_UNPCKHPD;
  u8 d[16], s[16], r[16];
  core_vec_src(c, in, high ? 8 : 4, s);
  if (width == 8) core_mmx_enter(c);
  core_vec_get(c, in, in->x.reg, d);
  for (i = 0; i < half; ++i) {
    core_set_lane(r, size, 2 * i, core_lane(d, size, i + (high ? half : 0)));
    core_set_lane(r, size, 2 * i + 1,
                  core_lane(s, size, i + (high ? half : 0)));
  }
  core_vec_put(c, in, in->x.reg, r);
}

/* PSHUFW (MMX), PSHUFD (66), PSHUFHW (F3), PSHUFLW (F2): lanes of the
 * source picked by the imm8's 2-bit fields. */
void op_sse_shuffle(struct cpu *c, const struct core_insn *in) {
  u8 s[16], r[16], imm = (u8)in->x.imm;
  int i;
  if (in->x.mprefix == 0) { /* PSHUFW mm, mm/m64, imm8 */
    core_vec_src(c, in, 8, s);
    core_mmx_enter(c);
    for (i = 0; i < 4; ++i)
      core_set_lane(r, 2, i, core_lane(s, 2, (imm >> 2 * i) & 3));
    core_vec_put(c, in, in->x.reg, r);
    return;
  }
  core_get_wx(c, in, 1, s);
  memcpy(r, s, 16);
  if (in->x.mprefix == 0x66) {
    for (i = 0; i < 4; ++i)
      core_set_lane(r, 4, i, core_lane(s, 4, (imm >> 2 * i) & 3));
  } else {
    int base = in->x.mprefix == 0xf3 ? 4 : 0; /* HW: high words */
    for (i = 0; i < 4; ++i) {
      core_set_lane(r, 2, base + i,
                    core_lane(s, 2, base + ((imm >> 2 * i) & 3)));
    }
  }
  memcpy(c->xmm[in->x.reg], r, 16);
}

/* SHUFPS: the low two results from the destination, the high two from the
 * source, each picked by two bits of imm8; SHUFPD the same with one bit
 * per quadword. */
void op_sse_shufp(struct cpu *c, const struct core_insn *in) {
  u8 s[16], r[16], *d = c->xmm[in->x.reg], imm = (u8)in->x.imm;
  core_get_wx(c, in, 1, s);
  if (in->x.op == XED_OP_SHUFPS) {
    core_set_lane(r, 4, 0, core_lane(d, 4, imm & 3));
    core_set_lane(r, 4, 1, core_lane(d, 4, (imm >> 2) & 3));
    core_set_lane(r, 4, 2, core_lane(s, 4, (imm >> 4) & 3));
    core_set_lane(r, 4, 3, core_lane(s, 4, (imm >> 6) & 3));
  } else {
    core_set_lane(r, 8, 0, core_lane(d, 8, imm & 1));
    core_set_lane(r, 8, 1, core_lane(s, 8, (imm >> 1) & 1));
  }
  memcpy(d, r, 16);
}

/* PACKSSWB and PACKSSDW narrow signed lanes with signed saturation,
 * PACKUSWB signed words to unsigned bytes; the destination's lanes give
 * the low half of the result, the source's the high half. */
void op_sse_pack(struct cpu *c, const struct core_insn *in) {
  int op = in->x.op, width = core_vec_width(in), i;
  int from = op == XED_OP_PACKSSDW ? 4 : 2, n = width / from;
  u8 d[16], s[16], r[16];
  core_vec_src(c, in, 8, s);
  if (width == 8) core_mmx_enter(c);
  core_vec_get(c, in, in->x.reg, d);
  for (i = 0; i < 2 * n; ++i) {
    i64 v = (i64)core_sext(core_lane(i < n ? d : s, from, i % n), from);
    i64 lo = op == XED_OP_PACKUSWB ? 0 : -((i64)1 << (8 * from / 2 - 1));
    i64 hi = op == XED_OP_PACKUSWB ? 255 : ((i64)1 << (8 * from / 2 - 1)) - 1;
    core_set_lane(r, from / 2, i, (u64)(v < lo ? lo : v > hi ? hi : v));
  }
  core_vec_put(c, in, in->x.reg, r);
}

/* PEXTRW r32, mm/xmm, imm8: the word the imm8 picks (modulo the lane
 * count), zero-extended into the general register. */
void op_sse_pextrw(struct cpu *c, const struct core_insn *in) {
  int width = core_vec_width(in);
  u8 v[16];
  if (width == 8) core_mmx_enter(c);
  core_vec_get(c, in, in->x.rm, v);
  core_set_reg(c, &in->x, in->x.reg, (in->x.rex & 8) ? 8 : 4,
               core_lane(v, 2, (int)(in->x.imm & (u64)(width / 2 - 1))));
}

/* PINSRW mm/xmm, r32/m16, imm8: the low word of a general register or a
 * word of memory (any alignment) into the word the imm8 picks. */
void op_sse_pinsrw(struct cpu *c, const struct core_insn *in) {
  int width = core_vec_width(in);
  u8 v[16];
  u64 w;
  w = (in->x.flags & XED_F_MEM) ? core_load(c, core_ea(c, in), 2)
                                : c->regs[in->x.rm & 15];
  if (width == 8) core_mmx_enter(c);
  core_vec_get(c, in, in->x.reg, v);
  core_set_lane(v, 2, (int)(in->x.imm & (u64)(width / 2 - 1)), w);
  core_vec_put(c, in, in->x.reg, v);
}
