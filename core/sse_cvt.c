/* SSE and SSE2 conversions (SDM vol. 2, CVT*): between binary32 and
 * binary64, from and to signed doubleword and quadword integers, in
 * general registers, XMM lanes and MMX registers. Rounding follows
 * MXCSR.RC, the CVTT forms truncate; a NaN or an out-of-range value
 * gives the integer indefinite (only the sign bit set) with IE. The
 * arithmetic is core/softfp; flags and #XM go through core_sse_check as
 * for the arithmetic in core/sse_fp.c.
 *
 *   0F 2A  CVTPI2PS  CVTPI2PD  CVTSI2SS  CVTSI2SD    (NP 66 F3 F2)
 *   0F 2C  CVTTPS2PI CVTTPD2PI CVTTSS2SI CVTTSD2SI
 *   0F 2D  CVTPS2PI  CVTPD2PI  CVTSS2SI  CVTSD2SI
 *   0F 5A  CVTPS2PD  CVTPD2PS  CVTSS2SD  CVTSD2SS
 *   0F 5B  CVTDQ2PS  CVTPS2DQ  CVTTPS2DQ -
 *   0F E6  -         CVTTPD2DQ CVTDQ2PD  CVTPD2DQ
 *
 * The MMX forms: an MMX destination, or an MMX register source, puts the
 * x87 in MMX state, even when the instruction then raises #XM (as the
 * host CPU shows); CVTPI2PS and CVTPI2PD from memory do not (SDM vol.
 * 2, CVTPI2PD; the host CPU does the same for CVTPI2PS). Memory
 * operands: m128 (aligned) where all 128 bits are read, m64 or m32 with
 * no alignment rule where fewer are. */
#include "core/core_priv.h"
#include "core/softfp.h"

/* 0F 2A. */
static void cvt_from_int(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  struct softfp_env e = {c->mxcsr, 0};
  u8 r[16];
  int enter = 0;
  memcpy(r, c->xmm[x->reg], 16);
  if (x->mprefix == 0xf3 || x->mprefix == 0xf2) { /* CVTSI2SS/SD */
    int size = (x->rex & 8) ? 8 : 4;
    i64 v = (i64)core_sext(core_get_e(c, in, size), size);
    if (x->mprefix == 0xf3)
      core_set_lane(r, 4, 0, softfp_from_int(&e, SOFTFP_F32, v));
    else
      core_set_lane(r, 8, 0, softfp_from_int(&e, SOFTFP_F64, v));
  } else { /* CVTPI2PS, CVTPI2PD */
    int mem = (x->flags & XED_F_MEM) != 0, i;
    u64 v = mem ? core_load(c, core_ea(c, in), 8) : core_get_mm(c, x->rm);
    for (i = 0; i < 2; ++i) {
      i64 n = (i32)(u32)(v >> (32 * i));
      if (x->mprefix == 0x66)
        core_set_lane(r, 8, i, softfp_from_int(&e, SOFTFP_F64, n));
      else
        core_set_lane(r, 4, i, softfp_from_int(&e, SOFTFP_F32, n));
    }
    enter = !mem;
  }
  if (enter) core_mmx_enter(c); /* even when #XM follows, as the CPU */
  core_sse_check(c, e.flags);
  memcpy(c->xmm[x->reg], r, 16);
}

/* 0F 2C (truncating) and 0F 2D. */
static void cvt_to_int(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  struct softfp_env e = {c->mxcsr, 0};
  int t = x->opcode == 0x2c, i;
  u8 s[16];
  if (x->mprefix == 0xf3 || x->mprefix == 0xf2) { /* CVT(T)SS2SI/SD2SI */
    int size = (x->rex & 8) ? 8 : 4;
    u64 v;
    if (x->mprefix == 0xf3) {
      core_sse_src(c, in, 4, s);
      v = softfp_to_int(&e, SOFTFP_F32, read32le(s), 8 * size, t);
    } else {
      core_sse_src(c, in, 8, s);
      v = softfp_to_int(&e, SOFTFP_F64, read64le(s), 8 * size, t);
    }
    core_sse_check(c, e.flags);
    core_set_reg(c, x, x->reg, size, v);
  } else { /* CVT(T)PS2PI, CVT(T)PD2PI */
    u64 v = 0;
    core_fpu_check_pending(c); /* #MF before the memory's faults */
    core_sse_src(c, in, x->mprefix == 0x66 ? 16 : 8, s);
    for (i = 0; i < 2; ++i) {
      u64 n = x->mprefix == 0x66
                  ? softfp_to_int(&e, SOFTFP_F64, read64le(s + 8 * i), 32, t)
                  : softfp_to_int(&e, SOFTFP_F32, read32le(s + 4 * i), 32, t);
      v |= n << (32 * i);
    }
    core_mmx_enter(c); /* even when #XM follows, as the CPU */
    core_sse_check(c, e.flags);
    core_set_mm(c, x->reg, v);
  }
}

