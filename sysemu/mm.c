/* Memory syscalls: mmap, munmap, mprotect, mremap, brk, madvise, msync.
 * Linux semantics (mm/mmap.c, mm/mprotect.c; mmap(2)) over mmu/'s page
 * table and regions. File mappings are host file mappings (mmu_map_file),
 * so MAP_SHARED writes reach the file; shared anonymous memory is a host
 * shared mapping too, so it stays shared across fork. MAP_GROWSDOWN
 * regions grow on access below them (mmu/). */
#include "sysemu/sysemu_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* x86-64 Linux values (include/uapi/asm-generic/mman-common.h,
 * arch/x86/include/uapi/asm/mman.h). */
#define LINUX_PROT_READ 1
#define LINUX_PROT_WRITE 2
#define LINUX_PROT_EXEC 4
#define LINUX_PROT_GROWSDOWN 0x01000000
#define LINUX_MAP_SHARED 0x01
#define LINUX_MAP_PRIVATE 0x02
#define LINUX_MAP_SHARED_VALIDATE 0x03
#define LINUX_MAP_TYPE 0x0f
#define LINUX_MAP_FIXED 0x10
#define LINUX_MAP_ANONYMOUS 0x20
#define LINUX_MAP_32BIT 0x40
#define LINUX_MAP_GROWSDOWN 0x100
#define LINUX_MAP_DENYWRITE 0x800
#define LINUX_MAP_EXECUTABLE 0x1000
#define LINUX_MAP_LOCKED 0x2000
#define LINUX_MAP_NORESERVE 0x4000
#define LINUX_MAP_POPULATE 0x8000
#define LINUX_MAP_NONBLOCK 0x10000
#define LINUX_MAP_STACK 0x20000
#define LINUX_MAP_HUGETLB 0x40000
#define LINUX_MAP_SYNC 0x80000
#define LINUX_MAP_FIXED_NOREPLACE 0x100000
#define LINUX_MADV_DONTNEED 4

/* Flags MAP_SHARED_VALIDATE accepts (the rest: EOPNOTSUPP). */
#define KNOWN_MAP_FLAGS                                                        \
  (LINUX_MAP_TYPE | LINUX_MAP_FIXED | LINUX_MAP_ANONYMOUS | LINUX_MAP_32BIT |  \
   LINUX_MAP_GROWSDOWN | LINUX_MAP_DENYWRITE | LINUX_MAP_EXECUTABLE |          \
   LINUX_MAP_LOCKED | LINUX_MAP_NORESERVE | LINUX_MAP_POPULATE |               \
   LINUX_MAP_NONBLOCK | LINUX_MAP_STACK | LINUX_MAP_HUGETLB | LINUX_MAP_SYNC | \
   LINUX_MAP_FIXED_NOREPLACE)

