/* mmu/: the guest's address space.
 *
 * Promise: every guest load, store and instruction fetch goes through this
 * header. Guest memory is little-endian bytes on every host; the helpers
 * here are plain loads on little-endian hosts and byte swaps on big-endian
 * ones. A guest address is never cast to a host pointer to a C struct.
 *
 * Backends: "paged" keeps a four-level table of 4 KiB guest pages, like
 * the hardware, with a small direct-mapped TLB in front; it works on every
 * host (32-bit, 39-bit, 16K/64K pages). "linear" reserves one stretch of
 * host address space and puts guest address g at host address linear + g:
 * a guest load is a compare, an add and a host load. Host protections
 * enforce the guest's, and a host SIGSEGV inside the stretch becomes a
 * guest fault through m->on_fault. It needs 4 KiB host pages and room for
 * the stretch (MMU_LINEAR_SIZE at MMU_LINEAR_BASE); mmu_init_linear()
 * probes for both.
 *
 * Invariants: guest addresses are below 2^47 (MMU_LIMIT); a page's host
 * memory is allocated on first touch and zeroed; the TLB only ever holds
 * pages that are present, with their protection at the time of filling;
 * mmu_map/mmu_protect/mmu_unmap flush it. Memory ordering for multi-threaded
 * guests on weakly ordered hosts (DESIGN.md rule 6) lands here with threads.
 *
 * Failing calls return -1 and leave the fault in m->fault_addr and
 * m->fault_code, which core/ turns into a guest SIGSEGV.
 *
 *   struct mmu m; u32 v;
 *   mmu_init(&m); mmu_map(&m, 0x400000, 4096, MMU_READ | MMU_WRITE);
 *   if (mmu_store32(&m, 0x400000, 7) || mmu_load32(&m, 0x400000, &v)) ...
 */
#ifndef BLINK_MMU_H_
#define BLINK_MMU_H_

#include "types.h"

#define MMU_PAGE_SHIFT 12
#define MMU_PAGE_SIZE 4096u
#define MMU_PAGE_MASK ((u64)MMU_PAGE_SIZE - 1)
#define MMU_LIMIT ((u64)1 << 47)
#define MMU_TLB_SIZE 32 /* entries; a power of two */

/* Page protections, as in the guest's PROT_* but our own bits. */
#define MMU_READ 1
#define MMU_WRITE 2
#define MMU_EXEC 4

/* Why an access failed, as Linux reports it in si_code. */
enum mmu_fault { MMU_FAULT_NONE, MMU_FAULT_MAPERR, MMU_FAULT_ACCERR };

struct mmu_tlb {
  u64 page; /* guest address >> MMU_PAGE_SHIFT; ~0 when empty */
  u8 *host; /* the page's host memory */
  u32 prot; /* MMU_READ | MMU_WRITE | MMU_EXEC */
};

struct mmu_hostmap;

/* What /proc/self/maps shows of a mapping. */
enum mmu_kind { MMU_KIND_ANON, MMU_KIND_FILE, MMU_KIND_HEAP, MMU_KIND_STACK };

/* The guest's mappings as a sorted list of disjoint [start, end) regions,
 * kept in step with the page table by mmu_map, mmu_protect and mmu_unmap:
 * the page table answers "may the guest touch this byte", the regions
 * answer "where is there room" and "what is mapped there". */
struct mmu_region {
  struct mmu_region *next;
  u64 start, end;
  u32 prot;
  u32 kind;   /* enum mmu_kind */
  u64 offset; /* file offset of start, for MMU_KIND_FILE */
  u64 dev, ino;
  char *name; /* file path, or NULL */
  int shared; /* a MAP_SHARED mapping ('s' in /proc/self/maps) */
};

/* The linear backend's stretch: guest [0, 32 TiB) at host [32, 64) TiB,
 * which Linux leaves free on 47- and 48-bit hosts (its own mappings sit at
 * the bottom and around 0x55.. and 0x7f.. TiB). */
#define MMU_LINEAR_BASE ((u64)1 << 45)
#define MMU_LINEAR_SIZE ((u64)1 << 45)

