/* The paged backend: a four-level table of 4 KiB guest pages (9 bits of
 * the address per level, like x86-64's own page tables) whose leaves hold a
 * host page pointer and the guest protection. Host pages are allocated on
 * first touch, so a large mapping costs nothing until it is used. A page
 * core/ decoded code from carries CODE: its TLB entries never allow
 * writes, so the first write takes the slow path, which drops the mark and
 * tells core/ (on_code_write) before the bytes change. */
#include "mmu/mmu.h"

#include "mmu/mmu_priv.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define LEVELS 4
#define FANOUT 512
#define PRESENT 8   /* leaf bit: the guest page is mapped */
#define EXTERNAL 16 /* leaf bit: the page is in a host file mapping */
#define HOSTRO 32   /* leaf bit: ... that the host maps read-only */
#define CODE 64     /* leaf bit: core/ decoded code from the page */
#define LEAF_HOST(x) ((u8 *)((x) & ~(leaf_t)4095))
#define PROT_BITS (MMU_READ | MMU_WRITE | MMU_EXEC)

/* A leaf is a host page address with the protection in its low bits; host
 * pages are 4 KiB aligned, so the low 12 bits are free on every host. */
typedef uintptr_t leaf_t;

/* A host mapping of a file, shared by the guest pages that point into it;
 * unmapped from the host when the last of them goes. */
struct mmu_hostmap {
  struct mmu_hostmap *next;
  u8 *base;
  size_t len;
  u64 refs;
};

/* Drops what a leaf holds: a heap page, or a reference to a host file
 * mapping. */
static void release(struct mmu *m, leaf_t leaf) {
  u8 *h = LEAF_HOST(leaf);
  struct mmu_hostmap **p;
  if (!h) return;
  if (!(leaf & EXTERNAL)) {
    free(h);
    --m->pages;
    return;
  }
  for (p = &m->hostmaps; *p; p = &(*p)->next) {
    struct mmu_hostmap *hm = *p;
    if (h >= hm->base && h < hm->base + hm->len) {
      if (!--hm->refs) {
        munmap(hm->base, hm->len);
        *p = hm->next;
        free(hm);
      }
      return;
    }
  }
}

static void tlb_flush(struct mmu *m) {
  unsigned i;
  for (i = 0; i < MMU_TLB_SIZE; ++i) {
    m->tlb[i].page = ~(u64)0;
    m->tlb[i].host = NULL;
    m->tlb[i].prot = 0;
  }
}

int mmu_init(struct mmu *m) {
  memset(m, 0, sizeof(*m));
  tlb_flush(m);
  m->root = calloc(FANOUT, sizeof(void *));
  return m->root ? 0 : -1;
}

static void free_level(void **table, int level) {
  unsigned i;
  if (!table) return;
  for (i = 0; i < FANOUT; ++i) {
    if (!table[i]) continue;
    if (level > 1) {
      free_level(table[i], level - 1);
    } else {
      leaf_t *leaves = table[i];
      unsigned j;
      for (j = 0; j < FANOUT; ++j) {
        if (!(leaves[j] & EXTERNAL)) free(LEAF_HOST(leaves[j]));
      }
      free(leaves);
    }
  }
  free(table);
}

void mmu_destroy(struct mmu *m) {
  if (m->linear) linear_destroy(m);
  free_level(m->root, LEVELS - 1);
  while (m->hostmaps) {
    struct mmu_hostmap *hm = m->hostmaps;
    m->hostmaps = hm->next;
    munmap(hm->base, hm->len);
    free(hm);
  }
  m->root = NULL;
  mmu_regions_free(m);
}

/* Returns the leaf slot of addr, creating the tables on the way if create
 * is set; NULL if it does not exist (or memory ran out). */
static leaf_t *leaf_slot(struct mmu *m, u64 addr, int create) {
  void **table = m->root;
  int level;
  for (level = LEVELS - 1; level >= 1; --level) {
    unsigned i = (addr >> (MMU_PAGE_SHIFT + 9 * level)) & (FANOUT - 1);
    if (!table[i]) {
      if (!create) return NULL;
      table[i] = calloc(FANOUT, level > 1 ? sizeof(void *) : sizeof(leaf_t));
      if (!table[i]) return NULL;
    }
    table = table[i];
  }
  return (leaf_t *)table + ((addr >> MMU_PAGE_SHIFT) & (FANOUT - 1));
}

static int range_ok(u64 addr, u64 len) {
  return !(addr & MMU_PAGE_MASK) && !(len & MMU_PAGE_MASK) &&
         addr < MMU_LIMIT && len <= MMU_LIMIT - addr;
}

