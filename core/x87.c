/* The x87 FPU: every instruction of the escape opcodes D8..DF and FWAIT
 * (SDM vol. 1, chapter 8; vol. 2, the F* pages). The arithmetic itself is
 * core/fpu80 (exact, integer-only); this file is the machine around it:
 * the register stack and its tags, stack faults, the status and control
 * words, the last-instruction pointers, and delayed exceptions.
 *
 * The register stack: ST(i) is the physical register R[(ftop + i) & 7];
 * ftag bit i says R[i] holds something. Reading an empty register is a
 * stack underflow and pushing onto a full one (R[(ftop - 1) & 7] not
 * empty) an overflow: IE and SF, with C1 = 1 for an overflow and 0 for an
 * underflow (SDM vol. 1, 8.5.1.1). Masked, the destination gets the real
 * indefinite and the instruction completes; unmasked, nothing but the
 * status word changes.
 *
 * Exceptions: an operation ORs the flags it raises into FSW. IE, DE and ZE
 * are detected before a result exists: unmasked, they leave the
 * destination and TOP alone (but FLD of a denormal m32fp/m64fp pushes
 * anyway, as the host CPU does). OE and UE unmasked still deliver a
 * register result (fpu80 biases its exponent) but suppress a store to
 * memory; PE never suppresses anything, and an operation that was stopped
 * reports no PE (nor C1). Any flag set in FSW whose mask bit is clear
 * makes ES and B read as 1, and the next waiting x87 instruction (every
 * one but FNINIT, FNCLEX, FNSTCW, FNSTSW, FNSTENV and FNSAVE), FWAIT or
 * MMX instruction raises #MF instead of running: Linux sends SIGFPE with
 * the si_code of fpu__exception_code() and si_addr = that instruction.
 *
 * Control instructions (FNINIT, FNCLEX, FLDCW, FNSTCW, FNSTSW, FLDENV,
 * FNSTENV, FRSTOR, FNSAVE, FWAIT) leave FIP, FDP and FOP as the last
 * other x87 instruction set them (SDM vol. 1, 8.1.8). */
#include "core/core_priv.h"

#include "core/fpu80.h"

#define FSW_SF 0x0040
#define FSW_ES 0x0080
#define FSW_TOP 0x3800
#define FSW_B 0x8000
#define FSW_EXC 0x003f
#define IE FPU80_IE
#define DE FPU80_DE
#define ZE FPU80_ZE
#define OE FPU80_OE
#define UE FPU80_UE
#define C1 FPU80_C1
#define CC FPU80_CC

/* The selectors a 64-bit Linux process runs with (__USER_CS,
 * __USER_DS), as the x87 stores them beside FIP and FDP. */
#define USER_CS 0x33
#define USER_DS 0x2b

/* The register stack. */

static inline int phys(const struct cpu *c, int i) {
  return (c->ftop + i) & 7;
}

static inline int is_empty(const struct cpu *c, int i) {
  return !(c->ftag >> phys(c, i) & 1);
}

static inline struct fpu80 st(const struct cpu *c, int i) {
  int r = phys(c, i);
  return fpu80_make(c->fpr_se[r], c->fpr_sig[r]);
}

static inline void set_st(struct cpu *c, int i, struct fpu80 v) {
  int r = phys(c, i);
  c->fpr_sig[r] = v.sig;
  c->fpr_se[r] = v.se;
  c->ftag |= 1 << r;
}

static inline void pop(struct cpu *c) {
  c->ftag &= ~(1 << c->ftop);
  c->ftop = (c->ftop + 1) & 7;
}

static inline void push(struct cpu *c, struct fpu80 v) {
  c->ftop = (c->ftop - 1) & 7;
  set_st(c, 0, v);
}

static inline struct fpu80 indefinite(void) {
  return fpu80_make(0xffff, 0xc000000000000000ull);
}

/* The status word as the guest reads it: TOP, ES and B composed. */
u16 core_fpu_status(const struct cpu *c) {
  u16 sw = c->fsw & ~(FSW_TOP | FSW_ES | FSW_B);
  sw |= (u16)(c->ftop << 11);
  if (sw & ~c->fcw & FSW_EXC) sw |= FSW_ES | FSW_B;
  return sw;
}

/* Linux fpu__exception_code(): the first unmasked flag by priority. */
_Noreturn void core_fpu_raise_pending(struct cpu *c) {
  u16 err = c->fsw & ~c->fcw & FSW_EXC;
  int code;
  if (err & IE) {
    code = 7; /* FPE_FLTINV */
  } else if (err & ZE) {
    code = 3; /* FPE_FLTDIV */
  } else if (err & OE) {
    code = 4; /* FPE_FLTOVF */
  } else if (err & (DE | UE)) {
    code = 5; /* FPE_FLTUND */
  } else {
    code = 6; /* FPE_FLTRES */
  }
  core_raise(c, LINUX_SIGFPE, code, c->insn->addr);
}

/* An operation's environment: the control word, and the status word with
 * the sticky flags cleared so that what the operation raises can be told
 * apart; finish() ORs the old ones back. */
static inline struct fpu80_env begin(const struct cpu *c) {
  struct fpu80_env e;
  e.cw = c->fcw;
  e.sw = c->fsw & ~FSW_EXC;
  return e;
}