/* 0F 5A: between the two formats. */
static void cvt_fp(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  struct softfp_env e = {c->mxcsr, 0};
  u8 s[16], r[16];
  int i;
  memcpy(r, c->xmm[x->reg], 16);
  switch (x->mprefix) {
    case 0: /* CVTPS2PD xmm, xmm/m64 */
      core_sse_src(c, in, 8, s);
      for (i = 0; i < 2; ++i)
        core_set_lane(r, 8, i, softfp_f32_to_f64(&e, read32le(s + 4 * i)));
      break;
    case 0x66: /* CVTPD2PS xmm, xmm/m128: the upper half is zeroed */
      core_sse_src(c, in, 16, s);
      for (i = 0; i < 2; ++i)
        core_set_lane(r, 4, i, softfp_f64_to_f32(&e, read64le(s + 8 * i)));
      write64le(r + 8, 0);
      break;
    case 0xf3: /* CVTSS2SD */
      core_sse_src(c, in, 4, s);
      core_set_lane(r, 8, 0, softfp_f32_to_f64(&e, read32le(s)));
      break;
    default: /* CVTSD2SS */
      core_sse_src(c, in, 8, s);
      core_set_lane(r, 4, 0, softfp_f64_to_f32(&e, read64le(s)));
      break;
  }
  core_sse_check(c, e.flags);
  memcpy(c->xmm[x->reg], r, 16);
}

/* 0F 5B and 0F E6: packed doublewords. */
static void cvt_dq(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  struct softfp_env e = {c->mxcsr, 0};
  u8 s[16], r[16];
  int i;
  memset(r, 0, 16);
  if (x->opcode == 0x5b) {
    core_sse_src(c, in, 16, s);
    for (i = 0; i < 4; ++i) {
      u64 a = read32le(s + 4 * i);
      if (x->mprefix == 0) /* CVTDQ2PS */
        a = softfp_from_int(&e, SOFTFP_F32, (i32)(u32)a);
      else /* CVTPS2DQ (66), CVTTPS2DQ (F3) */
        a = softfp_to_int(&e, SOFTFP_F32, a, 32, x->mprefix == 0xf3);
      write32le(r + 4 * i, (u32)a);
    }
  } else if (x->mprefix == 0xf3) { /* CVTDQ2PD xmm, xmm/m64 */
    core_sse_src(c, in, 8, s);
    for (i = 0; i < 2; ++i) {
      i64 n = (i32)read32le(s + 4 * i);
      write64le(r + 8 * i, softfp_from_int(&e, SOFTFP_F64, n));
    }
  } else { /* CVTTPD2DQ (66), CVTPD2DQ (F2): the upper half is zeroed */
    core_sse_src(c, in, 16, s);
    for (i = 0; i < 2; ++i) {
      u64 a = read64le(s + 8 * i);
      write32le(r + 4 * i,
                (u32)softfp_to_int(&e, SOFTFP_F64, a, 32, x->mprefix == 0x66));
    }
  }
  core_sse_check(c, e.flags);
  memcpy(c->xmm[x->reg], r, 16);
}

void op_sse_cvt(struct cpu *c, const struct core_insn *in) {
  if (core_sse_vex(c, in)) return;
  switch (in->x.opcode) {
    case 0x2a: cvt_from_int(c, in); break;
    case 0x2c:
    case 0x2d: cvt_to_int(c, in); break;
    case 0x5a: cvt_fp(c, in); break;
    default: cvt_dq(c, in); break;
  }
}
