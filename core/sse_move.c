/* SSE and SSE2 data movement and bitwise logic (SDM vol. 2): MOVAPS/PD,
 * MOVUPS/PD, MOVDQA, MOVDQU, MOVSS, MOVSD, MOVD, MOVQ, MOVLPS/PD,
 * MOVHPS/PD, MOVHLPS, MOVLHPS, MOVMSKPS/PD, the non-temporal stores
 * (MOVNTPS/PD, MOVNTDQ, MOVNTI, MOVNTQ, which are plain stores here),
 * MASKMOVQ/MASKMOVDQU, MOVQ2DQ/MOVDQ2Q, the 128-bit AND, ANDN, OR and XOR
 * of both domains, and the MMX forms of the moves and the logic. Legacy-SSE
 * memory operands must be 16-byte aligned except where the instruction
 * says otherwise (the U forms, the scalar and 64-bit ones): a misaligned
 * one is #GP, which Linux delivers as SIGSEGV with si_code SI_KERNEL. MMX
 * memory operands have no alignment rule. */
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
      /* Load first: a faulting load leaves the register alone. */
      u64 v = core_load(c, core_ea(c, in), n);
      memset(c->xmm[x->reg], 0, 16);
      if (n == 4)
        write32le(c->xmm[x->reg], (u32)v);
      else
        write64le(c->xmm[x->reg], v);
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

/* An MMX store: memory checked, then the x87 state changed (which may
 * raise a pending x87 exception), then memory written (see mmx.c). */
static void mmx_store(struct cpu *c, u64 a, int size, u64 v) {
  if (mmu_access_ok(c->mmu, a, (u64)size, MMU_WRITE)) core_memory_fault(c);
  core_mmx_enter(c);
  core_store(c, a, size, v);
}

/* MOVD/MOVQ with MMX registers: 0F 6E loads r/m32 (r/m64 with REX.W)
 * zero-extended, 0F 7E stores the low 32 (64) bits, 0F 6F and 0F 7F move a
 * quadword between MMX registers or memory. */
