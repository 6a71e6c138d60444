/* Specialised handlers for the hot integer forms.
 *
 * The general handlers (op_alu, op_mov, op_push, ...) look at the form,
 * the operand size and whether ModRM names memory each time they run.
 * For the forms that dominate ordinary code, core_specialise() makes those
 * choices once, when the block is decoded: it picks a handler made for one
 * operation, one size and one register-or-memory shape, and stores the
 * register numbers it needs in the decoded instruction (r0 the
 * destination or first operand, r1 the source). Such a handler is a few
 * loads, the operation and the lazy-flags record, with no switch left.
 *
 * Each specialised handler gives exactly what its general one gives
 * (tests/diff checks both against the host CPU, tests/c/conds.c the
 * conditions after each operation); anything unusual (LOCK, AH..BH,
 * ADC/SBB, segment overrides in an address, byte and word forms of the
 * rarer operations) keeps the general handler. */
#include "core/core_priv.h"

#define INLINE static inline __attribute__((always_inline))

/* Guest memory at a size known when the handler is compiled. */
INLINE u64 load(struct cpu *c, u64 a, int size) {
  switch (size) {
    case 1: {
      u8 v;
      if (mmu_load8(c->mmu, a, &v)) core_memory_fault(c);
      return v;
    }
    case 2: {
      u16 v;
      if (mmu_load16(c->mmu, a, &v)) core_memory_fault(c);
      return v;
    }
    case 4: {
      u32 v;
      if (mmu_load32(c->mmu, a, &v)) core_memory_fault(c);
      return v;
    }
    default: {
      u64 v;
      if (mmu_load64(c->mmu, a, &v)) core_memory_fault(c);
      return v;
    }
  }
}

INLINE void store(struct cpu *c, u64 a, int size, u64 v) {
  int rc;
  switch (size) {
    case 1: rc = mmu_store8(c->mmu, a, (u8)v); break;
    case 2: rc = mmu_store16(c->mmu, a, (u16)v); break;
    case 4: rc = mmu_store32(c->mmu, a, (u32)v); break;
    default: rc = mmu_store64(c->mmu, a, v); break;
  }
  if (rc) core_memory_fault(c);
}

/* Addresses: most are a base register plus a displacement, or that plus
 * a scaled index, with no segment base and 64-bit wrapping; the rest is
 * core_ea()'s. */
enum { EA_OTHER, EA_BASE, EA_BASE_INDEX };

static int ea_shape(const struct xed_insn *x, int lea) {
  if (!(x->flags & XED_F_MEM) || x->asz != 8 || x->base >= 16) return EA_OTHER;
  if (!lea && (x->seg == XED_SEG_FS || x->seg == XED_SEG_GS)) return EA_OTHER;
  if (x->index == XED_REG_NONE) return EA_BASE;
  return x->index < 16 ? EA_BASE_INDEX : EA_OTHER;
}

INLINE u64 ea_of(struct cpu *c, const struct core_insn *in, int lea) {
  const struct xed_insn *x = &in->x;
  if (in->ea == EA_BASE) return c->regs[x->base] + (u64)x->disp;
  if (in->ea == EA_BASE_INDEX) {
    return c->regs[x->base] + (c->regs[x->index] << x->scale) + (u64)x->disp;
  }
  return lea ? core_ea_offset(c, in) : core_ea(c, in);
}

INLINE u64 ea(struct cpu *c, const struct core_insn *in) {
  return ea_of(c, in, 0);
}

/* Registers by number; a byte register here is never AH..BH
 * (core_specialise() leaves those to the general handlers). */
INLINE u64 getr(struct cpu *c, int r, int size) {
  return c->regs[r] & core_mask(size);
}

INLINE void putr(struct cpu *c, int r, int size, u64 v) {
  if (size >= 4) {
    c->regs[r] = v & core_mask(size); /* a 32-bit write clears the top */
  } else {
    c->regs[r] = (c->regs[r] & ~core_mask(size)) | (v & core_mask(size));
  }
}

