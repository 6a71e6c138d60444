/* Packed integer arithmetic in its MMX (no prefix) and SSE2 (66) forms
 * (SDM vol. 2): PADD/PSUB of bytes to quadwords, with signed and unsigned
 * saturation, PCMPEQ/PCMPGT, PMIN/PMAX (UB, SW), PMULLW/PMULHW/PMULHUW,
 * PMULUDQ, PMADDWD, PAVGB/W, PSADBW, PMOVMSKB, and the shifts by register
 * count and by immediate (groups 12-14, PSRLDQ/PSLLDQ). Lanes are read and
 * written with the little-endian helpers, so every host computes the same
 * bits; mmx.c hands both forms over as byte vectors of 8 or 16 bytes. */
#include "core/core_priv.h"

static int lane_size(int op) {
  switch (op) {
    case XED_OP_PADDB:
    case XED_OP_PSUBB:
    case XED_OP_PADDSB:
    case XED_OP_PADDUSB:
    case XED_OP_PSUBSB:
    case XED_OP_PSUBUSB:
    case XED_OP_PCMPEQB:
    case XED_OP_PCMPGTB:
    case XED_OP_PMINUB:
    case XED_OP_PMAXUB:
    case XED_OP_PAVGB: return 1;
    case XED_OP_PADDW:
    case XED_OP_PSUBW:
    case XED_OP_PADDSW:
    case XED_OP_PADDUSW:
    case XED_OP_PSUBSW:
    case XED_OP_PSUBUSW:
    case XED_OP_PCMPEQW:
    case XED_OP_PCMPGTW:
    case XED_OP_PMINSW:
    case XED_OP_PMAXSW:
    case XED_OP_PMULLW:
    case XED_OP_PMULHW:
    case XED_OP_PMULHUW:
    case XED_OP_PAVGW:
    case XED_OP_PSRLW:
    case XED_OP_PSRAW:
    case XED_OP_PSLLW:
    case XED_OP_PSHIFTW: return 2;
    case XED_OP_PADDD:
    case XED_OP_PSUBD:
    case XED_OP_PCMPEQD:
    case XED_OP_PCMPGTD:
    case XED_OP_PMADDWD:
    case XED_OP_PSRLD:
    case XED_OP_PSRAD:
    case XED_OP_PSLLD:
    case XED_OP_PSHIFTD: return 4;
    default: return 8; /* Q forms, PMULUDQ, PSADBW */
  }
}

/* v clamped to the signed range of size bytes. */
static u64 sat_signed(i64 v, int size) {
  i64 max = (i64)(core_mask(size) >> 1), min = -max - 1;
  return (u64)(v > max ? max : v < min ? min : v);
}

/* One lane of a binary operation: x from the destination, y from the
 * source, both zero-extended; the caller keeps the low size bytes. */
static u64 lane_op(int op, int size, u64 x, u64 y) {
  u64 m = core_mask(size);
  i64 sx = (i64)core_sext(x, size), sy = (i64)core_sext(y, size);
  u64 z;
  int i;
  switch (op) {
    case XED_OP_PADDB:
    case XED_OP_PADDW:
    case XED_OP_PADDD:
    case XED_OP_PADDQ: return x + y;
    case XED_OP_PSUBB:
    case XED_OP_PSUBW:
    case XED_OP_PSUBD:
    case XED_OP_PSUBQ: return x - y;
    case XED_OP_PADDSB:
    case XED_OP_PADDSW: return sat_signed(sx + sy, size);
    case XED_OP_PSUBSB:
    case XED_OP_PSUBSW: return sat_signed(sx - sy, size);
    case XED_OP_PADDUSB:
    case XED_OP_PADDUSW: return x + y > m ? m : x + y;
    case XED_OP_PSUBUSB:
    case XED_OP_PSUBUSW: return x > y ? x - y : 0;
    case XED_OP_PCMPEQB:
    case XED_OP_PCMPEQW:
    case XED_OP_PCMPEQD: return x == y ? m : 0;
    case XED_OP_PCMPGTB:
    case XED_OP_PCMPGTW:
    case XED_OP_PCMPGTD: return sx > sy ? m : 0;
    case XED_OP_PMINUB: return x < y ? x : y;
    case XED_OP_PMAXUB: return x > y ? x : y;
    case XED_OP_PMINSW: return sx < sy ? x : y;
    case XED_OP_PMAXSW: return sx > sy ? x : y;
    case XED_OP_PMULLW: return x * y;
    case XED_OP_PMULHW: return (u64)(sx * sy) >> 16;
    case XED_OP_PMULHUW: return (x * y) >> 16;
    case XED_OP_PAVGB:
    case XED_OP_PAVGW: return (x + y + 1) >> 1; /* rounds halves up */
    case XED_OP_PMULUDQ: /* the low doublewords, unsigned, to 64 bits */
      return (x & 0xffffffff) * (y & 0xffffffff);
    case XED_OP_PMADDWD: /* 0x8000 * 0x8000 twice wraps to 0x80000000 */
      return (u64)((i64)(i16)x * (i16)y + (i64)(i16)(x >> 16) * (i16)(y >> 16));
    default: /* PSADBW: the sum of absolute byte differences, zero-extended */
      for (z = 0, i = 0; i < 8; ++i) {
        u64 a = (x >> 8 * i) & 0xff, b = (y >> 8 * i) & 0xff;
        z += a > b ? a - b : b - a;
      }
      return z;
  }
}