/* 1 when the operation raised one of the exceptions in mask unmasked:
 * the destination must be left alone. */
static inline int blocked(const struct cpu *c, const struct fpu80_env *e,
                          u16 mask) {
  return (e->sw & FSW_EXC & mask & ~c->fcw) != 0;
}

/* blocked(), and then the operation did not complete: it raises no PE and
 * leaves C1 clear, and one stopped before computing (IE, DE, ZE) raises
 * no OE or UE either (host CPU; fpu80 computed them all). */
static int stopped(const struct cpu *c, struct fpu80_env *e, u16 mask) {
  if (!blocked(c, e, mask)) return 0;
  e->sw &= ~(FPU80_PE | C1);
  if (e->sw & mask & ~c->fcw & (IE | DE | ZE)) e->sw &= ~(OE | UE);
  return 1;
}

static inline void finish(struct cpu *c, const struct fpu80_env *e) {
  c->fsw = e->sw | (c->fsw & FSW_EXC);
}

/* Stack faults: IE with SF; C1 tells overflow (1) from underflow (0). */
static inline void underflow(struct fpu80_env *e) {
  e->sw = (e->sw & ~C1) | IE | FSW_SF;
}

static inline void overflow(struct fpu80_env *e) {
  e->sw |= IE | FSW_SF | C1;
}

/* Whether a push would overflow: R[TOP - 1] is not empty. */
static inline int full(const struct cpu *c) {
  return c->ftag >> ((c->ftop - 1) & 7) & 1;
}

/* Pushes v, or handles the overflow; e->sw's C1 is cleared first. Only
 * an unmasked IE (an overflow, or an SNaN loaded) stops a push. */
static void push_checked(struct cpu *c, struct fpu80_env *e, struct fpu80 v) {
  e->sw &= ~C1;
  if (full(c)) {
    overflow(e);
    v = indefinite();
  }
  if (!blocked(c, e, IE)) push(c, v);
  finish(c, e);
}

/* Guest memory. */

static struct fpu80 load80(struct cpu *c, u64 a) {
  u8 b[10];
  if ((a & MMU_PAGE_MASK) <= MMU_PAGE_SIZE - 10) {
    u64 sig = core_load(c, a, 8);
    return fpu80_make((u16)core_load(c, a + 8, 2), sig);
  }
  if (mmu_read(c->mmu, a, b, 10)) core_memory_fault(c);
  return fpu80_load(b);
}

static void read_bytes(struct cpu *c, u64 a, u8 *p, size_t n) {
  if (mmu_read(c->mmu, a, p, n)) core_memory_fault(c);
}

/* Stores that cross a page check both pages before writing either. */
static void write_bytes(struct cpu *c, u64 a, const u8 *p, size_t n) {
  if (mmu_write(c->mmu, a, p, n)) core_memory_fault(c);
}

static void store80(struct cpu *c, u64 a, const u8 b[10]) {
  if ((a & MMU_PAGE_MASK) <= MMU_PAGE_SIZE - 10) { /* one page */
    core_store(c, a, 8, read64le(b));
    core_store(c, a + 8, 2, read16le(b + 8));
  } else {
    write_bytes(c, a, b, 10);
  }
}

/* Arithmetic: a = ST(0), b = the other operand; the reg field of the
 * escape picks the operation with the direction of SUB and DIV (SDM vol.
 * 2, A.5: for DC and DE the register forms put the result in ST(i), and
 * /4 /5 /6 /7 still compute ST(0) - ST(i), ST(i) - ST(0), ...). DENORMAL
 * is bit 1 when b came from memory as a denormal (fpu80_arith). */
static struct fpu80 arith(struct fpu80_env *e, int r, struct fpu80 a,
                          struct fpu80 b, int denormal) {
  switch (r) {
    case 0: return fpu80_arith(e, FPU80_OP_ADD, a, b, denormal << 1);
    case 1: return fpu80_arith(e, FPU80_OP_MUL, a, b, denormal << 1);
    case 4: return fpu80_arith(e, FPU80_OP_SUB, a, b, denormal << 1);
    case 5: return fpu80_arith(e, FPU80_OP_SUB, b, a, denormal);
    case 6: return fpu80_arith(e, FPU80_OP_DIV, a, b, denormal << 1);
    default: return fpu80_arith(e, FPU80_OP_DIV, b, a, denormal);
  }
}

/* FADD..FDIVR and FCOM/FCOMP with a memory operand already widened. */
static void arith_mem(struct cpu *c, int r, struct fpu80 b, int denormal) {
  struct fpu80_env e = begin(c);
  struct fpu80 v;
  if (r == 2 || r == 3) {
    if (is_empty(c, 0)) {
      underflow(&e);
      e.sw |= FPU80_UN;
    } else {
      fpu80_compare_mem(&e, st(c, 0), b, 0, denormal << 1);
    }
    if (r == 3 && !blocked(c, &e, IE | DE)) pop(c);
    finish(c, &e);
    return;
  }
  if (is_empty(c, 0)) {
    underflow(&e);
    v = indefinite();
  } else {
    v = arith(&e, r, st(c, 0), b, denormal);
  }
  if (!stopped(c, &e, IE | DE | ZE)) set_st(c, 0, v);
  finish(c, &e);
}

