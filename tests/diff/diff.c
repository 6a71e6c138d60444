/* tests/diff: blink's core/ against the host CPU, instruction by
 * instruction (x86-64 hosts only).
 *
 * Each case is one instruction form (opcode, operand size, register or
 * memory operand, prefixes) with random registers, flags, x87, MXCSR, XMM
 * and memory drawn from edge values (0, 1, -1, the sign boundaries of
 * every size, float and 80-bit specials, small and random numbers). The
 * same bytes run twice from the same state:
 *
 *   natively, at a fixed address in an RWX page, between a stub that loads
 *   the x87/SSE state (FXRSTOR64), every general register and RFLAGS from
 *   a struct and one that stores them back (FXSAVE64; the instruction is
 *   followed by an indirect jump to the second stub; a taken branch with
 *   displacement 6 lands on another);
 *
 *   under core/, in a guest mmu with the code at the same address and the
 *   data at the same addresses, the instruction followed by UD2 so that
 *   core_run() comes back (CORE_FAULT, SIGILL at the UD2) with no register
 *   clobbered.
 *
 * Then GPRs, RIP, the six status flags and DF, the x87 state (FCW, FSW
 * with TOP, abridged tags, ST0-7, FOP/FIP/FDP), MXCSR, XMM0-15 and the
 * whole data area must agree. A fault (#DE, #GP, #UD, #XM) must be the
 * same fault with the same state: natively a signal handler takes it from
 * the ucontext. What the SDM leaves undefined is masked, each with its
 * citation: flags per instruction (undef_flags), and a few x87 pointer
 * fields (fp_compare, image_masks).
 *
 * The SSE/SSE2/MMX and x87 forms come from the decoder's own tables
 * (forms_fp.c). A form core/ does not implement yet (core_bind() gives
 * op_unimplemented, or its handler raises SIGILL where the host runs it)
 * counts as decoded, not implemented, and runs natively only; once core/
 * implements it, it is tested.
 *
 *   diff            1,000,000 cases (BLINK_DIFF_CASES=N for more or less,
 *                   BLINK_DIFF_SEED=S to replay, BLINK_DIFF_VERBOSE=1
 *                   to list untested forms, BLINK_DIFF_UNMASK=N for one
 *                   case in N with SSE exceptions unmasked and, drawn
 *                   apart, one in N with x87 ones unmasked, half of
 *                   those with one pending; 0 for none; default 16)
 *
 * Output: the first mismatches in full, then the number of cases and
 * mismatches, and coverage (forms tested / decoded) per class. */
#include "tests/diff/diff.h"

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm/prctl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "core/core_priv.h"

#define FLAGS_MASK (X86_EFLAGS_ARITH | X86_EFLAGS_DF)

_Static_assert(offsetof(struct state, fx) == 144, "the stubs' fx offset");

/* Shared with the assembly stubs. */
u64 diff_host_rsp, diff_target, diff_out_end;
u32 diff_host_mxcsr;
u8 diff_taken;
void diff_enter(struct state *in, u64 code);
void diff_exit(void);
void diff_exit_taken(void);
void diff_resume(void);

/* diff_resume puts the harness's own FPU state back: FNINIT (FCW 0x37f,
 * no pending x87 exception, as Linux starts a process) and its MXCSR. */
__asm__(
    ".text\n"
    ".globl diff_enter\n"
    "diff_enter:\n"
    "  push %rbx\n  push %rbp\n  push %r12\n  push %r13\n"
    "  push %r14\n  push %r15\n"
    "  mov %rsp, diff_host_rsp(%rip)\n"
    "  stmxcsr diff_host_mxcsr(%rip)\n"
    "  mov %rsi, diff_target(%rip)\n"
    "  fxrstor64 144(%rdi)\n"
    "  mov %rdi, %rsp\n"
    "  popfq\n"
    "  pop %rax\n  pop %rcx\n  pop %rdx\n  pop %rbx\n"
    "  lea 8(%rsp), %rsp\n" /* rsp comes last */
    "  pop %rbp\n  pop %rsi\n  pop %rdi\n"
    "  pop %r8\n  pop %r9\n  pop %r10\n  pop %r11\n"
    "  pop %r12\n  pop %r13\n  pop %r14\n  pop %r15\n"
    "  mov -96(%rsp), %rsp\n"
    "  jmp *diff_target(%rip)\n"
    ".globl diff_exit_taken\n"
    "diff_exit_taken:\n"
    "  movb $1, diff_taken(%rip)\n"
    ".globl diff_exit\n"
    "diff_exit:\n"
    "  xchg %rsp, diff_out_end(%rip)\n"
    "  push %r15\n  push %r14\n  push %r13\n  push %r12\n"
    "  push %r11\n  push %r10\n  push %r9\n  push %r8\n"
    "  push %rdi\n  push %rsi\n  push %rbp\n"
    "  lea -8(%rsp), %rsp\n"
    "  push %rbx\n  push %rdx\n  push %rcx\n  push %rax\n"
    "  pushfq\n"
    "  mov diff_out_end(%rip), %rax\n"
    "  mov %rax, 40(%rsp)\n"
    "  fxsave64 144(%rsp)\n"
    "  cld\n"
    ".globl diff_resume\n"
    "diff_resume:\n"
    "  mov diff_host_rsp(%rip), %rsp\n"
    "  fninit\n"
    "  ldmxcsr diff_host_mxcsr(%rip)\n"
    "  pop %r15\n  pop %r14\n  pop %r13\n  pop %r12\n"
    "  pop %rbp\n  pop %rbx\n"
    "  ret\n");

/* ---------------------------------------------------------------- random */

static u64 rng_state;

