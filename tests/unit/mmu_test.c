/* mmu/: guest memory is little-endian on every host, accesses may cross
 * pages, and protections and holes fault with Linux's si_code reasons. */
#include "mmu/mmu.h"

#include "tests/unit/test.h"

static struct mmu m;

static void fresh(void) {
  mmu_destroy(&m);
  if (mmu_init(&m)) abort();
}

static void little_endian_bytes(void) {
  u8 b[8];
  u64 v;
  u32 w;
  fresh();
  ASSERT(!mmu_map(&m, 0x10000, 4096, MMU_READ | MMU_WRITE));
  ASSERT(!mmu_store64(&m, 0x10000, 0x0102030405060708ull));
  ASSERT(!mmu_read(&m, 0x10000, b, 8));
  ASSERT_EQ(0x08, b[0]);
  ASSERT_EQ(0x07, b[1]);
  ASSERT_EQ(0x01, b[7]);
  ASSERT(!mmu_load32(&m, 0x10004, &w));
  ASSERT_EQ(0x01020304, w);
  ASSERT(!mmu_load64(&m, 0x10000, &v));
  ASSERT_EQ(0x0102030405060708ull, v);
}

static void crosses_pages(void) {
  u64 v;
  u16 h;
  fresh();
  ASSERT(!mmu_map(&m, 0x20000, 8192, MMU_READ | MMU_WRITE));
  ASSERT(!mmu_store64(&m, 0x20ffd, 0x1122334455667788ull));
  ASSERT(!mmu_load64(&m, 0x20ffd, &v));
  ASSERT_EQ(0x1122334455667788ull, v);
  ASSERT(!mmu_load16(&m, 0x20fff, &h));
  ASSERT_EQ(0x5566, h);
}

static void zeroed_and_lazy(void) {
  u64 v = 1;
  fresh();
  ASSERT(!mmu_map(&m, 0x100000, 64 << 20, MMU_READ | MMU_WRITE));
  ASSERT_EQ(0, m.pages);
  ASSERT(!mmu_load64(&m, 0x100000 + (32 << 20), &v));
  ASSERT_EQ(0, v);
  ASSERT_EQ(1, m.pages);
}

static void faults(void) {
  u8 v;
  u8 b[4] = {1, 2, 3, 4};
  fresh();
  ASSERT(!mmu_map(&m, 0x30000, 4096, MMU_READ));
  ASSERT(mmu_store8(&m, 0x30010, 1));
  ASSERT_EQ(MMU_FAULT_ACCERR, m.fault_code);
  ASSERT_EQ(0x30010, m.fault_addr);
  ASSERT(mmu_load8(&m, 0x31000, &v));
  ASSERT_EQ(MMU_FAULT_MAPERR, m.fault_code);
  ASSERT_EQ(0x31000, m.fault_addr);
  ASSERT(mmu_load8(&m, MMU_LIMIT, &v));
  ASSERT_EQ(MMU_FAULT_MAPERR, m.fault_code);
  /* A write that would fault part-way changes nothing. */
  ASSERT(!mmu_map(&m, 0x40000, 4096, MMU_READ | MMU_WRITE));
  ASSERT(mmu_write(&m, 0x40ffe, b, 4));
  ASSERT_EQ(0x41000, m.fault_addr);
  ASSERT(!mmu_load8(&m, 0x40ffe, &v));
  ASSERT_EQ(0, v);
}

static void protect_and_unmap(void) {
  u8 v;
  u8 code[4];
  fresh();
  ASSERT(!mmu_map(&m, 0x50000, 8192, MMU_READ | MMU_WRITE));
  ASSERT(!mmu_store8(&m, 0x50000, 0xc3));
  ASSERT_EQ(0, mmu_fetch(&m, 0x50000, code, 1));
  ASSERT(!mmu_protect(&m, 0x50000, 4096, MMU_READ | MMU_EXEC));
  ASSERT_EQ(1, mmu_fetch(&m, 0x50000, code, 1));
  ASSERT_EQ(0xc3, code[0]);
  /* A fetch stops at the first byte it may not execute. */
  ASSERT_EQ(2, mmu_fetch(&m, 0x50ffe, code, 4));
  ASSERT(mmu_store8(&m, 0x50000, 0));
  ASSERT(!mmu_unmap(&m, 0x50000, 4096));
  ASSERT(mmu_load8(&m, 0x50000, &v));
  ASSERT(!mmu_load8(&m, 0x51000, &v));
  ASSERT(mmu_protect(&m, 0x50000, 8192, MMU_READ)); /* a hole: refused */
  ASSERT(mmu_map(&m, 0x50001, 4096, MMU_READ));     /* unaligned */
}

/* The linear backend, where this host allows it: the same guest-visible
 * behaviour, with host faults turned into guest faults by the hook. */
#include <setjmp.h>

static sigjmp_buf g_jb;
static void on_fault(void *ctx) {
  (void)ctx;
  siglongjmp(g_jb, 1);
}

static void linear(void) {
  struct mmu l;
  u64 v;
  u8 b[4] = {1, 2, 3, 4}, c;
  volatile int faulted = 0;
  if (mmu_init_linear(&l)) {
    printf("skip linear: not on this host\n");
    return;
  }
  l.on_fault = on_fault;
  ASSERT(!mmu_map(&l, 0x10000, 8192, MMU_READ | MMU_WRITE));
  ASSERT(!mmu_store64(&l, 0x10ffd, 0x1122334455667788ull));
  ASSERT(!mmu_load64(&l, 0x10ffd, &v));
  ASSERT_EQ(0x1122334455667788ull, v);
  ASSERT(!mmu_read(&l, 0x10ffd, b, 1));
  ASSERT_EQ(0x88, b[0]);
  ASSERT(!mmu_protect(&l, 0x11000, 4096, MMU_READ));
  ASSERT(mmu_write(&l, 0x10ffe, b, 4)); /* checked: no host fault */
  ASSERT_EQ(0x11000, l.fault_addr);
  ASSERT_EQ(MMU_FAULT_ACCERR, l.fault_code);
  if (!sigsetjmp(g_jb, 1)) {
    if (mmu_store8(&l, 0x11004, 1)) faulted = 2; /* the host refuses it */
  } else {
    faulted = 1;
  }
  ASSERT_EQ(1, faulted);
  /* The byte's address, or on hosts whose MMU reports only the page
   * (s390x), the page's. */
  ASSERT(l.fault_addr == 0x11004 || l.fault_addr == 0x11000);
  ASSERT_EQ(MMU_FAULT_ACCERR, l.fault_code);
  faulted = 0;
  if (!sigsetjmp(g_jb, 1)) {
    if (mmu_load8(&l, 0x20000, &c)) faulted = 2;
  } else {
    faulted = 1;
  }
  ASSERT_EQ(1, faulted);
  ASSERT_EQ(MMU_FAULT_MAPERR, l.fault_code);
  /* Beyond the stretch: refused without touching the host. */
  ASSERT(mmu_load8(&l, l.linear_limit, &c));
  ASSERT(!mmu_unmap(&l, 0x10000, 4096));
  ASSERT(mmu_read(&l, 0x10000, b, 1));
  mmu_destroy(&l);
}

int main(void) {
  static const struct test tests[] = {
      {"little_endian_bytes", little_endian_bytes},
      {"crosses_pages", crosses_pages},
      {"zeroed_and_lazy", zeroed_and_lazy},
      {"faults", faults},
      {"protect_and_unmap", protect_and_unmap},
      {"linear", linear},
  };
  if (mmu_init(&m)) return 2;
  return test_main(tests, ARRAY_LEN(tests));
}