/* The operations: the ALU ones with their lazy-flags kind. */
enum { K_ADD, K_SUB, K_CMP, K_AND, K_OR, K_XOR, K_TEST, K_MOV };

INLINE u64 calc(struct cpu *c, int k, int size, u64 d, u64 s) {
  u64 r;
  switch (k) {
    case K_ADD:
      r = d + s;
      core_set_lazy(c, LAZY_ADD, size, d, s, r);
      return r;
    case K_SUB:
    case K_CMP:
      r = d - s;
      core_set_lazy(c, LAZY_SUB, size, d, s, r);
      return r;
    case K_OR: r = d | s; break;
    case K_XOR: r = d ^ s; break;
    case K_MOV: return s;
    default: r = d & s; break; /* AND, TEST */
  }
  core_set_lazy(c, LAZY_LOGIC, size, d, s, r);
  return r;
}

/* Whether the operation writes its destination; MOV doesn't read it. */
#define WRITES(k) ((k) != K_CMP && (k) != K_TEST)
#define READS(k) ((k) != K_MOV)

/* The five shapes: reg op= reg, reg op= imm, reg op= mem, mem op= reg,
 * mem op= imm. */
INLINE void alu_rr(struct cpu *c, const struct core_insn *in, int k, int n) {
  u64 d = READS(k) ? getr(c, in->r0, n) : 0;
  u64 r = calc(c, k, n, d, getr(c, in->r1, n));
  if (WRITES(k)) putr(c, in->r0, n, r);
}

INLINE void alu_ri(struct cpu *c, const struct core_insn *in, int k, int n) {
  u64 d = READS(k) ? getr(c, in->r0, n) : 0;
  u64 r = calc(c, k, n, d, in->x.imm & core_mask(n));
  if (WRITES(k)) putr(c, in->r0, n, r);
}

INLINE void alu_rm(struct cpu *c, const struct core_insn *in, int k, int n) {
  u64 s = load(c, ea(c, in), n);
  u64 d = READS(k) ? getr(c, in->r0, n) : 0;
  u64 r = calc(c, k, n, d, s);
  if (WRITES(k)) putr(c, in->r0, n, r);
}

INLINE void alu_mr(struct cpu *c, const struct core_insn *in, int k, int n) {
  u64 a = ea(c, in);
  u64 d = READS(k) ? load(c, a, n) : 0;
  u64 r = calc(c, k, n, d, getr(c, in->r1, n));
  if (WRITES(k)) store(c, a, n, r);
}

INLINE void alu_mi(struct cpu *c, const struct core_insn *in, int k, int n) {
  u64 a = ea(c, in);
  u64 d = READS(k) ? load(c, a, n) : 0;
  u64 r = calc(c, k, n, d, in->x.imm & core_mask(n));
  if (WRITES(k)) store(c, a, n, r);
}

#define SHAPE(name, shape, k, n)                                             \
  static void name##_##shape##n(struct cpu *c, const struct core_insn *in) { \
    alu_##shape(c, in, k, n);                                                \
  }
#define SIZES(name, shape, k) \
  SHAPE(name, shape, k, 1)    \
  SHAPE(name, shape, k, 2)    \
  SHAPE(name, shape, k, 4)    \
  SHAPE(name, shape, k, 8)
#define SHAPES(name, k) \
  SIZES(name, rr, k)    \
  SIZES(name, ri, k)    \
  SIZES(name, rm, k)    \
  SIZES(name, mr, k)    \
  SIZES(name, mi, k)