static void movdq_mmx(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = (x->rex & 8) ? 8 : 4;
  u64 v;
  switch (x->opcode) {
    case 0x6e:
      v = core_get_e(c, in, size);
      core_mmx_enter(c);
      core_set_mm(c, x->reg, v);
      break;
    case 0x7e:
      if (x->flags & XED_F_MEM) {
        mmx_store(c, core_ea(c, in), size, core_get_mm(c, x->reg));
      } else {
        core_mmx_enter(c);
        core_set_reg(c, x, x->rm, size, core_get_mm(c, x->reg));
      }
      break;
    case 0x6f:
      v = (x->flags & XED_F_MEM) ? core_load(c, core_ea(c, in), 8)
                                 : core_get_mm(c, x->rm);
      core_mmx_enter(c);
      core_set_mm(c, x->reg, v);
      break;
    default: /* 0F 7F */
      v = core_get_mm(c, x->reg);
      if (x->flags & XED_F_MEM) {
        mmx_store(c, core_ea(c, in), 8, v);
      } else {
        core_mmx_enter(c);
        core_set_mm(c, x->rm, v);
      }
      break;
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
  if (x->mprefix == 0) {
    movdq_mmx(c, in);
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

/* PAND, PANDN, POR, PXOR mm, mm/m64. */
static void logic_mmx(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  u64 s, d;
  s = (x->flags & XED_F_MEM) ? core_load(c, core_ea(c, in), 8)
                             : core_get_mm(c, x->rm);
  core_mmx_enter(c);
  d = core_get_mm(c, x->reg);
  switch (x->op) {
    case XED_OP_PAND: d &= s; break;
    case XED_OP_PANDN: d = ~d & s; break;
    case XED_OP_POR: d |= s; break;
    default: d ^= s; break; /* PXOR */
  }
  core_set_mm(c, x->reg, d);
}

/* 128-bit bitwise logic; all of these require aligned memory operands. */
void op_sse_logic(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  u8 s[16], *d = c->xmm[x->reg];
  int i;
  if (core_vec_width(in) == 8) { /* 0F DB/DF/EB/EF */
    logic_mmx(c, in);
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

/* MOVLPS/MOVLPD (0F 12/13) and MOVHPS/MOVHPD (0F 16/17): a quadword of
 * memory, any alignment, to or from the low or high half of an XMM
 * register, the other half kept. The register forms of 0F 12 and 0F 16
 * (no prefix) are MOVHLPS, high half of the source to the low half of the
 * destination, and MOVLHPS, low half to high half. */
void op_sse_movhl(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int high = x->opcode == 0x16 || x->opcode == 0x17;
  u8 *d = c->xmm[x->reg];
  if (x->opcode == 0x13 || x->opcode == 0x17) { /* stores: memory only */
    core_store(c, core_ea(c, in), 8, read64le(d + (high ? 8 : 0)));
  } else if (x->flags & XED_F_MEM) {
    write64le(d + (high ? 8 : 0), core_load(c, core_ea(c, in), 8));
  } else if (high) {
    memcpy(d + 8, c->xmm[x->rm], 8); /* MOVLHPS */
  } else {
    memcpy(d, c->xmm[x->rm] + 8, 8); /* MOVHLPS */
  }
}

/* MOVMSKPS/MOVMSKPD r32, xmm: the sign bits of the 4 singles or 2 doubles,
 * zero-extended (REX.W names the 64-bit register, same value). */
void op_sse_movmsk(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  const u8 *v = c->xmm[x->rm];
  u32 m = 0;
  int i;
  if (x->op == XED_OP_MOVMSKPS) {
    for (i = 0; i < 4; ++i) m |= (u32)(v[4 * i + 3] >> 7) << i;
  } else {
    for (i = 0; i < 2; ++i) m |= (u32)(v[8 * i + 7] >> 7) << i;
  }
  core_set_reg(c, x, x->reg, (x->rex & 8) ? 8 : 4, m);
}

/* Non-temporal stores (memory only): the cache hint means nothing here.
 * MOVNTPS, MOVNTPD and MOVNTDQ store m128 and need it aligned; MOVNTI
 * stores a general register (32 or 64 bits), MOVNTQ an MMX register. */
void op_sse_movnt(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  u64 a = core_ea(c, in);
  switch (x->op) {
    case XED_OP_MOVNTI:
      core_store(c, a, x->osz, core_get_reg(c, x, x->reg, x->osz));
      break;
    case XED_OP_MOVNTQ: mmx_store(c, a, 8, core_get_mm(c, x->reg)); break;
    default:
      if (a & 15) gp(c);
      store128(c, a, c->xmm[x->reg]);
      break;
  }
}

/* MASKMOVQ mm1, mm2 and MASKMOVDQU xmm1, xmm2: the bytes of the first
 * register whose byte in the second has its top bit set go to DS:RDI
 * (EDI under 67; the segment may be overridden), at any alignment. The
 * span from the first to the last selected byte is checked for writing
 * first, so that a fault leaves memory untouched; with no byte selected
 * memory is not touched (the SDM lets a CPU fault or not then). */
void op_sse_maskmov(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int n = x->mprefix == 0x66 ? 16 : 8, first = -1, last = 0, i;
  u64 a = c->regs[CORE_RDI];
  u8 v[16], m[16];
  if (n == 8) {
    write64le(v, core_get_mm(c, x->reg));
    write64le(m, core_get_mm(c, x->rm));
  } else {
    memcpy(v, c->xmm[x->reg], 16);
    memcpy(m, c->xmm[x->rm], 16);
  }
  if (x->asz == 4) a &= 0xffffffff;
  a += core_seg_base(c, x);
  for (i = 0; i < n; ++i) {
    if (m[i] & 0x80) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first >= 0 && mmu_access_ok(c->mmu, a + (u64)first,
                                  (u64)(last - first + 1), MMU_WRITE)) {
    core_memory_fault(c);
  }
  if (n == 8) core_mmx_enter(c);
  if (first < 0) return;
  for (i = first; i <= last; ++i) {
    if (m[i] & 0x80) core_store(c, a + (u64)i, 1, v[i]);
  }
}

/* MOVQ2DQ xmm, mm (F3 0F D6): the MMX register zero-extended into the XMM
 * register; MOVDQ2Q mm, xmm (F2 0F D6): the low quadword of the XMM
 * register. Both are MMX instructions. */
void op_sse_movq2dq(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  core_mmx_enter(c);
  if (x->op == XED_OP_MOVQ2DQ) {
    u64 v = core_get_mm(c, x->rm);
    memset(c->xmm[x->reg], 0, 16);
    write64le(c->xmm[x->reg], v);
  } else {
    core_set_mm(c, x->reg, read64le(c->xmm[x->rm]));
  }
}

/* CLFLUSH m8 (SSE2 cacheability control): nothing to flush here, but the
 * byte is checked as a load would be (SDM vol. 2, CLFLUSH: #PF like a
 * byte load), so a page without access faults and a read-only one
 * doesn't. */
void op_clflush(struct cpu *c, const struct core_insn *in) {
  if (mmu_access_ok(c->mmu, core_ea(c, in), 1, MMU_READ)) core_memory_fault(c);
}
