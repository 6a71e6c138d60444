/* tests/diff: the integer forms (opcode, operand size, register or memory
 * operand, prefixes) and their cases, with registers, flags and memory
 * drawn from edge values; and the flags the SDM leaves undefined. */
#include "tests/diff/diff.h"

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
   * only for vectors 3, 4 and 32-255 but 0x80 (see int_make_case). */
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

static u64 shift_count_edge(int w) {
  static const u8 kCounts[] = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63};
  if (below(3)) return kCounts[below(ARRAY_LEN(kCounts))];
  if (below(2)) return (u64)(w - 1 + (int)below(3) - 1) & 0xff;
  return rnd() & 0xff;
}

int int_nforms(void) {
  return nforms;
}

void int_build_forms(void) {
  build_forms();
}

/* Builds the bytes and the starting state of one case of form fi. */
void int_make_case(struct tcase *t, int fi, u64 slot) {
  const struct form *f = &forms[fi];
  static const int kSizes[] = {1, 2, 4, 8};
  int size, i, reg, rm = 0, mem = 0, rex = 0, base = -1, index = -1;
  int scale = 0, mod = 0, need_sib = 0, rep = 0, asz32 = 0, lock = 0, gs;
  u64 target = 0, disp = 0, imm = 0, idxval = 0;
  struct state *s = &t->in;
  memset(t, 0, sizeof(*t));
  t->cls = CLS_INT;
  t->form = fi;
  fp_pool_state(s->fx);
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
u64 undef_flags(const struct tcase *t) {
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
