/* The linear backend: guest address g lives at host address m->linear + g
 * inside one reserved stretch of host address space. Mapped guest pages
 * are host pages with the guest's protection (x86 reads what it can write
 * or execute, so host PROT_READ stands for any access); unmapped ones are
 * PROT_NONE reservation. A guest access that the host refuses raises a host
 * SIGSEGV inside the stretch: the handler turns it into a guest fault and
 * leaves through m->on_fault, which unwinds to core/'s dispatch loop.
 * Byte copies for sysemu/ (mmu_read, mmu_write, mmu_fetch) check the
 * regions first and never fault. The fault address is the host's si_addr
 * less the base: exact on x86-64, aarch64 and riscv64; on s390x the
 * hardware reports only the page, so the guest sees the page's address. */
#include "mmu/mmu.h"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mmu/mmu_priv.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

/* The one address space that owns the host's SIGSEGV handler. */
static struct mmu *g_owner;

/* The stretch is reserved a slab at a time, when a guest mapping first
 * reaches into the slab: one 32 TiB reservation costs nothing on a real
 * kernel, but qemu-user (which the tests run blink under) tracks every page
 * of it. Between reserved slabs lies host address space no one uses: Linux
 * places its own mappings far below and far above the stretch. */
#define SLAB_SHIFT 30
#define SLAB_SIZE ((u64)1 << SLAB_SHIFT)
#define SLABS (MMU_LINEAR_SIZE >> SLAB_SHIFT)

static int reserve(struct mmu *m, u64 addr, u64 len) {
  u64 i, first = addr >> SLAB_SHIFT, last = (addr + len - 1) >> SLAB_SHIFT;
  for (i = first; i <= last; ++i) {
    void *want, *p;
    if (m->slabs[i / 8] & (1u << (i % 8))) continue;
    want = m->linear + (i << SLAB_SHIFT);
    p = mmap(want, (size_t)SLAB_SIZE, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
             -1, 0);
    if (p != want) {
      if (p != MAP_FAILED) munmap(p, (size_t)SLAB_SIZE);
      return -1;
    }
    m->slabs[i / 8] |= (u8)(1u << (i % 8));
  }
  return 0;
}

static int host_prot(int prot) {
  int p = PROT_NONE;
  if (prot & (MMU_READ | MMU_WRITE | MMU_EXEC)) p |= PROT_READ;
  if (prot & MMU_WRITE) p |= PROT_WRITE;
  return p;
}

static void on_segv(int sig, siginfo_t *si, void *uc) {
  struct mmu *m = g_owner;
  u8 *a = si->si_addr;
  (void)uc;
  if (m && m->linear && m->on_fault && a >= m->linear &&
      (u64)(a - m->linear) < m->linear_limit) {
    u64 g = (u64)(a - m->linear);
    m->fault_addr = g;
    m->fault_code =
        mmu_any_mapped(m, g, 1) ? MMU_FAULT_ACCERR : MMU_FAULT_MAPERR;
    m->on_fault(m->on_fault_ctx); /* does not return */
  }
  /* Not the guest's fault: blink itself is broken. Die of it. */
  signal(sig, SIG_DFL);
}

int mmu_init_linear(struct mmu *m) {
  struct sigaction sa;
  if (sizeof(void *) < 8 || sysconf(_SC_PAGESIZE) != (long)MMU_PAGE_SIZE) {
    return -1;
  }
  if (mmu_init(m)) return -1;
  if (!(m->slabs = calloc(SLABS / 8, 1))) {
    mmu_destroy(m);
    return -1;
  }
  m->linear = (u8 *)(uintptr_t)MMU_LINEAR_BASE;
  m->linear_limit = MMU_LINEAR_SIZE;
  /* The first slab now, as the probe: if the host can't give it (a 39-bit
   * address space, an old kernel), the linear backend isn't for here. */
  if (reserve(m, 0, 1)) {
    free(m->slabs);
    m->slabs = NULL;
    m->linear = NULL;
    m->linear_limit = 0;
    mmu_destroy(m);
    return -1;
  }
  g_owner = m;
  /* SA_NODEFER: the handler leaves by longjmp, and SIGSEGV must not stay
   * blocked after it. SA_ONSTACK is harmless without an alternate stack. */
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);
  return 0;
}

void linear_destroy(struct mmu *m) {
  u64 i;
  for (i = 0; i < SLABS; ++i) {
    if (m->slabs[i / 8] & (1u << (i % 8))) {
      munmap(m->linear + (i << SLAB_SHIFT), (size_t)SLAB_SIZE);
    }
  }
  free(m->slabs);
  m->slabs = NULL;
  if (g_owner == m) g_owner = NULL;
  m->linear = NULL;
  m->linear_limit = 0;
}

static int in_stretch(struct mmu *m, u64 addr, u64 len) {
  return addr < m->linear_limit && len <= m->linear_limit - addr;
}

/* Fresh zero pages with the protection, replacing what was there. */
int linear_map(struct mmu *m, u64 addr, u64 len, int prot) {
  void *p;
  if (!in_stretch(m, addr, len) || reserve(m, addr, len)) return -1;
  p = mmap(m->linear + addr, (size_t)len, host_prot(prot),
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
  return p == MAP_FAILED ? -1 : 0;
}

int linear_map_file(struct mmu *m, u64 addr, u64 len, int prot, int fd, u64 off,
                    int shared) {
  void *p;
  if (!in_stretch(m, addr, len) || reserve(m, addr, len)) return -1;
  p = mmap(m->linear + addr, (size_t)len, host_prot(prot),
           MAP_FIXED | (shared ? MAP_SHARED : MAP_PRIVATE), fd, (off_t)off);
  if (p == MAP_FAILED) {
    linear_unmap(m, addr, len);
    return -1;
  }
  return 0;
}

int linear_protect(struct mmu *m, u64 addr, u64 len, int prot) {
  if (!in_stretch(m, addr, len)) return -1;
  return mprotect(m->linear + addr, (size_t)len, host_prot(prot)) ? -1 : 0;
}

/* Back to reservation: the memory is released and reads as a hole. */
int linear_unmap(struct mmu *m, u64 addr, u64 len) {
  u64 end, i;
  if (addr >= m->linear_limit) return 0; /* nothing of ours is there */
  end = len > m->linear_limit - addr ? m->linear_limit : addr + len;
  /* Only inside reserved slabs: elsewhere nothing was ever mapped. */
  for (i = addr >> SLAB_SHIFT; i <= (end - 1) >> SLAB_SHIFT; ++i) {
    u64 lo = i << SLAB_SHIFT, hi = lo + SLAB_SIZE;
    void *p;
    if (!(m->slabs[i / 8] & (1u << (i % 8)))) continue;
    if (lo < addr) lo = addr;
    if (hi > end) hi = end;
    p = mmap(m->linear + lo, (size_t)(hi - lo), PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return -1;
  }
  return 0;
}
