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
 * hardware reports only the page, and core/ finds the byte from the
 * instruction's memory operand.
 *
 * Code pages: a page core/ decoded code from is watched: a bit in a
 * per-slab bitmap, and host PROT_READ while the guest may write it. The
 * guest's first write faults; the SIGSEGV handler sees the bit, gives the
 * page its protection back, tells core/ (on_code_write) and returns, so
 * the host retries the write. The mark outlives mprotect (a page made
 * writable again stays watched), as the paged backend's CODE bit does. */
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

/* The guest's protection of addr (0 if unmapped), leaving the recorded
 * fault alone. */
static int guest_prot(struct mmu *m, u64 addr) {
  int code = m->fault_code, prot = 0;
  u64 at = m->fault_addr;
  if (mmu_regions_span(m, addr, 1, MMU_READ | MMU_WRITE | MMU_EXEC)) {
    if (mmu_regions_span(m, addr, 1, MMU_WRITE)) prot |= MMU_WRITE;
    prot |= MMU_READ;
  }
  m->fault_code = code, m->fault_addr = at;
  return prot;
}

static u8 *watch_word(struct mmu *m, u64 page, int create) {
  u64 slab = page >> (SLAB_SHIFT - MMU_PAGE_SHIFT);
  u8 *bits;
  if (!m->watch) {
    if (!create || !(m->watch = calloc(SLABS, sizeof(*m->watch)))) return NULL;
  }
  bits = m->watch[slab];
  if (!bits) {
    if (!create || !(bits = calloc(SLAB_SIZE >> MMU_PAGE_SHIFT >> 3, 1)))
      return NULL;
    m->watch[slab] = bits;
  }
  return bits + ((page & ((SLAB_SIZE >> MMU_PAGE_SHIFT) - 1)) >> 3);
}

void linear_watch(struct mmu *m, u64 addr, u64 len) {
  u64 a, end = addr + len;
  for (a = addr & ~MMU_PAGE_MASK; a < end && a < m->linear_limit;
       a += MMU_PAGE_SIZE) {
    u64 page = a >> MMU_PAGE_SHIFT;
    u8 *w = watch_word(m, page, 1), bit = (u8)(1u << (page & 7));
    if (!w || (*w & bit)) continue;
    if ((guest_prot(m, a) & MMU_WRITE) &&
        mprotect(m->linear + a, MMU_PAGE_SIZE, PROT_READ)) {
      continue; /* unwatched then: the host would not catch the write */
    }
    *w |= bit;
  }
}

int linear_unwatch(struct mmu *m, u64 addr, u64 len) {
  u64 a, end = addr + len;
  int any = 0;
  for (a = addr & ~MMU_PAGE_MASK; a < end && a < m->linear_limit;
       a += MMU_PAGE_SIZE) {
    u64 page = a >> MMU_PAGE_SHIFT;
    u8 *w = watch_word(m, page, 0), bit = (u8)(1u << (page & 7));
    int prot;
    if (!w || !(*w & bit)) continue;
    prot = guest_prot(m, a);
    if (!(prot & MMU_WRITE)) continue; /* a real fault, if one */
    *w &= (u8)~bit;
    mprotect(m->linear + a, MMU_PAGE_SIZE, host_prot(prot));
    if (m->on_code_write) m->on_code_write(m->on_fault_ctx, a);
    any = 1;
  }
  return any;
}

/* Drops the marks of [addr, addr+len) (the range is being remapped). */
static void forget_watch(struct mmu *m, u64 addr, u64 len) {
  u64 a, end = addr + len;
  if (!m->watch) return;
  for (a = addr & ~MMU_PAGE_MASK; a < end && a < m->linear_limit;
       a += MMU_PAGE_SIZE) {
    u64 page = a >> MMU_PAGE_SHIFT;
    u8 *w;
    if (!m->watch[page >> (SLAB_SHIFT - MMU_PAGE_SHIFT)]) {
      a |= SLAB_SIZE - 1; /* nothing watched in this slab */
      a -= MMU_PAGE_SIZE - 1;
      continue;
    }
    w = watch_word(m, page, 0);
    *w &= (u8) ~(1u << (page & 7));
  }
}

/* After a protection change: watched pages the guest may now write are
 * write-protected on the host again. */
static void rewatch(struct mmu *m, u64 addr, u64 len, int prot) {
  u64 a, end = addr + len;
  if (!m->watch || !(prot & MMU_WRITE)) return;
  for (a = addr & ~MMU_PAGE_MASK; a < end && a < m->linear_limit;
       a += MMU_PAGE_SIZE) {
    u64 page = a >> MMU_PAGE_SHIFT;
    u8 *w;
    if (!m->watch[page >> (SLAB_SHIFT - MMU_PAGE_SHIFT)]) {
      a |= SLAB_SIZE - 1;
      a -= MMU_PAGE_SIZE - 1;
      continue;
    }
    w = watch_word(m, page, 0);
    if (*w & (1u << (page & 7))) {
      mprotect(m->linear + a, MMU_PAGE_SIZE, PROT_READ);
    }
  }
}

static void on_segv(int sig, siginfo_t *si, void *uc) {
  struct mmu *m = g_owner;
  u8 *a = si->si_addr;
  (void)uc;
  if (m && m->linear && m->on_fault && a >= m->linear &&
      (u64)(a - m->linear) < m->linear_limit) {
    u64 g = (u64)(a - m->linear);
    /* A write to a watched code page: let it through, once core/ knows. */
    if (m->watch && linear_unwatch(m, g, 1)) return;
    /* Below a MAP_GROWSDOWN stack: grow it, and the access goes again. */
    if (!mmu_any_mapped(m, g, 1) && mmu_grow_stack(m, g)) return;
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
  if (m->watch) {
    for (i = 0; i < SLABS; ++i) free(m->watch[i]);
    free(m->watch);
    m->watch = NULL;
  }
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
  forget_watch(m, addr, len);
  p = mmap(m->linear + addr, (size_t)len, host_prot(prot),
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
  return p == MAP_FAILED ? -1 : 0;
}

int linear_map_file(struct mmu *m, u64 addr, u64 len, int prot, int fd, u64 off,
                    int shared) {
  void *p;
  if (!in_stretch(m, addr, len) || reserve(m, addr, len)) return -1;
  forget_watch(m, addr, len);
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
  if (mprotect(m->linear + addr, (size_t)len, host_prot(prot))) return -1;
  rewatch(m, addr, len, prot);
  return 0;
}

/* Back to reservation: the memory is released and reads as a hole. */
int linear_unmap(struct mmu *m, u64 addr, u64 len) {
  u64 end, i;
  if (addr >= m->linear_limit) return 0; /* nothing of ours is there */
  end = len > m->linear_limit - addr ? m->linear_limit : addr + len;
  forget_watch(m, addr, end - addr);
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
