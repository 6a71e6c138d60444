/* SSE2 packed integer arithmetic on XMM registers (SDM vol. 2): PADD/PSUB
 * of bytes to quadwords, PCMPEQ/PCMPGT, PMINUB/PMAXUB, the PUNPCK
 * interleaves, PSHUFD/PSHUFLW/PSHUFHW, PMOVMSKB, and the shifts by XMM
 * count and by immediate (groups 12-14, PSRLDQ/PSLLDQ). Registers hold
 * little-endian bytes, so lanes are read and written with the LE helpers
 * and every host computes the same bits. The MMX forms of these opcodes
 * (no 66 prefix) come with MMX. Memory operands must be 16-byte aligned. */
#include "core/core_priv.h"

static u64 lane(const u8 *v, int size, int i) {
  switch (size) {
    case 1: return v[i];
    case 2: return read16le(v + 2 * i);
    case 4: return read32le(v + 4 * i);
    default: return read64le(v + 8 * i);
  }
}

static void set_lane(u8 *v, int size, int i, u64 x) {
  switch (size) {
    case 1: v[i] = (u8)x; break;
    case 2: write16le(v + 2 * i, (u16)x); break;
    case 4: write32le(v + 4 * i, (u32)x); break;
    default: write64le(v + 8 * i, x); break;
  }
}

static int lane_size(int op) {
  switch (op) {
    case XED_OP_PADDB:
    case XED_OP_PSUBB:
    case XED_OP_PCMPEQB:
    case XED_OP_PCMPGTB:
    case XED_OP_PMINUB:
    case XED_OP_PMAXUB:
    case XED_OP_PUNPCKLBW:
    case XED_OP_PUNPCKHBW: return 1;
    case XED_OP_PADDW:
    case XED_OP_PSUBW:
    case XED_OP_PCMPEQW:
    case XED_OP_PCMPGTW:
    case XED_OP_PUNPCKLWD:
    case XED_OP_PUNPCKHWD:
    case XED_OP_PSRLW:
    case XED_OP_PSRAW:
    case XED_OP_PSLLW:
    case XED_OP_PSHIFTW: return 2;
    case XED_OP_PADDD:
    case XED_OP_PSUBD:
    case XED_OP_PCMPEQD:
    case XED_OP_PCMPGTD:
    case XED_OP_PUNPCKLDQ:
    case XED_OP_PUNPCKHDQ:
    case XED_OP_PSRLD:
    case XED_OP_PSRAD:
    case XED_OP_PSLLD:
    case XED_OP_PSHIFTD: return 4;
    default: return 8;
  }
}

static int mmx(const struct core_insn *in) {
  return in->x.mprefix == 0;
}

/* Lane-wise binary operations. */
void op_sse_arith(struct cpu *c, const struct core_insn *in) {
  int op = in->x.op, size = lane_size(op), n = 16 / size, i;
  u64 sign = (u64)1 << (8 * size - 1), m = core_mask(size);
  u8 s[16], r[16], *d = c->xmm[in->x.reg];
  if (mmx(in)) {
    op_unimplemented(c, in);
    return;
  }
  core_get_wx(c, in, 1, s);
  for (i = 0; i < n; ++i) {
    u64 x = lane(d, size, i), y = lane(s, size, i), z;
    switch (op) {
      case XED_OP_PADDB:
      case XED_OP_PADDW:
      case XED_OP_PADDD:
      case XED_OP_PADDQ: z = x + y; break;
      case XED_OP_PSUBB:
      case XED_OP_PSUBW:
      case XED_OP_PSUBD:
      case XED_OP_PSUBQ: z = x - y; break;
      case XED_OP_PCMPEQB:
      case XED_OP_PCMPEQW:
      case XED_OP_PCMPEQD: z = x == y ? m : 0; break;
      case XED_OP_PCMPGTB:
      case XED_OP_PCMPGTW:
      case XED_OP_PCMPGTD:
        z = (x ^ sign) > (y ^ sign) ? m : 0; /* signed compare */
        break;
      case XED_OP_PMINUB: z = x < y ? x : y; break;
      default: /* PMAXUB */ z = x > y ? x : y; break;
    }
    set_lane(r, size, i, z & m);
  }
  memcpy(d, r, 16);
}

/* PUNPCKL*: interleave the low halves of destination and source; PUNPCKH*:
 * the high halves. */
