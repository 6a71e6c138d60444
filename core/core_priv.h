/* core/ private: decoded instructions, blocks, operand helpers. */
#ifndef BLINK_CORE_PRIV_H_
#define BLINK_CORE_PRIV_H_

#include "core/core.h"
#include "xed/xed.h"

typedef void (*core_handler)(struct cpu *c, const struct core_insn *in);

/* One decoded instruction: its handler, where it is, what xed/ said. */
struct core_insn {
  core_handler fn;
  u64 addr; /* guest address of its first byte */
  u64 next; /* addr + len */
  /* Operands pre-extracted for a specialised handler (core/fast.c): the
   * destination (or first) register, the source register, and the shape
   * of the memory operand's address. */
  u8 r0, r1, ea;
  struct xed_insn x;
};

/* A straight-line run of instructions ending at a branch, a syscall, an
 * instruction that raises a signal, or a length cap. */
struct core_block {
  u64 start, end;
  struct core_block *hash_next;
  unsigned n;
  struct core_insn insns[];
};

#define CORE_BLOCK_MAX 64
#define CORE_CACHE_BUCKETS 4096

struct core_cache {
  struct core_block *buckets[CORE_CACHE_BUCKETS];
  /* Blocks dropped while one of them may be running: freed between
   * blocks. */
  struct core_block *garbage;
};

/* Ends the running instruction with a guest signal and rip as given: traps
 * (INT3) report the next instruction, faults the faulting one. */
_Noreturn void core_trap(struct cpu *c, int sig, int code, u64 addr, u64 rip);
/* A fault of the running instruction; does not return. */
_Noreturn void core_raise(struct cpu *c, int sig, int code, u64 addr);
/* The same for a failed guest memory access, with the fault mmu/ kept. */
_Noreturn void core_memory_fault(struct cpu *c);

core_handler core_bind(const struct xed_insn *x);
/* Replaces a bound general handler by one made for the instruction's
 * operation, size and register-or-memory shape, where there is one. */
void core_specialise(struct core_insn *in);

/* Registers: 8/16-bit writes merge, 32-bit writes zero the upper half;
 * byte registers 4-7 are AH..BH when the instruction has no REX. */
static inline u64 core_get_reg(struct cpu *c, const struct xed_insn *x, int r,
                               int size) {
  switch (size) {
    case 1:
      if (r >= 4 && r < 8 && !(x->flags & XED_F_REX))
        return (c->regs[r - 4] >> 8) & 0xff;
      return c->regs[r] & 0xff;
    case 2: return c->regs[r] & 0xffff;
    case 4: return c->regs[r] & 0xffffffff;
    default: return c->regs[r];
  }
}

static inline void core_set_reg(struct cpu *c, const struct xed_insn *x, int r,
                                int size, u64 v) {
  switch (size) {
    case 1:
      if (r >= 4 && r < 8 && !(x->flags & XED_F_REX)) {
        c->regs[r - 4] = (c->regs[r - 4] & ~(u64)0xff00) | (v & 0xff) << 8;
      } else {
        c->regs[r] = (c->regs[r] & ~(u64)0xff) | (v & 0xff);
      }
      break;
    case 2: c->regs[r] = (c->regs[r] & ~(u64)0xffff) | (v & 0xffff); break;
    case 4: c->regs[r] = v & 0xffffffff; break;
    default: c->regs[r] = v; break;
  }
}

static inline u64 core_mask(int size) {
  return size == 8 ? ~(u64)0 : ((u64)1 << (8 * size)) - 1;
}

static inline u64 core_sext(u64 v, int size) {
  int shift = 64 - 8 * size;
  return (u64)((i64)(v << shift) >> shift);
}

/* The base of the segment an FS or GS override names; 0 otherwise (the
 * other segments are flat in 64-bit mode). */
static inline u64 core_seg_base(const struct cpu *c, const struct xed_insn *x) {
  if (x->seg == XED_SEG_FS) return c->fs_base;
  if (x->seg == XED_SEG_GS) return c->gs_base;
  return 0;
}

/* The offset part of a memory operand's address: base + index * scale +
 * displacement, wrapped to 32 bits under a 67 prefix; no segment base. */