struct mmu {
  u8 *linear;       /* host address of guest 0, or NULL (paged) */
  u64 linear_limit; /* guest addresses below this are in the stretch */
  u8 *slabs;        /* bitmap: which GiB slabs of the stretch are ours */
  /* Called, from a host signal handler, when a guest access in the
   * stretch faulted (fault_addr and fault_code are set). It leaves by
   * longjmp; if it returns, nobody could take the fault and blink dies of
   * the host signal. */
  void (*on_fault)(void *ctx);
  void *on_fault_ctx;
  /* Self-modifying code: called with on_fault_ctx before the first write
   * (by the guest or through mmu_write) to a page mmu_watch_code() marked,
   * with the page's guest address; the mark is gone by then. In the linear
   * backend it runs inside the host SIGSEGV handler of the writing
   * instruction, so it must neither allocate nor free. */
  void (*on_code_write)(void *ctx, u64 page);
  u8 **watch; /* linear: per-slab bitmaps of watched pages, or NULL */
  struct mmu_tlb tlb[MMU_TLB_SIZE];
  void *root; /* level-4 table: 512 entries */
  u64 fault_addr;
  int fault_code; /* enum mmu_fault */
  u64 pages;      /* host pages allocated for the guest */
  struct mmu_region *regions;
  u64 mmap_top;                 /* mmap(NULL) searches down from here */
  u64 brk_start, brk_end;       /* the program break: [brk_start, brk_end) */
  struct mmu_hostmap *hostmaps; /* paged: host file mappings in use */
};

/* The paged backend; or the linear one, -1 if this host can't have it. */
int mmu_init(struct mmu *m) MUST_CHECK;
int mmu_init_linear(struct mmu *m) MUST_CHECK;
void mmu_destroy(struct mmu *m);

/* Maps [addr, addr+len) as fresh zeroed pages with prot, replacing what was
 * there (like MAP_FIXED). addr and len are page aligned. */
int mmu_map(struct mmu *m, u64 addr, u64 len, int prot) MUST_CHECK;
int mmu_protect(struct mmu *m, u64 addr, u64 len, int prot) MUST_CHECK;
int mmu_unmap(struct mmu *m, u64 addr, u64 len) MUST_CHECK;
/* mmu_map with what /proc/self/maps should say of it (name is copied). */
int mmu_map_named(struct mmu *m, u64 addr, u64 len, int prot, int kind,
                  const char *name, u64 offset, u64 dev, u64 ino) MUST_CHECK;
/* Maps [addr, addr+len) to the host file fd from offset off (4 KiB
 * aligned): shared, so that writes reach the file and the file's changes
 * show, or private, copy-on-write. Pages past the end of the file read as
 * zeros. Replaces what was there. */
int mmu_map_file(struct mmu *m, u64 addr, u64 len, int prot, int fd, u64 off,
                 int shared, const char *name, u64 dev, u64 ino) MUST_CHECK;
/* The highest page-aligned start of a free range of len bytes that ends at
 * or below top (and above the first 64 KiB); 0 if there is none. */
u64 mmu_find_free(struct mmu *m, u64 len, u64 top);
/* Writes the file-backed pages of [addr, addr+len) back to their files
 * (waiting for it if sync): 0, or -1 with errno set. */
int mmu_sync(struct mmu *m, u64 addr, u64 len, int sync) MUST_CHECK;
/* 1 if any page of [addr, addr+len) is mapped. */
int mmu_any_mapped(struct mmu *m, u64 addr, u64 len);
/* 1 if every page of [addr, addr+len) is mapped, else 0. */
int mmu_is_mapped(struct mmu *m, u64 addr, u64 len);

/* Marks the pages of [addr, addr+len) as holding decoded code, so that the
 * next write to one calls on_code_write first. Pages the guest can't write
 * are marked too (cheaply): mmu_protect may make them writable later.
 * mmu_map and mmu_unmap drop the marks of their range without calling
 * anyone; their callers drop the decoded code themselves. */
void mmu_watch_code(struct mmu *m, u64 addr, u64 len);