/* Register forms of D8 (ST(0) op= ST(i)), DC (ST(i) = ST(0) op ST(i) in
 * the sense above) and DE (the same, then pop). */
static void arith_reg(struct cpu *c, int esc, int r, int i) {
  struct fpu80_env e = begin(c);
  struct fpu80 v;
  int dst = esc == 0 ? 0 : i;
  if (is_empty(c, 0) || is_empty(c, i)) {
    underflow(&e);
    v = indefinite();
  } else {
    v = arith(&e, r, st(c, 0), st(c, i), 0);
  }
  if (!stopped(c, &e, IE | DE | ZE)) {
    set_st(c, dst, v);
    if (esc == 6) pop(c);
  }
  finish(c, &e);
}

/* FCOM, FCOMP, FCOMPP, FUCOM, FUCOMP, FUCOMPP: ST(0) against ST(i). */
static void compare_reg(struct cpu *c, int i, int quiet, int pops) {
  struct fpu80_env e = begin(c);
  if (is_empty(c, 0) || is_empty(c, i)) {
    underflow(&e);
    e.sw |= FPU80_UN;
  } else {
    fpu80_compare(&e, st(c, 0), st(c, i), quiet);
  }
  if (!blocked(c, &e, IE | DE)) {
    while (pops--) pop(c);
  }
  finish(c, &e);
}

/* FCOMI, FCOMIP, FUCOMI, FUCOMIP: the relation goes to ZF, PF and CF (OF,
 * SF and AF cleared). SDM vol. 2, FCOMI/FCOMIP/FUCOMI/FUCOMIP, says that
 * C1 is set to 0 and that an unmasked #IA leaves ZF, PF and CF alone; the
 * host CPU (an AMD Zen) leaves the condition codes as they were (but for
 * C1, cleared by a stack underflow) and sets the flags to "unordered"
 * with IE unmasked too. The SDM leaves neither undefined, so tests/diff
 * masks nothing here: blink does what the host CPU does (the project's
 * rule), and pops only when no unmasked exception stopped the
 * instruction. */
static void compare_eflags(struct cpu *c, int i, int quiet, int pop_after) {
  struct fpu80_env e = begin(c);
  u16 cc = e.sw & CC;
  int rel;
  u64 f = 0;
  if (is_empty(c, 0) || is_empty(c, i)) {
    underflow(&e);
    cc &= ~C1; /* as for any stack underflow */
    rel = FPU80_UN;
  } else {
    rel = fpu80_compare(&e, st(c, 0), st(c, i), quiet);
  }
  e.sw = (e.sw & ~CC) | cc;
  if (rel & FPU80_C3) f |= X86_EFLAGS_ZF;
  if (rel & FPU80_C2) f |= X86_EFLAGS_PF;
  if (rel & FPU80_C0) f |= X86_EFLAGS_CF;
  core_put_flags(c, X86_EFLAGS_ARITH, f);
  if (!blocked(c, &e, IE | DE) && pop_after) pop(c);
  finish(c, &e);
}

/* One-operand instructions on ST(0): FSQRT, FRNDINT, F2XM1. */
static void unary(struct cpu *c,
                  struct fpu80 (*fn)(struct fpu80_env *, struct fpu80)) {
  struct fpu80_env e = begin(c);
  struct fpu80 v;
  if (is_empty(c, 0)) {
    underflow(&e);
    v = indefinite();
  } else {
    v = fn(&e, st(c, 0));
  }
  if (!stopped(c, &e, IE | DE | ZE)) set_st(c, 0, v);
  finish(c, &e);
}

/* Two-operand instructions x = ST(0), y = ST(1): FSCALE and FPREM(1)
 * leave the result in ST(0); FYL2X, FYL2XP1 and FPATAN put it in ST(1)
 * and pop. */
enum binary_kind {
  BIN_SCALE,
  BIN_PREM,
  BIN_PREM1,
  BIN_YL2X,
  BIN_YL2XP1,
  BIN_PATAN
};

static void binary(struct cpu *c, enum binary_kind k) {
  struct fpu80_env e = begin(c);
  struct fpu80 v, x = st(c, 0), y = st(c, 1);
  int into_st1 = k >= BIN_YL2X;
  u16 cc = e.sw & CC;
  if (is_empty(c, 0) || is_empty(c, 1)) {
    underflow(&e);
    /* FPREM(1): the reduction is complete, C0 and C3 as they were (host
     * CPU); C2 is undefined after the others (SDM vol. 2). */
    e.sw &= ~FPU80_C2;
    v = indefinite();
  } else {
    switch (k) {
      case BIN_SCALE: v = fpu80_scale(&e, x, y); break;
      case BIN_PREM: v = fpu80_prem(&e, x, y, 0); break;
      case BIN_PREM1: v = fpu80_prem(&e, x, y, 1); break;
      case BIN_YL2X: v = fpu80_fyl2x(&e, x, y); break;
      case BIN_YL2XP1: v = fpu80_fyl2xp1(&e, x, y); break;
      default: v = fpu80_fpatan(&e, x, y); break;
    }
  }
  if (!stopped(c, &e, IE | DE | ZE)) {
    set_st(c, into_st1, v);
    if (into_st1) pop(c);
  } else if (k == BIN_PREM || k == BIN_PREM1) {
    /* Stopped by an unmasked exception (a denormal with DE unmasked,
     * say): no quotient, C0 and C3 as they were (host CPU). */
    e.sw = (e.sw & ~CC) | (cc & (FPU80_C0 | FPU80_C3));
  }
  finish(c, &e);
}