static inline u64 core_ea_offset(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  u64 a = (u64)x->disp;
  if (x->base == XED_REG_RIP) {
    a += in->next;
  } else {
    if (x->base != XED_REG_NONE) a += c->regs[x->base];
    if (x->index != XED_REG_NONE) a += c->regs[x->index] << x->scale;
  }
  if (x->asz == 4) a &= 0xffffffff;
  return a;
}

/* The effective address of a memory operand, segment base included. */
static inline u64 core_ea(struct cpu *c, const struct core_insn *in) {
  return core_seg_base(c, &in->x) + core_ea_offset(c, in);
}

u64 core_load(struct cpu *c, u64 addr, int size);
void core_store(struct cpu *c, u64 addr, int size, u64 v);
void core_push(struct cpu *c, int size, u64 v);
u64 core_pop(struct cpu *c, int size);

/* ModRM.rm operand: register or memory. */
static inline u64 core_get_e(struct cpu *c, const struct core_insn *in,
                             int size) {
  if (in->x.flags & XED_F_MEM) return core_load(c, core_ea(c, in), size);
  return core_get_reg(c, &in->x, in->x.rm, size);
}

static inline void core_set_e(struct cpu *c, const struct core_insn *in,
                              int size, u64 v) {
  if (in->x.flags & XED_F_MEM)
    core_store(c, core_ea(c, in), size, v);
  else
    core_set_reg(c, &in->x, in->x.rm, size, v);
}

/* Flags. */
int core_cond(struct cpu *c, int cc);
/* Records the last flag-setting operation (core/flags.c reads it back). */
static inline void core_set_lazy(struct cpu *c, int kind, int size, u64 dst,
                                 u64 src, u64 res) {
  c->lazy = (u8)kind;
  c->lazy_size = (u8)size;
  c->lazy_dst = dst;
  c->lazy_src = src;
  c->lazy_res = res;
}
/* Eager flags, for operations whose flags cost less to compute at once than
 * to describe lazily (shifts, rotates, multiplies, bit operations): settles
 * the lazy state, then replaces the bits in mask with those in bits. */
void core_put_flags(struct cpu *c, u64 mask, u64 bits);
/* SF, ZF and PF as a result of res at size sets them. */
u64 core_szp(u64 res, int size);

/* Handlers, by file. */
void op_alu(struct cpu *c, const struct core_insn *in);
void op_test(struct cpu *c, const struct core_insn *in);
void op_incdec(struct cpu *c, const struct core_insn *in);
void op_not(struct cpu *c, const struct core_insn *in);
void op_neg(struct cpu *c, const struct core_insn *in);
void op_flagop(struct cpu *c, const struct core_insn *in);
void op_lahf(struct cpu *c, const struct core_insn *in);
void op_sahf(struct cpu *c, const struct core_insn *in);

void op_shift(struct cpu *c, const struct core_insn *in);
void op_shxd(struct cpu *c, const struct core_insn *in);

void op_mul1(struct cpu *c, const struct core_insn *in);
void op_imul(struct cpu *c, const struct core_insn *in);
void op_div(struct cpu *c, const struct core_insn *in);

void op_bt(struct cpu *c, const struct core_insn *in);
void op_bsf(struct cpu *c, const struct core_insn *in);
void op_bswap(struct cpu *c, const struct core_insn *in);

void op_xadd(struct cpu *c, const struct core_insn *in);
void op_cmpxchg(struct cpu *c, const struct core_insn *in);
void op_cmpxchgxb(struct cpu *c, const struct core_insn *in);

void op_string(struct cpu *c, const struct core_insn *in);
void op_xlat(struct cpu *c, const struct core_insn *in);

void op_cpuid(struct cpu *c, const struct core_insn *in);
void op_rdtsc(struct cpu *c, const struct core_insn *in);

void op_mov(struct cpu *c, const struct core_insn *in);
void op_movx(struct cpu *c, const struct core_insn *in);
void op_lea(struct cpu *c, const struct core_insn *in);
void op_xchg(struct cpu *c, const struct core_insn *in);
void op_push(struct cpu *c, const struct core_insn *in);
void op_pop(struct cpu *c, const struct core_insn *in);
void op_cbw(struct cpu *c, const struct core_insn *in);
void op_cwd(struct cpu *c, const struct core_insn *in);
void op_enter(struct cpu *c, const struct core_insn *in);
void op_leave(struct cpu *c, const struct core_insn *in);
void op_pushf(struct cpu *c, const struct core_insn *in);
void op_popf(struct cpu *c, const struct core_insn *in);

