/* xed/: lengths, operations, sizes and operands of hand-checked encodings
 * (bytes as GNU as emits them), the 15-byte limit, running out of bytes,
 * and opcodes that are invalid in 64-bit mode. The Zydis differential
 * test over real binaries is issue 3's. */
#include "xed/xed.h"

#include "tests/unit/test.h"

struct want {
  const char *bytes; /* hex */
  int len, op, osz;
  const char *text; /* disassembly */
};

static size_t unhex(const char *h, u8 *out) {
  size_t n = 0;
  while (h[0] && h[1]) {
    unsigned v;
    if (h[0] == ' ') {
      ++h;
      continue;
    }
    sscanf(h, "%2x", &v);
    out[n++] = (u8)v;
    h += 2;
  }
  return n;
}

static const struct want kCases[] = {
    {"90", 1, XED_OP_NOP, 4, "nop"},
    {"f3 90", 2, XED_OP_PAUSE, 4, "pause"},
    {"41 90", 2, XED_OP_XCHG, 4, "xchg r8d, eax"},
    {"c3", 1, XED_OP_RET, 8, "ret"},
    {"c2 10 00", 3, XED_OP_RET, 8, "ret 0x10"},
    {"0f 05", 2, XED_OP_SYSCALL, 8, "syscall"},
    {"48 89 e5", 3, XED_OP_MOV, 8, "mov rbp, rsp"},
    {"89 c7", 2, XED_OP_MOV, 4, "mov edi, eax"},
    {"66 89 c7", 3, XED_OP_MOV, 2, "mov di, ax"},
    {"88 e0", 2, XED_OP_MOV, 1, "mov al, ah"},
    {"40 88 e0", 3, XED_OP_MOV, 1, "mov al, spl"},
    {"48 b8 88 77 66 55 44 33 22 11", 10, XED_OP_MOV, 8,
     "mov rax, 0x1122334455667788"},
    {"b8 01 00 00 00", 5, XED_OP_MOV, 4, "mov eax, 0x1"},
    {"66 b8 01 00", 4, XED_OP_MOV, 2, "mov ax, 0x1"},
    {"48 c7 c0 ff ff ff ff", 7, XED_OP_MOV, 8, "mov rax, 0xffffffffffffffff"},
    {"48 8d 05 10 00 00 00", 7, XED_OP_LEA, 8, "lea rax, [rip+16] # 0x1017"},
    {"48 8d 44 b3 08", 5, XED_OP_LEA, 8, "lea rax, [rbx+rsi*4+8]"},
    {"48 8d 04 f5 ff ff ff ff", 8, XED_OP_LEA, 8, "lea rax, [rsi*8-1]"},
    {"67 8d 43 20", 4, XED_OP_LEA, 4, "lea eax, [ebx+32]"},
    {"42 8b 04 25 00 10 00 00", 8, XED_OP_MOV, 4,
     "mov eax, dword ptr [r12*1+4096]"}, /* REX.X makes index 100 r12 */
    {"8b 04 25 00 10 00 00", 7, XED_OP_MOV, 4, "mov eax, dword ptr [0x1000]"},
    {"8b 04 24", 3, XED_OP_MOV, 4, "mov eax, dword ptr [rsp]"},
    {"41 8b 45 00", 4, XED_OP_MOV, 4, "mov eax, dword ptr [r13]"},
    {"64 48 8b 04 25 28 00 00 00", 9, XED_OP_MOV, 8,
     "mov rax, qword ptr fs:[0x28]"},
    /* A DS after FS leaves FS (as the host CPU does); the last of FS/GS
     * counts. */
    {"64 3e 8b 04 25 10 00 00 00", 9, XED_OP_MOV, 4,
     "mov eax, dword ptr fs:[0x10]"},
    {"64 65 8b 04 25 10 00 00 00", 9, XED_OP_MOV, 4,
     "mov eax, dword ptr gs:[0x10]"},
    {"48 a1 00 10 40 00 00 00 00 00", 10, XED_OP_MOV, 8,
     "mov rax, qword ptr [0x401000]"},
    {"48 83 ec 08", 4, XED_OP_SUB, 8, "sub rsp, 0x8"},
    {"48 81 c4 00 01 00 00", 7, XED_OP_ADD, 8, "add rsp, 0x100"},
    {"80 3c 06 00", 4, XED_OP_CMP, 1, "cmp byte ptr [rsi+rax*1], 0x0"},
    {"f6 c1 01", 3, XED_OP_TEST, 1, "test cl, 0x1"},
    {"f7 d8", 2, XED_OP_NEG, 4, "neg eax"},
    {"48 ff c0", 3, XED_OP_INC, 8, "inc rax"},
    {"ff 15 00 00 00 00", 6, XED_OP_CALL, 8, "call qword ptr [rip+0] # 0x1006"},
    {"ff e1", 2, XED_OP_JMP, 8, "jmp rcx"},
    {"e8 fb ff ff ff", 5, XED_OP_CALL, 8, "call 0x1000"},
    {"eb fe", 2, XED_OP_JMP, 8, "jmp 0x1000"},
    {"0f 84 00 01 00 00", 6, XED_OP_JCC, 8, "je 0x1106"},
    {"75 f0", 2, XED_OP_JCC, 8, "jne 0xff2"},
    {"0f 94 c0", 3, XED_OP_SETCC, 1, "sete al"},
    {"48 0f 4c c3", 4, XED_OP_CMOVCC, 8, "cmovl rax, rbx"},
    {"0f b6 c3", 3, XED_OP_MOVZX, 4, "movzx eax, bl"},
    {"48 63 c7", 3, XED_OP_MOVSXD, 8, "movsxd rax, edi"},
    {"6a ff", 2, XED_OP_PUSH, 8, "push 0xffffffffffffffff"},
    {"41 57", 2, XED_OP_PUSH, 8, "push r15"},
    {"66 50", 2, XED_OP_PUSH, 2, "push ax"},
    {"8f 00", 2, XED_OP_POP, 8, "pop qword ptr [rax]"},
    {"c8 10 00 01", 4, XED_OP_ENTER, 8, "enter 0x10, 0x1"},
    {"f3 0f 1e fa", 4, XED_OP_NOP, 4, "nop"},
    {"66 0f 1f 44 00 00", 6, XED_OP_NOP, 2, "nop [rax+rax*1]"},
    {"f0 48 0f b1 0e", 5, XED_OP_CMPXCHG, 8,
     "lock cmpxchg qword ptr [rsi], rcx"},
    {"66 0f 6f 05 00 00 00 00", 8, XED_OP_MOVDQA, 4, NULL},
    {"66 0f 38 00 c1", 5, XED_OP_PSHUFB, 4, NULL},
    {"0f 01 f9", 3, XED_OP_RDTSCP, 4, "rdtscp"},
    {"dd 04 24", 3, XED_OP_FPU, 4, NULL},
    {"0f 0b", 2, XED_OP_UD2, 4, "ud2"},
    /* REX before a legacy prefix is ignored: this is mov eax, ebx. */
    {"48 66 89 d8", 4, XED_OP_MOV, 2, "mov ax, bx"},
    /* VEX, EVEX, XOP, 3DNow!, x87 and the three-byte maps. */
    {"c5 f8 77", 3, XED_OP_AVX, 4, NULL},                     /* vzeroupper */
    {"c4 e2 79 18 05 00 00 00 00", 9, XED_OP_AVX, 4, NULL},   /* vbroadcastss */
    {"c5 fd 6f 44 24 20", 6, XED_OP_AVX, 4, NULL},            /* vmovdqa */
    {"62 f1 7c 48 58 c1", 6, XED_OP_AVX512, 4, NULL},         /* vaddps zmm */
    {"62 f1 fd 48 6f 44 24 01", 8, XED_OP_AVX512, 8, NULL},   /* vmovdqa64 */
    {"62 f3 7d 48 25 c1 ff", 7, XED_OP_AVX512, 4, NULL},      /* vpternlogd */
    {"c4 e3 79 0f c1 08", 6, XED_OP_AVX, 4, NULL},            /* vpalignr */
    {"8f e8 78 c0 c1 05", 6, XED_OP_XOP, 4, NULL},            /* vprotb */
    {"8f ea 78 10 c0 01 00 00 00", 9, XED_OP_BEXTR, 4, NULL}, /* TBM bextr */
    {"c4 e2 f8 f2 c1", 5, XED_OP_ANDN, 8, NULL},
    {"c4 e2 7b f6 c1", 5, XED_OP_MULX, 4, NULL},
    {"c4 e3 fb f0 c1 07", 6, XED_OP_RORX, 8, NULL},
    {"0f 0f c1 b4", 4, XED_OP_AMD3DNOW, 4, NULL}, /* pfmul */
    {"f3 0f b8 c1", 4, XED_OP_POPCNT, 4, NULL},
    {"66 f3 0f bc c1", 5, XED_OP_TZCNT, 2, NULL},
    {"f2 0f 38 f1 c1", 5, XED_OP_CRC32, 4, NULL},
    {"66 0f 38 f6 c1", 5, XED_OP_ADCX, 4, NULL},
    {"0f 38 f0 06", 4, XED_OP_MOVBE, 4, NULL},
    {"66 0f 3a 0f c1 08", 6, XED_OP_PALIGNR, 4, "palignr"},
    {"66 0f 78 c1 04 08", 6, XED_OP_EXTRQ, 4, "extrq"},
    {"0f ae 5c 24 fc", 5, XED_OP_STMXCSR, 4, NULL},
    {"0f 58 c1", 3, XED_OP_ADDPS, 4, "addps"},
    {"f2 0f 10 44 24 08", 6, XED_OP_MOVSD, 4, "movsd [rsp+8]"},
    {"0f fc c1", 3, XED_OP_PADDB, 4, "paddb"}, /* MMX: mprefix 0 */
    {"66 0f 73 d8 04", 5, XED_OP_PSHIFTQ, 4, "psrldq"},
    {"c5 f8 58 c1", 4, XED_OP_AVX, 4, NULL},
    {"62 f1 7c cf 58 c1", 6, XED_OP_AVX512, 4, NULL},    /* {k7}{z} */
    {"62 f1 7d 58 fe 00", 6, XED_OP_AVX512, 4, NULL},    /* {1to16} */
    {"62 f1 7c 18 58 c1", 6, XED_OP_AVX512, 4, NULL},    /* {rn-sae} */
    {"62 f2 7d 49 90 04 c8", 7, XED_OP_AVX512, 4, NULL}, /* vpgatherdd */
    {"c4 c1 4c 4a f5", 5, XED_OP_AVX, 4, NULL}, /* kaddw: VEX.B ignored */
    {"0f ae f0", 3, XED_OP_FENCE, 4, NULL},     /* mfence */
    {"0f c7 f0", 3, XED_OP_RDRAND, 4, NULL},
    {"0f 01 d0", 3, XED_OP_XGETBV, 4, NULL},
    {"d9 d0", 2, XED_OP_FPU, 4, NULL},      /* fnop */
    {"0f 20 00", 3, XED_OP_PRIV, 8, NULL},  /* mov rax, cr0: mod ignored */
    {"c6 f8 01", 3, XED_OP_OTHER, 4, NULL}, /* xabort */
    /* 14 prefixes + 1 opcode = 15 bytes: still fine. */
    {"66 66 66 66 66 66 66 66 66 66 66 66 66 66 90", 15, XED_OP_NOP, 2, "nop"},
};