#define ROW(name, shape) \
  { name##_##shape##1, name##_##shape##2, name##_##shape##4, name##_##shape##8 }
#define TABLE(name) \
  { ROW(name, rr), ROW(name, ri), ROW(name, rm), ROW(name, mr), ROW(name, mi) }

SHAPES(add, K_ADD)
SHAPES(sub, K_SUB)
SHAPES(cmp, K_CMP)
SHAPES(and, K_AND)
SHAPES(or, K_OR)
SHAPES(xor, K_XOR)
SHAPES(test, K_TEST)
SHAPES(mov, K_MOV)

enum { S_RR, S_RI, S_RM, S_MR, S_MI };

/* [operation][shape][log2 size] */
static const core_handler kForms[][5][4] = {
    [K_ADD] = TABLE(add),   [K_SUB] = TABLE(sub), [K_CMP] = TABLE(cmp),
    [K_AND] = TABLE(and),   [K_OR] = TABLE(or),   [K_XOR] = TABLE(xor),
    [K_TEST] = TABLE(test), [K_MOV] = TABLE(mov),
};

/* LEA without a segment base (SDM vol. 2, LEA). */
static void lea_4(struct cpu *c, const struct core_insn *in) {
  c->regs[in->r0] = (u32)ea_of(c, in, 1);
}
static void lea_8(struct cpu *c, const struct core_insn *in) {
  c->regs[in->r0] = ea_of(c, in, 1);
}

/* MOVZX/MOVSX/MOVSXD to a 32- or 64-bit register (a 32-bit result
 * clears the top half, so it is the 64-bit zero-extension of its low 32
 * bits), from a register (never AH..BH) or memory of from bytes. */
INLINE void movx(struct cpu *c, const struct core_insn *in, int sx, int mem,
                 int from) {
  u64 v = mem ? load(c, ea(c, in), from) : getr(c, in->r1, from);
  if (sx) v = core_sext(v, from);
  c->regs[in->r0] = in->x.osz == 8 ? v : (u32)v;
}

#define MOVX(name, sx, mem, from)                               \
  static void name(struct cpu *c, const struct core_insn *in) { \
    movx(c, in, sx, mem, from);                                 \
  }
MOVX(movzx_rb, 0, 0, 1)
MOVX(movzx_rw, 0, 0, 2)
MOVX(movsx_rb, 1, 0, 1)
MOVX(movsx_rw, 1, 0, 2)
MOVX(movsx_rd, 1, 0, 4)
MOVX(movzx_mb, 0, 1, 1)
MOVX(movzx_mw, 0, 1, 2)
MOVX(movsx_mb, 1, 1, 1)
MOVX(movsx_mw, 1, 1, 2)
MOVX(movsx_md, 1, 1, 4)

/* [sign-extend][memory][log2 of the source size] */
static const core_handler kMovx[2][2][3] = {
    {{movzx_rb, movzx_rw, NULL}, {movzx_mb, movzx_mw, NULL}},
    {{movsx_rb, movsx_rw, movsx_rd}, {movsx_mb, movsx_mw, movsx_md}},
};

/* IMUL with two and three operands at 32 and 64 bits: the truncated
 * product; CF and OF tell whether it lost significant bits, and SF, ZF,
 * AF and PF are cleared, as core/muldiv.c gives them. The source is r1 or
 * memory; the second factor the destination register or the immediate. */
INLINE void imul(struct cpu *c, const struct core_insn *in, int mem, int imm,
                 int n) {
  u64 a = mem ? load(c, ea(c, in), n) : getr(c, in->r1, n), lo;
  u64 b = imm ? in->x.imm : getr(c, in->r0, n);
  int overflow;
  if (n == 8) {
    i64 p;
    overflow = __builtin_mul_overflow((i64)a, (i64)b, &p);
    lo = (u64)p;
  } else {
    i64 p = (i64)(i32)a * (i64)(i32)b;
    lo = (u32)p;
    overflow = p != (i64)(i32)lo;
  }
  c->regs[in->r0] = lo;
  c->lazy = LAZY_NONE;
  c->flags = (c->flags & ~(u64)X86_EFLAGS_ARITH) |
             (overflow ? X86_EFLAGS_CF | X86_EFLAGS_OF : 0);
}

#define IMUL(name, mem, imm, n)                                 \
  static void name(struct cpu *c, const struct core_insn *in) { \
    imul(c, in, mem, imm, n);                                   \
  }
IMUL(imul_rr4, 0, 0, 4)
IMUL(imul_rr8, 0, 0, 8)
IMUL(imul_rm4, 1, 0, 4)
IMUL(imul_rm8, 1, 0, 8)
IMUL(imul_rri4, 0, 1, 4)
IMUL(imul_rri8, 0, 1, 8)
IMUL(imul_rmi4, 1, 1, 4)
IMUL(imul_rmi8, 1, 1, 8)

/* [immediate][memory][64-bit] */
static const core_handler kImul[2][2][2] = {
    {{imul_rr4, imul_rr8}, {imul_rm4, imul_rm8}},
    {{imul_rri4, imul_rri8}, {imul_rmi4, imul_rmi8}},
};

/* The 64-bit stack: PUSH writes before it moves RSP, so a faulting push
 * leaves RSP as it was. */
INLINE void push8(struct cpu *c, u64 v) {
  u64 sp = c->regs[CORE_RSP] - 8;
  store(c, sp, 8, v);
  c->regs[CORE_RSP] = sp;
}

static void push_r8(struct cpu *c, const struct core_insn *in) {
  push8(c, c->regs[in->r0]);
}
static void pop_r8(struct cpu *c, const struct core_insn *in) {
  u64 v = load(c, c->regs[CORE_RSP], 8);
  c->regs[CORE_RSP] += 8;
  c->regs[in->r0] = v;
}
static void call_rel(struct cpu *c, const struct core_insn *in) {
  push8(c, in->next);
  c->rip = in->next + in->x.imm;
}
static void ret_near(struct cpu *c, const struct core_insn *in) {
  u64 v = load(c, c->regs[CORE_RSP], 8);
  c->regs[CORE_RSP] += 8;
  c->rip = v;
}
static void jmp_rel(struct cpu *c, const struct core_insn *in) {
  c->rip = in->next + in->x.imm;
}

/* A condition for Jcc, SETcc, CMOVcc: ZF and SF after any operation, and
 * every condition but PF after CMP/SUB and TEST/AND/OR/XOR, computed here
 * from the lazy state. Shifting the operands to the top of 64 bits drops
 * whatever lies above the operation's size, so one comparison serves
 * every size. The rest is core_cond()'s. */
INLINE int cond(struct cpu *c, int cc) {
  unsigned sh;
  u64 r;
  int t;
  if (c->lazy == LAZY_NONE) return core_cond(c, cc);
  sh = 64 - 8 * c->lazy_size;
  r = c->lazy_res << sh;
  /* ZF and SF come from the result alone, whatever the operation. */
  if ((cc >> 1) == 2) return (r == 0) ^ (cc & 1);
  if ((cc >> 1) == 4) return ((i64)r < 0) ^ (cc & 1);
  if (c->lazy == LAZY_SUB) {
    u64 d = c->lazy_dst << sh, s = c->lazy_src << sh;
    switch (cc >> 1) {
      case 0: t = (i64)((d ^ s) & (d ^ r)) < 0; break; /* O */
      case 1: t = d < s; break;                        /* B */
      case 2: t = r == 0; break;                       /* E */
      case 3: t = d <= s; break;                       /* BE */
      case 4: t = (i64)r < 0; break;                   /* S */
      case 6: t = (i64)d < (i64)s; break;              /* L */
      case 7: t = (i64)d <= (i64)s; break;             /* LE */
      default: return core_cond(c, cc);                /* P */
    }
    return t ^ (cc & 1);
  }
  if (c->lazy == LAZY_LOGIC) { /* CF = OF = 0 */
    switch (cc >> 1) {
      case 0:
      case 1: t = 0; break;
      case 2:
      case 3: t = r == 0; break;
      case 4:
      case 6: t = (i64)r < 0; break;
      case 7: t = (i64)r <= 0; break;
      default: return core_cond(c, cc);
    }
    return t ^ (cc & 1);
  }
  return core_cond(c, cc);
}

#define JCC(cc)                                                     \
  static void jcc_##cc(struct cpu *c, const struct core_insn *in) { \
    if (cond(c, cc)) c->rip = in->next + in->x.imm;                 \
  }