u64 rnd(void) { /* splitmix64 */
  u64 z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

unsigned below(unsigned n) { /* multiply, not divide: it's hot */
  return (unsigned)(((unsigned __int128)rnd() * n) >> 64);
}

/* Edge values of every size, small numbers and random ones. */
u64 edge(void) {
  static const u64 kEdges[] = {
      0,
      1,
      2,
      ~0ull,
      ~0ull - 1,
      0x7f,
      0x80,
      0x81,
      0xff,
      0x7fff,
      0x8000,
      0xffff,
      0x7fffffff,
      0x80000000,
      0xffffffff,
      0x100000000ull,
      0x7fffffffffffffffull,
      0x8000000000000000ull,
      0xffffffff80000000ull,
      0xffffffffffff8000ull,
      0xffffffffffffff80ull,
  };
  u64 r = rnd();
  switch (below(8)) {
    case 0:
    case 1: return kEdges[below(ARRAY_LEN(kEdges))];
    case 2: return below(70);
    case 3: return 0 - (u64)below(70);
    case 4: return kEdges[below(ARRAY_LEN(kEdges))] ^ (rnd() << below(64));
    case 5: return r >> below(64);
    default: return r;
  }
}

/* ------------------------------------------------- state and data helpers */

u8 *data;

void set_reg(struct state *s, int r, u64 v) {
  s->v[1 + r] = v;
}

u64 get_reg(const struct state *s, int r) {
  return s->v[1 + r];
}

/* Writes v at size into register r as an instruction with or without REX
 * would name it (AH..BH without REX). */
void put_reg(struct state *s, int rex, int r, int size, u64 v) {
  u64 m = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
  if (size == 1 && !rex && r >= 4 && r < 8) {
    u64 o = get_reg(s, r - 4);
    set_reg(s, r - 4, (o & ~0xff00ull) | (v & 0xff) << 8);
  } else {
    set_reg(s, r, (get_reg(s, r) & ~m) | (v & m));
  }
}

u64 data_addr_mid(unsigned margin) {
  return DATA_ADDR + margin + below(DATA_SIZE - 2 * margin);
}

/* Stores v in the data area (bytes outside it are left alone: a register
 * the operand needs may have become a memory operand's base). */
void put_mem(u64 addr, int size, u64 v) {
  int i;
  for (i = 0; i < size; ++i) {
    if (addr + i - DATA_ADDR < DATA_SIZE)
      data[addr + i - DATA_ADDR] = (u8)(v >> (8 * i));
  }
}

void emit(struct tcase *t, u64 v, int n) {
  int i;
  for (i = 0; i < n; ++i) t->bytes[t->len++] = (u8)(v >> (8 * i));
}

/* -------------------------------------------------------- running a case */

struct result {
  struct state out;
  u64 rip;
  int sig, code; /* 0: ran to the end */
};

static volatile sig_atomic_t fault_sig;
static volatile int fault_code;
static volatile u64 fault_rip;
static u64 native_insn_addr;
static const struct tcase *native_case;
static struct state *native_out;

static const int kGregOf[16] = {
    REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
    REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};

/* Where the instruction under test has completed but the stubs have not
 * yet saved its state: its two jumps and the stubs' first instructions. */
static int after_insn(u64 rip, int *taken) {
  u64 next = native_insn_addr + (u64)native_case->len;
  *taken = rip == next + TAKEN_DISP || rip == (u64)(uintptr_t)diff_exit_taken;
  return rip == next || *taken || rip == (u64)(uintptr_t)diff_exit;
}

/* The interrupted state, registers and FPU (the kernel saved the latter in
 * the signal frame, in the FXSAVE64 layout), into native_out. */
static void take_context(ucontext_t *uc) {
  greg_t *g = uc->uc_mcontext.gregs;
  int i;
  for (i = 0; i < 16; ++i) native_out->v[1 + i] = (u64)g[kGregOf[i]];
  native_out->v[0] = (u64)g[REG_EFL];
  if (uc->uc_mcontext.fpregs)
    memcpy(native_out->fx, uc->uc_mcontext.fpregs, FX_USED);
}

static void on_fault(int sig, siginfo_t *si, void *ctx) {
  ucontext_t *uc = ctx;
  greg_t *g = uc->uc_mcontext.gregs;
  int i, taken;
  /* An interrupt that lands while the guest's RSP is non-canonical can't
   * return (IRET raises #GP) and Linux sends SIGSEGV with SI_KERNEL at
   * the interrupted RIP. Cases start with a canonical RSP; one that the
   * instruction made non-canonical shows up here, after it completed:
   * the context is its result. */
  if (sig == SIGSEGV && si->si_code == SI_KERNEL &&
      (i64)g[REG_RSP] >> 47 != 0 && (i64)g[REG_RSP] >> 47 != -1 &&
      after_insn((u64)g[REG_RIP], &taken)) {
    take_context(uc);
    if (taken) diff_taken = 1;
    g[REG_EFL] &= ~(greg_t)X86_EFLAGS_DF;
    g[REG_RIP] = (greg_t)(uintptr_t)diff_resume;
    g[REG_RSP] = (greg_t)diff_host_rsp;
    return;
  }
  /* A fault reports the instruction; a trap (INT3, INT1, INT 4) the one
   * after it. */
  if ((u64)g[REG_RIP] != native_insn_addr &&
      (u64)g[REG_RIP] != native_insn_addr + (u64)native_case->len) {
    /* Not the instruction under test: a bug of this program. */
    char msg[256];
    int n = snprintf(
        msg, sizeof(msg),
        "diff: harness fault: signal %d code %d addr %#llx at "
        "%#llx rsp %#llx; case:",
        sig, si->si_code, (unsigned long long)(uintptr_t)si->si_addr,
        (unsigned long long)g[REG_RIP], (unsigned long long)g[REG_RSP]);
    for (i = 0; i < native_case->len && n < (int)sizeof(msg) - 4; ++i)
      n += snprintf(msg + n, sizeof(msg) - n, " %02x", native_case->bytes[i]);
    msg[n++] = '\n';
    if (write(2, msg, (size_t)n) < 0) _exit(3);
    _exit(3);
  }
  take_context(uc);
  fault_sig = sig;
  fault_code = si->si_code;
  fault_rip = (u64)g[REG_RIP];
  g[REG_EFL] &= ~(greg_t)X86_EFLAGS_DF;
  g[REG_RIP] = (greg_t)(uintptr_t)diff_resume;
  g[REG_RSP] = (greg_t)diff_host_rsp; /* the guest's may be non-canonical */
}

static void run_native(struct tcase *t, u64 slot, struct result *r) {
  u8 *p = (u8 *)(uintptr_t)slot;
  i32 rel;
  memcpy(p, t->bytes, (size_t)t->len);
  /* jmp *[rip+rel] to diff_exit (not taken), then to diff_exit_taken */
  p[t->len] = 0xff;
  p[t->len + 1] = 0x25;
  rel = (i32)((i64)CODE_ADDR - (i64)(slot + t->len + 6));
  memcpy(p + t->len + 2, &rel, 4);
  p[t->len + 6] = 0xff;
  p[t->len + 7] = 0x25;
  rel = (i32)((i64)(CODE_ADDR + 8) - (i64)(slot + t->len + 12));
  memcpy(p + t->len + 8, &rel, 4);
  native_insn_addr = slot;
  native_case = t;
  native_out = &r->out;
  fault_sig = 0;
  diff_taken = 0;
  diff_out_end = (u64)(uintptr_t)(&r->out.v[17]);
  diff_enter(&t->in, slot);
  r->sig = fault_sig;
  r->code = fault_code;
  r->rip = r->sig ? fault_rip : slot + t->len + (diff_taken ? TAKEN_DISP : 0);
}

static struct mmu gm;
static struct cpu gc;

/* The FXSAVE64 image into struct cpu, as core_fxrstor() takes it: ST(i)
 * is physical R[(TOP + i) & 7]; TOP lives in ftop, not in fsw, and ES and
 * B are not kept at all (core_fpu_status() derives them). */
static void fx_to_cpu(struct cpu *c, const u8 *fx) {
  u16 fsw = read16le(fx + FX_FSW);
  int i;
  c->fcw = read16le(fx + FX_FCW);
  c->ftop = (u8)((fsw >> 11) & 7);
  c->fsw = fsw & ~(0x3800 | 0x0080 | 0x8000);
  c->ftag = fx[FX_FTW];
  c->fop = read16le(fx + FX_FOP);
  c->fip = read64le(fx + FX_FIP);
  c->fdp = read64le(fx + FX_FDP);
  c->mxcsr = read32le(fx + FX_MXCSR);
  for (i = 0; i < 8; ++i) {
    int p = (c->ftop + i) & 7;
    c->fpr_sig[p] = read64le(fx + FX_ST + 16 * i);
    c->fpr_se[p] = read16le(fx + FX_ST + 16 * i + 8);
  }
  memcpy(c->xmm, fx + FX_XMM, 256);
}

static void cpu_to_fx(const struct cpu *c, u8 *fx) {
  int i;
  memset(fx, 0, FX_USED);
  write16le(fx + FX_FCW, c->fcw);
  write16le(fx + FX_FSW, core_fpu_status(c));
  fx[FX_FTW] = c->ftag;
  write16le(fx + FX_FOP, c->fop);
  write64le(fx + FX_FIP, c->fip);
  write64le(fx + FX_FDP, c->fdp);
  write32le(fx + FX_MXCSR, c->mxcsr);
  for (i = 0; i < 8; ++i) {
    int p = (c->ftop + i) & 7;
    write64le(fx + FX_ST + 16 * i, c->fpr_sig[p]);
    write16le(fx + FX_ST + 16 * i + 8, c->fpr_se[p]);
  }
  memcpy(fx + FX_XMM, c->xmm, 256);
}

static void run_blink(struct tcase *t, u64 slot, struct result *r) {
  u8 code[SLOT_SIZE];
  int i;
  memset(code, 0x90, sizeof(code));
  memcpy(code, t->bytes, (size_t)t->len);
  code[t->len] = 0x0f; /* ud2: the end, not taken */
  code[t->len + 1] = 0x0b;
  code[t->len + TAKEN_DISP] = 0x0f; /* ud2: the end, taken */
  code[t->len + TAKEN_DISP + 1] = 0x0b;
  if (mmu_write(&gm, slot, code, sizeof(code)) ||
      mmu_write(&gm, DATA_ADDR, data, DATA_SIZE)) {
    fprintf(stderr, "diff: guest memory write failed\n");
    exit(2);
  }
  for (i = 0; i < 16; ++i) gc.regs[i] = t->in.v[1 + i];
  gc.flags = t->in.v[0];
  gc.lazy = LAZY_NONE;
  gc.rip = slot;
  gc.gs_base = GS_BASE;
  fx_to_cpu(&gc, t->in.fx);
  if (core_run(&gc) != CORE_FAULT) {
    r->sig = -1;
    return;
  }
  for (i = 0; i < 16; ++i) r->out.v[1 + i] = gc.regs[i];
  r->out.v[0] = core_flags(&gc);
  cpu_to_fx(&gc, r->out.fx);
  r->rip = gc.rip;
  if (gc.sig == LINUX_SIGILL &&
      (gc.rip == slot + t->len || gc.rip == slot + t->len + TAKEN_DISP)) {
    r->sig = r->code = 0;
  } else {
    r->sig = gc.sig;
    r->code = gc.sig_code;
  }
}

/* ---------------------------------------------------------------- coverage */

/* An integer form as the decoder names it: map, opcode, operation, operand
 * size, memory or register operand. */
static u32 form_key(const struct xed_insn *x) {
  int osz = x->osz == 1 ? 0 : x->osz == 2 ? 1 : x->osz == 4 ? 2 : 3;
  return (u32)x->map << 24 | (u32)x->opcode << 16 | (u32)x->op << 4 |
         (u32)osz << 1 | ((x->flags & XED_F_MEM) ? 1 : 0);
}

#define MAX_KEYS 8192
static u32 decoded[MAX_KEYS];
static u8 tested[MAX_KEYS];
static int ndecoded;

/* The SSE/SSE2/MMX operations of map 0F (named by sse0f.inc, plus the
 * state instructions of group 15): forms_fp.c's, not the integer ones. */
static int vector_op(int op) {
  return (op >= XED_OP_MOVUPS && op <= XED_OP_PADDD) || op == XED_OP_SSE ||
         op == XED_OP_FXSAVE || op == XED_OP_FXRSTOR || op == XED_OP_LDMXCSR ||
         op == XED_OP_STMXCSR;
}

/* The integer operations: what a user program can execute, integer and
 * system alike. Left out: x87 and vector operations (forms_fp.c), what
 * xed/ does not name yet (OTHER), what would act on the harness itself
 * (SYSCALL; IRET and RETF, far returns), and what cannot agree with the
 * host by design (CPUID, RDTSC, RDTSCP: blink describes itself, not the
 * host). */
static int integer_op(int op) {
  if (vector_op(op)) return 0;
  switch (op) {
    case XED_OP_INVALID:
    case XED_OP_OTHER:
    case XED_OP_FPU:
    case XED_OP_SYSCALL:
    case XED_OP_IRET:
    case XED_OP_RETF:
    case XED_OP_CPUID:
    case XED_OP_RDTSC:
    case XED_OP_RDTSCP:
    case XED_OP_XSAVE:
    case XED_OP_XRSTOR: return 0;
    default: return 1;
  }
}

static int find_key(u32 k) {
  int i;
  for (i = 0; i < ndecoded; ++i)
    if (decoded[i] == k) return i;
  return -1;
}

/* Every integer form the decoder knows, by probing each opcode of the one-
 * and two-byte maps with every ModRM.reg, register and memory operands,
 * and no prefix, 66 or REX.W. */
static void enumerate_decoded(void) {
  static const u8 kPre[3] = {0, 0x66, 0x48};
  int map, opc, p, reg, mem;
  for (map = 0; map < 2; ++map)
    for (opc = 0; opc < 256; ++opc)
      for (p = 0; p < 3; ++p)
        for (reg = 0; reg < 8; ++reg)
          for (mem = 0; mem < 2; ++mem) {
            u8 b[16] = {0};
            int n = 0;
            struct xed_insn x;
            u32 k;
            if (kPre[p]) b[n++] = kPre[p];
            if (map) b[n++] = 0x0f;
            b[n++] = (u8)opc;
            b[n++] = (u8)((mem ? 0x00 : 0xc0) | reg << 3 | (mem ? 3 : 0));
            if (xed_decode(&x, b, sizeof(b), XED_MODE_64) != XED_OK) continue;
            if (!integer_op(x.op)) continue;
            k = form_key(&x);
            if (find_key(k) < 0 && ndecoded < MAX_KEYS) decoded[ndecoded++] = k;
          }
}

/* What the run learned of each SSE/MMX and x87 form. */
enum { FS_UNKNOWN, FS_IMPLEMENTED, FS_UNIMPLEMENTED };
#define MAX_FP_FORMS 2048
static struct {
  u8 status;
  u8 bound;   /* core_bind() names a handler */
  u32 sigill; /* blink raised SIGILL where the host ran it */
  u64 ok;     /* cases run in both */
  struct tcase first;
} fstat[MAX_FP_FORMS];
/* The forms still in play, per class. */
static int active[CLS_COUNT][MAX_FP_FORMS], nactive[CLS_COUNT];

static void deactivate(int cls, int form) {
  int i;
  for (i = 0; i < nactive[cls]; ++i) {
    if (active[cls][i] == form) {
      active[cls][i] = active[cls][--nactive[cls]];
      return;
    }
  }
}

static void describe_fp_form(const struct fp_form *f, char *buf, size_t n) {
  int k = 0;
  if (f->o16) k += snprintf(buf + k, n - k, "66 ");
  if (f->pre) k += snprintf(buf + k, n - k, "%02x ", f->pre);
  if (f->w == 1) k += snprintf(buf + k, n - k, "REX.W ");
  if (f->map == XED_MAP_0F) k += snprintf(buf + k, n - k, "0f ");
  k += snprintf(buf + k, n - k, "%02x", f->opc);
  if (f->modrm) {
    if (f->rmop != 0xff)
      k += snprintf(buf + k, n - k, " %02x", 0xc0 | f->ext << 3 | f->rmop);
    else if (f->ext != 0xff)
      k += snprintf(buf + k, n - k, " /%d", f->ext);
    else
      k += snprintf(buf + k, n - k, " /r");
    k += snprintf(buf + k, n - k, " %s", f->mem ? "mem" : "reg");
  }
  snprintf(buf + k, n - k, " (%s)",
           f->cls == CLS_X87 ? fp_x87_name(f) : xed_mnemonic(f->op));
}

/* -------------------------------------------------------------- comparing */

static const char *const kRegNames[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};

/* "  label: flags=F" and the 16 registers, four to a line. */
static void print_state(const char *label, const struct state *s) {
  int i;
  printf("  %s flags=%#llx", label, (unsigned long long)s->v[0]);
  for (i = 0; i < 16; ++i)
    printf("%s%s=%#llx", i % 4 ? " " : "\n      ", kRegNames[i],
           (unsigned long long)s->v[1 + i]);
  printf("\n");
}

/* The FPU part of a state: everything, or (with other) only what differs
 * from other. */
static void print_fx(const char *label, const u8 *fx, const u8 *other) {
  int i, j;
  if (!other || memcmp(fx, other, 32)) {
    printf(
        "  %s fcw=%04x fsw=%04x ftw=%02x fop=%03x fip=%#llx fdp=%#llx "
        "mxcsr=%08x\n",
        label, read16le(fx + FX_FCW), read16le(fx + FX_FSW), fx[FX_FTW],
        read16le(fx + FX_FOP), (unsigned long long)read64le(fx + FX_FIP),
        (unsigned long long)read64le(fx + FX_FDP), read32le(fx + FX_MXCSR));
  }
  for (i = 0; i < 8; ++i) {
    const u8 *p = fx + FX_ST + 16 * i;
    if (other && !memcmp(p, other + FX_ST + 16 * i, 10)) continue;
    printf("  %s st%d=%04x:%016llx\n", label, i, read16le(p + 8),
           (unsigned long long)read64le(p));
  }
  for (i = 0; i < 16; ++i) {
    const u8 *p = fx + FX_XMM + 16 * i;
    if (other && !memcmp(p, other + FX_XMM + 16 * i, 16)) continue;
    printf("  %s xmm%d=", label, i);
    for (j = 15; j >= 0; --j) printf("%02x%s", p[j], j == 8 ? "_" : "");
    printf("\n");
  }
}

static void print_case(const struct tcase *t) {
  char text[128];
  int i;
  printf("  bytes:");
  for (i = 0; i < t->len; ++i) printf(" %02x", t->bytes[i]);
  if (xed_disassemble(text, sizeof(text), &t->x, SLOT_FIRST) >= 0)
    printf("  (%s)", text);
  printf("\n");
  print_state("in:", &t->in);
  if (t->cls != CLS_INT) print_fx("in:", t->in.fx, NULL);
}

static int mismatches;
static int strict; /* BLINK_DIFF_STRICT=1: undefined flags compared too */
static int max_shown = 10;

/* An 80-bit value as a sign and a 79-bit magnitude whose integer order is
 * the numeric order for finite values: exponent, then significand. */
static int within_ulp(const u8 *a, const u8 *b) {
  u16 sa = read16le(a + 8), sb = read16le(b + 8);
  u64 ma = read64le(a), mb = read64le(b);
  unsigned __int128 xa, xb;
  if ((sa ^ sb) & 0x8000) return 0;
  if ((sa & 0x7fff) == 0x7fff || (sb & 0x7fff) == 0x7fff) return 0;
  xa = (unsigned __int128)(sa & 0x7fff) << 64 | ma;
  xb = (unsigned __int128)(sb & 0x7fff) << 64 | mb;
  return xa - xb + 1 <= 2; /* |xa - xb| <= 1 */
}

static float f32_of(u32 u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}

/* RCPPS/RCPSS/RSQRTPS/RSQRTSS lane: |blink - host| <= 1.5 * 2^-12 *
 * |host| (SDM vol. 2, RCPPS: "relative error ... less than or equal to
 * 1.5 * 2^-12"); zeros, infinities and NaNs exactly. */
static int rcp_close(u32 n, u32 b) {
  float fn = f32_of(n), fb = f32_of(b), d;
  if (n == b) return 1;
  if ((n & 0x7f800000) == 0x7f800000 || !(n & 0x7fffffff) ||
      (b & 0x7f800000) == 0x7f800000 || !(b & 0x7fffffff))
    return 0;
  if ((n ^ b) & 0x80000000) return 0;
  d = fn - fb;
  if (d < 0) d = -d;
  return d <= (fn < 0 ? -fn : fn) * (1.5f / 4096.f);
}

/* The x87 condition codes the SDM leaves undefined after an instruction
 * (vol. 2, each instruction's "FPU Flags Affected"): C0, C2 and C3 after
 * arithmetic, loads, stores, FXCH, FCHS/FABS, FSQRT/FSCALE/FRNDINT/
 * FXTRACT, F2XM1/FYL2X/FYL2XP1/FPATAN, FINCSTP/FDECSTP, FCMOVcc; C0 and
 * C3 after FPTAN/FSIN/FCOS/FSINCOS; all four after FFREE (and AMD's
 * FFREEP), FNOP, FLDCW, FNSTCW, FNSTSW, FNSTENV, FNCLEX, FWAIT and the
 * 8087/287 leftovers DB E0/E1/E4. Defined: compares and FXAM/FTST,
 * FPREM/FPREM1, FLDENV/FRSTOR (loaded), FNINIT/FNSAVE (cleared),
 * FCOMI/FUCOMI(P) (unchanged). The aliases behave as what they alias. */
static u16 x87_undef_cc(const struct tcase *t) {
  const u16 c023 = 0x4500, all = 0x4700, c03 = 0x4100;
  const struct xed_insn *x = &t->x;
  int reg = (x->modrm >> 3) & 7, m = x->modrm;
  if (!t->x87) return 0;
  if (x->opcode == 0x9b) return all; /* FWAIT */
  if (x->mod != 3) {
    switch (x->opcode) {
      case 0xd8:
      case 0xda:
      case 0xdc:
      case 0xde: return reg == 2 || reg == 3 ? 0 : c023;
      case 0xd9: return reg == 4 ? 0 : reg >= 5 ? all : c023;
      case 0xdd: return reg == 4 || reg == 6 ? 0 : reg == 7 ? all : c023;
      default: return c023; /* DB, DF: loads and stores */
    }
  }
  switch (x->opcode) {
    case 0xd8:
    case 0xdc: return reg == 2 || reg == 3 ? 0 : c023;
    case 0xda: return m == 0xe9 ? 0 : c023; /* FUCOMPP; FCMOVcc */
    case 0xdb:
      if (reg == 5 || reg == 6 || m == 0xe3) return 0; /* FUCOMI FCOMI */
      return reg == 4 ? all : c023;                    /* FNCLEX ..; FCMOV */
    case 0xdd:
      if (reg == 0) return all;               /* FFREE */
      return reg == 4 || reg == 5 ? 0 : c023; /* FUCOM(P) */
    case 0xde: return reg == 3 ? 0 : c023;    /* FCOMPP */
    case 0xdf:
      if (reg == 0 || reg == 4) return all;   /* FFREEP, FNSTSW AX */
      return reg == 5 || reg == 6 ? 0 : c023; /* FUCOMIP FCOMIP */
    default:                                  /* D9 */
      if (m == 0xd0) return all;              /* FNOP */
      if (m == 0xe4 || m == 0xe5 || m == 0xf5 || m == 0xf8) return 0;
      if (m == 0xf2 || m == 0xfb || m == 0xfe || m == 0xff) return c03;
      return c023;
  }
}

/* The x87 and SSE state. Masked, as the SDM allows:
 *  - FOP after an x87 instruction with no exception pending: stored only
 *    for one that raised an unmasked exception unless the fopcode
 *    compatibility mode is on (SDM vol. 1, 8.1.9.1); AMD stores it
 *    always, and so does blink.
 *  - FDP after an x87 instruction, where CPUID.(EAX=07H,ECX=0):EBX[6]
 *    says it is updated only on unmasked exceptions (SDM vol. 1, 8.1.8).
 *  - the condition codes of x87_undef_cc;
 *  - C1 after a transcendental (TOL_ULP): it says which way the result
 *    was rounded, and those results may differ by 1 ulp.
 *  - FOP, FIP and FDP on an AMD host when no x87 exception is pending:
 *    AMD's FXSAVE (and XSAVE, which the kernel uses for signal frames)
 *    stores them only when FSW.ES is set, zeros otherwise (AMD APM vol.
 *    5, FXSAVE); the SDM's FXSAVE always stores them. */
static int fp_compare(const struct tcase *t, const u8 *n, const u8 *b,
                      char *why, size_t nwhy) {
  u16 fswmask = (t->tol == TOL_ULP ? (u16)~0x0200 : 0xffff) &
                (strict ? 0xffff : (u16)~x87_undef_cc(t));
  int ptrs = !(host_amd && !(read16le(n + FX_FSW) & 0x80));
  int i, j;
  if (read16le(n + FX_FCW) != read16le(b + FX_FCW)) {
    snprintf(why, nwhy, "fcw: native %04x, blink %04x", read16le(n + FX_FCW),
             read16le(b + FX_FCW));
    return 1;
  }
  if ((read16le(n + FX_FSW) ^ read16le(b + FX_FSW)) & fswmask) {
    snprintf(why, nwhy, "fsw: native %04x, blink %04x", read16le(n + FX_FSW),
             read16le(b + FX_FSW));
    return 1;
  }
  if (n[FX_FTW] != b[FX_FTW]) {
    snprintf(why, nwhy, "ftw: native %02x, blink %02x", n[FX_FTW], b[FX_FTW]);
    return 1;
  }
  if (read16le(n + FX_FOP) != read16le(b + FX_FOP) && ptrs &&
      !(t->x87 && !host_amd && !(read16le(n + FX_FSW) & 0x80))) {
    snprintf(why, nwhy, "fop: native %03x, blink %03x", read16le(n + FX_FOP),
             read16le(b + FX_FOP));
    return 1;
  }
  if (read64le(n + FX_FIP) != read64le(b + FX_FIP) && ptrs) {
    snprintf(why, nwhy, "fip: native %#llx, blink %#llx",
             (unsigned long long)read64le(n + FX_FIP),
             (unsigned long long)read64le(b + FX_FIP));
    return 1;
  }
  if (read64le(n + FX_FDP) != read64le(b + FX_FDP) && ptrs &&
      !(t->x87 && host_fdp_excptn_only)) {
    snprintf(why, nwhy, "fdp: native %#llx, blink %#llx",
             (unsigned long long)read64le(n + FX_FDP),
             (unsigned long long)read64le(b + FX_FDP));
    return 1;
  }
  if (read32le(n + FX_MXCSR) != read32le(b + FX_MXCSR)) {
    snprintf(why, nwhy, "mxcsr: native %08x, blink %08x",
             read32le(n + FX_MXCSR), read32le(b + FX_MXCSR));
    return 1;
  }
  for (i = 0; i < 8; ++i) {
    const u8 *pn = n + FX_ST + 16 * i, *pb = b + FX_ST + 16 * i;
    if (!memcmp(pn, pb, 10)) continue;
    if (t->tol == TOL_ULP && within_ulp(pn, pb)) continue;
    snprintf(why, nwhy, "st%d: native %04x:%016llx, blink %04x:%016llx", i,
             read16le(pn + 8), (unsigned long long)read64le(pn),
             read16le(pb + 8), (unsigned long long)read64le(pb));
    return 1;
  }
  for (i = 0; i < 16; ++i) {
    const u8 *pn = n + FX_XMM + 16 * i, *pb = b + FX_XMM + 16 * i;
    if (!memcmp(pn, pb, 16)) continue;
    if ((t->tol == TOL_RCPPS || t->tol == TOL_RCPSS) && i == t->x.reg) {
      int lanes = t->tol == TOL_RCPPS ? 4 : 1, ok = 1;
      for (j = 0; j < 4; ++j) {
        u32 a = read32le(pn + 4 * j), c = read32le(pb + 4 * j);
        if (j < lanes ? !rcp_close(a, c) : a != c) ok = 0;
      }
      if (ok) continue;
    }
    snprintf(why, nwhy, "xmm%d differs", i);
    return 1;
  }
  return 0;
}

/* Bytes of a memory image the host fills in its own way, as (offset,
 * length) pairs into m; returns the number of pairs:
 *  - FXSAVE: MXCSR_MASK is the host's (SDM vol. 1, 11.6.6: bits a
 *    processor supports; AMD adds MM, bit 17); in the 32-bit format the
 *    FCS and FDS selectors, deprecated (stored as 0) where CPUID.(EAX=07H,
 *    ECX=0):EBX[13] is set and the host's CS otherwise (SDM vol. 1,
 *    8.1.8), with the reserved words next to them (vol. 2, FXSAVE, table
 *    3-53); the reserved tails of the ST slots and bytes 416-463, which
 *    the SDM leaves reserved (table 3-53); on an AMD host with FSW.ES
 *    clear in the image, FOP, FIP and FDP (see fp_compare).
 *  - FNSTENV/FNSAVE (28/108 bytes, 14/94 with 66): FCS and FDS (as
 *    above) and the reserved upper halves of the 32-bit format's words
 *    (SDM vol. 1, figures 8-9 and 8-10); FOP but on AMD hosts, which
 *    store it always (SDM vol. 1, 8.1.9.1: only on an unmasked exception
 *    unless in fopcode compatibility mode); FDP where CPUID.(EAX=07H,
 *    ECX=0):EBX[6] says it is kept only for exceptions (SDM vol. 1,
 *    8.1.8). */
static int image_masks(const struct tcase *t, u16 m[][2]) {
  int n = 0, i, fx = t->img == IMG_FXSAVE32 || t->img == IMG_FXSAVE64;
  int env32 = t->img == IMG_ENV32 || t->img == IMG_SAVE32;
#define MASK(o, l) (m[n][0] = (o), m[n][1] = (l), ++n)
  if (fx) {
    u64 a = t->img_addr - DATA_ADDR;
    MASK(FX_MXCSR_MASK, 4);
    for (i = 0; i < 8; ++i) MASK(FX_ST + 16 * i + 10, 6);
    MASK(416, 48);
    if (t->img == IMG_FXSAVE32) MASK(12, 4), MASK(20, 4);
    if (host_amd && a + 3 < DATA_SIZE && !(data[a + FX_FSW] & 0x80))
      MASK(FX_FOP, 18);
  } else if (env32) {
    MASK(2, 2), MASK(6, 2), MASK(10, 2), MASK(16, 2), MASK(24, 4);
    if (!host_amd) MASK(18, 2);
    if (host_fdp_excptn_only) MASK(20, 4);
  } else if (t->img) {
    MASK(8, 2), MASK(12, 2);
    if (host_fdp_excptn_only) MASK(10, 2);
  }
#undef MASK
  return n;
}

static int masked_byte(const struct tcase *t, u64 addr) {
  u16 m[16][2];
  int i, n;
  u64 off;
  if (!t->img || addr < t->img_addr) return 0;
  off = addr - t->img_addr;
  n = image_masks(t, m);
  for (i = 0; i < n; ++i)
    if (off >= m[i][0] && off < (u64)m[i][0] + m[i][1]) return 1;
  return 0;
}

static int differ(const struct tcase *t, const struct result *n,
                  const struct result *b, const u8 *guest_data, char *why,
                  size_t nwhy) {
  u64 mask = FLAGS_MASK & ~(strict ? 0 : undef_flags(t));
  int i, bad = 0;
  why[0] = 0;
  if (n->sig != b->sig || (n->sig && n->code != b->code)) {
    snprintf(why, nwhy, "signal: native %d/%d, blink %d/%d", n->sig, n->code,
             b->sig, b->code);
    bad = 1;
  } else {
    if (n->rip != b->rip) {
      snprintf(why, nwhy, "rip: native %#llx, blink %#llx",
               (unsigned long long)n->rip, (unsigned long long)b->rip);
      bad = 1;
    }
    for (i = 0; i < 16 && !bad; ++i) {
      if (n->out.v[1 + i] != b->out.v[1 + i]) {
        snprintf(why, nwhy, "%s: native %#llx, blink %#llx", kRegNames[i],
                 (unsigned long long)n->out.v[1 + i],
                 (unsigned long long)b->out.v[1 + i]);
        bad = 1;
      }
    }
    if (!bad && ((n->out.v[0] ^ b->out.v[0]) & mask)) {
      snprintf(why, nwhy, "flags: native %#llx, blink %#llx (mask %#llx)",
               (unsigned long long)(n->out.v[0] & FLAGS_MASK),
               (unsigned long long)(b->out.v[0] & FLAGS_MASK),
               (unsigned long long)mask);
      bad = 1;
    }
    if (!bad) bad = fp_compare(t, n->out.fx, b->out.fx, why, nwhy);
    if (!bad && memcmp(data, guest_data, DATA_SIZE)) {
      for (i = 0; i < (int)DATA_SIZE; ++i) {
        if (data[i] != guest_data[i] && !masked_byte(t, DATA_ADDR + i)) {
          snprintf(why, nwhy, "memory at %#llx: native %02x, blink %02x",
                   (unsigned long long)(DATA_ADDR + i), data[i], guest_data[i]);
          bad = 1;
          break;
        }
      }
    }
  }
  return bad;
}

/* Where the SDM describes x87 behaviour that this suite's reference CPU
 * (an AMD Zen, on which blink's x87 was measured) does otherwise, blink
 * follows that CPU: FCOMI/FUCOMI(P) keep C1 and set ZF/PF/CF even with IE
 * unmasked, FSTP1 (D9 D8+i) does not underflow, FLD m32/m64 of a denormal
 * pushes with DE unmasked. On a host of another vendor, a mismatch in
 * those forms is counted apart and does not fail the run. */
static int host_is_amd(void) {
  static int known, amd;
  if (!known) {
    unsigned a = 0, b, c, d;
    __asm__("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
    amd = b == 0x68747541 && d == 0x69746e65 && c == 0x444d4163;
    known = 1;
  }
  return amd;
}

static int vendor_form(const struct tcase *t) {
  const struct xed_insn *x = &t->x;
  int op = x->opcode, m = x->modrm;
  if (!t->x87) return 0;
  if (x->flags & XED_F_MEM) {
    return (op == 0xd9 || op == 0xdd) && ((m >> 3) & 7) == 0; /* FLD */
  }
  return ((op == 0xdb || op == 0xdf) && m >= 0xe8 && m <= 0xf7) ||
         (op == 0xd9 && m >= 0xd8 && m <= 0xdf);
}

static u64 vendor_mismatches;

static int compare(const struct tcase *t, const struct result *n,
                   const struct result *b, const u8 *guest_data) {
  char why[256];
  if (!differ(t, n, b, guest_data, why, sizeof(why))) return 0;
  if (!host_is_amd() && vendor_form(t)) {
    ++vendor_mismatches;
    return 0;
  }
  if (++mismatches <= max_shown) {
    printf("MISMATCH %s\n", why);
    print_case(t);
  }
  return 1;
}

/* ------------------------------------------------------------------- main */

static u64 env_u64(const char *name, u64 dflt) {
  const char *s = getenv(name);
  return s && *s ? strtoull(s, NULL, 0) : dflt;
}

/* The share of cases per class, among classes with forms in play. */
static int pick_class(void) {
  static const unsigned kWeight[CLS_COUNT] = {50, 35, 15};
  unsigned total = 0, r;
  int c;
  for (c = 0; c < CLS_COUNT; ++c)
    if (c == CLS_INT || nactive[c]) total += kWeight[c];
  r = below(total);
  for (c = 0; c < CLS_COUNT; ++c) {
    if (c != CLS_INT && !nactive[c]) continue;
    if (r < kWeight[c]) return c;
    r -= kWeight[c];
  }
  return CLS_INT;
}

static u64 next_slot(void) {
  static u64 slot_index;
  if (slot_index == SLOT_COUNT) {
    slot_index = 0;
    core_invalidate(&gc, CODE_ADDR, CODE_SIZE);
  }
  return SLOT_FIRST + slot_index++ * SLOT_SIZE;
}

int main(void) {
  static u8 guest_data[DATA_SIZE];
  u64 ncases = env_u64("BLINK_DIFF_CASES", 1000000);
  /* A fixed seed by default, so that `make check` is the same run every
   * time; long runs with other seeds go through BLINK_DIFF_SEED. */
  u64 seed = env_u64("BLINK_DIFF_SEED", 0x5eed);
  int verbose = (int)env_u64("BLINK_DIFF_VERBOSE", 0);
  int unmask_every = (int)env_u64("BLINK_DIFF_UNMASK", 16);
  u64 i, faults = 0, skipped = 0, unimpl_cases = 0, native_only = 0;
  struct sigaction sa;
  stack_t ss;
  u8 *code;
  int ntested = 0, k, c;
  int fp_decoded[CLS_COUNT] = {0}, fp_tested[CLS_COUNT] = {0};
  int fp_unimpl[CLS_COUNT] = {0}, fp_partial[CLS_COUNT] = {0};

  strict = (int)env_u64("BLINK_DIFF_STRICT", 0);
  max_shown = (int)env_u64("BLINK_DIFF_SHOW", 10);
  setvbuf(stdout, NULL, _IOLBF, 0);
  /* core/ allocates a block per case and frees them all when the code
   * slots come round again: keep that memory instead of giving it back
   * to the kernel and faulting it in again. */
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  rng_state = seed;
  code = mmap((void *)(uintptr_t)CODE_ADDR, CODE_SIZE,
              PROT_READ | PROT_WRITE | PROT_EXEC,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  data = mmap((void *)(uintptr_t)DATA_ADDR, DATA_SIZE, PROT_READ | PROT_WRITE,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (code != (u8 *)(uintptr_t)CODE_ADDR ||
      data != (u8 *)(uintptr_t)DATA_ADDR) {
    printf("diff: cannot map the test pages at their fixed addresses\n");
    return 2;
  }
  {
    u64 ex = (u64)(uintptr_t)diff_exit, ext = (u64)(uintptr_t)diff_exit_taken;
    memcpy(code, &ex, 8);
    memcpy(code + 8, &ext, 8);
  }
  /* The signal stack is mmap'd, far from the low heap: a random guest RSP
   * that fell inside it would make the kernel build the frame there. */
  ss.ss_sp = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ss.ss_size = 1 << 16;
  ss.ss_flags = 0;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  if (ss.ss_sp == MAP_FAILED || sigaltstack(&ss, NULL) ||
      sigaction(SIGFPE, &sa, NULL) || sigaction(SIGSEGV, &sa, NULL) ||
      sigaction(SIGILL, &sa, NULL) || sigaction(SIGBUS, &sa, NULL) ||
      sigaction(SIGTRAP, &sa, NULL)) {
    printf("diff: cannot install the signal handlers\n");
    return 2;
  }
  if (syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)GS_BASE)) {
    printf("diff: cannot set the GS base\n");
    return 2;
  }
  if (mmu_init(&gm) || core_init(&gc, &gm) ||
      mmu_map(&gm, CODE_ADDR, CODE_SIZE, MMU_READ | MMU_WRITE | MMU_EXEC) ||
      mmu_map(&gm, DATA_ADDR, DATA_SIZE, MMU_READ | MMU_WRITE)) {
    printf("diff: cannot set up the guest\n");
    return 2;
  }
  for (i = 0; i < DATA_SIZE; ++i) data[i] = (u8)rnd();
  int_build_forms();
  enumerate_decoded();
  fp_build_forms();
  if (fp_nforms() > MAX_FP_FORMS) {
    printf("diff: too many vector forms\n");
    return 2;
  }

  /* Which forms core/ binds to a handler; the others run natively only,
   * a few cases each, so that the harness is ready for them. */
  for (k = 0; k < fp_nforms(); ++k) {
    const struct fp_form *f = fp_form(k);
    u8 b[16];
    struct xed_insn x;
    ++fp_decoded[f->cls];
    if (xed_decode(&x, b, (size_t)fp_form_bytes(f, b), XED_MODE_64) == XED_OK &&
        core_bind(&x) != op_unimplemented) {
      fstat[k].bound = 1;
      active[f->cls][nactive[f->cls]++] = k;
      continue;
    }
    fstat[k].status = FS_UNIMPLEMENTED;
    for (c = 0; c < 8; ++c) {
      struct tcase t;
      struct result n;
      u64 slot = next_slot();
      fp_make_case(&t, k, slot, unmask_every);
      if (xed_decode(&t.x, t.bytes, (size_t)t.len, XED_MODE_64) != XED_OK)
        continue;
      memset(&n, 0, sizeof(n));
      run_native(&t, slot, &n);
      ++native_only;
    }
  }

  for (i = 0; i < ncases + skipped + unimpl_cases; ++i) {
    struct tcase t;
    struct result n, b;
    u64 slot = next_slot();
    int cls = pick_class(), fi;
    if (cls == CLS_INT) {
      fi = (int)below((unsigned)int_nforms());
      int_make_case(&t, fi, slot);
    } else {
      fi = active[cls][below((unsigned)nactive[cls])];
      fp_make_case(&t, fi, slot, unmask_every);
    }
    if (xed_decode(&t.x, t.bytes, (size_t)t.len, XED_MODE_64) != XED_OK ||
        t.undefined) {
      /* Bytes xed/ rejects are not this test's; a 16-bit SHLD/SHRD count
       * above 16 (an aliased count register) leaves the result undefined
       * (SDM, SHLD). */
      ++skipped;
      if (verbose > 2) {
        printf("skip:\n");
        print_case(&t);
      }
      continue;
    }
    memset(&n, 0, sizeof(n));
    memset(&b, 0, sizeof(b));
    /* blink first, from the data as it is; then the host CPU. */
    run_blink(&t, slot, &b);
    if (mmu_read(&gm, DATA_ADDR, guest_data, DATA_SIZE)) {
      printf("diff: guest memory read failed\n");
      return 2;
    }
    if (verbose == 2) print_case(&t);
    run_native(&t, slot, &n);
    if (cls != CLS_INT) {
      /* A handler that raises SIGILL where the host runs the instruction
       * doesn't implement this form yet (the MMX forms of the SSE2
       * handlers, say); after four such cases and none that ran, the form
       * counts as not implemented. One that also ran is a mismatch. */
      if (b.sig == LINUX_SIGILL && b.rip == slot && n.sig != SIGILL &&
          !fstat[fi].ok) {
        if (!fstat[fi].sigill++) fstat[fi].first = t;
        if (fstat[fi].sigill >= 4) {
          fstat[fi].status = FS_UNIMPLEMENTED;
          deactivate(cls, fi);
        }
        ++unimpl_cases;
        continue;
      }
      if (!fstat[fi].ok++ && fstat[fi].sigill) {
        /* The earlier SIGILLs were wrong. */
        mismatches += (int)fstat[fi].sigill;
        if (mismatches <= max_shown) {
          printf(
              "MISMATCH signal: native ran, blink %d (SIGILL) in a form "
              "that runs in other cases\n",
              LINUX_SIGILL);
          print_case(&fstat[fi].first);
        }
      }
      fstat[fi].status = FS_IMPLEMENTED;
    }
    if (n.sig) ++faults;
    if (compare(&t, &n, &b, guest_data) && mismatches <= max_shown) {
      print_state("native:", &n.out);
      print_state("blink: ", &b.out);
      if (cls != CLS_INT) {
        print_fx("native:", n.out.fx, b.out.fx);
        print_fx("blink: ", b.out.fx, n.out.fx);
      }
    }
    if (cls == CLS_INT) {
      k = find_key(form_key(&t.x));
      if (k >= 0) tested[k] = 1;
    }
  }

  for (k = 0; k < ndecoded; ++k) {
    if (tested[k]) {
      ++ntested;
    } else if (verbose) {
      u32 key = decoded[k];
      printf("untested: integer map %u opcode %02x %s osz %d %s\n", key >> 24,
             (key >> 16) & 0xff, xed_mnemonic((int)((key >> 4) & 0xfff)),
             1 << ((key >> 1) & 3), (key & 1) ? "mem" : "reg");
    }
  }
  for (k = 0; k < fp_nforms(); ++k) {
    const struct fp_form *f = fp_form(k);
    char text[96];
    if (fstat[k].status == FS_IMPLEMENTED) {
      ++fp_tested[f->cls];
      continue;
    }
    if (fstat[k].status == FS_UNIMPLEMENTED) ++fp_unimpl[f->cls];
    if (fstat[k].status == FS_UNIMPLEMENTED && fstat[k].bound)
      ++fp_partial[f->cls];
    if (verbose) {
      describe_fp_form(f, text, sizeof(text));
      printf("untested: %s %s%s\n", f->cls == CLS_SSE ? "sse" : "x87", text,
             fstat[k].status != FS_UNIMPLEMENTED ? " (no case drawn)"
             : fstat[k].bound ? " (its handler raises SIGILL)"
                              : " (not implemented)");
    }
  }
  printf(
      "diff: %llu cases (%llu faulting, %llu skipped; %llu more on forms "
      "core/ lacks, %llu native only), %d mismatches, seed %#llx\n",
      (unsigned long long)ncases, (unsigned long long)faults,
      (unsigned long long)skipped, (unsigned long long)unimpl_cases,
      (unsigned long long)native_only, mismatches, (unsigned long long)seed);
  if (vendor_mismatches) {
    printf("diff: %llu cases differ where blink follows AMD's x87 rather "
           "than this host's vendor (not counted; see vendor_form)\n",
           (unsigned long long)vendor_mismatches);
  }
  printf(
      "diff: forms tested / decoded: integer %d / %d, SSE/MMX %d / %d (%d "
      "not implemented, %d of them bound to a handler that raises SIGILL), "
      "x87 %d / %d (%d not implemented)\n",
      ntested, ndecoded, fp_tested[CLS_SSE], fp_decoded[CLS_SSE],
      fp_unimpl[CLS_SSE], fp_partial[CLS_SSE], fp_tested[CLS_X87],
      fp_decoded[CLS_X87], fp_unimpl[CLS_X87]);
  return mismatches ? 1 : 0;
}