/* FSIN, FCOS. An argument out of range (|x| >= 2^63) sets C2 and leaves
 * ST(0) as it was. */
static void trig(struct cpu *c, int cos) {
  struct fpu80_env e = begin(c);
  struct fpu80 v;
  if (is_empty(c, 0)) {
    underflow(&e);
    e.sw &= ~FPU80_C2; /* "in range" (host CPU) */
    v = indefinite();
  } else if (fpu80_sincos(&e, st(c, 0), cos ? NULL : &v, cos ? &v : NULL)) {
    finish(c, &e);
    return;
  }
  if (!stopped(c, &e, IE | DE)) set_st(c, 0, v);
  finish(c, &e);
}

/* FSINCOS, FPTAN and FXTRACT replace ST(0) and push a second result.
 * Stack faults: ST(0) empty is an underflow, a full stack an overflow;
 * masked, both results are the indefinite. */
enum pair_kind { PAIR_SINCOS, PAIR_PTAN, PAIR_XTRACT };

static void pair(struct cpu *c, enum pair_kind k) {
  struct fpu80_env e = begin(c);
  struct fpu80 lo, hi; /* lo replaces ST(0), hi is pushed */
  int fault = 1;
  e.sw &= ~FPU80_C2; /* a stack fault is "in range" (host CPU) */
  if (is_empty(c, 0)) {
    underflow(&e);
    lo = hi = indefinite();
  } else if (full(c)) {
    overflow(&e);
    lo = hi = indefinite();
  } else {
    fault = 0;
    switch (k) {
      case PAIR_SINCOS:
        if (fpu80_sincos(&e, st(c, 0), &lo, &hi)) {
          finish(c, &e);
          return;
        }
        break;
      case PAIR_PTAN:
        if (fpu80_ptan(&e, st(c, 0), &lo, &hi)) {
          finish(c, &e);
          return;
        }
        break;
      default: lo = fpu80_xtract(&e, st(c, 0), &hi); break;
    }
  }
  if (fault ? !blocked(c, &e, IE) : !stopped(c, &e, IE | DE | ZE)) {
    set_st(c, 0, lo);
    push(c, hi);
  }
  finish(c, &e);
}

/* FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ (D9 E8..EE). */
static void load_const(struct cpu *c, int k) {
  struct fpu80_env e = begin(c);
  struct fpu80 v;
  switch (k) {
    case 0: v = fpu80_make(0x3fff, FPU80_J); break;
    case 1: v = fpu80_const(&e, FPU80_L2T); break;
    case 2: v = fpu80_const(&e, FPU80_L2E); break;
    case 3: v = fpu80_const(&e, FPU80_PI); break;
    case 4: v = fpu80_const(&e, FPU80_LG2); break;
    case 5: v = fpu80_const(&e, FPU80_LN2); break;
    default: v = fpu80_make(0, 0); break;
  }
  push_checked(c, &e, v);
}

/* FST and FSTP to memory: m32fp (size 4), m64fp (8), m80fp (10), and the
 * integer stores (FIST, FISTP, FISTTP: size 2, 4, 8 with INT set) and
 * FBSTP (size 10 with BCD set). */
enum store_kind { ST_FLOAT, ST_INT, ST_TRUNC, ST_BCD };

static void store_mem(struct cpu *c, u64 a, enum store_kind k, int size,
                      int pop_after) {
  struct fpu80_env e = begin(c);
  struct fpu80 v;
  u8 b[10];
  int empty = is_empty(c, 0);
  v = empty ? indefinite() : st(c, 0);
  e.sw &= ~C1;
  switch (k) {
    case ST_FLOAT:
      if (size == 4) {
        write32le(b, fpu80_to_f32(&e, v));
      } else if (size == 8) {
        write64le(b, fpu80_to_f64(&e, v));
      } else {
        fpu80_store(b, v);
      }
      break;
    case ST_INT:
    case ST_TRUNC:
      write64le(b, (u64)fpu80_to_int(&e, v, size * 8, k == ST_TRUNC));
      break;
    default: fpu80_to_bcd(&e, v, b); break;
  }
  if (empty) underflow(&e);
  if (stopped(c, &e, IE | OE | UE)) {
    /* The store is suppressed, but its operand is still checked: a page
     * fault comes before the #MF (host CPU). */
    if (mmu_access_ok(c->mmu, a, (u64)size, MMU_WRITE)) core_memory_fault(c);
  } else {
    switch (size) {
      case 2: core_store(c, a, 2, read16le(b)); break;
      case 4: core_store(c, a, 4, read32le(b)); break;
      case 8: core_store(c, a, 8, read64le(b)); break;
      default: store80(c, a, b); break;
    }
    if (pop_after) pop(c);
  }
  finish(c, &e);
}