int mmu_map(struct mmu *m, u64 addr, u64 len, int prot) {
  return mmu_map_named(m, addr, len, prot, MMU_KIND_ANON, NULL, 0, 0, 0);
}

int mmu_map_named(struct mmu *m, u64 addr, u64 len, int prot, int kind,
                  const char *name, u64 offset, u64 dev, u64 ino) {
  struct mmu_region r;
  u64 a;
  if (!range_ok(addr, len)) return -1;
  if (!len) return 0;
  memset(&r, 0, sizeof(r));
  r.start = addr;
  r.end = addr + len;
  r.prot = prot & PROT_BITS;
  r.kind = kind;
  r.name = (char *)name;
  r.offset = offset;
  r.dev = dev;
  r.ino = ino;
  if (mmu_regions_add(m, &r)) return -1;
  if (m->linear) return linear_map(m, addr, len, prot);
  for (a = addr; a < addr + len; a += MMU_PAGE_SIZE) {
    leaf_t *s = leaf_slot(m, a, 1);
    if (!s) return -1;
    release(m, *s);
    *s = PRESENT | (prot & PROT_BITS);
  }
  tlb_flush(m);
  return 0;
}

int mmu_map_file(struct mmu *m, u64 addr, u64 len, int prot, int fd, u64 off,
                 int shared, const char *name, u64 dev, u64 ino) {
  long hps = sysconf(_SC_PAGESIZE);
  u64 down, delta, hlen, avail, i;
  struct mmu_hostmap *hm;
  struct stat st;
  int acc, hprot;
  u8 *base;
  if (!range_ok(addr, len) || (off & MMU_PAGE_MASK) || !len) return -1;
  if (m->linear) {
    struct mmu_region r;
    memset(&r, 0, sizeof(r));
    r.start = addr, r.end = addr + len, r.prot = prot & PROT_BITS;
    r.kind = MMU_KIND_FILE, r.name = (char *)name, r.offset = off;
    r.dev = dev, r.ino = ino, r.shared = shared;
    if (linear_map_file(m, addr, len, prot, fd, off, shared)) return -1;
    return mmu_regions_add(m, &r);
  }
  if (hps < (long)MMU_PAGE_SIZE || fstat(fd, &st)) return -1;
  acc = fcntl(fd, F_GETFL) & O_ACCMODE;
  hprot = PROT_READ;
  if (!shared || acc == O_RDWR) hprot |= PROT_WRITE;
  /* The host maps whole host pages: start at the one holding off. */
  down = off & ~(u64)(hps - 1);
  delta = off - down;
  hlen = (delta + len + (u64)hps - 1) & ~(u64)(hps - 1);
  base = mmap(NULL, (size_t)hlen, hprot, shared ? MAP_SHARED : MAP_PRIVATE, fd,
              (off_t)down);
  if (base == MAP_FAILED) return -1;
  /* Host pages past the end of the file would raise SIGBUS in blink: those
   * guest pages get zeroed memory of their own instead. */
  avail = (u64)st.st_size > down ? (u64)st.st_size - down : 0;
  avail = (avail + (u64)hps - 1) & ~(u64)(hps - 1);
  if (!(hm = calloc(1, sizeof(*hm))) ||
      mmu_map_named(m, addr, len, prot, MMU_KIND_FILE, name, off, dev, ino)) {
    free(hm);
    munmap(base, (size_t)hlen);
    return -1;
  }
  if (shared) {
    struct mmu_region *r;
    for (r = m->regions; r && r->start < addr + len; r = r->next) {
      if (r->start >= addr) r->shared = 1;
    }
  }
  hm->base = base;
  hm->len = (size_t)hlen;
  for (i = 0; i < len; i += MMU_PAGE_SIZE) {
    leaf_t *s;
    if (delta + i >= avail) continue; /* stays a lazy zero page */
    s = leaf_slot(m, addr + i, 0);
    *s = (leaf_t)(base + delta + i) | PRESENT | EXTERNAL |
         (hprot & PROT_WRITE ? 0 : HOSTRO) | (prot & PROT_BITS);
    ++hm->refs;
  }
  if (hm->refs) {
    hm->next = m->hostmaps;
    m->hostmaps = hm;
  } else {
    munmap(base, (size_t)hlen);
    free(hm);
  }
  tlb_flush(m);
  return 0;
}

int mmu_protect(struct mmu *m, u64 addr, u64 len, int prot) {
  u64 a;
  if (!range_ok(addr, len) || !mmu_is_mapped(m, addr, len)) return -1;
  if (mmu_regions_protect(m, addr, addr + len, prot & PROT_BITS)) return -1;
  if (m->linear) return linear_protect(m, addr, len, prot);
  for (a = addr; a < addr + len; a += MMU_PAGE_SIZE) {
    leaf_t *s = leaf_slot(m, a, 0);
    *s = (*s & ~(leaf_t)PROT_BITS) | (prot & PROT_BITS);
  }
  tlb_flush(m);
  return 0;
}

