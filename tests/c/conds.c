/* Every condition code of Jcc straight after each flag-setting operation
 * the interpreter keeps lazily (ADD SUB CMP AND OR XOR TEST ADC SBB INC
 * DEC NEG and the shifts by a constant and by CL), at 8, 16, 32 and 64
 * bits, over edge values and pseudo-random ones: the conditions are
 * computed from the operation without building EFLAGS (core/flags.c,
 * core/fast.c), and the host CPU is the oracle. Prints a checksum per
 * operation and size. */
#include <stdint.h>
#include <stdio.h>

/* One Jcc after INSN: shifts the taken bit into m. */
#define J(cc)                                                  \
  d = a;                                                       \
  __asm__ volatile("stc\n\t" INSN "\n\tj" #cc " 1f\n\t"        \
                   "shl $1, %[m]\n\tjmp 2f\n"                  \
                   "1:\tshl $1, %[m]\n\tor $1, %[m]\n2:"       \
                   : [m] "+r"(m), [d] "+&r"(d)                 \
                   : [s] "c"(s)                                \
                   : "cc");
#define ALLCC                                                        \
  J(o) J(no) J(b) J(ae) J(e) J(ne) J(be) J(a) J(s) J(ns) J(p) J(np) \
  J(l) J(ge) J(le) J(g)

/* OF after a shift by more than 1 is undefined (SDM vol. 2, SAL/SAR/
 * SHL/SHR), and so are the conditions that read it. */
#define NOOFCC J(b) J(ae) J(e) J(ne) J(be) J(a) J(s) J(ns) J(p) J(np)

#define OPCC(name, type, ccs)              \
  static uint64_t name(type a, type s) {   \
    uint64_t m = 1;                        \
    type d;                                \
    ccs return m * 1000003u + (uint64_t)d; \
  }
#define OP(name, type) OPCC(name, type, ALLCC)
#define OPNOOF(name, type) OPCC(name, type, NOOFCC)

#define INSN "add%z[d] %[s], %[d]"
OP(add8, uint8_t)
OP(add16, uint16_t)
OP(add32, uint32_t)
OP(add64, uint64_t)
#undef INSN
#define INSN "sub%z[d] %[s], %[d]"
OP(sub8, uint8_t)
OP(sub16, uint16_t)
OP(sub32, uint32_t)
OP(sub64, uint64_t)
#undef INSN
#define INSN "cmp%z[d] %[s], %[d]"
OP(cmp8, uint8_t)
OP(cmp16, uint16_t)
OP(cmp32, uint32_t)
OP(cmp64, uint64_t)
#undef INSN
#define INSN "and%z[d] %[s], %[d]"
OP(and8, uint8_t)
OP(and16, uint16_t)
OP(and32, uint32_t)
OP(and64, uint64_t)
#undef INSN
#define INSN "or%z[d] %[s], %[d]"
OP(or8, uint8_t)
OP(or16, uint16_t)
OP(or32, uint32_t)
OP(or64, uint64_t)
#undef INSN
#define INSN "xor%z[d] %[s], %[d]"
OP(xor8, uint8_t)
OP(xor16, uint16_t)
OP(xor32, uint32_t)
OP(xor64, uint64_t)
#undef INSN
#define INSN "test%z[d] %[s], %[d]"
OP(test8, uint8_t)
OP(test16, uint16_t)
OP(test32, uint32_t)
OP(test64, uint64_t)
#undef INSN
#define INSN "adc%z[d] %[s], %[d]"
OP(adc8, uint8_t)
OP(adc16, uint16_t)
OP(adc32, uint32_t)
OP(adc64, uint64_t)
#undef INSN
#define INSN "sbb%z[d] %[s], %[d]"
OP(sbb8, uint8_t)
OP(sbb16, uint16_t)
OP(sbb32, uint32_t)
OP(sbb64, uint64_t)
#undef INSN
#define INSN "inc%z[d] %[d]"
OP(inc8, uint8_t)
OP(inc16, uint16_t)
OP(inc32, uint32_t)
OP(inc64, uint64_t)
#undef INSN
#define INSN "dec%z[d] %[d]"
OP(dec8, uint8_t)
OP(dec16, uint16_t)
OP(dec32, uint32_t)
OP(dec64, uint64_t)
#undef INSN
#define INSN "neg%z[d] %[d]"
OP(neg8, uint8_t)
OP(neg16, uint16_t)
OP(neg32, uint32_t)
OP(neg64, uint64_t)
#undef INSN
#define INSN "shl%z[d] $1, %[d]"
OP(shl1_8, uint8_t)
OP(shl1_16, uint16_t)
OP(shl1_32, uint32_t)
OP(shl1_64, uint64_t)
#undef INSN
#define INSN "shl%z[d] $7, %[d]"
OPNOOF(shl7_8, uint8_t)
OPNOOF(shl7_16, uint16_t)
OPNOOF(shl7_32, uint32_t)
OPNOOF(shl7_64, uint64_t)
#undef INSN
#define INSN "shr%z[d] $1, %[d]"
OP(shr1_32, uint32_t)
OP(shr1_64, uint64_t)
#undef INSN
#define INSN "shr%z[d] $13, %[d]"
OPNOOF(shr13_16, uint16_t)
OPNOOF(shr13_32, uint32_t)
OPNOOF(shr13_64, uint64_t)
#undef INSN
#define INSN "sar%z[d] $1, %[d]"
OP(sar1_32, uint32_t)
OP(sar1_64, uint64_t)
#undef INSN
#define INSN "sar%z[d] $31, %[d]"
OPNOOF(sar31_32, uint32_t)
OPNOOF(sar31_64, uint64_t)
#undef INSN
#define INSN "shl%z[d] %%cl, %[d]"
OPNOOF(shlcl_32, uint32_t)
OPNOOF(shlcl_64, uint64_t)
#undef INSN
#define INSN "shr%z[d] %%cl, %[d]"
OPNOOF(shrcl_32, uint32_t)
OPNOOF(shrcl_64, uint64_t)
#undef INSN
#define INSN "sar%z[d] %%cl, %[d]"
OPNOOF(sarcl_32, uint32_t)
OPNOOF(sarcl_64, uint64_t)
#undef INSN

