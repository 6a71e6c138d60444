/* core/: what the host CPU can't show of the x87 state. This AMD build
 * machine stores no FIP/FDP/FOP in FXSAVE without a pending exception;
 * blink stores them always, as Intel CPUs do: FXSAVE64 names the last
 * non-control instruction with 64-bit pointers, FXSAVE the 32-bit ones
 * with the selectors; core_fxsave() gives the FXSAVE64 image with bytes
 * 416..511 zero and core_fxrstor() refuses reserved MXCSR bits without
 * changing anything; a pending unmasked exception is SIGFPE at the next
 * waiting instruction with Linux's si_code and si_addr. */
#include "core/core.h"

#include "tests/unit/test.h"

#define CODE 0x400000u
#define DATA 0x500000u

static struct mmu m;
static struct cpu c;

/* Runs bytes, then UD2, from a fresh state; DATA holds data (16 bytes)
 * and a 512-byte area at DATA + 0x100. Returns the signal. */
static int run(const u8 *bytes, size_t n, const u8 *data) {
  u8 code[64] = {0};
  memcpy(code, bytes, n);
  code[n] = 0x0f;
  code[n + 1] = 0x0b;
  core_destroy(&c);
  mmu_destroy(&m);
  if (mmu_init(&m) || core_init(&c, &m) ||
      mmu_map(&m, CODE, 4096, MMU_READ | MMU_WRITE | MMU_EXEC) ||
      mmu_map(&m, DATA, 4096, MMU_READ | MMU_WRITE) ||
      mmu_write(&m, CODE, code, sizeof(code)) ||
      mmu_write(&m, DATA, data, 16)) {
    return -1;
  }
  c.rip = CODE;
  if (core_run(&c) != CORE_FAULT) return -1;
  return c.sig;
}

/* fld1; fldpi; fadds DATA (rip-relative, at CODE + 4); fldz (control-free
 * register op at CODE + 10); then FXSAVE64 or FXSAVE to DATA + 0x100 with
 * FNSTCW (a control instruction) in between. */
static size_t program(u8 *p, int wide) {
  size_t n = 0;
  i32 d;
  p[n++] = 0xd9, p[n++] = 0xe8;
  p[n++] = 0xd9, p[n++] = 0xeb;
  p[n++] = 0xd8, p[n++] = 0x05;
  d = (i32)(DATA - (CODE + n + 4));
  write32le(p + n, (u32)d), n += 4;
  p[n++] = 0xd9, p[n++] = 0xee; /* fldz at CODE + 10 */
  p[n++] = 0xd9, p[n++] = 0x3d; /* fnstcw DATA + 0x20 */
  d = (i32)(DATA + 0x20 - (CODE + n + 4));
  write32le(p + n, (u32)d), n += 4;
  if (wide) p[n++] = 0x48;
  p[n++] = 0x0f, p[n++] = 0xae, p[n++] = 0x05;
  d = (i32)(DATA + 0x100 - (CODE + n + 4));
  write32le(p + n, (u32)d), n += 4;
  return n;
}

static const u8 kOne[16] = {0x00, 0x00, 0x80, 0x3f}; /* 1.0f */

static void fxsave64(void) {
  u8 code[64], img[512], mine[512];
  size_t n = program(code, 1);
  int i;
  ASSERT_EQ(LINUX_SIGILL, run(code, n, kOne));
  ASSERT(!mmu_read(&m, DATA + 0x100, img, 512));
  ASSERT_EQ(0x037f, read16le(img));
  ASSERT_EQ(0x2820, read16le(img + 2)); /* TOP 5, PE from pi + 1 */
  ASSERT_EQ(0xe0, img[4]);
  ASSERT_EQ(0x1ee, read16le(img + 6)); /* D9 EE: fldz */
  ASSERT_EQ(CODE + 10, read64le(img + 8));
  ASSERT_EQ(DATA, read64le(img + 16)); /* fadds' operand, kept */
  ASSERT_EQ(0x1f80, read32le(img + 24));
  ASSERT_EQ(0xffff, read32le(img + 28));
  ASSERT_EQ(0, read64le(img + 32));      /* ST0 = +0 */
  ASSERT_EQ(0x4001, read16le(img + 56)); /* ST1 = pi + 1 */
  ASSERT_EQ(0x3fff, read16le(img + 72)); /* ST2 = 1 */
  core_fxsave(&c, mine);
  ASSERT(!memcmp(img, mine, 416));
  for (i = 416; i < 512; ++i) ASSERT_EQ(0, mine[i]);
}