/* FST and FSTP to a register. No exception but a stack underflow. */
static void store_reg(struct cpu *c, int i, int pop_after) {
  struct fpu80_env e = begin(c);
  struct fpu80 v = st(c, 0);
  e.sw &= ~C1;
  if (is_empty(c, 0)) {
    underflow(&e);
    v = indefinite();
  }
  if (!blocked(c, &e, IE)) {
    set_st(c, i, v);
    if (pop_after) pop(c);
  }
  finish(c, &e);
}

/* FSTP1 (D9 D8+i), the undocumented alias of FSTP ST(i): with ST(0)
 * empty it reports no underflow and writes nothing; it clears C1 and
 * pops (host CPU). FSTP8 and FSTP9 (DF D0+i, DF D8+i) underflow as FSTP
 * does. */
static void store_alias(struct cpu *c, int i) {
  if (is_empty(c, 0)) {
    c->fsw &= ~C1;
    pop(c);
    return;
  }
  store_reg(c, i, 1);
}

/* FXCH: empty operands become the indefinite first (as the host CPU
 * does with the underflow masked). */
static void exchange(struct cpu *c, int i) {
  struct fpu80_env e = begin(c);
  struct fpu80 a, b;
  e.sw &= ~C1;
  if (is_empty(c, 0) || is_empty(c, i)) {
    underflow(&e);
    if (blocked(c, &e, IE)) {
      finish(c, &e);
      return;
    }
  }
  a = is_empty(c, 0) ? indefinite() : st(c, 0);
  b = is_empty(c, i) ? indefinite() : st(c, i);
  set_st(c, 0, b);
  set_st(c, i, a);
  finish(c, &e);
}

/* FCMOVcc: an empty operand makes ST(0) the indefinite whatever the
 * condition says (host CPU). */
static void cmove(struct cpu *c, int cc, int i) {
  struct fpu80_env e = begin(c);
  if (is_empty(c, 0) || is_empty(c, i)) {
    underflow(&e);
    if (!blocked(c, &e, IE)) set_st(c, 0, indefinite());
  } else if (core_cond(c, cc)) {
    set_st(c, 0, st(c, i));
  }
  finish(c, &e);
}

/* FCHS and FABS: sign bit only, no exception but underflow. */
static void sign_op(struct cpu *c, int abs) {
  struct fpu80_env e = begin(c);
  struct fpu80 v = st(c, 0);
  e.sw &= ~C1;
  if (is_empty(c, 0)) {
    underflow(&e);
    v = indefinite();
  } else if (abs) {
    v.se &= 0x7fff;
  } else {
    v.se ^= 0x8000;
  }
  if (!blocked(c, &e, IE)) set_st(c, 0, v);
  finish(c, &e);
}

/* FTST: ST(0) against +0.0. */
static void test_zero(struct cpu *c) {
  struct fpu80_env e = begin(c);
  if (is_empty(c, 0)) {
    underflow(&e);
    e.sw |= FPU80_UN;
  } else {
    fpu80_compare(&e, st(c, 0), fpu80_make(0, 0), 0);
  }
  finish(c, &e);
}

/* FXAM: an empty register reads as "empty", C1 its stale sign. */
static void examine(struct cpu *c) {
  struct fpu80_env e = begin(c);
  struct fpu80 v = st(c, 0);
  if (is_empty(c, 0)) {
    e.sw = (e.sw & ~CC) | FPU80_EMPTY | (v.se & 0x8000 ? C1 : 0);
  } else {
    fpu80_examine(&e, v);
  }
  finish(c, &e);
}

/* Loads that push: FLD ST(i), FLD m32/m64/m80, FILD, FBLD. */
static void load_reg(struct cpu *c, int i) {
  struct fpu80_env e = begin(c);
  if (is_empty(c, i)) { /* reported even when the stack is full too */
    underflow(&e);
    if (!blocked(c, &e, IE)) push(c, indefinite());
    finish(c, &e);
    return;
  }
  push_checked(c, &e, st(c, i));
}

/* The environment (SDM vol. 1, 8.1.10, figures 8-9 and 8-10): the
 * protected-mode layouts a 64-bit process sees, 28 bytes with 32-bit
 * operand size and 14 with a 66 prefix. */

/* The full tag word: 00 valid, 01 zero, 10 special, 11 empty, by physical
 * register. */
static u16 full_tags(const struct cpu *c) {
  u16 tw = 0;
  int i;
  for (i = 0; i < 8; ++i) {
    u16 t;
    u16 ex = c->fpr_se[i] & 0x7fff;
    if (!(c->ftag >> i & 1)) {
      t = 3;
    } else if (ex == 0) {
      t = c->fpr_sig[i] ? 2 : 1;
    } else if (ex == 0x7fff || !(c->fpr_sig[i] & FPU80_J)) {
      t = 2;
    } else {
      t = 0;
    }
    tw |= t << (2 * i);
  }
  return tw;
}

/* The selectors: blink keeps none, so FCS reads as __USER_CS once an x87
 * instruction has run and FDS as __USER_DS once one had a memory operand
 * (0 after FNINIT), as the host CPU stores them. CPUs that deprecate
 * FCS/FDS store 0, but blink's CPUID doesn't claim that. */