static const char *const kInvalid[] = {
    "06",
    "07",
    "27",
    "37",
    "60",
    "61",
    "9a 00 00 00 00 00 00",
    "ce",
    "d4 0a",
    "d5 0a",
    "d6",
    "ea 00 00 00 00 00 00",
    "82 c0 01",
    "8d c0", /* lea with a register operand */
    "fe d0", /* group 4 /2 */
    "ff ff", /* group 5 /7 */
    "0f 0a",
    "0f 04",
    "0f 36",
    "f0 01 c0", /* lock with a register destination */
    "f0 39 00", /* lock cmp */
    "f0 90",
    "66 c5 f8 77",       /* 66 before VEX */
    "48 c5 f8 77",       /* REX before VEX */
    "c5 f0 77",          /* vvvv must be 1111 */
    "c4 e2 7d 5a c0",    /* vbroadcasti128 from a register */
    "c4 e2 79 1a 00",    /* vbroadcastf128 with VEX.L 0 */
    "c4 e0 78 77",       /* VEX map 0 */
    "62 f9 7c 48 58 c1", /* EVEX P0 bit 3 must be 0 */
    "62 f1 78 48 58 c1", /* EVEX P1 bit 2 must be 1 */
    "0f 0f c1 00",       /* no such 3DNow! suffix */
    "0f c3 c0",          /* movnti to a register */
    "d9 d1",
    "dd f0",
    "8e c8",             /* mov cs, eax */
    "8c f0",             /* segment register 6 */
    "0f 20 c8",          /* cr1 */
    "0f 00 f0",          /* group 6 /6 */
    "0f b8 c1",          /* popcnt needs F3 */
    "8f ec 78 c0 c1 05", /* XOP map 12 */
    "8f e9 79 90 c1",    /* XOP with pp = 01 */
};

