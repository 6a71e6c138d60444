/* String instructions MOVS CMPS STOS LODS SCAS with REP/REPE/REPNE, and
 * XLAT (SDM vol. 2).
 *
 * The address size picks RSI/RDI/RCX or, with a 67 prefix, ESI/EDI/ECX
 * (whose updates clear the upper halves, as any 32-bit register write).
 * DF picks the direction. The source (RSI) honours an FS/GS override; the
 * destination (RDI) is always ES, base 0. A repeated instruction updates
 * its registers after every iteration, so a fault part way leaves them
 * describing the iterations done, with rip at the instruction: running it
 * again resumes, as on the hardware. MOVS, STOS and LODS repeat under
 * F2 or F3 alike; CMPS and SCAS stop early on ZF (F3: while equal, F2:
 * while not equal).
 *
 * REP MOVS and REP STOS going forwards (what memcpy and memset use) move
 * whole runs of elements at once through mmu_read/mmu_write, which either
 * do all of a run or nothing; a run that would fault, or a MOVS whose
 * destination overlaps its source ahead of it (where element-by-element
 * copying replicates a pattern), goes element by element, so faults and
 * registers stay exact. */
#include "core/core_priv.h"

#define RUN_BYTES 4096

static u64 get_addr_reg(struct cpu *c, const struct xed_insn *x, int r) {
  return x->asz == 4 ? c->regs[r] & 0xffffffff : c->regs[r];
}

static void set_addr_reg(struct cpu *c, const struct xed_insn *x, int r,
                         u64 v) {
  c->regs[r] = x->asz == 4 ? v & 0xffffffff : v;
}

/* Up to n elements of a forward REP MOVS or STOS at once; returns how
 * many were done (0: go element by element). */
static u64 bulk(struct cpu *c, const struct xed_insn *x, u64 n) {
  u8 buf[RUN_BYTES];
  int size = x->osz, i;
  u64 di = get_addr_reg(c, x, CORE_RDI), si = 0, k = n, bytes;
  if (k > RUN_BYTES / (u64)size) k = RUN_BYTES / (u64)size;
  if (x->op == XED_OP_MOVS) {
    si = core_seg_base(c, x) + get_addr_reg(c, x, CORE_RSI);
    /* A destination just ahead of the source re-reads copied bytes. */
    if (di > si && di - si < k * (u64)size) k = (di - si) / (u64)size;
    if (k < 2) return 0;
    bytes = k * size;
    if (mmu_read(c->mmu, si, buf, bytes)) return 0;
  } else {
    if (k < 2) return 0;
    bytes = k * size;
    for (i = 0; i < size; ++i) buf[i] = (u8)(c->regs[CORE_RAX] >> (8 * i));
    for (; i < (int)bytes; ++i) buf[i] = buf[i - size];
  }
  if (x->asz == 4 && (di + bytes > 0x100000000ull ||
                      (x->op == XED_OP_MOVS &&
                       get_addr_reg(c, x, CORE_RSI) + bytes > 0x100000000ull)))
    return 0; /* 32-bit addresses wrap inside the run */
  if (mmu_write(c->mmu, di, buf, bytes)) return 0;
  set_addr_reg(c, x, CORE_RDI, di + bytes);
  if (x->op == XED_OP_MOVS)
    set_addr_reg(c, x, CORE_RSI, get_addr_reg(c, x, CORE_RSI) + bytes);
  set_addr_reg(c, x, CORE_RCX, n - k);
  return k;
}

void op_string(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int size = x->osz, op = x->op;
  int compares = op == XED_OP_CMPS || op == XED_OP_SCAS;
  /* DF is never lazy: cpu->flags always holds it. */
  u64 step = (c->flags & X86_EFLAGS_DF) ? 0 - (u64)size : (u64)size;
  u64 si, di, a, b, n = 0;
  int fast =
      x->rep && step == (u64)size && (op == XED_OP_MOVS || op == XED_OP_STOS);
  for (;;) {
    if (x->rep) {
      n = get_addr_reg(c, x, CORE_RCX);
      if (!n) return;
      if (fast && n > 1) {
        if (bulk(c, x, n)) continue;
        fast = 0; /* the rest element by element, to the exact fault */
      }
    }
    si = get_addr_reg(c, x, CORE_RSI);
    di = get_addr_reg(c, x, CORE_RDI);
    switch (op) {
      case XED_OP_MOVS:
        a = core_load(c, core_seg_base(c, x) + si, size);
        core_store(c, di, size, a);
        set_addr_reg(c, x, CORE_RSI, si + step);
        set_addr_reg(c, x, CORE_RDI, di + step);
        break;
      case XED_OP_CMPS:
        a = core_load(c, core_seg_base(c, x) + si, size);
        b = core_load(c, di, size);
        core_set_lazy(c, LAZY_SUB, size, a, b, a - b);
        set_addr_reg(c, x, CORE_RSI, si + step);
        set_addr_reg(c, x, CORE_RDI, di + step);
        break;
      case XED_OP_STOS:
        core_store(c, di, size, c->regs[CORE_RAX]);
        set_addr_reg(c, x, CORE_RDI, di + step);
        break;
      case XED_OP_LODS:
        a = core_load(c, core_seg_base(c, x) + si, size);
        core_set_reg(c, x, CORE_RAX, size, a);
        set_addr_reg(c, x, CORE_RSI, si + step);
        break;
      default: /* SCAS */
        a = core_get_reg(c, x, CORE_RAX, size);
        b = core_load(c, di, size);
        core_set_lazy(c, LAZY_SUB, size, a, b, a - b);
        set_addr_reg(c, x, CORE_RDI, di + step);
        break;
    }
    if (!x->rep) return;
    set_addr_reg(c, x, CORE_RCX, n - 1);
    if (compares && core_cond(c, 4) != (x->rep == 0xf3)) return;
  }
}

/* AL := [rBX + unsigned AL]. */
void op_xlat(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  u64 a = get_addr_reg(c, x, CORE_RBX) + (c->regs[CORE_RAX] & 0xff);
  if (x->asz == 4) a &= 0xffffffff;
  core_set_reg(c, x, CORE_RAX, 1, core_load(c, core_seg_base(c, x) + a, 1));
}
