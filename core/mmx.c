/* MMX: the operand plumbing that lets one handler serve both forms of a
 * packed-integer opcode (no prefix: MMX, 66: SSE2), and EMMS.
 *
 * MMX register i is the significand of x87 physical register R[i] (SDM
 * vol. 1, 9.5); it is read and written through core_get_mm/core_set_mm,
 * which ignore REX (SDM vol. 2, 2.2.1.3: REX.R and REX.B do not extend
 * MMX register numbers). Handlers see both forms as little-endian byte
 * vectors, so the lane code is the same for 8 and 16 bytes, and on every
 * host. MMX memory operands are 8 bytes (4 for the PUNPCKL* forms, which
 * read m32) with no alignment rule; SSE2 ones are m128 and must be
 * 16-byte aligned (#GP).
 *
 * Order: an MMX instruction whose memory operand faults leaves TOP and the
 * tags as they were (so the hardware does: the signal frame's FPU state
 * shows it), so handlers call core_mmx_enter() after reading memory, and
 * stores check the memory first (mmx_store in sse_move.c) so that nothing
 * is written when core_mmx_enter raises a pending x87 exception. A
 * pending x87 exception outranks the memory operand's faults (the host
 * CPU reports #MF when both apply): core_memory_fault() checks for one
 * first (core_mmx_form); CVT(T)PD2PI, whose m128 can also fault by being
 * unaligned, checks before it touches memory (sse_cvt.c). */
#include "core/core_priv.h"

void core_vec_get(struct cpu *c, const struct core_insn *in, int r,
                  u8 out[16]) {
  if (core_vec_width(in) == 8)
    write64le(out, core_get_mm(c, r));
  else
    memcpy(out, c->xmm[r], 16);
}

void core_vec_put(struct cpu *c, const struct core_insn *in, int r,
                  const u8 v[16]) {
  if (core_vec_width(in) == 8)
    core_set_mm(c, r, read64le(v));
  else
    memcpy(c->xmm[r], v, 16);
}

void core_vec_src(struct cpu *c, const struct core_insn *in, int msize,
                  u8 out[16]) {
  if (core_vec_width(in) == 16) {
    core_get_wx(c, in, 1, out);
  } else if (in->x.flags & XED_F_MEM) {
    write64le(out, core_load(c, core_ea(c, in), msize));
  } else {
    write64le(out, core_get_mm(c, in->x.rm));
  }
}

/* EMMS (0F 77): every x87 register empty again, so that x87 code can
 * follow MMX code (SDM vol. 2, EMMS: the tag word becomes FFFFH). Like
 * every MMX instruction it first raises a pending x87 exception, and it
 * leaves TOP 0 (SDM vol. 1, table 9-2; the host CPU agrees); the
 * registers' contents stay. */
void op_emms(struct cpu *c, const struct core_insn *in) {
  (void)in;
  core_fpu_check_pending(c);
  c->ftop = 0;
  c->ftag = 0;
}