/* SETcc to a byte register; CMOVcc between 32- or 64-bit registers (a
 * 32-bit destination is written, its top half cleared, either way). */
#define SETCC(cc)                                                     \
  static void setcc_##cc(struct cpu *c, const struct core_insn *in) { \
    putr(c, in->r0, 1, cond(c, cc));                                  \
  }
#define CMOVCC(cc)                                                     \
  static void cmovcc_##cc(struct cpu *c, const struct core_insn *in) { \
    u64 v = c->regs[cond(c, cc) ? in->r1 : in->r0];                    \
    c->regs[in->r0] = in->x.osz == 8 ? v : (u32)v;                     \
  }
#define CONDS(f)                                                            \
  f(0) f(1) f(2) f(3) f(4) f(5) f(6) f(7) f(8) f(9) f(10) f(11) f(12) f(13) \
      f(14) f(15)
CONDS(JCC)
CONDS(SETCC)
CONDS(CMOVCC)

static const core_handler kSetcc[16] = {
    setcc_0,  setcc_1,  setcc_2,  setcc_3,  setcc_4,  setcc_5,
    setcc_6,  setcc_7,  setcc_8,  setcc_9,  setcc_10, setcc_11,
    setcc_12, setcc_13, setcc_14, setcc_15,
};
static const core_handler kCmovcc[16] = {
    cmovcc_0,  cmovcc_1,  cmovcc_2,  cmovcc_3,  cmovcc_4,  cmovcc_5,
    cmovcc_6,  cmovcc_7,  cmovcc_8,  cmovcc_9,  cmovcc_10, cmovcc_11,
    cmovcc_12, cmovcc_13, cmovcc_14, cmovcc_15,
};