static void fxsave32(void) {
  u8 code[64], img[512];
  size_t n = program(code, 0);
  ASSERT_EQ(LINUX_SIGILL, run(code, n, kOne));
  ASSERT(!mmu_read(&m, DATA + 0x100, img, 512));
  ASSERT_EQ(CODE + 10, read32le(img + 8));
  ASSERT_EQ(0x33, read16le(img + 12));
  ASSERT_EQ(DATA, read32le(img + 16));
  ASSERT_EQ(0x2b, read16le(img + 20));
}

static void fxrstor(void) {
  u8 code[64], img[512], again[512];
  size_t n = program(code, 1);
  ASSERT_EQ(LINUX_SIGILL, run(code, n, kOne));
  core_fxsave(&c, img);
  write32le(img + 24, 0x00011f80); /* a reserved MXCSR bit */
  write16le(img, 0xffff);
  ASSERT_EQ(-1, core_fxrstor(&c, img));
  ASSERT_EQ(0x037f, c.fcw);
  write32le(img + 24, 0x3f80);
  write16le(img + 2, 0x1000); /* TOP 2 */
  img[4] = 0x1c;
  ASSERT_EQ(0, core_fxrstor(&c, img));
  ASSERT_EQ(0x1f7f, c.fcw); /* as FLDCW keeps it */
  ASSERT_EQ(2, c.ftop);
  ASSERT_EQ(0x1c, c.ftag);
  ASSERT_EQ(0x3f80, c.mxcsr);
  core_fxsave(&c, again);
  ASSERT_EQ(0x1f7f, read16le(again));
  ASSERT(!memcmp(img + 2, again + 2, 414));
}

/* fldcw DATA (ZE unmasked); fld1; fldz; fdivp; fnstsw ax; fwait. */
static void pending(void) {
  static const u8 kCw[16] = {0x7b, 0x03};
  u8 code[64];
  size_t n = 0;
  code[n++] = 0xd9, code[n++] = 0x2d;
  write32le(code + n, (u32)(i32)(DATA - (CODE + n + 4))), n += 4;
  code[n++] = 0xd9, code[n++] = 0xe8;
  code[n++] = 0xd9, code[n++] = 0xee;
  code[n++] = 0xde, code[n++] = 0xf9; /* fdivp: 1 / 0 */
  code[n++] = 0xdf, code[n++] = 0xe0; /* fnstsw ax: does not wait */
  code[n++] = 0x9b;                   /* fwait at CODE + 14 */
  ASSERT_EQ(LINUX_SIGFPE, run(code, n, kCw));
  ASSERT_EQ(3, c.sig_code); /* FPE_FLTDIV */
  ASSERT_EQ(CODE + 14, c.rip);
  ASSERT_EQ(CODE + 14, c.sig_addr);
  ASSERT_EQ(0xb084, c.regs[CORE_RAX] & 0xffff); /* B, TOP 6, ES, ZE */
}

int main(void) {
  static const struct test tests[] = {
      {"fxsave64", fxsave64},
      {"fxsave32", fxsave32},
      {"fxrstor", fxrstor},
      {"pending", pending},
  };
  if (mmu_init(&m) || core_init(&c, &m)) return 2;
  return test_main(tests, ARRAY_LEN(tests));
}