static void decodes(void) {
  size_t i;
  for (i = 0; i < ARRAY_LEN(kCases); ++i) {
    struct xed_insn x;
    u8 b[32];
    char text[128];
    size_t n = unhex(kCases[i].bytes, b);
    int rc = xed_decode(&x, b, n, XED_MODE_64);
    test_current = kCases[i].bytes;
    ASSERT_EQ(XED_OK, rc);
    ASSERT_EQ(kCases[i].len, x.len);
    ASSERT_EQ(kCases[i].op, x.op);
    ASSERT_EQ(kCases[i].osz, x.osz);
    if (kCases[i].text) {
      xed_disassemble(text, sizeof(text), &x, 0x1000);
      if (strcmp(text, kCases[i].text)) {
        printf("FAIL %s: disassembly '%s', want '%s'\n", kCases[i].bytes, text,
               kCases[i].text);
        ++test_failures;
      }
    }
  }
}

static void invalid(void) {
  size_t i;
  for (i = 0; i < ARRAY_LEN(kInvalid); ++i) {
    struct xed_insn x;
    u8 b[32];
    size_t n = unhex(kInvalid[i], b);
    test_current = kInvalid[i];
    ASSERT_EQ(XED_ERR_INVALID, xed_decode(&x, b, n, XED_MODE_64));
  }
}

