/* The ELF loader: static (ET_EXEC) and static-PIE (ET_DYN without
 * PT_INTERP) x86-64 programs. Headers are read as byte offsets with the
 * little-endian helpers, never as host structs (System V gABI, "ELF
 * Header" and "Program Header"). Every offset and size the file gives is
 * checked against the file's length before use. */
#include "runner/runner.h"

#include "runner/runner_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define MAX_PHNUM 256

#define ET_EXEC 2
#define ET_DYN 3
#define EM_X86_64 62
#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PT_GNU_STACK 0x6474e551
#define PF_X 1
#define PF_W 2
#define PF_R 4

struct phdr {
  u32 type, flags;
  u64 offset, vaddr, filesz, memsz;
};

static int g_report;

static int fail(const char *path, int status, const char *why) {
  if (g_report) fprintf(stderr, "blink: %s: %s\n", path, why);
  return status;
}

static const char *machine_name(unsigned m) {
  switch (m) {
    case 3: return "i386";
    case 8: return "mips";
    case 20: return "powerpc";
    case 21: return "powerpc64";
    case 22: return "s390";
    case 40: return "arm";
    case 62: return "x86-64";
    case 183: return "aarch64";
    case 243: return "riscv";
    case 258: return "loongarch";
    default: return NULL;
  }
}

static int read_at(int fd, void *buf, size_t n, u64 off) {
  size_t done = 0;
  while (done < n) {
    ssize_t k = pread(fd, (u8 *)buf + done, n - done, (off_t)(off + done));
    if (k <= 0) return -1;
    done += (size_t)k;
  }
  return 0;
}

static int prot_of(u32 flags) {
  return (flags & PF_R ? MMU_READ : 0) | (flags & PF_W ? MMU_WRITE : 0) |
         (flags & PF_X ? MMU_EXEC : 0);
}

/* Copies a segment's file bytes into guest memory in bounded chunks. */
static int copy_segment(struct mmu *m, int fd, const struct phdr *p, u64 bias) {
  static u8 buf[65536];
  u64 done = 0;
  while (done < p->filesz) {
    size_t n = p->filesz - done < sizeof(buf) ? (size_t)(p->filesz - done)
                                              : sizeof(buf);
    if (read_at(fd, buf, n, p->offset + done)) return -1;
    if (mmu_write(m, p->vaddr + bias + done, buf, n)) return -1;
    done += n;
  }
  return 0;
}

static int check_ident(const char *path, const u8 *e, size_t got) {
  char why[128];
  const char *name;
  unsigned machine;
  if (got < 4 || memcmp(e, "\177ELF", 4)) {
    return fail(path, 126, "exec format error: not an x86-64 ELF program");
  }
  if (got < 20) return fail(path, 126, "truncated ELF header");
  machine = e[5] == 2 ? (unsigned)e[18] << 8 | e[19] : read16le(e + 18);
  if (machine != EM_X86_64 || e[4] != 2 || e[5] != 1) {
    name = machine_name(machine);
    if (name) {
      snprintf(why, sizeof(why),
               "exec format error: %s-bit ELF for %s, not x86-64",
               e[4] == 1 ? "32" : "64", name);
    } else {
      snprintf(why, sizeof(why),
               "exec format error: ELF for machine %u, not x86-64", machine);
    }
    return fail(path, 126, why);
  }
  if (got < EHDR_SIZE) return fail(path, 126, "truncated ELF header");
  return 0;
}