int mmu_unmap(struct mmu *m, u64 addr, u64 len) {
  u64 a;
  if (!range_ok(addr, len)) return -1;
  if (mmu_regions_remove(m, addr, addr + len)) return -1;
  if (m->linear) return linear_unmap(m, addr, len);
  for (a = addr; a < addr + len; a += MMU_PAGE_SIZE) {
    leaf_t *s = leaf_slot(m, a, 0);
    if (!s) continue;
    release(m, *s);
    *s = 0;
  }
  tlb_flush(m);
  return 0;
}

int mmu_sync(struct mmu *m, u64 addr, u64 len, int sync) {
  int how = sync ? MS_SYNC : MS_ASYNC;
  u64 a;
  if (m->linear) return msync(m->linear + addr, (size_t)len, how);
  /* Only host file mappings have anything to write back, a page at a
   * time (host pages may be larger: msync wants their start). */
  for (a = addr; a < addr + len; a += MMU_PAGE_SIZE) {
    leaf_t *s = leaf_slot(m, a, 0);
    uintptr_t h, hps = (uintptr_t)sysconf(_SC_PAGESIZE);
    if (!s || !(*s & EXTERNAL)) continue;
    h = (uintptr_t)LEAF_HOST(*s) & ~(hps - 1);
    if (msync((void *)h, hps, how)) return -1;
  }
  return 0;
}

void mmu_watch_code(struct mmu *m, u64 addr, u64 len) {
  u64 a, end = addr + len;
  if (m->linear) {
    linear_watch(m, addr, len);
    return;
  }
  for (a = addr & ~MMU_PAGE_MASK; a < end; a += MMU_PAGE_SIZE) {
    leaf_t *s = leaf_slot(m, a, 0);
    struct mmu_tlb *t = &m->tlb[(a >> MMU_PAGE_SHIFT) & (MMU_TLB_SIZE - 1)];
    if (!s || !(*s & PRESENT)) continue;
    *s |= CODE;
    if (t->page == a >> MMU_PAGE_SHIFT) t->prot &= ~(u32)MMU_WRITE;
  }
}

int mmu_is_mapped(struct mmu *m, u64 addr, u64 len) {
  u64 a, end;
  if (addr >= MMU_LIMIT || len > MMU_LIMIT - addr) return 0;
  if (m->linear) {
    int code = m->fault_code;
    u64 at = m->fault_addr, span = mmu_regions_span(m, addr, len, 7);
    m->fault_code = code, m->fault_addr = at;
    return span == len;
  }
  end = addr + len;
  for (a = addr & ~MMU_PAGE_MASK; a < end; a += MMU_PAGE_SIZE) {
    leaf_t *s = leaf_slot(m, a, 0);
    if (!s || !(*s & PRESENT)) return 0;
  }
  return 1;
}

static int fault(struct mmu *m, u64 addr, int code) {
  m->fault_addr = addr;
  m->fault_code = code;
  return -1;
}

/* Finds the host page of addr with access prot, allocating it on first
 * touch, and caches it in the TLB. NULL with the fault recorded if the
 * guest may not access it. */
static u8 *page_of(struct mmu *m, u64 addr, u32 prot) {
  leaf_t *s;
  u8 *host;
  struct mmu_tlb *t;
  if (addr >= MMU_LIMIT) return fault(m, addr, MMU_FAULT_MAPERR), NULL;
  s = leaf_slot(m, addr, 0);
  if ((!s || !(*s & PRESENT)) && mmu_grow_stack(m, addr)) {
    s = leaf_slot(m, addr, 0);
  }
  if (!s || !(*s & PRESENT)) return fault(m, addr, MMU_FAULT_MAPERR), NULL;
  /* On x86 whatever may be written or executed may also be read. */
  if (prot == MMU_READ) prot = PROT_BITS;
  if (!(*s & prot)) return fault(m, addr, MMU_FAULT_ACCERR), NULL;
  if ((prot & MMU_WRITE) && (*s & HOSTRO)) {
    return fault(m, addr, MMU_FAULT_ACCERR), NULL;
  }
  if ((prot & MMU_WRITE) && (*s & CODE)) {
    *s &= ~(leaf_t)CODE;
    if (m->on_code_write) {
      m->on_code_write(m->on_fault_ctx, addr & ~MMU_PAGE_MASK);
    }
  }
  host = (u8 *)(*s & ~(leaf_t)4095);
  if (!host) {
    void *p;
    if (posix_memalign(&p, MMU_PAGE_SIZE, MMU_PAGE_SIZE)) {
      /* The host is out of memory: the guest sees a failed access. */
      return fault(m, addr, MMU_FAULT_MAPERR), NULL;
    }
    memset(p, 0, MMU_PAGE_SIZE);
    host = p;
    *s |= (leaf_t)host;
    ++m->pages;
  }
  t = &m->tlb[(addr >> MMU_PAGE_SHIFT) & (MMU_TLB_SIZE - 1)];
  t->page = addr >> MMU_PAGE_SHIFT;
  t->host = host;
  t->prot = *s & PROT_BITS;
  if (*s & (HOSTRO | CODE)) t->prot &= ~(u32)MMU_WRITE;
  if (t->prot) t->prot |= MMU_READ;
  return host;
}