/* The byte operations string functions run in their inner loops, done a
 * byte at a time without the general lane code; 0 for the others. */
static int byte_op(int op, u8 *r, const u8 *d, const u8 *s, int n) {
  int i;
  switch (op) {
    case XED_OP_PCMPEQB:
      for (i = 0; i < n; ++i) r[i] = d[i] == s[i] ? 0xff : 0;
      return 1;
    case XED_OP_PMINUB:
      for (i = 0; i < n; ++i) r[i] = d[i] < s[i] ? d[i] : s[i];
      return 1;
    case XED_OP_PMAXUB:
      for (i = 0; i < n; ++i) r[i] = d[i] > s[i] ? d[i] : s[i];
      return 1;
    case XED_OP_PADDB:
      for (i = 0; i < n; ++i) r[i] = (u8)(d[i] + s[i]);
      return 1;
    case XED_OP_PSUBB:
      for (i = 0; i < n; ++i) r[i] = (u8)(d[i] - s[i]);
      return 1;
    default: return 0;
  }
}

/* Lane-wise binary operations. */
void op_sse_arith(struct cpu *c, const struct core_insn *in) {
  int op = in->x.op, size = lane_size(op), width = core_vec_width(in);
  int n = width / size, i;
  u64 m = core_mask(size);
  u8 d[16], s[16], r[16];
  core_vec_src(c, in, 8, s);
  if (width == 8) core_mmx_enter(c);
  core_vec_get(c, in, in->x.reg, d);
  if (byte_op(op, r, d, s, width)) {
    core_vec_put(c, in, in->x.reg, r);
    return;
  }
  for (i = 0; i < n; ++i) {
    u64 z = lane_op(op, size, core_lane(d, size, i), core_lane(s, size, i));
    core_set_lane(r, size, i, z & m);
  }
  core_vec_put(c, in, in->x.reg, r);
}

/* PMOVMSKB r32, mm/xmm: the sign bits of the 8 or 16 bytes. */
void op_sse_pmovmskb(struct cpu *c, const struct core_insn *in) {
  int width = core_vec_width(in), i;
  u8 v[16];
  u32 m = 0;
  if (width == 8) core_mmx_enter(c);
  core_vec_get(c, in, in->x.rm, v);
  for (i = 0; i < width; ++i) m |= (u32)(v[i] >> 7) << i;
  core_set_reg(c, &in->x, in->x.reg, (in->x.rex & 8) ? 8 : 4, m);
}

/* Shifts every lane of v (width bytes) by count bits: logical right,
 * arithmetic right or left. A count past the lane width empties the lane
 * (fills it with the sign for arithmetic shifts). */
static void shift_lanes(u8 *v, int width, int size, u64 count, int kind) {
  int n = width / size, i, bits = 8 * size;
  u64 m = core_mask(size);
  for (i = 0; i < n; ++i) {
    u64 x = core_lane(v, size, i), z;
    if (kind == 'a') {
      u64 k = count >= (u64)bits ? (u64)bits - 1 : count;
      z = (u64)((i64)core_sext(x, size) >> k);
    } else if (count >= (u64)bits) {
      z = 0;
    } else {
      z = kind == 'r' ? x >> count : x << count;
    }
    core_set_lane(v, size, i, z & m);
  }
}

/* PSRL/PSRA/PSLL by the low quadword of the source (all 64 bits count). */
void op_sse_shift(struct cpu *c, const struct core_insn *in) {
  int op = in->x.op, width = core_vec_width(in), kind;
  u8 s[16], d[16];
  core_vec_src(c, in, 8, s);
  if (width == 8) core_mmx_enter(c);
  core_vec_get(c, in, in->x.reg, d);
  kind = (op == XED_OP_PSRAW || op == XED_OP_PSRAD) ? 'a'
         : (op == XED_OP_PSLLW || op == XED_OP_PSLLD || op == XED_OP_PSLLQ)
             ? 'l'
             : 'r';
  shift_lanes(d, width, lane_size(op), read64le(s), kind);
  core_vec_put(c, in, in->x.reg, d);
}

/* Groups 12-14 (0F 71/72/73 with an imm8, on ModRM.rm): /2 PSRL, /4 PSRA,
 * /6 PSLL, and in the 66 form for quadwords /3 PSRLDQ and /7 PSLLDQ, which
 * shift whole bytes (the decoder rejects the rest). */
void op_sse_shift_imm(struct cpu *c, const struct core_insn *in) {
  int ext = (in->x.modrm >> 3) & 7, size = lane_size(in->x.op), i;
  int width = core_vec_width(in);
  u64 count = (u8)in->x.imm;
  u8 v[16], r[16];
  if (width == 8) core_mmx_enter(c);
  core_vec_get(c, in, in->x.rm, v);
  switch (ext) {
    case 2: shift_lanes(v, width, size, count, 'r'); break;
    case 4: shift_lanes(v, width, size, count, 'a'); break;
    case 6: shift_lanes(v, width, size, count, 'l'); break;
    case 3:
    case 7:
      if (count > 16) count = 16;
      memset(r, 0, 16);
      for (i = 0; i < 16; ++i) {
        int from = ext == 3 ? i + (int)count : i - (int)count;
        if (from >= 0 && from < 16) r[i] = v[from];
      }
      memcpy(v, r, 16);
      break;
    default: op_ud(c, in); break;
  }
  core_vec_put(c, in, in->x.rm, v);
}