static const core_handler kJcc[16] = {
    jcc_0, jcc_1, jcc_2,  jcc_3,  jcc_4,  jcc_5,  jcc_6,  jcc_7,
    jcc_8, jcc_9, jcc_10, jcc_11, jcc_12, jcc_13, jcc_14, jcc_15,
};

/* INC and DEC keep CF: it is put in cpu->flags (the one arithmetic bit
 * LAZY_INC and LAZY_DEC read from there) without building the others. */
INLINE void incdec(struct cpu *c, const struct core_insn *in, int inc, int n) {
  u64 d = getr(c, in->r0, n), r = inc ? d + 1 : d - 1;
  u64 cf = cond(c, 2) ? X86_EFLAGS_CF : 0;
  c->flags = (c->flags & ~(u64)X86_EFLAGS_CF) | cf;
  putr(c, in->r0, n, r);
  core_set_lazy(c, inc ? LAZY_INC : LAZY_DEC, n, d, 1, r);
}

static void inc_r4(struct cpu *c, const struct core_insn *in) {
  incdec(c, in, 1, 4);
}
static void inc_r8(struct cpu *c, const struct core_insn *in) {
  incdec(c, in, 1, 8);
}
static void dec_r4(struct cpu *c, const struct core_insn *in) {
  incdec(c, in, 0, 4);
}
static void dec_r8(struct cpu *c, const struct core_insn *in) {
  incdec(c, in, 0, 8);
}

/* SHL, SHR and SAR of a 32- or 64-bit register by a constant count (r1,
 * already masked and not 0: a count of 0 changes no flag and stays with
 * op_shift). */
