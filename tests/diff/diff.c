/* tests/diff: blink's core/ against the host CPU, instruction by
 * instruction (x86-64 hosts only).
 *
 * Each case is one integer instruction form (opcode, operand size,
 * register or memory operand, prefixes) with random registers, flags and
 * memory drawn from edge values (0, 1, -1, the sign boundaries of every
 * size, small and random numbers). The same bytes run twice from the same
 * state:
 *
 *   natively, at a fixed address in an RWX page, between a stub that loads
 *   every general register and RFLAGS from a struct and one that stores
 *   them back (the instruction is followed by an indirect jump to the
 *   second stub; a taken branch with displacement 6 lands on another);
 *
 *   under core/, in a guest mmu with the code at the same address and the
 *   data at the same addresses, the instruction followed by UD2 so that
 *   core_run() comes back (CORE_FAULT, SIGILL at the UD2) with no register
 *   clobbered.
 *
 * Then GPRs, RIP, the six status flags and DF, and the whole data area
 * must agree. A fault (#DE, #GP, #UD) must be the same fault with the same
 * registers: natively a signal handler takes the state from the ucontext.
 * Flags the SDM leaves undefined are masked per instruction (undef_flags).
 *
 *   diff            1,000,000 cases (BLINK_DIFF_CASES=N for more or less,
 *                   BLINK_DIFF_SEED=S to replay, BLINK_DIFF_VERBOSE=1
 *                   to list untested forms)
 *
 * Output: the first mismatches in full, then one summary line with the
 * number of cases, mismatches and coverage (forms tested / decoded). */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm/prctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "core/core.h"
#include "xed/xed.h"

#define CODE_ADDR 0x10000000u
#define CODE_SIZE 0x11000u
#define SLOT_FIRST (CODE_ADDR + 0x1000u)
#define SLOT_SIZE 32u
#define SLOT_COUNT ((CODE_SIZE - 0x1000u) / SLOT_SIZE)
#define DATA_ADDR 0x20000000u
#define DATA_SIZE 0x4000u
#define TAKEN_DISP 6 /* branch displacement used by every branch case */
/* GS base, natively (arch_prctl) and in blink, for GS-override cases; the
 * C library uses FS, never GS, on x86-64. */
#define GS_BASE 0x1000000u

#define FLAGS_MASK (X86_EFLAGS_ARITH | X86_EFLAGS_DF)

/* v[0] = RFLAGS, v[1 + r] = register r (CORE_RAX ...): the stubs' layout. */
struct state {
  u64 v[17];
};

/* Shared with the assembly stubs. */
u64 diff_host_rsp, diff_target, diff_out_end;
u8 diff_taken;
void diff_enter(struct state *in, u64 code);
void diff_exit(void);
void diff_exit_taken(void);
void diff_resume(void);

__asm__(
    ".text\n"
    ".globl diff_enter\n"
    "diff_enter:\n"
    "  push %rbx\n  push %rbp\n  push %r12\n  push %r13\n"
    "  push %r14\n  push %r15\n"
    "  mov %rsp, diff_host_rsp(%rip)\n"
    "  mov %rsi, diff_target(%rip)\n"
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
    "  cld\n"
    ".globl diff_resume\n"
    "diff_resume:\n"
    "  mov diff_host_rsp(%rip), %rsp\n"
    "  pop %r15\n  pop %r14\n  pop %r13\n  pop %r12\n"
    "  pop %rbp\n  pop %rbx\n"
    "  ret\n");

/* ---------------------------------------------------------------- random */

static u64 rng_state;