void op_sse_unpack(struct cpu *c, const struct core_insn *in) {
  int op = in->x.op, size = lane_size(op), half = 8 / size, i;
  int high = op == XED_OP_PUNPCKHBW || op == XED_OP_PUNPCKHWD ||
             op == XED_OP_PUNPCKHDQ || op == XED_OP_PUNPCKHQDQ;
  u8 s[16], r[16], *d = c->xmm[in->x.reg];
  if (mmx(in)) {
    op_unimplemented(c, in);
    return;
  }
  core_get_wx(c, in, 1, s);
  for (i = 0; i < half; ++i) {
    set_lane(r, size, 2 * i, lane(d, size, i + (high ? half : 0)));
    set_lane(r, size, 2 * i + 1, lane(s, size, i + (high ? half : 0)));
  }
  memcpy(d, r, 16);
}

/* PSHUFD (66), PSHUFHW (F3), PSHUFLW (F2): lanes picked by imm8. */
void op_sse_shuffle(struct cpu *c, const struct core_insn *in) {
  u8 s[16], r[16], imm = (u8)in->x.imm;
  int i;
  if (mmx(in)) {
    op_unimplemented(c, in);
    return;
  }
  core_get_wx(c, in, 1, s);
  memcpy(r, s, 16);
  if (in->x.mprefix == 0x66) {
    for (i = 0; i < 4; ++i) set_lane(r, 4, i, lane(s, 4, (imm >> 2 * i) & 3));
  } else {
    int base = in->x.mprefix == 0xf3 ? 4 : 0; /* HW: high words */
    for (i = 0; i < 4; ++i) {
      set_lane(r, 2, base + i, lane(s, 2, base + ((imm >> 2 * i) & 3)));
    }
  }
  memcpy(c->xmm[in->x.reg], r, 16);
}

/* PMOVMSKB r32, xmm: the sign bits of the 16 bytes. */
void op_sse_pmovmskb(struct cpu *c, const struct core_insn *in) {
  u32 m = 0;
  int i;
  if (mmx(in)) {
    op_unimplemented(c, in);
    return;
  }
  for (i = 0; i < 16; ++i) m |= (u32)(c->xmm[in->x.rm][i] >> 7) << i;
  core_set_reg(c, &in->x, in->x.reg, (in->x.rex & 8) ? 8 : 4, m);
}

/* Shifts every lane of v by count bits: logical right, arithmetic right or
 * left. A count past the lane width empties the lane (fills it with the
 * sign for arithmetic shifts). */
static void shift_lanes(u8 *v, int size, u64 count, int kind) {
  int n = 16 / size, i, bits = 8 * size;
  u64 m = core_mask(size);
  for (i = 0; i < n; ++i) {
    u64 x = lane(v, size, i), z;
    if (kind == 'a') {
      u64 k = count >= (u64)bits ? (u64)bits - 1 : count;
      z = (u64)((i64)core_sext(x, size) >> k);
    } else if (count >= (u64)bits) {
      z = 0;
    } else {
      z = kind == 'r' ? x >> count : x << count;
    }
    set_lane(v, size, i, z & m);
  }
}

/* PSRL/PSRA/PSLL by the low quadword of an XMM or m128 operand. */
void op_sse_shift(struct cpu *c, const struct core_insn *in) {
  int op = in->x.op, kind;
  u8 s[16];
  if (mmx(in)) {
    op_unimplemented(c, in);
    return;
  }
  core_get_wx(c, in, 1, s);
  kind = (op == XED_OP_PSRAW || op == XED_OP_PSRAD) ? 'a'
         : (op == XED_OP_PSLLW || op == XED_OP_PSLLD || op == XED_OP_PSLLQ)
             ? 'l'
             : 'r';
  shift_lanes(c->xmm[in->x.reg], lane_size(op), read64le(s), kind);
}

/* Groups 12-14 (66 0F 71/72/73 with an imm8): /2 PSRL, /4 PSRA, /6 PSLL,
 * and for quadwords /3 PSRLDQ and /7 PSLLDQ, which shift whole bytes. */
void op_sse_shift_imm(struct cpu *c, const struct core_insn *in) {
  int ext = (in->x.modrm >> 3) & 7, size = lane_size(in->x.op), i;
  u64 count = (u8)in->x.imm;
  u8 *v = c->xmm[in->x.rm], r[16];
  if (mmx(in)) {
    op_unimplemented(c, in);
    return;
  }
  switch (ext) {
    case 2: shift_lanes(v, size, count, 'r'); break;
    case 4: shift_lanes(v, size, count, 'a'); break;
    case 6: shift_lanes(v, size, count, 'l'); break;
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
}