static u64 page_up(u64 x) {
  return (x + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
}

static int mmu_prot(u64 prot) {
  return (prot & LINUX_PROT_READ ? MMU_READ : 0) |
         (prot & LINUX_PROT_WRITE ? MMU_WRITE : 0) |
         (prot & LINUX_PROT_EXEC ? MMU_EXEC : 0);
}

i64 sys_mmap(struct sysemu *s, const u64 a[6]) {
  struct mmu *m = s->cpu->mmu;
  u64 addr = a[0], len = a[1], prot = a[2], flags = a[3], off = a[5];
  int fd = (int)a[4], type = flags & LINUX_MAP_TYPE, anon;
  struct stat st;

  if (!len) return -LINUX_EINVAL;
  if (off & MMU_PAGE_MASK) return -LINUX_EINVAL;
  if (len > MMU_LIMIT) return -LINUX_ENOMEM;
  len = page_up(len);
  if (type == LINUX_MAP_SHARED_VALIDATE) {
    if (flags & ~(u64)KNOWN_MAP_FLAGS) return -LINUX_EOPNOTSUPP;
    type = LINUX_MAP_SHARED;
  }
  if (type != LINUX_MAP_SHARED && type != LINUX_MAP_PRIVATE) {
    return -LINUX_EINVAL;
  }
  if (prot & ~(u64)(LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC |
                    LINUX_PROT_GROWSDOWN)) {
    return -LINUX_EINVAL;
  }
  if (flags & LINUX_MAP_HUGETLB) return -LINUX_EINVAL; /* no hugetlbfs */
  anon = (flags & LINUX_MAP_ANONYMOUS) != 0;
  if (!anon) {
    int acc;
    if (fstat(fd, &st)) return sysemu_fail();
    if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) return -LINUX_ENODEV;
    if ((acc = fcntl(fd, F_GETFL)) == -1) return sysemu_fail();
    acc &= O_ACCMODE;
    if (acc == O_WRONLY) return -LINUX_EACCES;
    if (type == LINUX_MAP_SHARED && (prot & LINUX_PROT_WRITE) &&
        acc != O_RDWR) {
      return -LINUX_EACCES;
    }
  }

  /* Where. */
  if (flags & (LINUX_MAP_FIXED | LINUX_MAP_FIXED_NOREPLACE)) {
    if (addr & MMU_PAGE_MASK) return -LINUX_EINVAL;
    if (addr >= MMU_LIMIT || len > MMU_LIMIT - addr) return -LINUX_ENOMEM;
    if (!(flags & LINUX_MAP_FIXED) && mmu_any_mapped(m, addr, len)) {
      return -LINUX_EEXIST;
    }
  } else {
    u64 top = (flags & LINUX_MAP_32BIT) ? 0x80000000 : m->mmap_top;
    addr = page_up(addr);
    if (!addr || addr >= MMU_LIMIT || len > MMU_LIMIT - addr ||
        mmu_any_mapped(m, addr, len) ||
        ((flags & LINUX_MAP_32BIT) && addr + len > top)) {
      if (!(addr = mmu_find_free(m, len, top))) return -LINUX_ENOMEM;
    }
  }

  if (anon && type == LINUX_MAP_SHARED) {
    /* Shared anonymous memory is a host shared mapping of a memory file,
     * so a forked child and its parent see each other's writes. Linux
     * shows it as a deleted /dev/zero. */
    int mfd = memfd_create("blink-shared", MFD_CLOEXEC), rc = -1;
    if (mfd != -1) {
      if (!ftruncate(mfd, (off_t)len)) {
        rc = mmu_map_file(m, addr, len, mmu_prot(prot), mfd, 0, 1,
                          "/dev/zero (deleted)", 0, 0);
      }
      close(mfd);
    }
    if (rc) return -LINUX_ENOMEM;
  } else if (anon) {
    if (mmu_map_named(
            m, addr, len, mmu_prot(prot),
            (flags & LINUX_MAP_GROWSDOWN) ? MMU_KIND_STACK : MMU_KIND_ANON,
            NULL, 0, 0, 0)) {
      return -LINUX_ENOMEM;
    }
  } else {
    char path[64];
    char name[4096];
    ssize_t n;
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    n = readlink(path, name, sizeof(name) - 1);
    name[n > 0 ? n : 0] = 0;
    if (mmu_map_file(m, addr, len, mmu_prot(prot), fd, off,
                     type == LINUX_MAP_SHARED, n > 0 ? name : NULL,
                     (u64)st.st_dev, (u64)st.st_ino)) {
      return errno == EACCES ? -LINUX_EACCES : -LINUX_ENOMEM;
    }
  }
  core_invalidate(s->cpu, addr, len);
  return (i64)addr;
}

i64 sys_munmap(struct sysemu *s, const u64 a[6]) {
  u64 addr = a[0], len = a[1];
  if ((addr & MMU_PAGE_MASK) || !len) return -LINUX_EINVAL;
  len = page_up(len);
  if (addr >= MMU_LIMIT || len > MMU_LIMIT - addr) return -LINUX_EINVAL;
  if (mmu_unmap(s->cpu->mmu, addr, len)) return -LINUX_ENOMEM;
  core_invalidate(s->cpu, addr, len);
  return 0;
}

i64 sys_mprotect(struct sysemu *s, const u64 a[6]) {
  struct mmu *m = s->cpu->mmu;
  u64 addr = a[0], len = a[1], prot = a[2];
  if (addr & MMU_PAGE_MASK) return -LINUX_EINVAL;
  if (prot & ~(u64)(LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC |
                    LINUX_PROT_GROWSDOWN | 0x02000000)) {
    return -LINUX_EINVAL;
  }
  if (!len) return 0;
  len = page_up(len);
  if (addr >= MMU_LIMIT || len > MMU_LIMIT - addr) return -LINUX_ENOMEM;
  /* Linux answers ENOMEM when part of the range is not mapped. */
  if (!mmu_is_mapped(m, addr, len)) return -LINUX_ENOMEM;
  if (mmu_protect(m, addr, len, mmu_prot(prot))) return -LINUX_ENOMEM;
  if (!(prot & LINUX_PROT_EXEC)) core_invalidate(s->cpu, addr, len);
  return 0;
}