static void limits(void) {
  struct xed_insn x;
  u8 b[32];
  size_t n;
  /* 15 prefixes before the opcode: 16 bytes, too long (#GP). */
  n = unhex("66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 90", b);
  ASSERT_EQ(XED_ERR_LONG, xed_decode(&x, b, n, XED_MODE_64));
  /* 14 prefixes and a 2-byte instruction: also 16. */
  n = unhex("66 66 66 66 66 66 66 66 66 66 66 66 66 66 89 c0", b);
  ASSERT_EQ(XED_ERR_LONG, xed_decode(&x, b, n, XED_MODE_64));
  /* Bytes that end early: the fetch ran into a hole. */
  n = unhex("48 b8 88 77 66", b);
  ASSERT_EQ(XED_ERR_SHORT, xed_decode(&x, b, n, XED_MODE_64));
  ASSERT_EQ(XED_ERR_SHORT, xed_decode(&x, b, 0, XED_MODE_64));
  n = unhex("0f", b);
  ASSERT_EQ(XED_ERR_SHORT, xed_decode(&x, b, n, XED_MODE_64));
  n = unhex("c4 e2", b);
  ASSERT_EQ(XED_ERR_SHORT, xed_decode(&x, b, n, XED_MODE_64));
  n = unhex("62 f1 7c 48 58", b);
  ASSERT_EQ(XED_ERR_SHORT, xed_decode(&x, b, n, XED_MODE_64));
  /* A 15-byte limit counts VEX bytes too: 11 prefixes + C4 (3) + ModRM. */
  n = unhex("2e 2e 2e 2e 2e 2e 2e 2e 2e 2e 2e c4 e1 79 d4 c1", b);
  ASSERT_EQ(XED_ERR_LONG, xed_decode(&x, b, n, XED_MODE_64));
}

/* Every truncation of a decodable string is SHORT until the instruction
 * fits and then decodes the same; each comes from a buffer of exactly its
 * size, so a sanitizer build catches a read past the end. */
static void truncations(void) {
  static const u8 kFirst[] = {0xc4, 0xc5, 0x62, 0x8f, 0x0f, 0xd9, 0x66, 0xf3};
  u32 s = 2463534242u;
  int i, k, n;
  for (i = 0; i < 20000; ++i) {
    u8 b[15];
    struct xed_insn full, x;
    for (k = 0; k < 15; ++k) {
      s ^= s << 13, s ^= s >> 17, s ^= s << 5;
      b[k] = (u8)(s >> 8);
    }
    if (i & 1) b[0] = kFirst[(s >> 3) % sizeof(kFirst)];
    if (xed_decode(&full, b, 15, XED_MODE_64) != XED_OK) continue;
    for (n = 0; n <= 15; ++n) {
      u8 *p = malloc(n ? n : 1);
      int rc;
      memcpy(p, b, n);
      rc = xed_decode(&x, p, n, XED_MODE_64);
      free(p);
      test_current = "truncation";
      if (n < full.len) {
        ASSERT_EQ(XED_ERR_SHORT, rc);
      } else {
        ASSERT_EQ(XED_OK, rc);
        ASSERT_EQ(full.len, x.len);
        ASSERT_EQ(full.op, x.op);
      }
    }
  }
}

int main(void) {
  static const struct test tests[] = {
      {"decodes", decodes},
      {"invalid", invalid},
      {"limits", limits},
      {"truncations", truncations},
  };
  return test_main(tests, ARRAY_LEN(tests));
}