INLINE void shift(struct cpu *c, const struct core_insn *in, int kind, int n) {
  u64 d = getr(c, in->r0, n), r;
  unsigned k = in->r1;
  switch (kind) {
    case LAZY_SHL: r = (d << k) & core_mask(n); break;
    case LAZY_SHR: r = d >> k; break;
    default: r = (u64)((i64)core_sext(d, n) >> k) & core_mask(n); break;
  }
  putr(c, in->r0, n, r);
  core_set_lazy(c, kind, n, d, k, r);
}

#define SHIFT(name, kind, n)                                       \
  static void name##n(struct cpu *c, const struct core_insn *in) { \
    shift(c, in, kind, n);                                         \
  }
SHIFT(shl_ri, LAZY_SHL, 4)
SHIFT(shl_ri, LAZY_SHL, 8)
SHIFT(shr_ri, LAZY_SHR, 4)
SHIFT(shr_ri, LAZY_SHR, 8)
SHIFT(sar_ri, LAZY_SAR, 4)
SHIFT(sar_ri, LAZY_SAR, 8)

static int log2size(int n) {
  return n == 1 ? 0 : n == 2 ? 1 : n == 4 ? 2 : 3;
}

/* A byte register operand r is AL..R15B, not AH..BH. */
static int plain_byte(const struct xed_insn *x, int r) {
  return x->osz != 1 || r < 4 || (x->flags & XED_F_REX);
}

static int alu_kind(int op) {
  switch (op) {
    case XED_OP_ADD: return K_ADD;
    case XED_OP_SUB: return K_SUB;
    case XED_OP_CMP: return K_CMP;
    case XED_OP_AND: return K_AND;
    case XED_OP_OR: return K_OR;
    case XED_OP_XOR: return K_XOR;
    case XED_OP_TEST: return K_TEST;
    case XED_OP_MOV: return K_MOV;
    default: return -1;
  }
}

/* The shape of an ALU, TEST or MOV form, with r0 and r1 filled in; -1 for
 * the forms left to the general handler. */
static int alu_shape(struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int mem = (x->flags & XED_F_MEM) != 0;
  switch (x->form) {
    case XED_FORM_EbGb:
    case XED_FORM_EvGv:
      if (!plain_byte(x, x->reg)) return -1;
      in->r1 = x->reg;
      if (mem) return S_MR;
      if (!plain_byte(x, x->rm)) return -1;
      in->r0 = x->rm;
      return S_RR;
    case XED_FORM_GbEb:
    case XED_FORM_GvEv:
      if (!plain_byte(x, x->reg)) return -1;
      in->r0 = x->reg;
      if (mem) return x->op == XED_OP_TEST ? -1 : S_RM;
      if (!plain_byte(x, x->rm)) return -1;
      in->r1 = x->rm;
      return S_RR;
    case XED_FORM_EbIb:
    case XED_FORM_EvIz:
    case XED_FORM_EvIb:
      if (mem) return S_MI;
      if (!plain_byte(x, x->rm)) return -1;
      in->r0 = x->rm;
      return S_RI;
    case XED_FORM_ALIb:
    case XED_FORM_rAXIz:
      if (x->op == XED_OP_MOV) return -1;
      in->r0 = CORE_RAX;
      return S_RI;
    case XED_FORM_ZbIb:
    case XED_FORM_ZvIv:
      if (x->op != XED_OP_MOV || !plain_byte(x, x->reg)) return -1;
      in->r0 = x->reg;
      return S_RI;
    default: return -1;
  }
}