/* Byte copies between guest and host memory, checking READ/WRITE. */
int mmu_read(struct mmu *m, u64 addr, void *dst, size_t n) MUST_CHECK;
int mmu_write(struct mmu *m, u64 addr, const void *src, size_t n) MUST_CHECK;
/* 0 if the guest may access every byte of [addr, addr+n) with prot. */
int mmu_access_ok(struct mmu *m, u64 addr, u64 n, int prot) MUST_CHECK;
/* Instruction fetch: copies up to n bytes that are mapped executable and
 * returns how many; stops at the first byte that is not (fault recorded). */
size_t mmu_fetch(struct mmu *m, u64 addr, void *dst, size_t n);

/* Slow paths of the inline helpers: fill the TLB or record the fault. */
int mmu_load_slow(struct mmu *m, u64 addr, unsigned size,
                  u64 *out) MUST_CHECK NOINLINE;
int mmu_store_slow(struct mmu *m, u64 addr, unsigned size,
                   u64 val) MUST_CHECK NOINLINE;

static inline struct mmu_tlb *mmu_tlb_hit(struct mmu *m, u64 addr,
                                          unsigned size, u32 prot) {
  u64 page = addr >> MMU_PAGE_SHIFT;
  struct mmu_tlb *t = &m->tlb[page & (MMU_TLB_SIZE - 1)];
  if (LIKELY(t->page == page && (t->prot & prot) &&
             (addr & MMU_PAGE_MASK) <= MMU_PAGE_SIZE - size)) {
    return t;
  }
  return NULL;
}

/* The linear fast path: the host address of [addr, addr+size) when it lies
 * in the stretch (host protections decide the rest), else NULL. */
static inline u8 *mmu_linear_hit(struct mmu *m, u64 addr, unsigned size) {
  if (LIKELY(addr <= m->linear_limit - size)) return m->linear + addr;
  return NULL;
}

#define MMU_DEFINE_ACCESS(bits, type, readfn, writefn)                   \
  static inline MUST_CHECK int mmu_load##bits(struct mmu *m, u64 addr,   \
                                              type *out) {               \
    struct mmu_tlb *t;                                                   \
    u8 *h;                                                               \
    u64 v;                                                               \
    if (m->linear) {                                                     \
      if (LIKELY((h = mmu_linear_hit(m, addr, bits / 8)) != NULL)) {     \
        *out = readfn(h);                                                \
        return 0;                                                        \
      }                                                                  \
    } else if (LIKELY((t = mmu_tlb_hit(m, addr, bits / 8, MMU_READ)) !=  \
                      NULL)) {                                           \
      *out = readfn(t->host + (addr & MMU_PAGE_MASK));                   \
      return 0;                                                          \
    }                                                                    \
    if (mmu_load_slow(m, addr, bits / 8, &v)) return -1;                 \
    *out = (type)v;                                                      \
    return 0;                                                            \
  }                                                                      \
  static inline MUST_CHECK int mmu_store##bits(struct mmu *m, u64 addr,  \
                                               type val) {               \
    struct mmu_tlb *t;                                                   \
    u8 *h;                                                               \
    if (m->linear) {                                                     \
      if (LIKELY((h = mmu_linear_hit(m, addr, bits / 8)) != NULL)) {     \
        writefn(h, val);                                                 \
        return 0;                                                        \
      }                                                                  \
    } else if (LIKELY((t = mmu_tlb_hit(m, addr, bits / 8, MMU_WRITE)) != \
                      NULL)) {                                           \
      writefn(t->host + (addr & MMU_PAGE_MASK), val);                    \
      return 0;                                                          \
    }                                                                    \
    return mmu_store_slow(m, addr, bits / 8, val);                       \
  }

static inline u8 mmu_read8_(const void *p) {
  return *(const u8 *)p;
}
static inline void mmu_write8_(void *p, u8 v) {
  *(u8 *)p = v;
}

MMU_DEFINE_ACCESS(8, u8, mmu_read8_, mmu_write8_)
MMU_DEFINE_ACCESS(16, u16, read16le, write16le)
MMU_DEFINE_ACCESS(32, u32, read32le, write32le)
MMU_DEFINE_ACCESS(64, u64, read64le, write64le)

#endif /* BLINK_MMU_H_ */