/* brk(2): the break moves only over free pages; failure, like Linux,
 * returns the old break. */
i64 sys_brk(struct sysemu *s, const u64 a[6]) {
  struct mmu *m = s->cpu->mmu;
  u64 want = a[0], have = page_up(m->brk_end), need;
  if (want < m->brk_start || want >= MMU_LIMIT) return (i64)m->brk_end;
  need = page_up(want);
  if (need > have) {
    if (mmu_any_mapped(m, have, need - have) ||
        mmu_map_named(m, have, need - have, MMU_READ | MMU_WRITE, MMU_KIND_HEAP,
                      "[heap]", 0, 0, 0)) {
      return (i64)m->brk_end;
    }
  } else if (need < have) {
    if (mmu_unmap(m, need, have - need)) return (i64)m->brk_end;
  }
  m->brk_end = want;
  return (i64)want;
}

/* MADV_DONTNEED drops private anonymous pages: they read back as zeros.
 * (Private file pages should read back from the file; they keep their
 * contents for now.) Other advice changes nothing a program can see. */
i64 sys_madvise(struct sysemu *s, const u64 a[6]) {
  struct mmu *m = s->cpu->mmu;
  u64 addr = a[0], len = page_up(a[1]), p;
  if (addr & MMU_PAGE_MASK) return -LINUX_EINVAL;
  if (!len) return 0;
  if (addr >= MMU_LIMIT || len > MMU_LIMIT - addr) return -LINUX_EINVAL;
  if (!mmu_is_mapped(m, addr, len)) return -LINUX_ENOMEM;
  if (a[2] != LINUX_MADV_DONTNEED) return 0;
  for (p = addr; p < addr + len; p += MMU_PAGE_SIZE) {
    const struct mmu_region *r;
    for (r = m->regions; r && !(r->start <= p && p < r->end); r = r->next) {
    }
    if (r && (r->kind == MMU_KIND_ANON || r->kind == MMU_KIND_HEAP ||
              r->kind == MMU_KIND_STACK)) {
      /* Remapping replaces r, so keep what it says first. */
      int prot = (int)r->prot, kind = (int)r->kind, rc;
      char *name = r->name ? strdup(r->name) : NULL;
      if (r->name && !name) return -LINUX_ENOMEM;
      rc = mmu_map_named(m, p, MMU_PAGE_SIZE, prot, kind, name, 0, 0, 0);
      free(name);
      if (rc) return -LINUX_ENOMEM;
    }
  }
  return 0;
}

/* mremap: shrinking always works; growing or moving works for anonymous
 * memory (in place when the pages after it are free, else elsewhere with
 * MREMAP_MAYMOVE, or at new_addr with MREMAP_FIXED). A file mapping can
 * only shrink for now (-ENOMEM otherwise, which libcs answer by copying),
 * and MREMAP_DONTUNMAP is refused as kernels before 5.7 refuse it. */
#define LINUX_MREMAP_MAYMOVE 1
#define LINUX_MREMAP_FIXED 2
#define LINUX_MREMAP_DONTUNMAP 4

static const struct mmu_region *region_at(struct mmu *m, u64 addr) {
  const struct mmu_region *r;
  for (r = m->regions; r; r = r->next) {
    if (r->start <= addr && addr < r->end) return r;
  }
  return NULL;
}

/* Copies len bytes from guest old to guest new whatever their protection
 * (both are made readable and writable for the copy). */
static int move_bytes(struct mmu *m, u64 from, u64 to, u64 len) {
  static u8 buf[65536];
  u64 done;
  for (done = 0; done < len; done += sizeof(buf)) {
    size_t n = len - done < sizeof(buf) ? (size_t)(len - done) : sizeof(buf);
    if (mmu_read(m, from + done, buf, n) || mmu_write(m, to + done, buf, n)) {
      return -1;
    }
  }
  return 0;
}