static int store_env(const struct cpu *c, int osz16, u8 *p) {
  u16 cs = c->fip || c->fop ? USER_CS : 0;
  u16 ds = c->fdp ? USER_DS : 0;
  if (osz16) {
    write16le(p + 0, c->fcw);
    write16le(p + 2, core_fpu_status(c));
    write16le(p + 4, full_tags(c));
    write16le(p + 6, (u16)c->fip);
    write16le(p + 8, cs);
    write16le(p + 10, (u16)c->fdp);
    write16le(p + 12, ds);
    return 14;
  }
  write32le(p + 0, 0xffff0000u | c->fcw);
  write32le(p + 4, 0xffff0000u | core_fpu_status(c));
  write32le(p + 8, 0xffff0000u | full_tags(c));
  write32le(p + 12, (u32)c->fip);
  write32le(p + 16, cs | (u32)(c->fop & 0x7ff) << 16);
  write32le(p + 20, (u32)c->fdp);
  write32le(p + 24, 0xffff0000u | ds);
  return 28;
}

/* FCW bits 15:13 read as 0 and bit 6 as 1 whatever was loaded (host
 * CPU: FLDCW 0xffff, FNSTCW gives 0x1f7f). */
static void set_control(struct cpu *c, u16 cw) {
  c->fcw = (cw & 0x1f3f) | 0x40;
}

static void set_status(struct cpu *c, u16 sw) {
  c->ftop = sw >> 11 & 7;
  c->fsw = sw & ~(FSW_TOP | FSW_ES | FSW_B);
}

static int load_env(struct cpu *c, int osz16, const u8 *p) {
  u16 tw;
  int i;
  set_control(c, read16le(p));
  set_status(c, read16le(p + (osz16 ? 2 : 4)));
  tw = read16le(p + (osz16 ? 4 : 8));
  c->ftag = 0;
  for (i = 0; i < 8; ++i) {
    if ((tw >> (2 * i) & 3) != 3) c->ftag |= 1 << i;
  }
  if (osz16) {
    c->fip = read16le(p + 6);
    c->fdp = read16le(p + 10);
    return 14;
  }
  c->fip = read32le(p + 12);
  c->fop = read32le(p + 16) >> 16 & 0x7ff;
  c->fdp = read32le(p + 20);
  return 28;
}

static void init(struct cpu *c) {
  c->fcw = X86_FCW_INITIAL;
  c->fsw = 0;
  c->ftop = 0;
  c->ftag = 0;
  c->fip = c->fdp = 0;
  c->fop = 0;
}

static void fnstenv(struct cpu *c, u64 a, int osz16) {
  u8 b[28];
  write_bytes(c, a, b, (size_t)store_env(c, osz16, b));
  c->fcw |= FSW_EXC; /* then masks every exception */
}

static void fldenv(struct cpu *c, u64 a, int osz16) {
  u8 b[28];
  read_bytes(c, a, b, osz16 ? 14 : 28);
  load_env(c, osz16, b);
}

static void fnsave(struct cpu *c, u64 a, int osz16) {
  u8 b[108];
  int n = store_env(c, osz16, b), i;
  for (i = 0; i < 8; ++i) fpu80_store(b + n + 10 * i, st(c, i));
  write_bytes(c, a, b, (size_t)n + 80);
  init(c);
}

static void frstor(struct cpu *c, u64 a, int osz16) {
  u8 b[108];
  int n = osz16 ? 14 : 28, i;
  read_bytes(c, a, b, (size_t)n + 80);
  load_env(c, osz16, b);
  for (i = 0; i < 8; ++i) {
    struct fpu80 v = fpu80_load(b + n + 10 * i);
    int r = phys(c, i);
    c->fpr_sig[r] = v.sig;
    c->fpr_se[r] = v.se;
  }
}

/* Pushes a value loaded from memory, under the overflow check; the value
 * was converted with E, so its flags (IE for an SNaN, DE for a denormal)
 * are already there. With the stack full the conversion must not happen:
 * the overflow is all the CPU reports. A denormal loaded with DE unmasked
 * is still pushed (host CPU). */
static void load_pushed(struct cpu *c, struct fpu80_env *e, struct fpu80 v) {
  push_checked(c, e, v);
}

