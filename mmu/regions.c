/* The region list: the guest's mappings as Linux's VMAs would show them,
 * sorted and disjoint. Splitting on partial munmap/mprotect and merging of
 * neighbours that match keep it as /proc/self/maps would print it. */
#include "mmu/mmu.h"

#include "mmu/mmu_priv.h"

#include <sys/resource.h>

static struct mmu_region *region_new(const struct mmu_region *like, u64 start,
                                     u64 end) {
  struct mmu_region *r = malloc(sizeof(*r));
  if (!r) return NULL;
  *r = *like;
  r->next = NULL;
  r->start = start;
  r->end = end;
  r->name = NULL;
  if (like->name && !(r->name = strdup(like->name))) {
    free(r);
    return NULL;
  }
  return r;
}

static void region_free(struct mmu_region *r) {
  free(r->name);
  free(r);
}

void mmu_regions_free(struct mmu *m) {
  while (m->regions) {
    struct mmu_region *r = m->regions;
    m->regions = r->next;
    region_free(r);
  }
}

/* Splits the region containing addr (if any, and not at its start) in
 * two, so that a region boundary falls at addr. */
static int split_at(struct mmu *m, u64 addr) {
  struct mmu_region *r;
  for (r = m->regions; r; r = r->next) {
    if (r->start < addr && addr < r->end) {
      struct mmu_region *tail = region_new(r, addr, r->end);
      if (!tail) return -1;
      if (r->kind == MMU_KIND_FILE) tail->offset += addr - r->start;
      tail->next = r->next;
      r->next = tail;
      r->end = addr;
      return 0;
    }
  }
  return 0;
}

static int same_kind(const struct mmu_region *a, const struct mmu_region *b) {
  if (a->end != b->start || a->prot != b->prot || a->kind != b->kind ||
      a->shared != b->shared) {
    return 0;
  }
  if (a->kind == MMU_KIND_FILE) {
    return a->dev == b->dev && a->ino == b->ino &&
           a->offset + (a->end - a->start) == b->offset && a->name && b->name &&
           !strcmp(a->name, b->name);
  }
  return !a->name == !b->name && (!a->name || !strcmp(a->name, b->name));
}

static void merge(struct mmu *m) {
  struct mmu_region *r = m->regions;
  while (r && r->next) {
    if (same_kind(r, r->next)) {
      struct mmu_region *n = r->next;
      r->end = n->end;
      r->next = n->next;
      region_free(n);
    } else {
      r = r->next;
    }
  }
}

int mmu_regions_remove(struct mmu *m, u64 start, u64 end) {
  struct mmu_region **p;
  if (split_at(m, start) || split_at(m, end)) return -1;
  for (p = &m->regions; *p;) {
    struct mmu_region *r = *p;
    if (r->start >= start && r->end <= end) {
      *p = r->next;
      region_free(r);
    } else {
      p = &r->next;
    }
  }
  return 0;
}

int mmu_regions_add(struct mmu *m, const struct mmu_region *like) {
  struct mmu_region *n, **p;
  if (mmu_regions_remove(m, like->start, like->end)) return -1;
  if (!(n = region_new(like, like->start, like->end))) return -1;
  for (p = &m->regions; *p && (*p)->start < n->start; p = &(*p)->next) {
  }
  n->next = *p;
  *p = n;
  merge(m);
  return 0;
}

int mmu_regions_protect(struct mmu *m, u64 start, u64 end, u32 prot) {
  struct mmu_region *r;
  if (split_at(m, start) || split_at(m, end)) return -1;
  for (r = m->regions; r; r = r->next) {
    if (r->start >= start && r->end <= end) r->prot = prot;
  }
  merge(m);
  return 0;
}

u64 mmu_find_free(struct mmu *m, u64 len, u64 top) {
  const u64 floor = 0x10000; /* like vm.mmap_min_addr */
  u64 best = 0, gap_start = floor;
  struct mmu_region *r;
  if (!len || len > top) return 0;
  /* Walk up the sorted list; every gap below top that fits is a
   * candidate and the last one seen is the highest. */
  for (r = m->regions;; r = r->next) {
    u64 gap_end = r ? r->start : MMU_LIMIT;
    if (gap_end > top) gap_end = top;
    if (gap_end > gap_start && gap_end - gap_start >= len) {
      best = (gap_end - len) & ~MMU_PAGE_MASK;
    }
    if (!r || r->start >= top) break;
    if (r->end > gap_start) gap_start = r->end;
  }
  return best >= floor ? best : 0;
}

int mmu_any_mapped(struct mmu *m, u64 addr, u64 len) {
  struct mmu_region *r;
  for (r = m->regions; r; r = r->next) {
    if (r->start < addr + len && addr < r->end) return 1;
  }
  return 0;
}

u64 mmu_regions_span(struct mmu *m, u64 addr, u64 n, u32 prot) {
  const struct mmu_region *r;
  u64 at = addr, end = addr + n;
  if (addr >= MMU_LIMIT) {
    m->fault_addr = addr;
    m->fault_code = MMU_FAULT_MAPERR;
    return 0;
  }
  if (end > MMU_LIMIT || end < addr) end = MMU_LIMIT;
  for (r = m->regions; r && at < end; r = r->next) {
    if (r->end <= at) continue;
    if (r->start > at) break; /* a hole */
    if (!(r->prot & prot)) {
      m->fault_addr = at;
      m->fault_code = MMU_FAULT_ACCERR;
      return at - addr;
    }
    at = r->end;
  }
  if (at >= end) return n;
  m->fault_addr = at;
  m->fault_code = MMU_FAULT_MAPERR;
  return at - addr;
}

/* Linux's expand_stack (mm/mmap.c): an access below a stack region grows
 * it down to the access's page, if the stack stays within RLIMIT_STACK
 * (blink's limit is the guest's: setrlimit passes through) and keeps the
 * guard gap of 256 pages from the mapping below. */
#define STACK_GUARD_GAP ((u64)256 << MMU_PAGE_SHIFT)

int mmu_grow_stack(struct mmu *m, u64 addr) {
  struct mmu_region *r, *below = NULL;
  struct rlimit rl;
  u64 start = addr & ~MMU_PAGE_MASK, limit = (u64)8 << 20;
  int code = m->fault_code;
  u64 at = m->fault_addr;
  if (addr >= MMU_LIMIT) return 0;
  for (r = m->regions; r && r->end <= addr; r = r->next) below = r;
  if (!r || r->start <= addr || r->kind != MMU_KIND_STACK) return 0;
  if (!getrlimit(RLIMIT_STACK, &rl)) {
    limit = rl.rlim_cur == RLIM_INFINITY ? MMU_LIMIT : (u64)rl.rlim_cur;
  }
  if (r->end - start > limit) return 0;
  if (below && start - below->end < STACK_GUARD_GAP) return 0;
  if (mmu_map_named(m, start, r->start - start, (int)r->prot, MMU_KIND_STACK,
                    r->name, 0, 0, 0)) {
    return 0;
  }
  m->fault_code = code, m->fault_addr = at;
  return 1;
}
