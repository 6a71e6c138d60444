/* FXSAVE and FXRSTOR (0F AE /0 and /1): the x87, MMX and SSE state as the
 * 512-byte image of SDM vol. 1, table 10-2 (and 10-3/10-4 for the REX.W
 * forms, whose FIP and FDP are 64 bits wide). core_fxsave() and
 * core_fxrstor() give the same image to sysemu/ for signal frames; they
 * use the 64-bit layout, as Linux's fxsaveq does.
 *
 *   0 FCW   2 FSW (TOP included)   4 abridged FTW (bit i: R[i] in use)
 *   6 FOP   8 FIP[31:0]  12 FCS    16 FDP[31:0]  20 FDS    (32-bit form)
 *           8 FIP[63:0]            16 FDP[63:0]            (64-bit form)
 *  24 MXCSR  28 MXCSR_MASK  32 + 16 i: ST(i) (10 bytes, 6 reserved)
 * 160 + 16 i: XMM i   416..511 reserved or free for software
 *
 * Neither instruction waits for a pending x87 exception; an unmasked
 * exception restored by FXRSTOR is raised by the next waiting one. */
#include "core/core_priv.h"

/* The bits of MXCSR this CPU implements: DAZ included, as the CPUs
 * since the Pentium 4 report. */
#define MXCSR_MASK 0x0000ffffu

static void save(const struct cpu *c, u8 *p, int wide) {
  int i;
  memset(p, 0, 416);
  write16le(p + 0, c->fcw);
  write16le(p + 2, core_fpu_status(c));
  p[4] = c->ftag;
  write16le(p + 6, c->fop & 0x7ff);
  if (wide) {
    write64le(p + 8, c->fip);
    write64le(p + 16, c->fdp);
  } else {
    write32le(p + 8, (u32)c->fip);
    write16le(p + 12, c->fip || c->fop ? 0x33 : 0); /* __USER_CS */
    write32le(p + 16, (u32)c->fdp);
    write16le(p + 20, c->fdp ? 0x2b : 0); /* __USER_DS */
  }
  write32le(p + 24, c->mxcsr);
  write32le(p + 28, MXCSR_MASK);
  for (i = 0; i < 8; ++i) {
    int r = (c->ftop + i) & 7;
    write64le(p + 32 + 16 * i, c->fpr_sig[r]);
    write16le(p + 40 + 16 * i, c->fpr_se[r]);
  }
  for (i = 0; i < 16; ++i) memcpy(p + 160 + 16 * i, c->xmm[i], 16);
}

static int restore(struct cpu *c, const u8 *p, int wide) {
  u32 mxcsr = read32le(p + 24);
  u16 sw;
  int i;
  if (mxcsr & ~MXCSR_MASK) return -1;
  c->mxcsr = mxcsr;
  c->fcw = (read16le(p) & 0x1f3f) | 0x40; /* as FLDCW keeps it */
  sw = read16le(p + 2);
  c->ftop = sw >> 11 & 7;
  c->fsw = sw & ~(0x3800 | 0x0080 | 0x8000); /* TOP, ES, B: computed */
  c->ftag = p[4];
  c->fop = read16le(p + 6) & 0x7ff;
  if (wide) {
    c->fip = read64le(p + 8);
    c->fdp = read64le(p + 16);
  } else {
    c->fip = read32le(p + 8);
    c->fdp = read32le(p + 16);
  }
  for (i = 0; i < 8; ++i) {
    int r = (c->ftop + i) & 7;
    c->fpr_sig[r] = read64le(p + 32 + 16 * i);
    c->fpr_se[r] = read16le(p + 40 + 16 * i);
  }
  for (i = 0; i < 16; ++i) memcpy(c->xmm[i], p + 160 + 16 * i, 16);
  return 0;
}

void core_fxsave(const struct cpu *c, u8 out[512]) {
  save(c, out, 1);
  memset(out + 416, 0, 96);
}

int core_fxrstor(struct cpu *c, const u8 in[512]) {
  return restore(c, in, 1);
}

/* #GP on a misaligned operand is SIGSEGV with SI_KERNEL, as for MOVAPS. */
static u64 operand(struct cpu *c, const struct core_insn *in) {
  u64 a = core_ea(c, in);
  if (a & 15) core_raise(c, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0);
  return a;
}

/* The bytes software may use (464..511) and the reserved ones after the
 * XMM registers are left as they were, as the host CPU does. (blink
 * checks only the 416 bytes it touches.) */
void op_fxsave(struct cpu *c, const struct core_insn *in) {
  u8 b[416];
  u64 a = operand(c, in);
  save(c, b, (in->x.rex & 8) != 0);
  if (mmu_write(c->mmu, a, b, sizeof(b))) core_memory_fault(c);
}

void op_fxrstor(struct cpu *c, const struct core_insn *in) {
  u8 b[416];
  u64 a = operand(c, in);
  if (mmu_read(c->mmu, a, b, sizeof(b))) core_memory_fault(c);
  if (restore(c, b, (in->x.rex & 8) != 0)) {
    core_raise(c, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0);
  }
}