/* The memory forms: escape (opcode & 7) and ModRM.reg. */
static void mem_form(struct cpu *c, const struct core_insn *in, int esc,
                     int r) {
  const struct xed_insn *x = &in->x;
  /* The 16-bit environment formats take a 66 prefix without REX.W: REX.W
   * makes the operand size 32 bits again (SDM vol. 2, 2.2.1.2; the host
   * CPU stores and loads the 28/108-byte images then). */
  int osz16 = (x->flags & XED_F_OSZ) && !(x->rex & 8);
  u64 a = core_ea(c, in);
  struct fpu80_env e;
  struct fpu80 b = indefinite();
  u64 w;
  int d = 0;
  switch (esc) { /* the even escapes: arithmetic and compares */
    case 0:      /* m32fp */
      b = fpu80_widen_f32((u32)core_load(c, a, 4), &d);
      arith_mem(c, r, b, d);
      return;
    case 4: /* m64fp */
      b = fpu80_widen_f64(core_load(c, a, 8), &d);
      arith_mem(c, r, b, d);
      return;
    case 2: /* m32int */
      arith_mem(c, r, fpu80_from_int((i32)core_load(c, a, 4)), 0);
      return;
    case 6: /* m16int */
      arith_mem(c, r, fpu80_from_int((i16)core_load(c, a, 2)), 0);
      return;
    default: break;
  }
  switch (esc << 3 | r) {
    case 010: /* FLD m32fp */
      e = begin(c);
      w = core_load(c, a, 4);
      load_pushed(c, &e, full(c) ? b : fpu80_from_f32(&e, (u32)w));
      break;
    case 012: store_mem(c, a, ST_FLOAT, 4, 0); break;
    case 013: store_mem(c, a, ST_FLOAT, 4, 1); break;
    case 014: fldenv(c, a, osz16); break;
    case 015: set_control(c, (u16)core_load(c, a, 2)); break;
    case 016: fnstenv(c, a, osz16); break;
    case 017: core_store(c, a, 2, c->fcw); break;
    case 030: /* FILD m32int */
      e = begin(c);
      load_pushed(c, &e, fpu80_from_int((i32)core_load(c, a, 4)));
      break;
    case 031: store_mem(c, a, ST_TRUNC, 4, 1); break;
    case 032: store_mem(c, a, ST_INT, 4, 0); break;
    case 033: store_mem(c, a, ST_INT, 4, 1); break;
    case 035: /* FLD m80fp: no conversion, no exception */
      e = begin(c);
      load_pushed(c, &e, load80(c, a));
      break;
    case 037: store_mem(c, a, ST_FLOAT, 10, 1); break;
    case 050: /* FLD m64fp */
      e = begin(c);
      w = core_load(c, a, 8);
      load_pushed(c, &e, full(c) ? b : fpu80_from_f64(&e, w));
      break;
    case 051: store_mem(c, a, ST_TRUNC, 8, 1); break;
    case 052: store_mem(c, a, ST_FLOAT, 8, 0); break;
    case 053: store_mem(c, a, ST_FLOAT, 8, 1); break;
    case 054: frstor(c, a, osz16); break;
    case 056: fnsave(c, a, osz16); break;
    case 057: core_store(c, a, 2, core_fpu_status(c)); break;
    case 070: /* FILD m16int */
      e = begin(c);
      load_pushed(c, &e, fpu80_from_int((i16)core_load(c, a, 2)));
      break;
    case 071: store_mem(c, a, ST_TRUNC, 2, 1); break;
    case 072: store_mem(c, a, ST_INT, 2, 0); break;
    case 073: store_mem(c, a, ST_INT, 2, 1); break;
    case 074: { /* FBLD */
      u8 bcd[10];
      read_bytes(c, a, bcd, 10);
      e = begin(c);
      load_pushed(c, &e, fpu80_from_bcd(bcd));
      break;
    }
    case 075: /* FILD m64int */
      e = begin(c);
      load_pushed(c, &e, fpu80_from_int((i64)core_load(c, a, 8)));
      break;
    case 076: store_mem(c, a, ST_BCD, 10, 1); break;
    case 077: store_mem(c, a, ST_INT, 8, 1); break;
    default: op_ud(c, in); break; /* the decoder lets none through */
  }
}

/* D9 E0..FF: the operations on the top of the stack. */
static void d9_ops(struct cpu *c, const struct core_insn *in, int m) {
  struct fpu80_env e;
  switch (m) {
    case 0xe0: sign_op(c, 0); break;
    case 0xe1: sign_op(c, 1); break;
    case 0xe4: test_zero(c); break;
    case 0xe5: examine(c); break;
    case 0xe8:
    case 0xe9:
    case 0xea:
    case 0xeb:
    case 0xec:
    case 0xed:
    case 0xee: load_const(c, m - 0xe8); break;
    case 0xf0: unary(c, fpu80_f2xm1); break;
    case 0xf1: binary(c, BIN_YL2X); break;
    case 0xf2: pair(c, PAIR_PTAN); break;
    case 0xf3: binary(c, BIN_PATAN); break;
    case 0xf4: pair(c, PAIR_XTRACT); break;
    case 0xf5: binary(c, BIN_PREM1); break;
    case 0xf6: /* FDECSTP */
    case 0xf7: /* FINCSTP */
      e = begin(c);
      e.sw &= ~C1;
      c->ftop = (c->ftop + (m == 0xf6 ? 7 : 1)) & 7;
      finish(c, &e);
      break;
    case 0xf8: binary(c, BIN_PREM); break;
    case 0xf9: binary(c, BIN_YL2XP1); break;
    case 0xfa: unary(c, fpu80_sqrt); break;
    case 0xfb: pair(c, PAIR_SINCOS); break;
    case 0xfc: unary(c, fpu80_round_int); break;
    case 0xfd: binary(c, BIN_SCALE); break;
    case 0xfe: trig(c, 0); break;
    case 0xff: trig(c, 1); break;
    default: op_ud(c, in); break;
  }
}