int mmu_read(struct mmu *m, u64 addr, void *dst, size_t n) {
  u8 *d = dst;
  if (m->linear) {
    if (mmu_regions_span(m, addr, n, MMU_READ | MMU_WRITE | MMU_EXEC) != n)
      return -1;
    memcpy(dst, m->linear + addr, n);
    return 0;
  }
  while (n) {
    size_t off = addr & MMU_PAGE_MASK, k = MMU_PAGE_SIZE - off;
    u8 *h = page_of(m, addr, MMU_READ);
    if (!h) return -1;
    if (k > n) k = n;
    memcpy(d, h + off, k);
    d += k, addr += k, n -= k;
  }
  return 0;
}

int mmu_write(struct mmu *m, u64 addr, const void *src, size_t n) {
  const u8 *s = src;
  u64 a = addr;
  size_t left = n;
  if (m->linear) {
    if (mmu_regions_span(m, addr, n, MMU_WRITE) != n) return -1;
    if (m->watch) linear_unwatch(m, addr, n);
    memcpy(m->linear + addr, src, n);
    return 0;
  }
  /* Check every page first, so a faulting write changes nothing. */
  while (left) {
    size_t off = a & MMU_PAGE_MASK, k = MMU_PAGE_SIZE - off;
    if (!page_of(m, a, MMU_WRITE)) return -1;
    if (k > left) k = left;
    a += k, left -= k;
  }
  while (n) {
    size_t off = addr & MMU_PAGE_MASK, k = MMU_PAGE_SIZE - off;
    u8 *h = page_of(m, addr, MMU_WRITE);
    if (k > n) k = n;
    memcpy(h + off, s, k);
    s += k, addr += k, n -= k;
  }
  return 0;
}

int mmu_access_ok(struct mmu *m, u64 addr, u64 n, int prot) {
  u64 a, end;
  if (!n) return 0;
  if (m->linear) {
    return mmu_regions_span(m, addr, n, (u32)prot) == n ? 0 : -1;
  }
  if (addr >= MMU_LIMIT || n > MMU_LIMIT - addr)
    return fault(m, addr, MMU_FAULT_MAPERR);
  end = addr + n;
  for (a = addr; a < end; a = (a & ~MMU_PAGE_MASK) + MMU_PAGE_SIZE) {
    if (!page_of(m, a, (u32)prot)) return -1;
  }
  return 0;
}

size_t mmu_fetch(struct mmu *m, u64 addr, void *dst, size_t n) {
  u8 *d = dst;
  size_t done = 0;
  if (m->linear) {
    done = (size_t)mmu_regions_span(m, addr, n, MMU_EXEC);
    memcpy(dst, m->linear + addr, done);
    return done;
  }
  while (done < n) {
    size_t off = addr & MMU_PAGE_MASK, k = MMU_PAGE_SIZE - off;
    u8 *h = page_of(m, addr, MMU_EXEC);
    if (!h) break;
    if (k > n - done) k = n - done;
    memcpy(d + done, h + off, k);
    done += k, addr += k;
  }
  return done;
}

int mmu_load_slow(struct mmu *m, u64 addr, unsigned size, u64 *out) {
  u8 b[8];
  if (mmu_read(m, addr, b, size)) return -1;
  switch (size) {
    case 1: *out = b[0]; break;
    case 2: *out = read16le(b); break;
    case 4: *out = read32le(b); break;
    default: *out = read64le(b); break;
  }
  return 0;
}

int mmu_store_slow(struct mmu *m, u64 addr, unsigned size, u64 val) {
  u8 b[8];
  switch (size) {
    case 1: b[0] = (u8)val; break;
    case 2: write16le(b, (u16)val); break;
    case 4: write32le(b, (u32)val); break;
    default: write64le(b, val); break;
  }
  return mmu_write(m, addr, b, size);
}