void core_specialise(struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int k, shape, mem = (x->flags & XED_F_MEM) != 0;
  if (x->flags & XED_F_LOCK) return;
  in->ea = (u8)ea_shape(x, x->op == XED_OP_LEA);
  if ((k = alu_kind(x->op)) >= 0) {
    if ((shape = alu_shape(in)) >= 0) {
      in->fn = kForms[k][shape][log2size(x->osz)];
    }
    return;
  }
  switch (x->op) {
    case XED_OP_INC:
    case XED_OP_DEC:
      if (mem || (x->osz != 4 && x->osz != 8)) return;
      in->r0 = x->rm;
      if (x->op == XED_OP_INC)
        in->fn = x->osz == 8 ? inc_r8 : inc_r4;
      else
        in->fn = x->osz == 8 ? dec_r8 : dec_r4;
      return;
    case XED_OP_LEA:
      if (x->osz != 4 && x->osz != 8) return;
      in->r0 = x->reg;
      in->fn = x->osz == 8 ? lea_8 : lea_4;
      return;
    case XED_OP_MOVZX:
    case XED_OP_MOVSX:
    case XED_OP_MOVSXD: {
      int from = x->form == XED_FORM_GvEb   ? 1
                 : x->form == XED_FORM_GvEw ? 2
                                            : 4;
      if (x->osz != 4 && x->osz != 8) return;
      if (!mem && from == 1 && x->rm >= 4 && x->rm < 8 &&
          !(x->flags & XED_F_REX))
        return; /* AH..BH */
      if (!kMovx[x->op != XED_OP_MOVZX][mem][log2size(from)]) return;
      in->r0 = x->reg;
      in->r1 = x->rm;
      in->fn = kMovx[x->op != XED_OP_MOVZX][mem][log2size(from)];
      return;
    }
    case XED_OP_IMUL2:
    case XED_OP_IMUL3:
      if (x->osz != 4 && x->osz != 8) return;
      in->r0 = x->reg;
      in->r1 = x->rm;
      in->fn = kImul[x->op == XED_OP_IMUL3][mem][x->osz == 8];
      return;
    case XED_OP_PUSH:
      if (x->form != XED_FORM_Zv || x->osz != 8) return;
      in->r0 = x->reg;
      in->fn = push_r8;
      return;
    case XED_OP_POP:
      if (x->form != XED_FORM_Zv || x->osz != 8) return;
      in->r0 = x->reg;
      in->fn = pop_r8;
      return;
    case XED_OP_JCC: in->fn = kJcc[x->opcode & 15]; return;
    case XED_OP_SETCC:
      if (mem || (x->rm >= 4 && x->rm < 8 && !(x->flags & XED_F_REX))) return;
      in->r0 = x->rm;
      in->fn = kSetcc[x->opcode & 15];
      return;
    case XED_OP_CMOVCC:
      if (mem || (x->osz != 4 && x->osz != 8)) return;
      in->r0 = x->reg;
      in->r1 = x->rm;
      in->fn = kCmovcc[x->opcode & 15];
      return;
    case XED_OP_SHL:
    case XED_OP_SAL:
    case XED_OP_SHR:
    case XED_OP_SAR: {
      unsigned n = (unsigned)(x->form == XED_FORM_Ev1 ? 1 : x->imm);
      n &= x->osz == 8 ? 63 : 31;
      if (mem || !n || (x->osz != 4 && x->osz != 8) ||
          (x->form != XED_FORM_EvIb && x->form != XED_FORM_Ev1)) {
        return;
      }
      in->r0 = x->rm;
      in->r1 = (u8)n;
      if (x->op == XED_OP_SHR)
        in->fn = x->osz == 8 ? shr_ri8 : shr_ri4;
      else if (x->op == XED_OP_SAR)
        in->fn = x->osz == 8 ? sar_ri8 : sar_ri4;
      else
        in->fn = x->osz == 8 ? shl_ri8 : shl_ri4;
      return;
    }
    case XED_OP_CALL:
      if (x->form == XED_FORM_Jz) in->fn = call_rel;
      return;
    case XED_OP_JMP:
      if (x->form == XED_FORM_Jz || x->form == XED_FORM_Jb) in->fn = jmp_rel;
      return;
    case XED_OP_RET:
      if (x->form == XED_FORM_NONE) in->fn = ret_near;
      return;
    default: return;
  }
}