void op_jcc(struct cpu *c, const struct core_insn *in);
void op_jmp(struct cpu *c, const struct core_insn *in);
void op_call(struct cpu *c, const struct core_insn *in);
void op_ret(struct cpu *c, const struct core_insn *in);
void op_setcc(struct cpu *c, const struct core_insn *in);
void op_cmovcc(struct cpu *c, const struct core_insn *in);
void op_loop(struct cpu *c, const struct core_insn *in);

/* x87 (core/x87.c, core/fxsave.c). The status word as the guest reads it
 * (TOP, ES and B composed into cpu->fsw). An exception left unmasked in
 * FSW is delivered by the next waiting x87 instruction, FWAIT or MMX
 * instruction before it runs: #MF, SIGFPE with Linux's si_code. */
u16 core_fpu_status(const struct cpu *c);
_Noreturn void core_fpu_raise_pending(struct cpu *c);
static inline void core_fpu_check_pending(struct cpu *c) {
  if (UNLIKELY(c->fsw & ~c->fcw & 0x3f)) core_fpu_raise_pending(c);
}
void op_x87(struct cpu *c, const struct core_insn *in);
void op_fxsave(struct cpu *c, const struct core_insn *in);
void op_fxrstor(struct cpu *c, const struct core_insn *in);

/* MMX registers alias the x87 significands (SDM vol. 1, 9.5): every MMX
 * instruction but EMMS puts the x87 in MMX state (TOP 0, all registers
 * valid), and a write to MMi sets R[i]'s exponent word to all ones. MMX
 * register numbers ignore REX. An MMX instruction first raises a pending
 * x87 exception, as the host CPU does. */
static inline void core_mmx_enter(struct cpu *c) {
  core_fpu_check_pending(c);
  c->ftop = 0;
  c->ftag = 0xff;
}
/* Whether the decoded instruction is an MMX form of map 0F (no mandatory
 * prefix; 0F 77 EMMS touches no memory). */
static inline int core_mmx_form(const struct xed_insn *x) {
  int o = x->opcode;
  return x->map == XED_MAP_0F && x->mprefix == 0 &&
         ((o >= 0x60 && o <= 0x7f) || o == 0xc4 || o == 0xc5 || o >= 0xd0);
}
static inline u64 core_get_mm(const struct cpu *c, int i) {
  return c->fpr_sig[i & 7];
}
static inline void core_set_mm(struct cpu *c, int i, u64 v) {
  c->fpr_sig[i & 7] = v;
  c->fpr_se[i & 7] = 0xffff;
}

/* The XMM source operand (ModRM.rm, or m128 read as one access; #GP when
 * aligned is asked and the address isn't) of a full-width SSE op. */
void core_get_wx(struct cpu *c, const struct core_insn *in, int aligned,
                 u8 out[16]);

void op_sse_movx(struct cpu *c, const struct core_insn *in);
void op_sse_movs(struct cpu *c, const struct core_insn *in);
void op_sse_movdq(struct cpu *c, const struct core_insn *in);
void op_sse_logic(struct cpu *c, const struct core_insn *in);

void op_sse_arith(struct cpu *c, const struct core_insn *in);
void op_sse_pmovmskb(struct cpu *c, const struct core_insn *in);
void op_sse_shift(struct cpu *c, const struct core_insn *in);
void op_sse_shift_imm(struct cpu *c, const struct core_insn *in);

/* Lanes of a vector kept as little-endian bytes (XMM registers, MMX
 * values on their way in and out): lane i of size 1, 2, 4 or 8 bytes. */
static inline u64 core_lane(const u8 *v, int size, int i) {
  switch (size) {
    case 1: return v[i];
    case 2: return read16le(v + 2 * i);
    case 4: return read32le(v + 4 * i);
    default: return read64le(v + 8 * i);
  }
}
static inline void core_set_lane(u8 *v, int size, int i, u64 x) {
  switch (size) {
    case 1: v[i] = (u8)x; break;
    case 2: write16le(v + 2 * i, (u16)x); break;
    case 4: write32le(v + 4 * i, (u32)x); break;
    default: write64le(v + 8 * i, x); break;
  }
}