static const uint64_t kEdges[] = {
    0,          1,          2,          0x7f,       0x80,
    0xff,       0x7fff,     0x8000,     0xffff,     0x7fffffff,
    0x80000000, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xffffffffffffffffull, 0xfffffffffffffffeull};

#define NEDGE (sizeof(kEdges) / sizeof(kEdges[0]))

static uint64_t x = 88172645463325252ull;
static uint64_t rnd(void) {
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return x;
}

#define RUN(fn, type)                                  \
  do {                                                 \
    uint64_t h = 0;                                    \
    unsigned i, j;                                     \
    for (i = 0; i < NEDGE; ++i)                        \
      for (j = 0; j < NEDGE; ++j)                      \
        h = h * 31 + fn((type)kEdges[i], (type)kEdges[j]); \
    for (i = 0; i < 2000; ++i) {                       \
      uint64_t a = rnd(), b = rnd();                   \
      if (i & 1) b = a + (b & 3) - 1; /* near-equal */ \
      h = h * 31 + fn((type)a, (type)b);               \
    }                                                  \
    printf("%-9s %016llx\n", #fn, (unsigned long long)h); \
  } while (0)

int main(void) {
  RUN(add8, uint8_t);
  RUN(add16, uint16_t);
  RUN(add32, uint32_t);
  RUN(add64, uint64_t);
  RUN(sub8, uint8_t);
  RUN(sub16, uint16_t);
  RUN(sub32, uint32_t);
  RUN(sub64, uint64_t);
  RUN(cmp8, uint8_t);
  RUN(cmp16, uint16_t);
  RUN(cmp32, uint32_t);
  RUN(cmp64, uint64_t);
  RUN(and8, uint8_t);
  RUN(and16, uint16_t);
  RUN(and32, uint32_t);
  RUN(and64, uint64_t);
  RUN(or8, uint8_t);
  RUN(or16, uint16_t);
  RUN(or32, uint32_t);
  RUN(or64, uint64_t);
  RUN(xor8, uint8_t);
  RUN(xor16, uint16_t);
  RUN(xor32, uint32_t);
  RUN(xor64, uint64_t);
  RUN(test8, uint8_t);
  RUN(test16, uint16_t);
  RUN(test32, uint32_t);
  RUN(test64, uint64_t);
  RUN(adc8, uint8_t);
  RUN(adc16, uint16_t);
  RUN(adc32, uint32_t);
  RUN(adc64, uint64_t);
  RUN(sbb8, uint8_t);
  RUN(sbb16, uint16_t);
  RUN(sbb32, uint32_t);
  RUN(sbb64, uint64_t);
  RUN(inc8, uint8_t);
  RUN(inc16, uint16_t);
  RUN(inc32, uint32_t);
  RUN(inc64, uint64_t);
  RUN(dec8, uint8_t);
  RUN(dec16, uint16_t);
  RUN(dec32, uint32_t);
  RUN(dec64, uint64_t);
  RUN(neg8, uint8_t);
  RUN(neg16, uint16_t);
  RUN(neg32, uint32_t);
  RUN(neg64, uint64_t);
  RUN(shl1_8, uint8_t);
  RUN(shl1_16, uint16_t);
  RUN(shl1_32, uint32_t);
  RUN(shl1_64, uint64_t);
  RUN(shl7_8, uint8_t);
  RUN(shl7_16, uint16_t);
  RUN(shl7_32, uint32_t);
  RUN(shl7_64, uint64_t);
  RUN(shr1_32, uint32_t);
  RUN(shr1_64, uint64_t);
  RUN(shr13_16, uint16_t);
  RUN(shr13_32, uint32_t);
  RUN(shr13_64, uint64_t);
  RUN(sar1_32, uint32_t);
  RUN(sar1_64, uint64_t);
  RUN(sar31_32, uint32_t);
  RUN(sar31_64, uint64_t);
  RUN(shlcl_32, uint32_t);
  RUN(shlcl_64, uint64_t);
  RUN(shrcl_32, uint32_t);
  RUN(shrcl_64, uint64_t);
  RUN(sarcl_32, uint32_t);
  RUN(sarcl_64, uint64_t);
  return 0;
}
