/* core/: CPUID tells what blink is (a plain x86-64-v1 GenuineIntel part,
 * leaf 1 EDX = CORE_CPUID1_EDX, no SSE3 and later, brand naming blink),
 * and RDTSC/RDTSCP count up with the upper halves clear. The host CPU can't
 * be the oracle here (it reports itself), so these are exact values. */
#include "core/core.h"

#include "tests/unit/test.h"

#define CODE 0x400000u

static struct mmu m;
static struct cpu c;

/* Runs bytes (then UD2) from a fresh state with rax and rcx as given. */
static int run(const u8 *bytes, size_t n, u64 rax, u64 rcx) {
  u8 code[32] = {0};
  memcpy(code, bytes, n);
  code[n] = 0x0f;
  code[n + 1] = 0x0b;
  core_destroy(&c);
  mmu_destroy(&m);
  if (mmu_init(&m) || core_init(&c, &m) ||
      mmu_map(&m, CODE, 4096, MMU_READ | MMU_WRITE | MMU_EXEC) ||
      mmu_write(&m, CODE, code, sizeof(code))) {
    return -1;
  }
  memset(c.regs, 0xa5, sizeof(c.regs));
  c.regs[CORE_RAX] = rax;
  c.regs[CORE_RCX] = rcx;
  c.rip = CODE;
  if (core_run(&c) != CORE_FAULT || c.sig != LINUX_SIGILL ||
      c.rip != CODE + n) {
    return -1;
  }
  return 0;
}

static const u8 kCpuid[] = {0x0f, 0xa2};

static int cpuid(u32 leaf, u32 sub) {
  return run(kCpuid, sizeof(kCpuid), 0xffffffff00000000ull | leaf, sub);
}

static void text4(char *out, u64 r) {
  int i;
  for (i = 0; i < 4; ++i) out[i] = (char)(r >> (8 * i));
}

static void vendor(void) {
  char v[13] = {0};
  ASSERT(!cpuid(0, 0));
  ASSERT_EQ(7, c.regs[CORE_RAX]);
  text4(v, c.regs[CORE_RBX]);
  text4(v + 4, c.regs[CORE_RDX]);
  text4(v + 8, c.regs[CORE_RCX]);
  ASSERT(!strcmp(v, "GenuineIntel"));
}

static void features(void) {
  ASSERT(!cpuid(1, 0));
  ASSERT_EQ(0x6fb, c.regs[CORE_RAX]); /* family 6 model 15: 64-bit upper */
  ASSERT_EQ(CORE_CPUID1_EDX, c.regs[CORE_RDX]);
  ASSERT_EQ(0x2000, c.regs[CORE_RCX]); /* CX16 only: no SSE3 and later */
  ASSERT_EQ(0x10800, c.regs[CORE_RBX]);
  ASSERT(!cpuid(7, 0));
  ASSERT_EQ(0, c.regs[CORE_RBX] | c.regs[CORE_RCX] | c.regs[CORE_RDX]);
  ASSERT(!cpuid(0x80000000u, 0));
  ASSERT_EQ(0x80000008u, c.regs[CORE_RAX]);
  ASSERT(!cpuid(0x80000001u, 0));
  ASSERT_EQ(1, c.regs[CORE_RCX]);           /* LAHF/SAHF */
  ASSERT_EQ(0x28100800u, c.regs[CORE_RDX]); /* SYSCALL NX RDTSCP LM */
  ASSERT(!cpuid(0x40000000u, 0));           /* above the max: leaf 7 */
  ASSERT_EQ(0, c.regs[CORE_RAX] | c.regs[CORE_RBX]);
}

static void brand(void) {
  char b[49] = {0};
  u32 leaf;
  for (leaf = 0; leaf < 3; ++leaf) {
    ASSERT(!cpuid(0x80000002u + leaf, 0));
    text4(b + leaf * 16, c.regs[CORE_RAX]);
    text4(b + leaf * 16 + 4, c.regs[CORE_RBX]);
    text4(b + leaf * 16 + 8, c.regs[CORE_RCX]);
    text4(b + leaf * 16 + 12, c.regs[CORE_RDX]);
  }
  ASSERT(!strncmp(b, "blink", 5));
}

static void caches(void) {
  u32 i;
  ASSERT(!cpuid(4, 0)); /* L1 data, 32 KiB: 8 ways x 64 sets x 64 B */
  ASSERT_EQ(1 | 1 << 5 | 1 << 8, c.regs[CORE_RAX]);
  ASSERT_EQ(7u << 22 | 63, c.regs[CORE_RBX]);
  ASSERT_EQ(63, c.regs[CORE_RCX]);
  for (i = 1; i < 3; ++i) {
    ASSERT(!cpuid(4, i));
    ASSERT(c.regs[CORE_RAX] & 31);
  }
  ASSERT(!cpuid(4, 3)); /* no fourth cache */
  ASSERT_EQ(0, c.regs[CORE_RAX] & 31);
}

static void tsc(void) {
  static const u8 kRdtsc[] = {0x0f, 0x31};
  static const u8 kRdtscp[] = {0x0f, 0x01, 0xf9};
  u64 t1, t2;
  ASSERT(!run(kRdtsc, sizeof(kRdtsc), ~0ull, 0));
  ASSERT(c.regs[CORE_RAX] >> 32 == 0 && c.regs[CORE_RDX] >> 32 == 0);
  t1 = c.regs[CORE_RDX] << 32 | c.regs[CORE_RAX];
  ASSERT(!run(kRdtscp, sizeof(kRdtscp), ~0ull, ~0ull));
  t2 = c.regs[CORE_RDX] << 32 | c.regs[CORE_RAX];
  ASSERT(t2 >= t1);
  ASSERT_EQ(0, c.regs[CORE_RCX]); /* TSC_AUX: CPU 0 */
}

int main(void) {
  static const struct test tests[] = {
      {"vendor", vendor}, {"features", features}, {"brand", brand},
      {"caches", caches}, {"tsc", tsc},
  };
  if (mmu_init(&m) || core_init(&c, &m)) return 2;
  return test_main(tests, ARRAY_LEN(tests));
}