i64 sys_mremap(struct sysemu *s, const u64 a[6]) {
  struct mmu *m = s->cpu->mmu;
  u64 old = a[0], oldlen = page_up(a[1]), newlen = page_up(a[2]);
  u64 flags = a[3], to = a[4];
  const struct mmu_region *r;
  int prot, kind;
  char *name;
  if ((old & MMU_PAGE_MASK) || !newlen) return -LINUX_EINVAL;
  if (flags & ~(u64)(LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED |
                     LINUX_MREMAP_DONTUNMAP)) {
    return -LINUX_EINVAL;
  }
  if ((flags & LINUX_MREMAP_FIXED) && !(flags & LINUX_MREMAP_MAYMOVE)) {
    return -LINUX_EINVAL;
  }
  if (flags & LINUX_MREMAP_DONTUNMAP) return -LINUX_EINVAL;
  if (newlen > MMU_LIMIT || old >= MMU_LIMIT || oldlen > MMU_LIMIT - old) {
    return -LINUX_EINVAL;
  }
  /* The old range must lie in one mapping. */
  if (!(r = region_at(m, old)) || old + oldlen > r->end) {
    return -LINUX_EFAULT;
  }
  if (!oldlen) return -LINUX_EINVAL; /* duplicating shared memory: not yet */
  if (!(flags & LINUX_MREMAP_FIXED) && newlen <= oldlen) {
    if (newlen < oldlen && mmu_unmap(m, old + newlen, oldlen - newlen)) {
      return -LINUX_ENOMEM;
    }
    core_invalidate(s->cpu, old + newlen, oldlen - newlen);
    return (i64)old;
  }
  if (r->kind == MMU_KIND_FILE) return -LINUX_ENOMEM;
  prot = (int)r->prot;
  kind = (int)r->kind;
  if (!(name = r->name ? strdup(r->name) : NULL) && r->name) {
    return -LINUX_ENOMEM;
  }
  /* In place, when the pages after the old range are free. */
  if (!(flags & LINUX_MREMAP_FIXED) && old + newlen <= MMU_LIMIT &&
      !mmu_any_mapped(m, old + oldlen, newlen - oldlen)) {
    int rc = mmu_map_named(m, old + oldlen, newlen - oldlen, prot, kind, name,
                           0, 0, 0);
    free(name);
    return rc ? -LINUX_ENOMEM : (i64)old;
  }
  if (!(flags & LINUX_MREMAP_MAYMOVE)) {
    free(name);
    return -LINUX_ENOMEM;
  }
  if (flags & LINUX_MREMAP_FIXED) {
    if ((to & MMU_PAGE_MASK) || to >= MMU_LIMIT || newlen > MMU_LIMIT - to ||
        (to < old + oldlen && old < to + newlen)) {
      free(name);
      return -LINUX_EINVAL;
    }
  } else if (!(to = mmu_find_free(m, newlen, m->mmap_top))) {
    free(name);
    return -LINUX_ENOMEM;
  }
  if (mmu_map_named(m, to, newlen, MMU_READ | MMU_WRITE, kind, name, 0, 0, 0) ||
      mmu_protect(m, old, oldlen, MMU_READ | MMU_WRITE) ||
      move_bytes(m, old, to, newlen < oldlen ? newlen : oldlen) ||
      mmu_protect(m, to, newlen, prot) || mmu_unmap(m, old, oldlen)) {
    free(name);
    return -LINUX_ENOMEM;
  }
  free(name);
  core_invalidate(s->cpu, old, oldlen);
  core_invalidate(s->cpu, to, newlen);
  return (i64)to;
}

/* msync: the mappings are the host's, so the host's msync does the work
 * (mmu_sync); flags as Linux checks them. */
#define LINUX_MS_ASYNC 1
#define LINUX_MS_INVALIDATE 2
#define LINUX_MS_SYNC 4

i64 sys_msync(struct sysemu *s, const u64 a[6]) {
  u64 addr = a[0], len = a[1], flags = a[2];
  if (addr & MMU_PAGE_MASK) return -LINUX_EINVAL;
  if (flags & ~(u64)(LINUX_MS_ASYNC | LINUX_MS_INVALIDATE | LINUX_MS_SYNC)) {
    return -LINUX_EINVAL;
  }
  if ((flags & LINUX_MS_ASYNC) && (flags & LINUX_MS_SYNC)) return -LINUX_EINVAL;
  len = page_up(len);
  if (!len) return 0;
  if (addr >= MMU_LIMIT || len > MMU_LIMIT - addr) return -LINUX_ENOMEM;
  if (!mmu_is_mapped(s->cpu->mmu, addr, len)) return -LINUX_ENOMEM;
  return mmu_sync(s->cpu->mmu, addr, len, (flags & LINUX_MS_SYNC) != 0)
             ? sysemu_fail()
             : 0;
}
