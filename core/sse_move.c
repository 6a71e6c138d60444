/* SSE and SSE2 data movement and bitwise logic on XMM registers: MOVAPS/PD,
 * MOVUPS/PD, MOVDQA, MOVDQU, MOVSS, MOVSD, MOVD, MOVQ, and the 128-bit
 * AND, ANDN, OR and XOR of both domains (SDM vol. 2). Legacy-SSE memory
 * operands must be 16-byte aligned except where the instruction says
 * otherwise (the U forms and the scalar ones): a misaligned one is #GP,
 * which Linux delivers as SIGSEGV with si_code SI_KERNEL. The MMX forms
 * that share these opcodes (no prefix on 0F 6F/7F/EF/...) come with MMX. */
#include "core/core_priv.h"

static void gp(struct cpu *c) {
  core_raise(c, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0);
}

/* 16 bytes from guest memory, faulting as one access: a copy that crosses
 * a page goes through mmu_read, which checks both pages first. */
static void load128(struct cpu *c, u64 addr, u8 out[16]) {
  if ((addr & MMU_PAGE_MASK) <= MMU_PAGE_SIZE - 16) {
    write64le(out, core_load(c, addr, 8));
    write64le(out + 8, core_load(c, addr + 8, 8));
  } else if (mmu_read(c->mmu, addr, out, 16)) {
    core_memory_fault(c);
  }
}

static void store128(struct cpu *c, u64 addr, const u8 in[16]) {
  if ((addr & MMU_PAGE_MASK) <= MMU_PAGE_SIZE - 16) {
    core_store(c, addr, 8, read64le(in));
    core_store(c, addr + 8, 8, read64le(in + 8));
  } else if (mmu_write(c->mmu, addr, in, 16)) {
    core_memory_fault(c);
  }
}

void core_get_wx(struct cpu *c, const struct core_insn *in, int aligned,
                 u8 out[16]) {
  if (in->x.flags & XED_F_MEM) {
    u64 a = core_ea(c, in);
    if (aligned && (a & 15)) gp(c);
    load128(c, a, out);
  } else {
    memcpy(out, c->xmm[in->x.rm], 16);
  }
}

/* The integer opcodes (0F 60-FF) without a 66 prefix work on MMX. */
static int is_mmx_form(const struct core_insn *in) {
  return in->x.mprefix == 0 && in->x.opcode >= 0x60;
}

/* MOVAPS MOVAPD MOVDQA (aligned) and MOVUPS MOVUPD MOVDQU: loads at 0F
 * 10/28/6F, stores at 0F 11/29/7F. */
void op_sse_movx(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int aligned = x->op == XED_OP_MOVAPS || x->op == XED_OP_MOVAPD ||
                x->op == XED_OP_MOVDQA;
  int store = x->opcode == 0x11 || x->opcode == 0x29 || x->opcode == 0x7f;
  u8 v[16];
  if (!store) {
    core_get_wx(c, in, aligned, v);
    memcpy(c->xmm[x->reg], v, 16);
  } else if (x->flags & XED_F_MEM) {
    u64 a = core_ea(c, in);
    if (aligned && (a & 15)) gp(c);
    store128(c, a, c->xmm[x->reg]);
  } else {
    memcpy(c->xmm[x->rm], c->xmm[x->reg], 16);
  }
}

/* MOVSS (F3) and MOVSD (F2) 0F 10/11: from memory the rest of the register
 * is zeroed; between registers only the low element moves. */
void op_sse_movs(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int n = x->op == XED_OP_MOVSS ? 4 : 8;
  u64 a;
  if (x->opcode == 0x10) {
    if (x->flags & XED_F_MEM) {
      a = core_ea(c, in);
      memset(c->xmm[x->reg], 0, 16);
      if (n == 4)
        write32le(c->xmm[x->reg], (u32)core_load(c, a, 4));
      else
        write64le(c->xmm[x->reg], core_load(c, a, 8));
    } else {
      memcpy(c->xmm[x->reg], c->xmm[x->rm], (size_t)n);
    }
  } else if (x->flags & XED_F_MEM) {
    a = core_ea(c, in);
    if (n == 4)
      core_store(c, a, 4, read32le(c->xmm[x->reg]));
    else
      core_store(c, a, 8, read64le(c->xmm[x->reg]));
  } else {
    memcpy(c->xmm[x->rm], c->xmm[x->reg], (size_t)n);
  }
}

/* MOVD/MOVQ between XMM and general registers or memory: 66 0F 6E loads
 * (zero-extending into the register), 66 0F 7E stores the low 32 or 64
 * bits (REX.W picks 64); F3 0F 7E loads a quadword and 66 0F D6 stores one,
 * zeroing the upper half when the destination is a register. */
void op_sse_movdq(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = (x->rex & 8) ? 8 : 4;
  u64 v;
  if (x->mprefix != 0x66 && x->mprefix != 0xf3) {
    op_unimplemented(c, in); /* the MMX forms */
    return;
  }
  if (x->opcode == 0x6e) {
    v = core_get_e(c, in, size);
    memset(c->xmm[x->reg], 0, 16);
    write64le(c->xmm[x->reg], v);
  } else if (x->opcode == 0x7e && x->mprefix == 0x66) {
    v = read64le(c->xmm[x->reg]);
    if (x->flags & XED_F_MEM)
      core_store(c, core_ea(c, in), size, v);
    else
      core_set_reg(c, x, x->rm, size, v); /* 32 bits zero-extend */
  } else if (x->opcode == 0x7e) {         /* F3 0F 7E: movq xmm, xmm/m64 */
    v = (x->flags & XED_F_MEM) ? core_load(c, core_ea(c, in), 8)
                               : read64le(c->xmm[x->rm]);
    memset(c->xmm[x->reg], 0, 16);
    write64le(c->xmm[x->reg], v);
  } else { /* 66 0F D6: movq xmm/m64, xmm */
    v = read64le(c->xmm[x->reg]);
    if (x->flags & XED_F_MEM) {
      core_store(c, core_ea(c, in), 8, v);
    } else {
      memset(c->xmm[x->rm], 0, 16);
      write64le(c->xmm[x->rm], v);
    }
  }
}

/* 128-bit bitwise logic; all of these require aligned memory operands. */
void op_sse_logic(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  u8 s[16], *d = c->xmm[x->reg];
  int i;
  if (is_mmx_form(in)) {
    op_unimplemented(c, in);
    return;
  }
  core_get_wx(c, in, 1, s);
  switch (x->op) {
    case XED_OP_PAND:
    case XED_OP_ANDPS:
    case XED_OP_ANDPD:
      for (i = 0; i < 16; ++i) d[i] &= s[i];
      break;
    case XED_OP_PANDN:
    case XED_OP_ANDNPS:
    case XED_OP_ANDNPD:
      for (i = 0; i < 16; ++i) d[i] = (u8)(~d[i] & s[i]);
      break;
    case XED_OP_POR:
    case XED_OP_ORPS:
    case XED_OP_ORPD:
      for (i = 0; i < 16; ++i) d[i] |= s[i];
      break;
    default: /* PXOR, XORPS, XORPD */
      for (i = 0; i < 16; ++i) d[i] ^= s[i];
      break;
  }
}