/* The packed-integer opcodes (0F 60-FF) have an MMX form without a prefix
 * and an SSE2 form with 66 (mmx.c): 8 bytes of an MMX register or an m64
 * that may be misaligned, or 16 bytes of an XMM register or an aligned
 * m128. Width in bytes of the form in runs (8 or 16); only for those
 * opcodes (0F C2/C3/C6 without a prefix are not MMX). The MMX form's
 * handler calls core_mmx_enter() once its memory operand is known good
 * (a faulting MMX instruction leaves the x87 state alone: mmx.c). */
static inline int core_vec_width(const struct core_insn *in) {
  return in->x.mprefix == 0 && in->x.opcode >= 0x60 ? 8 : 16;
}
/* Register r of the instruction's form, as bytes (out[0..width)). */
void core_vec_get(struct cpu *c, const struct core_insn *in, int r, u8 out[16]);
void core_vec_put(struct cpu *c, const struct core_insn *in, int r,
                  const u8 v[16]);
/* The ModRM.rm source; an MMX form reads msize (4 or 8) bytes of memory. */
void core_vec_src(struct cpu *c, const struct core_insn *in, int msize,
                  u8 out[16]);

void op_sse_unpack(struct cpu *c, const struct core_insn *in);
void op_sse_shuffle(struct cpu *c, const struct core_insn *in);
void op_sse_shufp(struct cpu *c, const struct core_insn *in);
void op_sse_pack(struct cpu *c, const struct core_insn *in);
void op_sse_pextrw(struct cpu *c, const struct core_insn *in);
void op_sse_pinsrw(struct cpu *c, const struct core_insn *in);

void op_sse_movhl(struct cpu *c, const struct core_insn *in);
void op_sse_movmsk(struct cpu *c, const struct core_insn *in);
void op_sse_movnt(struct cpu *c, const struct core_insn *in);
void op_sse_maskmov(struct cpu *c, const struct core_insn *in);
void op_sse_movq2dq(struct cpu *c, const struct core_insn *in);
void op_clflush(struct cpu *c, const struct core_insn *in);
void op_emms(struct cpu *c, const struct core_insn *in);

/* SSE/SSE2 floating point (core/sse_fp.c, core/sse_cvt.c); lanes through
 * core_lane/core_set_lane. core_sse_src reads
 * the source operand: BYTES 16 is the register or an aligned m128, 8 or 4
 * the register or an m64/m32 (no alignment rule). core_sse_check ends an
 * instruction that raised softfp flags: it updates MXCSR and raises #XM
 * (SIGFPE) when one of them is unmasked, so a caller writes its results
 * only after it. core_sse_vex sends the VEX/EVEX forms (AVX, which blink
 * lacks) to SIGILL and returns 1 for them. */
void core_sse_src(struct cpu *c, const struct core_insn *in, int bytes,
                  u8 out[16]);
void core_sse_check(struct cpu *c, u32 flags);
int core_sse_vex(struct cpu *c, const struct core_insn *in);
void op_sse_fp_arith(struct cpu *c, const struct core_insn *in);
void op_sse_fp_cmp(struct cpu *c, const struct core_insn *in);
void op_sse_comis(struct cpu *c, const struct core_insn *in);
void op_sse_rcp(struct cpu *c, const struct core_insn *in);
void op_sse_cvt(struct cpu *c, const struct core_insn *in);
void op_ldmxcsr(struct cpu *c, const struct core_insn *in);
void op_stmxcsr(struct cpu *c, const struct core_insn *in);

void op_nop(struct cpu *c, const struct core_insn *in);
void op_syscall(struct cpu *c, const struct core_insn *in);
void op_fence(struct cpu *c, const struct core_insn *in);
void op_prefetch(struct cpu *c, const struct core_insn *in);
void op_ud(struct cpu *c, const struct core_insn *in);
void op_priv(struct cpu *c, const struct core_insn *in);
void op_int3(struct cpu *c, const struct core_insn *in);
void op_int1(struct cpu *c, const struct core_insn *in);
void op_int(struct cpu *c, const struct core_insn *in);
void op_unimplemented(struct cpu *c, const struct core_insn *in);

#endif /* BLINK_CORE_PRIV_H_ */