/* The register forms: escape and the ModRM byte's low six bits. */
static void reg_form(struct cpu *c, const struct core_insn *in, int esc,
                     int m) {
  int r = m >> 3 & 7, i = m & 7;
  switch (esc) {
    case 0:
      if (r == 2 || r == 3) {
        compare_reg(c, i, 0, r == 3);
      } else {
        arith_reg(c, 0, r, i);
      }
      break;
    case 4:
      if (r == 2 || r == 3) { /* FCOM2, FCOMP3 */
        compare_reg(c, i, 0, r == 3);
      } else {
        arith_reg(c, 4, r, i);
      }
      break;
    case 6:
      if (r == 2) { /* FCOMP5 */
        compare_reg(c, i, 0, 1);
      } else if (r == 3) { /* FCOMPP */
        compare_reg(c, 1, 0, 2);
      } else {
        arith_reg(c, 6, r, i);
      }
      break;
    case 1:
      switch (r) {
        case 0: load_reg(c, i); break;
        case 1: exchange(c, i); break;
        case 2: break;                    /* FNOP */
        case 3: store_alias(c, i); break; /* FSTP1 */
        default: d9_ops(c, in, 0xc0 | m); break;
      }
      break;
    case 2:
      if (r < 4) {
        static const u8 kCc[4] = {0x2, 0x4, 0x6, 0xa}; /* B E BE U */
        cmove(c, kCc[r], i);
      } else { /* FUCOMPP */
        compare_reg(c, 1, 1, 2);
      }
      break;
    case 3:
      if (r < 4) {
        static const u8 kCc[4] = {0x3, 0x5, 0x7, 0xb}; /* NB NE NBE NU */
        cmove(c, kCc[r], i);
      } else if (r == 5) {
        compare_eflags(c, i, 1, 0); /* FUCOMI */
      } else if (r == 6) {
        compare_eflags(c, i, 0, 0); /* FCOMI */
      }
      /* DB E0..E4: FENI, FDISI, FNCLEX, FNINIT, FSETPM, handled above */
      break;
    case 5:
      switch (r) {
        case 0: c->ftag &= ~(1 << phys(c, i)); break; /* FFREE */
        case 1: exchange(c, i); break;                /* FXCH4 */
        case 2: store_reg(c, i, 0); break;
        case 3: store_reg(c, i, 1); break;
        case 4: compare_reg(c, i, 1, 0); break; /* FUCOM */
        default: compare_reg(c, i, 1, 1); break;
      }
      break;
    default: /* DF */
      switch (r) {
        case 0: /* FFREEP */
          c->ftag &= ~(1 << phys(c, i));
          pop(c);
          break;
        case 1: exchange(c, i); break;             /* FXCH7 */
        case 2:                                    /* FSTP8 */
        case 3: store_reg(c, i, 1); break;         /* FSTP9 */
        case 5: compare_eflags(c, i, 1, 1); break; /* FUCOMIP */
        case 6: compare_eflags(c, i, 0, 1); break; /* FCOMIP */
        default: break; /* FNSTSW AX, handled above */
      }
      break;
  }
}

/* The instructions that neither wait for pending exceptions nor count as
 * the last x87 instruction. */
static int control(const struct core_insn *in, int esc, int *wait) {
  const struct xed_insn *x = &in->x;
  int r = x->modrm >> 3 & 7;
  *wait = 1;
  if (x->mod != 3) {
    if ((esc == 1 || esc == 5) && (r == 6 || r == 7)) {
      *wait = 0; /* FNSTENV FNSTCW FNSAVE FNSTSW */
      return 1;
    }
    return (esc == 1 && (r == 4 || r == 5)) || (esc == 5 && r == 4);
  }
  if ((esc == 3 && x->modrm >= 0xe0 && x->modrm <= 0xe4) ||
      (esc == 7 && x->modrm == 0xe0)) {
    *wait = 0; /* FNENI FNDISI FNCLEX FNINIT FNSETPM, FNSTSW AX */
    return 1;
  }
  return 0;
}

void op_x87(struct cpu *c, const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  int esc = x->opcode & 7, wait;
  if (x->opcode == 0x9b) { /* FWAIT */
    core_fpu_check_pending(c);
    return;
  }
  if (!control(in, esc, &wait)) {
    core_fpu_check_pending(c);
    c->fip = in->addr;
    c->fop = (u16)(esc << 8 | x->modrm);
    if (x->flags & XED_F_MEM) c->fdp = core_ea_offset(c, in);
  } else if (wait) {
    core_fpu_check_pending(c);
  }
  if (x->mod != 3) {
    mem_form(c, in, esc, x->modrm >> 3 & 7);
    return;
  }
  if (esc == 3 && x->modrm >= 0xe0 && x->modrm <= 0xe4) {
    if (x->modrm == 0xe2) c->fsw &= ~(FSW_EXC | FSW_SF); /* FNCLEX */
    if (x->modrm == 0xe3) init(c);                       /* FNINIT */
    return; /* FNENI, FNDISI and FNSETPM do nothing since the 387 */
  }
  if (esc == 7 && x->modrm == 0xe0) { /* FNSTSW AX */
    core_set_reg(c, x, CORE_RAX, 2, core_fpu_status(c));
    return;
  }
  reg_form(c, in, esc, x->modrm & 63);
}