static u64 rnd(void) { /* splitmix64 */
  u64 z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static unsigned below(unsigned n) {
  return (unsigned)(rnd() % n);
}

/* Edge values of every size, small numbers and random ones. */
static u64 edge(void) {
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

/* -------------------------------------------------------------- the forms */

enum {
  IMM_NONE,
  IMM_B,
  IMM_W,
  IMM_Z,
  IMM_V,
  IMM_WB,
  IMM_J8,
  IMM_J32,
  IMM_MOFFS
};

enum {
  M_NONE,    /* no ModRM */
  M_ANY,     /* register or memory */
  M_REG,     /* register only */
  M_MEM,     /* memory only */
  M_REG_LOW, /* register in the opcode's low 3 bits (REX.B extends) */
};

enum {
  K_PLAIN,
  K_DIV,      /* dividend and divisor mostly in range */
  K_SHIFT,    /* count from the edges of the operand width */
  K_SHXD,     /* the same, without 16-bit counts above 16 (undefined) */
  K_BT,       /* a register bit offset reaching out of the operand */
  K_STRING,   /* RSI/RDI into the data, a small RCX, REP prefixes, 67 */
  K_STACK,    /* RSP into the data */
  K_ENTER,    /* RSP and RBP into the data */
  K_BRANCH,   /* displacement TAKEN_DISP */
  K_LOOP,     /* LOOPcc/JRCXZ: RCX edges, 67 */
  K_CMPXCHG,  /* the accumulator often equal to the destination */
  K_CX8,      /* CMPXCHG8B/16B: rDX:rAX often equal to the memory */
  K_XLAT,     /* RBX into the data */
  K_MOFFS,    /* absolute address into the data */
  K_MULTIPLY, /* nothing special; a name for the report */
  K_CALL,     /* CALL rel32: RSP into the data */
  K_RET,      /* RET: the return address is the taken exit */
  K_IND,      /* CALL/JMP r/m64: the operand is the taken exit */
  K_POPF,     /* POPF: an image without TF, AC and NT */
  K_INT,      /* INT n, n not a gate user code may use */
  K_NOLOCK,   /* no LOCK prefix: LOCK MOV CR0 is MOV CR8 on AMD only */
};

#define S1 1
#define S2 2
#define S4 4
#define S8 8
#define SV (S2 | S4 | S8)

struct form {
  u8 map; /* 0: one byte, 1: 0F */
  u8 opc;
  u8 ext; /* ModRM.reg of a group member, or 0xff for /r */
  u8 modrm;
  u8 imm;
  u8 sizes; /* operand sizes allowed, as a mask of byte counts */
  u8 kind;
};

static struct form forms[1024];
static int nforms;

static void add(int map, int opc, int ext, int modrm, int imm, int sizes,
                int kind) {
  struct form *f = &forms[nforms++];
  f->map = (u8)map;
  f->opc = (u8)opc;
  f->ext = (u8)ext;
  f->modrm = (u8)modrm;
  f->imm = (u8)imm;
  f->sizes = (u8)sizes;
  f->kind = (u8)kind;
}

#define R 0xff

static void build_forms(void) {
  int op, i;
  for (op = 0; op < 8; ++op) { /* ADD OR ADC SBB AND SUB XOR CMP */
    add(0, op * 8 + 0, R, M_ANY, IMM_NONE, S1, K_PLAIN);
    add(0, op * 8 + 1, R, M_ANY, IMM_NONE, SV, K_PLAIN);
    add(0, op * 8 + 2, R, M_ANY, IMM_NONE, S1, K_PLAIN);
    add(0, op * 8 + 3, R, M_ANY, IMM_NONE, SV, K_PLAIN);
    add(0, op * 8 + 4, R, M_NONE, IMM_B, S1, K_PLAIN);
    add(0, op * 8 + 5, R, M_NONE, IMM_Z, SV, K_PLAIN);
    add(0, 0x80, op, M_ANY, IMM_B, S1, K_PLAIN);
    add(0, 0x81, op, M_ANY, IMM_Z, SV, K_PLAIN);
    add(0, 0x83, op, M_ANY, IMM_B, SV, K_PLAIN);
  }
  add(0, 0x84, R, M_ANY, IMM_NONE, S1, K_PLAIN); /* TEST */
  add(0, 0x85, R, M_ANY, IMM_NONE, SV, K_PLAIN);
  add(0, 0xa8, R, M_NONE, IMM_B, S1, K_PLAIN);
  add(0, 0xa9, R, M_NONE, IMM_Z, SV, K_PLAIN);
  for (i = 0; i < 2; ++i) {
    add(0, 0xf6, i, M_ANY, IMM_B, S1, K_PLAIN);
    add(0, 0xf7, i, M_ANY, IMM_Z, SV, K_PLAIN);
    add(0, 0xfe, i, M_ANY, IMM_NONE, S1, K_PLAIN); /* INC DEC */
    add(0, 0xff, i, M_ANY, IMM_NONE, SV, K_PLAIN);
  }
  for (i = 2; i < 8; ++i) { /* NOT NEG MUL IMUL DIV IDIV */
    int k = i < 4 ? K_PLAIN : i < 6 ? K_MULTIPLY : K_DIV;
    add(0, 0xf6, i, M_ANY, IMM_NONE, S1, k);
    add(0, 0xf7, i, M_ANY, IMM_NONE, SV, k);
  }
  add(1, 0xaf, R, M_ANY, IMM_NONE, SV, K_MULTIPLY); /* IMUL */
  add(0, 0x69, R, M_ANY, IMM_Z, SV, K_MULTIPLY);
  add(0, 0x6b, R, M_ANY, IMM_B, SV, K_MULTIPLY);
  for (i = 0; i < 8; ++i) { /* ROL ROR RCL RCR SHL SHR SAL SAR */
    add(0, 0xc0, i, M_ANY, IMM_B, S1, K_SHIFT);
    add(0, 0xc1, i, M_ANY, IMM_B, SV, K_SHIFT);
    add(0, 0xd0, i, M_ANY, IMM_NONE, S1, K_SHIFT);
    add(0, 0xd1, i, M_ANY, IMM_NONE, SV, K_SHIFT);
    add(0, 0xd2, i, M_ANY, IMM_NONE, S1, K_SHIFT);
    add(0, 0xd3, i, M_ANY, IMM_NONE, SV, K_SHIFT);
  }
  add(1, 0xa4, R, M_ANY, IMM_B, SV, K_SHXD); /* SHLD SHRD */
  add(1, 0xa5, R, M_ANY, IMM_NONE, SV, K_SHXD);
  add(1, 0xac, R, M_ANY, IMM_B, SV, K_SHXD);
  add(1, 0xad, R, M_ANY, IMM_NONE, SV, K_SHXD);
  add(1, 0xa3, R, M_ANY, IMM_NONE, SV, K_BT); /* BT BTS BTR BTC */
  add(1, 0xab, R, M_ANY, IMM_NONE, SV, K_BT);
  add(1, 0xb3, R, M_ANY, IMM_NONE, SV, K_BT);
  add(1, 0xbb, R, M_ANY, IMM_NONE, SV, K_BT);
  for (i = 4; i < 8; ++i) add(1, 0xba, i, M_ANY, IMM_B, SV, K_PLAIN);
  add(1, 0xbc, R, M_ANY, IMM_NONE, SV, K_PLAIN); /* BSF BSR */
  add(1, 0xbd, R, M_ANY, IMM_NONE, SV, K_PLAIN);
  add(1, 0xc8, R, M_REG_LOW, IMM_NONE, SV, K_PLAIN); /* BSWAP */
  add(1, 0xc0, R, M_ANY, IMM_NONE, S1, K_PLAIN);     /* XADD */
  add(1, 0xc1, R, M_ANY, IMM_NONE, SV, K_PLAIN);
  add(1, 0xb0, R, M_ANY, IMM_NONE, S1, K_CMPXCHG); /* CMPXCHG */
  add(1, 0xb1, R, M_ANY, IMM_NONE, SV, K_CMPXCHG);
  add(1, 0xc7, 1, M_ANY, IMM_NONE, SV, K_CX8); /* CMPXCHG8B/16B */
  /* Data movement. */
  add(0, 0x88, R, M_ANY, IMM_NONE, S1, K_PLAIN);
  add(0, 0x89, R, M_ANY, IMM_NONE, SV, K_PLAIN);
  add(0, 0x8a, R, M_ANY, IMM_NONE, S1, K_PLAIN);
  add(0, 0x8b, R, M_ANY, IMM_NONE, SV, K_PLAIN);
  add(0, 0xb0, R, M_REG_LOW, IMM_B, S1, K_PLAIN);
  add(0, 0xb8, R, M_REG_LOW, IMM_V, SV, K_PLAIN);
  add(0, 0xc6, 0, M_ANY, IMM_B, S1, K_PLAIN);
  add(0, 0xc7, 0, M_ANY, IMM_Z, SV, K_PLAIN);
  add(0, 0xa0, R, M_NONE, IMM_MOFFS, S1, K_MOFFS);
  add(0, 0xa1, R, M_NONE, IMM_MOFFS, SV, K_MOFFS);
  add(0, 0xa2, R, M_NONE, IMM_MOFFS, S1, K_MOFFS);
  add(0, 0xa3, R, M_NONE, IMM_MOFFS, SV, K_MOFFS);
  add(1, 0xb6, R, M_ANY, IMM_NONE, SV, K_PLAIN); /* MOVZX MOVSX */
  add(1, 0xb7, R, M_ANY, IMM_NONE, SV, K_PLAIN);
  add(1, 0xbe, R, M_ANY, IMM_NONE, SV, K_PLAIN);
  add(1, 0xbf, R, M_ANY, IMM_NONE, SV, K_PLAIN);
  add(0, 0x63, R, M_ANY, IMM_NONE, SV, K_PLAIN); /* MOVSXD */
  add(0, 0x8d, R, M_MEM, IMM_NONE, SV, K_PLAIN); /* LEA */
  add(0, 0x86, R, M_ANY, IMM_NONE, S1, K_PLAIN); /* XCHG */
  add(0, 0x87, R, M_ANY, IMM_NONE, SV, K_PLAIN);
  add(0, 0x90, R, M_REG_LOW, IMM_NONE, SV, K_PLAIN);
  add(0, 0x98, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* CBW CWD */
  add(0, 0x99, R, M_NONE, IMM_NONE, SV, K_PLAIN);
  for (i = 0; i < 16; ++i) {
    add(1, 0x40 + i, R, M_ANY, IMM_NONE, SV, K_PLAIN); /* CMOVcc */
    add(1, 0x90 + i, 0, M_ANY, IMM_NONE, S1, K_PLAIN); /* SETcc */
    add(0, 0x70 + i, R, M_NONE, IMM_J8, S8, K_BRANCH); /* Jcc */
    add(1, 0x80 + i, R, M_NONE, IMM_J32, S8, K_BRANCH);
  }
  add(0, 0xeb, R, M_NONE, IMM_J8, S8, K_BRANCH); /* JMP */
  add(0, 0xe9, R, M_NONE, IMM_J32, S8, K_BRANCH);
  for (i = 0; i < 4; ++i) add(0, 0xe0 + i, R, M_NONE, IMM_J8, S8, K_LOOP);
  add(0, 0xf5, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* CMC */
  for (i = 0xf8; i <= 0xf9; ++i) add(0, i, R, M_NONE, IMM_NONE, SV, K_PLAIN);
  for (i = 0xfc; i <= 0xfd; ++i) add(0, i, R, M_NONE, IMM_NONE, SV, K_PLAIN);
  add(0, 0x9e, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* SAHF LAHF */
  add(0, 0x9f, R, M_NONE, IMM_NONE, SV, K_PLAIN);
  add(0, 0xe8, R, M_NONE, IMM_J32, S8, K_CALL); /* CALL RET */
  add(0, 0xc3, R, M_NONE, IMM_NONE, S8, K_RET);
  add(0, 0xc2, R, M_NONE, IMM_W, S8, K_RET);
  add(0, 0xff, 2, M_ANY, IMM_NONE, S8, K_IND); /* CALL JMP r/m64 */
  add(0, 0xff, 4, M_ANY, IMM_NONE, S8, K_IND);
  add(0, 0x9d, R, M_NONE, IMM_NONE, S2 | S8, K_POPF);
  add(1, 0xa0, R, M_NONE, IMM_NONE, S2 | S8, K_STACK); /* PUSH FS, GS */
  add(1, 0xa8, R, M_NONE, IMM_NONE, S2 | S8, K_STACK);
  for (i = 0xa4; i <= 0xaf; ++i) {        /* MOVS CMPS STOS LODS SCAS */
    if (i == 0xa8 || i == 0xa9) continue; /* TEST AL/rAX, imm */
    add(0, i, R, M_NONE, IMM_NONE, (i & 1) ? SV : S1, K_STRING);
  }
  add(0, 0xd7, R, M_NONE, IMM_NONE, S1, K_XLAT);
  add(0, 0xc8, R, M_NONE, IMM_WB, S2 | S8, K_ENTER);
  add(0, 0xc9, R, M_NONE, IMM_NONE, S2 | S8, K_STACK); /* LEAVE */
  add(0, 0x50, R, M_REG_LOW, IMM_NONE, S2 | S8, K_STACK);
  add(0, 0x58, R, M_REG_LOW, IMM_NONE, S2 | S8, K_STACK);
  add(0, 0x68, R, M_NONE, IMM_Z, S2 | S8, K_STACK);
  add(0, 0x6a, R, M_NONE, IMM_B, S2 | S8, K_STACK);
  add(0, 0xff, 6, M_ANY, IMM_NONE, S2 | S8, K_STACK);
  add(0, 0x8f, 0, M_ANY, IMM_NONE, S2 | S8, K_STACK);
  add(0, 0x9c, R, M_NONE, IMM_NONE, S2 | S8, K_STACK); /* PUSHF */
  /* Instructions whose whole effect is a signal: #UD (SIGILL), #GP at
   * CPL 3 (SIGSEGV, SI_KERNEL), INT3 and INT1 (SIGTRAP after them); INT n
   * only for vectors 3, 4 and 32-255 but 0x80 (see make_case). */
  add(1, 0x0b, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* UD2 */
  add(1, 0xb9, R, M_ANY, IMM_NONE, SV, K_PLAIN);  /* UD1 */
  add(1, 0xff, R, M_ANY, IMM_NONE, SV, K_PLAIN);  /* UD0 */
  add(0, 0xf4, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* HLT */
  add(0, 0xfa, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* CLI */
  add(0, 0xfb, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* STI */
  add(0, 0xcc, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* INT3 */
  add(0, 0xcd, R, M_NONE, IMM_B, SV, K_INT);      /* INT n */
  for (i = 0xe4; i <= 0xe7; ++i) add(0, i, R, M_NONE, IMM_B, SV, K_PLAIN);
  for (i = 0xec; i <= 0xef; ++i) add(0, i, R, M_NONE, IMM_NONE, SV, K_PLAIN);
  for (i = 0x6c; i <= 0x6f; ++i) add(0, i, R, M_NONE, IMM_NONE, SV, K_PLAIN);
  add(1, 0x06, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* CLTS */
  add(1, 0x08, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* INVD WBINVD */
  add(1, 0x09, R, M_NONE, IMM_NONE, SV, K_PLAIN);
  add(1, 0x30, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* WRMSR RDMSR */
  add(1, 0x32, R, M_NONE, IMM_NONE, SV, K_PLAIN);
  add(1, 0x33, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* RDPMC: CR4.PCE clear */
  /* Not SYSENTER/SYSEXIT: #UD on AMD in long mode, #GP on Intel. */
  add(1, 0xaa, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* RSM */
  /* MOV CRn/DRn (the mod field is ignored) */
  for (i = 0x20; i <= 0x23; ++i) add(1, i, R, M_ANY, IMM_NONE, SV, K_NOLOCK);
  add(1, 0x07, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* SYSRET */
  add(0, 0xf1, R, M_NONE, IMM_NONE, SV, K_PLAIN); /* INT1 */
  /* LFENCE MFENCE SFENCE; the memory forms are XSAVE*, CLFLUSH */
  for (i = 5; i < 8; ++i) add(1, 0xae, i, M_REG, IMM_NONE, SV, K_PLAIN);
  /* NOP, hint NOPs and prefetches: nothing changes. */
  add(0, 0x90, 0, M_NONE, IMM_NONE, SV, K_PLAIN); /* with reg 0: NOP */
  add(1, 0x0d, R, M_ANY, IMM_NONE, SV, K_PLAIN);
  for (i = 0x18; i <= 0x1f; ++i) add(1, i, R, M_ANY, IMM_NONE, SV, K_PLAIN);
}

/* --------------------------------------------------------- one test case */

struct tcase {
  const struct form *f;
  u8 bytes[16];
  int len;
  struct xed_insn x; /* what xed/ makes of the bytes */
  struct state in;
  u64 count;     /* shift count, for the undefined-flag masks */
  int undefined; /* the SDM leaves the result undefined: not run */
};

static u8 *data; /* the native data area, at DATA_ADDR */

static void set_reg(struct state *s, int r, u64 v) {
  s->v[1 + r] = v;
}
static u64 get_reg(const struct state *s, int r) {
  return s->v[1 + r];
}

/* Writes v at size into register r as an instruction with or without REX
 * would name it (AH..BH without REX). */
static void put_reg(struct state *s, int rex, int r, int size, u64 v) {
  u64 m = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
  if (size == 1 && !rex && r >= 4 && r < 8) {
    u64 o = get_reg(s, r - 4);
    set_reg(s, r - 4, (o & ~0xff00ull) | (v & 0xff) << 8);
  } else {
    set_reg(s, r, (get_reg(s, r) & ~m) | (v & m));
  }
}

static u64 data_addr_mid(unsigned margin) {
  return DATA_ADDR + margin + below(DATA_SIZE - 2 * margin);
}

/* Stores v in the data area (bytes outside it are left alone: a register
 * the operand needs may have become a memory operand's base). */
static void put_mem(u64 addr, int size, u64 v) {
  int i;
  for (i = 0; i < size; ++i) {
    if (addr + i - DATA_ADDR < DATA_SIZE)
      data[addr + i - DATA_ADDR] = (u8)(v >> (8 * i));
  }
}

static u64 shift_count_edge(int w) {
  static const u8 kCounts[] = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63};
  if (below(3)) return kCounts[below(ARRAY_LEN(kCounts))];
  if (below(2)) return (u64)(w - 1 + (int)below(3) - 1) & 0xff;
  return rnd() & 0xff;
}

static void emit(struct tcase *t, u64 v, int n) {
  int i;
  for (i = 0; i < n; ++i) t->bytes[t->len++] = (u8)(v >> (8 * i));
}

/* Builds the bytes and the starting state of one case of form f. */
static void make_case(struct tcase *t, const struct form *f, u64 slot) {
  static const int kSizes[] = {1, 2, 4, 8};
  int size, i, reg, rm = 0, mem = 0, rex = 0, base = -1, index = -1;
  int scale = 0, mod = 0, need_sib = 0, rep = 0, asz32 = 0, lock = 0, gs;
  u64 target = 0, disp = 0, imm = 0, idxval = 0;
  struct state *s = &t->in;
  memset(t, 0, sizeof(*t));
  t->f = f;
  do size = kSizes[below(4)];
  while (!(f->sizes & size));
  for (i = 0; i < 16; ++i) set_reg(s, i, edge());
  /* RSP canonical (bits 63..47 equal): see on_fault. */
  set_reg(s, CORE_RSP, (u64)((i64)(get_reg(s, CORE_RSP) << 16) >> 16));
  s->v[0] = X86_EFLAGS_INITIAL | (rnd() & X86_EFLAGS_ARITH) |
            (below(4) ? 0 : X86_EFLAGS_DF);
  if (f->kind == K_STRING && below(2)) s->v[0] |= X86_EFLAGS_DF;
  reg = f->ext != R ? f->ext : (int)below(16);

  /* Operands. */
  if (f->modrm == M_MEM || (f->modrm == M_ANY && below(2))) {
    mem = 1;
    target = data_addr_mid(4096 + 64);
    if (f->kind == K_CX8 && below(4)) target &= ~15ull;
    /* Now and then an operand that straddles the end of the data area:
     * the access faults (SIGSEGV) on its second page. */
    if (!below(64) && f->kind != K_STACK && f->kind != K_BT && f->kind != K_IND)
      target = DATA_ADDR + DATA_SIZE - 1 - below(8);
    do base = (int)below(16);
    while (f->kind == K_BT && base == reg);
    need_sib = (base & 7) == 4 || below(3) == 0;
    if (need_sib && below(2)) {
      do index = (int)below(16);
      while (index == 4 || index == base || (f->kind == K_BT && index == reg));
      scale = (int)below(4);
      idxval = (u64)(i64)((int)below(64) - 16);
    }
    mod = (int)below(3);
    if (mod == 0 && (base & 7) == 5) mod = 1;
    disp = mod == 1   ? (u64)(i64)(i8)rnd()
           : mod == 2 ? (u64)(i64)(i32)(rnd() % 6000 - 3000)
                      : 0;
  } else if (f->modrm == M_ANY || f->modrm == M_REG) {
    rm = (int)below(16);
  } else if (f->modrm == M_REG_LOW) {
    reg = (int)below(16);
  }
  if (size == 8 && f->kind != K_BRANCH && f->kind != K_LOOP &&
      f->kind != K_STACK && f->kind != K_ENTER && f->kind != K_CALL &&
      f->kind != K_RET && f->kind != K_IND && f->kind != K_POPF)
    rex |= 8;
  if (f->kind == K_CX8 && size == 8) rex |= 8;
  if (f->modrm == M_ANY || f->modrm == M_MEM || f->modrm == M_REG) {
    if (reg & 8) rex |= 4;
    if (mem) {
      if (base & 8) rex |= 1;
      if (index >= 0 && (index & 8)) rex |= 2;
    } else if (rm & 8) {
      rex |= 1;
    }
  } else if (f->modrm == M_REG_LOW && (reg & 8)) {
    rex |= 1;
  }
  if (!rex && below(2)) rex = 0x40; /* a bare REX: SPL..DIL, not AH..BH */
  if (f->kind == K_STRING) {
    rep = below(3) == 0 ? 0 : below(2) ? 0xf3 : 0xf2;
    asz32 = below(4) == 0;
  }
  if (f->kind == K_LOOP || f->kind == K_XLAT) asz32 = below(4) == 0;
  if (mem && f->kind != K_STACK && f->kind != K_IND) asz32 = below(8) == 0;
  lock = below(40) == 0 && f->kind != K_NOLOCK && f->kind != K_INT;

  /* Bytes: prefixes, REX, opcode, ModRM, SIB, displacement, immediate. */
  gs =
      (mem || f->kind == K_STRING || f->kind == K_XLAT || f->kind == K_MOFFS) &&
      !below(8);
  if (lock) emit(t, 0xf0, 1);
  if (rep) emit(t, (u64)rep, 1);
  if (gs) emit(t, 0x65, 1);
  if (size == 2) emit(t, 0x66, 1);
  if (asz32) emit(t, 0x67, 1);
  if (rex) emit(t, 0x40 | (rex & 15), 1);
  if (f->map) emit(t, 0x0f, 1);
  emit(t, f->modrm == M_REG_LOW ? (u64)(f->opc | (reg & 7)) : f->opc, 1);
  if (f->modrm == M_ANY || f->modrm == M_MEM || f->modrm == M_REG) {
    if (mem) {
      emit(t, (u64)(mod << 6 | (reg & 7) << 3 | (need_sib ? 4 : (base & 7))),
           1);
      if (need_sib)
        emit(t,
             (u64)(scale << 6 | (index >= 0 ? index & 7 : 4) << 3 | (base & 7)),
             1);
      emit(t, disp, mod == 1 ? 1 : mod == 2 ? 4 : 0);
    } else {
      emit(t, (u64)(0xc0 | (reg & 7) << 3 | (rm & 7)), 1);
    }
  }
  switch (f->imm) {
    case IMM_B:
      imm = f->kind == K_SHIFT || f->kind == K_SHXD ? shift_count_edge(8 * size)
                                                    : edge();
      if (f->kind == K_SHXD && size == 2 && (imm & 31) > 16) imm = 16;
      /* Vectors below 32 are the CPU's exceptions, whose gates
       * differ by kernel (this one lets INT 0x1a through), but for 3 and
       * 4; 0x80 is a 32-bit syscall. */
      if (f->kind == K_INT &&
          (((u8)imm < 32 && imm != 3 && imm != 4) || (u8)imm == 0x80))
        imm = 0x81 + below(100);
      if (f->kind == K_INT && !below(8)) imm = 3 + below(2);
      emit(t, imm, 1);
      break;
    case IMM_W: emit(t, edge(), 2); break;
    case IMM_Z: emit(t, edge(), size == 2 ? 2 : 4); break;
    case IMM_V: emit(t, edge(), size); break;
    case IMM_WB:
      emit(t, below(4) ? below(200) : rnd(), 2);
      emit(t, below(4) ? below(4) : rnd(), 1);
      break;
    case IMM_J8: emit(t, TAKEN_DISP, 1); break;
    case IMM_J32: emit(t, TAKEN_DISP, 4); break;
    case IMM_MOFFS: emit(t, data_addr_mid(64) - (gs ? GS_BASE : 0), 8); break;
    default: break;
  }

  /* Implicit operands. */
  switch (f->kind) {
    case K_SHIFT:
    case K_SHXD:
      if (f->imm == IMM_NONE && (f->opc == 0xd2 || f->opc == 0xd3 ||
                                 f->opc == 0xa5 || f->opc == 0xad)) {
        u64 n = shift_count_edge(8 * size);
        if (f->kind == K_SHXD && size == 2 && (n & 31) > 16) n = 16;
        set_reg(s, CORE_RCX, (get_reg(s, CORE_RCX) & ~0xffull) | n);
      }
      break;
    case K_STRING: {
      /* Counts that stay inside the data: where a REP string instruction
       * faults part way, what its fast-string microcode has already
       * stored (AMD writes the first part of a split store) and its flags
       * are not what the SDM pins down. Long runs now and then, for
       * blink's bulk copies. */
      u64 n = below(8) ? below(20) : below(700);
      unsigned margin = (unsigned)n * 8 + 64;
      set_reg(s, CORE_RSI, data_addr_mid(margin) | (asz32 ? rnd() << 32 : 0));
      set_reg(s, CORE_RDI, data_addr_mid(margin) | (asz32 ? rnd() << 32 : 0));
      set_reg(s, CORE_RCX, n | (asz32 ? rnd() << 32 : 0));
      if (below(2)) { /* equal runs, for REPE/REPNE to go on */
        u64 a = get_reg(s, CORE_RSI) & 0xffffffff;
        u64 d = get_reg(s, CORE_RDI) & 0xffffffff;
        unsigned n = below(160);
        memmove(
            data + (d - DATA_ADDR), data + (a - DATA_ADDR),
            n < DATA_SIZE - (d - DATA_ADDR) && n < DATA_SIZE - (a - DATA_ADDR)
                ? n
                : 0);
        if (below(2)) data[d - DATA_ADDR + below(8)] ^= 1;
        if (below(2)) {
          unsigned k;
          for (k = 0; k < 64 && d - DATA_ADDR + k < DATA_SIZE; ++k)
            data[d - DATA_ADDR + k] = (u8)get_reg(s, CORE_RAX);
        }
      }
      break;
    }
    case K_STACK:
    case K_CALL:
    case K_RET:
    case K_IND:
    case K_POPF:
      set_reg(s, CORE_RSP, data_addr_mid(256) & ~(below(4) ? 7ull : 0));
      set_reg(s, CORE_RBP, data_addr_mid(256));
      break;
    case K_ENTER:
      set_reg(s, CORE_RSP, data_addr_mid(1024) & ~(below(4) ? 7ull : 0));
      set_reg(s, CORE_RBP, data_addr_mid(1024));
      break;
    case K_LOOP:
      if (below(2))
        set_reg(s, CORE_RCX, below(3) | (below(2) ? rnd() << 32 : 0));
      break;
    case K_XLAT:
      set_reg(s, CORE_RBX, data_addr_mid(512) | (asz32 ? rnd() << 32 : 0));
      break;
    case K_BT:
      if (mem)
        put_reg(s, rex, reg, size,
                (u64)((i64)((int)below(2 * 4096 * 8) - 4096 * 8) >>
                      (below(2) ? 0 : below(12))));
      break;
    default: break;
  }

  if (mem) {
    for (i = -64; i < 64; ++i) put_mem(target + i, 1, rnd());
  }
  if (f->kind == K_DIV && below(4)) {
    /* A divisor and a dividend with the quotient in range. */
    u64 d = edge(), m = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
    int sign = f->ext == 7;
    if (!(d & m)) d = 1 + below(100);
    if (mem)
      put_mem(target, size, d);
    else
      put_reg(s, rex, rm, size, d);
    if (sign) {
      u64 lo =
          size == 1 ? get_reg(s, CORE_RAX) & 0xff : get_reg(s, CORE_RAX) & m;
      u64 hi = (lo >> (8 * size - 1)) & 1 ? m : 0;
      if (size == 1)
        put_reg(s, 1, CORE_RAX, 2, hi << 8 | lo);
      else
        put_reg(s, 1, CORE_RDX, size, hi);
    } else if (size == 1) {
      put_reg(s, 1, CORE_RAX, 2,
              (rnd() % (d & 0xff)) << 8 | (get_reg(s, CORE_RAX) & 0xff));
    } else {
      put_reg(s, 1, CORE_RDX, size, rnd() % (d & m));
    }
  }
  if (f->kind == K_IND) { /* where the taken exit is */
    u64 to = slot + (u64)t->len + TAKEN_DISP;
    if (mem)
      put_mem(target, 8, to);
    else
      set_reg(s, rm, to);
  }
  if (f->kind == K_RET)
    put_mem(get_reg(s, CORE_RSP), 8, slot + (u64)t->len + TAKEN_DISP);
  if (f->kind == K_POPF) {
    /* TF would trap, AC would make the harness's own unaligned accesses
     * fault, NT is for IRET: none is set natively. */
    put_mem(get_reg(s, CORE_RSP), size, rnd() & ~0x44100ull);
  }
  if (f->kind == K_CMPXCHG && below(2)) {
    u64 a = get_reg(s, CORE_RAX);
    if (mem)
      put_mem(target, size, a);
    else
      put_reg(s, 1, rm, size, a);
  }
  if (f->kind == K_CX8 && below(2)) {
    put_mem(target, size, get_reg(s, CORE_RAX));
    put_mem(target + size, size, get_reg(s, CORE_RDX));
  }
  /* The memory operand's registers last, over any other use: its address
   * must be in the data area, never in the harness's own memory. With the
   * displacement and index bounded, the base stays inside the data too
   * (so stack operations based on it do). */
  if (mem) {
    /* With a 67 prefix the address is computed in 32 bits: upper halves
     * of the registers must not matter. */
    u64 junk = asz32 ? rnd() << 32 : 0;
    if (index >= 0) set_reg(s, index, idxval + (asz32 ? rnd() << 32 : 0));
    set_reg(s, base,
            (target - (gs ? GS_BASE : 0) - disp -
             (index >= 0 ? idxval << scale : 0)) +
                junk);
  }
  if (gs && f->kind == K_STRING) /* the source only: RDI is always ES */
    set_reg(s, CORE_RSI, get_reg(s, CORE_RSI) - GS_BASE);
  if (gs && f->kind == K_XLAT)
    set_reg(s, CORE_RBX, get_reg(s, CORE_RBX) - GS_BASE);
  t->count = 0;
  if (xed_decode(&t->x, t->bytes, (size_t)t->len, XED_MODE_64) == XED_OK) {
    const struct xed_insn *x = &t->x;
    if (f->kind == K_SHIFT || f->kind == K_SHXD) {
      u64 n = (x->form == XED_FORM_EbCL || x->form == XED_FORM_EvCL ||
               x->form == XED_FORM_EvGvCL)
                  ? get_reg(s, CORE_RCX)
              : (x->form == XED_FORM_Eb1 || x->form == XED_FORM_Ev1) ? 1
                                                                     : x->imm;
      t->count = n & (x->osz == 8 ? 63 : 31);
      if (f->kind == K_SHXD && x->osz == 2 && t->count > 16) t->undefined = 1;
    }
  }
}

/* Status flags the SDM leaves undefined for this case (vol. 2, each
 * instruction's "Flags Affected"). */
static u64 undef_flags(const struct tcase *t) {
  const struct xed_insn *x = &t->x;
  u64 n = t->count, w = 8 * (u64)x->osz;
  switch (x->op) {
    case XED_OP_MUL:
    case XED_OP_IMUL1:
    case XED_OP_IMUL2:
    case XED_OP_IMUL3: /* MUL, IMUL: SF, ZF, AF, PF undefined */
      return X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF;
    case XED_OP_DIV:
    case XED_OP_IDIV: /* DIV, IDIV: CF, OF, SF, ZF, AF, PF undefined */
      return X86_EFLAGS_ARITH;
    case XED_OP_SHL:
    case XED_OP_SAL:
    case XED_OP_SHR:
      /* SAL/SAR/SHL/SHR: AF undefined for a nonzero count, OF for a count
       * above 1, CF for SHL and SHR when the count >= the width. */
      if (!n) return 0;
      return X86_EFLAGS_AF | (n > 1 ? X86_EFLAGS_OF : 0) |
             (n >= w ? X86_EFLAGS_CF : 0);
    case XED_OP_SAR:
      if (!n) return 0;
      return X86_EFLAGS_AF | (n > 1 ? X86_EFLAGS_OF : 0);
    case XED_OP_ROL:
    case XED_OP_ROR:
    case XED_OP_RCL:
    case XED_OP_RCR: /* RCL/RCR/ROL/ROR: OF undefined for a count above 1 */
      return n > 1 ? X86_EFLAGS_OF : 0;
    case XED_OP_SHLD:
    case XED_OP_SHRD: /* SHLD, SHRD: AF undefined, OF for a count above 1 */
      if (!n) return 0;
      return X86_EFLAGS_AF | (n > 1 ? X86_EFLAGS_OF : 0);
    case XED_OP_BT:
    case XED_OP_BTS:
    case XED_OP_BTR:
    case XED_OP_BTC: /* BT*: OF, SF, AF, PF undefined */
      return X86_EFLAGS_OF | X86_EFLAGS_SF | X86_EFLAGS_AF | X86_EFLAGS_PF;
    case XED_OP_BSF:
    case XED_OP_BSR: /* BSF, BSR: CF, OF, SF, AF, PF undefined */
      return X86_EFLAGS_ARITH & ~(u64)X86_EFLAGS_ZF;
    default: return 0;
  }
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
    for (i = 0; i < 16; ++i) native_out->v[1 + i] = (u64)g[kGregOf[i]];
    native_out->v[0] = (u64)g[REG_EFL];
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
  for (i = 0; i < 16; ++i) native_out->v[1 + i] = (u64)g[kGregOf[i]];
  native_out->v[0] = (u64)g[REG_EFL];
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
  if (core_run(&gc) != CORE_FAULT) {
    r->sig = -1;
    return;
  }
  for (i = 0; i < 16; ++i) r->out.v[1 + i] = gc.regs[i];
  r->out.v[0] = core_flags(&gc);
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

/* A form as the decoder names it: map, opcode, operation, operand size,
 * memory or register operand. */
static u32 form_key(const struct xed_insn *x) {
  int osz = x->osz == 1 ? 0 : x->osz == 2 ? 1 : x->osz == 4 ? 2 : 3;
  return (u32)x->map << 24 | (u32)x->opcode << 16 | (u32)x->op << 4 |
         (u32)osz << 1 | ((x->flags & XED_F_MEM) ? 1 : 0);
}

#define MAX_KEYS 8192
static u32 decoded[MAX_KEYS];
static u8 tested[MAX_KEYS];
static int ndecoded;

/* The operations this test is about: what a user program can execute,
 * integer and system alike. Left out: x87/SSE (FPU, SSE), what xed/ does
 * not name yet (OTHER), what would act on the harness itself (SYSCALL;
 * IRET and RETF, far returns), and what cannot agree with the host by
 * design (CPUID, RDTSC, RDTSCP: blink describes itself, not the host). */
static int integer_op(int op) {
  switch (op) {
    case XED_OP_INVALID:
    case XED_OP_OTHER:
    case XED_OP_FPU:
    case XED_OP_SSE:
    case XED_OP_SYSCALL:
    case XED_OP_IRET:
    case XED_OP_RETF:
    case XED_OP_CPUID:
    case XED_OP_RDTSC:
    case XED_OP_RDTSCP: return 0;
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

static void print_case(const struct tcase *t) {
  char text[128];
  int i;
  printf("  bytes:");
  for (i = 0; i < t->len; ++i) printf(" %02x", t->bytes[i]);
  if (xed_disassemble(text, sizeof(text), &t->x, SLOT_FIRST) >= 0)
    printf("  (%s)", text);
  printf("\n");
  print_state("in:", &t->in);
}

static int mismatches;
static int strict;
static int max_shown =
    10; /* BLINK_DIFF_STRICT=1: undefined flags compared too */

static int compare(const struct tcase *t, const struct result *n,
                   const struct result *b, const u8 *guest_data) {
  u64 mask = FLAGS_MASK & ~(strict ? 0 : undef_flags(t));
  int i, bad = 0;
  char why[256];
  why[0] = 0;
  if (n->sig != b->sig || (n->sig && n->code != b->code)) {
    snprintf(why, sizeof(why), "signal: native %d/%d, blink %d/%d", n->sig,
             n->code, b->sig, b->code);
    bad = 1;
  } else {
    if (n->rip != b->rip) {
      snprintf(why, sizeof(why), "rip: native %#llx, blink %#llx",
               (unsigned long long)n->rip, (unsigned long long)b->rip);
      bad = 1;
    }
    for (i = 0; i < 16 && !bad; ++i) {
      if (n->out.v[1 + i] != b->out.v[1 + i]) {
        snprintf(why, sizeof(why), "%s: native %#llx, blink %#llx",
                 kRegNames[i], (unsigned long long)n->out.v[1 + i],
                 (unsigned long long)b->out.v[1 + i]);
        bad = 1;
      }
    }
    if (!bad && ((n->out.v[0] ^ b->out.v[0]) & mask)) {
      snprintf(why, sizeof(why),
               "flags: native %#llx, blink %#llx (mask %#llx)",
               (unsigned long long)(n->out.v[0] & FLAGS_MASK),
               (unsigned long long)(b->out.v[0] & FLAGS_MASK),
               (unsigned long long)mask);
      bad = 1;
    }
    if (!bad && memcmp(data, guest_data, DATA_SIZE)) {
      for (i = 0; i < (int)DATA_SIZE && data[i] == guest_data[i]; ++i) continue;
      snprintf(why, sizeof(why), "memory at %#llx: native %02x, blink %02x",
               (unsigned long long)(DATA_ADDR + i), data[i], guest_data[i]);
      bad = 1;
    }
  }
  if (bad) {
    if (++mismatches <= max_shown) {
      printf("MISMATCH %s\n", why);
      print_case(t);
    }
  }
  return bad;
}

/* ------------------------------------------------------------------- main */

static u64 env_u64(const char *name, u64 dflt) {
  const char *s = getenv(name);
  return s && *s ? strtoull(s, NULL, 0) : dflt;
}

int main(void) {
  static u8 guest_data[DATA_SIZE];
  u64 ncases = env_u64("BLINK_DIFF_CASES", 1000000);
  /* A fixed seed by default, so that `make check` is the same run every
   * time; long runs with other seeds go through BLINK_DIFF_SEED. */
  u64 seed = env_u64("BLINK_DIFF_SEED", 0x5eed);
  int verbose = (int)env_u64("BLINK_DIFF_VERBOSE", 0);
  strict = (int)env_u64("BLINK_DIFF_STRICT", 0);
  max_shown = (int)env_u64("BLINK_DIFF_SHOW", 10);
  u64 i, slot_index = 0, faults = 0, skipped = 0;
  struct sigaction sa;
  stack_t ss;
  u8 *code;
  int ntested = 0, k;

  setvbuf(stdout, NULL, _IOLBF, 0);
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
  build_forms();
  enumerate_decoded();

  for (i = 0; i < ncases + skipped; ++i) { /* ncases run, skips aside */
    struct tcase t;
    struct result n, b;
    u64 slot;
    const struct form *f = &forms[below((unsigned)nforms)];
    if (slot_index == SLOT_COUNT) {
      slot_index = 0;
      core_invalidate(&gc, CODE_ADDR, CODE_SIZE);
    }
    slot = SLOT_FIRST + slot_index++ * SLOT_SIZE;
    make_case(&t, f, slot);
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
    if (n.sig) ++faults;
    if (compare(&t, &n, &b, guest_data) && mismatches <= max_shown) {
      print_state("native:", &n.out);
      print_state("blink: ", &b.out);
    }
    k = find_key(form_key(&t.x));
    if (k >= 0) tested[k] = 1;
  }

  for (k = 0; k < ndecoded; ++k) {
    if (tested[k]) {
      ++ntested;
    } else if (verbose) {
      u32 key = decoded[k];
      printf("untested: map %u opcode %02x %s osz %d %s\n", key >> 24,
             (key >> 16) & 0xff, xed_mnemonic((int)((key >> 4) & 0xfff)),
             1 << ((key >> 1) & 3), (key & 1) ? "mem" : "reg");
    }
  }
  printf(
      "diff: %llu cases (%llu faulting, %llu skipped), %d mismatches, "
      "forms tested %d / decoded %d, seed %#llx\n",
      (unsigned long long)ncases, (unsigned long long)faults,
      (unsigned long long)skipped, mismatches, ntested, ndecoded,
      (unsigned long long)seed);
  return mismatches ? 1 : 0;
}