int runner_load(struct mmu *m, const char *path, struct runner_image *im,
                int report) {
  u8 e[EHDR_SIZE], ph[PHDR_SIZE * 16];
  struct phdr p[MAX_PHNUM];
  struct stat st;
  u64 phoff, fsize, bias = 0, lo = ~(u64)0, hi = 0, a;
  unsigned type, phnum, phentsize, i, j;
  ssize_t got;
  int fd, rc;

  memset(im, 0, sizeof(*im));
  im->path = path;
  g_report = report;
  if ((fd = open(path, O_RDONLY)) == -1) {
    rc = errno == ENOENT || errno == ENOTDIR ? 127 : 126;
    return fail(path, rc, strerror(errno));
  }
  if (fstat(fd, &st)) {
    close(fd);
    return fail(path, 126, strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return fail(path, 126,
                S_ISDIR(st.st_mode) ? "Is a directory" : "not a regular file");
  }
  fsize = (u64)st.st_size;
  got = pread(fd, e, sizeof(e), 0);
  if (got < 0) got = 0;
  if (runner_is_ape(e, (size_t)got)) {
    u8 *head = malloc(8192);
    ssize_t n = head ? pread(fd, head, 8192, 0) : -1;
    rc = n > 0 ? runner_ape_header(head, (size_t)n, e) : -1;
    free(head);
    if (rc) {
      rc = fail(path, 126, "APE file without an x86-64 ELF header");
      goto out;
    }
    got = EHDR_SIZE;
  } else if (runner_is_flat(path) && (got < 4 || memcmp(e, "\177ELF", 4))) {
    rc = runner_load_flat(m, fd, fsize, im)
             ? fail(path, 126, "cannot load flat binary")
             : 0;
    goto out;
  }
  if ((rc = check_ident(path, e, (size_t)got))) goto out;

  type = read16le(e + 16);
  im->entry = read64le(e + 24);
  phoff = read64le(e + 32);
  phentsize = read16le(e + 54);
  phnum = read16le(e + 56);
  if (type != ET_EXEC && type != ET_DYN) {
    rc = fail(path, 126, "exec format error: not an executable ELF type");
    goto out;
  }
  if (phentsize != PHDR_SIZE || phnum == 0 || phnum > MAX_PHNUM) {
    rc = fail(path, 126, "corrupt ELF: bad program header table");
    goto out;
  }
  if (phoff > fsize || (u64)phnum * PHDR_SIZE > fsize - phoff) {
    rc = fail(path, 126, "truncated ELF: program headers past end of file");
    goto out;
  }

  for (i = 0; i < phnum; ++i) {
    const u8 *q;
    if (i % 16 == 0) {
      unsigned k = phnum - i < 16 ? phnum - i : 16;
      if (read_at(fd, ph, k * PHDR_SIZE, phoff + (u64)i * PHDR_SIZE)) {
        rc = fail(path, 126, "read error in program headers");
        goto out;
      }
    }
    q = ph + (i % 16) * PHDR_SIZE;
    p[i].type = read32le(q);
    p[i].flags = read32le(q + 4);
    p[i].offset = read64le(q + 8);
    p[i].vaddr = read64le(q + 16);
    p[i].filesz = read64le(q + 32);
    p[i].memsz = read64le(q + 40);
    if (p[i].type == PT_INTERP) {
      rc = fail(path, 126,
                "dynamically linked programs are not supported yet "
                "(the program has PT_INTERP)");
      goto out;
    }
    if (p[i].type != PT_LOAD) continue;
    if (p[i].filesz > p[i].memsz || p[i].offset > fsize ||
        p[i].filesz > fsize - p[i].offset) {
      rc = fail(path, 126, "truncated ELF: segment past end of file");
      goto out;
    }
    if (p[i].memsz > MMU_LIMIT || p[i].vaddr > MMU_LIMIT - p[i].memsz ||
        ((p[i].vaddr - p[i].offset) & MMU_PAGE_MASK)) {
      rc = fail(path, 126, "corrupt ELF: bad segment address");
      goto out;
    }
    if (!p[i].memsz) continue;
    if (p[i].vaddr < lo) lo = p[i].vaddr;
    if (p[i].vaddr + p[i].memsz > hi) hi = p[i].vaddr + p[i].memsz;
  }
  if (lo > hi) {
    rc = fail(path, 126, "corrupt ELF: nothing to load");
    goto out;
  }
  if (type == ET_DYN) {
    /* Randomized like Linux's ELF_ET_DYN_BASE plus its mmap entropy: up to
     * 1 GiB in pages. */
    u32 r = 0;
    runner_random(&r, sizeof(r));
    bias = runner_pie_base(m) + ((u64)(r & 0x3ffff) << MMU_PAGE_SHIFT) -
           (lo & ~MMU_PAGE_MASK);
    if (hi + bias > runner_stack_top(m) - RUNNER_STACK_SIZE) {
      rc = fail(path, 126, "corrupt ELF: segments too large");
      goto out;
    }
  }

  /* Map every page any segment touches, writable while it is filled;
   * segments may share a page, so each page is mapped once. */
  for (i = 0; i < phnum; ++i) {
    if (p[i].type != PT_LOAD || !p[i].memsz) continue;
    for (a = (p[i].vaddr + bias) & ~MMU_PAGE_MASK;
         a < p[i].vaddr + bias + p[i].memsz; a += MMU_PAGE_SIZE) {
      u64 off = p[i].offset - (p[i].vaddr + bias - a);
      if (!mmu_is_mapped(m, a, 1) &&
          mmu_map_named(m, a, MMU_PAGE_SIZE, MMU_READ | MMU_WRITE,
                        MMU_KIND_FILE, path, off, (u64)st.st_dev,
                        (u64)st.st_ino)) {
        rc = fail(path, 126, "out of memory for segments");
        goto out;
      }
    }
    if (copy_segment(m, fd, &p[i], bias)) {
      rc = fail(path, 126, "read error in segment");
      goto out;
    }
  }
  /* Then give each page the union of the protections of its segments. */
  for (i = 0; i < phnum; ++i) {
    if (p[i].type != PT_LOAD || !p[i].memsz) continue;
    for (a = (p[i].vaddr + bias) & ~MMU_PAGE_MASK;
         a < p[i].vaddr + bias + p[i].memsz; a += MMU_PAGE_SIZE) {
      int prot = 0;
      for (j = 0; j < phnum; ++j) {
        if (p[j].type == PT_LOAD && p[j].memsz &&
            a < p[j].vaddr + bias + p[j].memsz &&
            p[j].vaddr + bias < a + MMU_PAGE_SIZE) {
          prot |= prot_of(p[j].flags);
        }
      }
      if (mmu_protect(m, a, MMU_PAGE_SIZE, prot)) {
        rc = fail(path, 126, "out of memory for segments");
        goto out;
      }
    }
  }

  /* Without PT_GNU_STACK, or with PF_X in it, the stack is executable. */
  im->exec_stack = 1;
  for (i = 0; i < phnum; ++i) {
    if (p[i].type == PT_GNU_STACK) im->exec_stack = (p[i].flags & PF_X) != 0;
  }
  /* AT_PHDR: PT_PHDR if present, else the loaded bytes at e_phoff. */
  for (i = 0; i < phnum; ++i) {
    if (p[i].type == PT_PHDR) im->phdr = p[i].vaddr + bias;
  }
  for (i = 0; !im->phdr && i < phnum; ++i) {
    if (p[i].type == PT_LOAD && phoff >= p[i].offset &&
        phoff - p[i].offset < p[i].filesz) {
      im->phdr = p[i].vaddr + bias + (phoff - p[i].offset);
    }
  }
  im->phnum = phnum;
  im->entry += bias;
  im->base = bias;
  im->brk = (hi + bias + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
  rc = 0;
out:
  close(fd);
  return rc;
}
