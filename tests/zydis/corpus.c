/* The corpus both the Zydis test and the decoder benchmark read: every
 * executable section of every x86-64 ELF file under /usr/bin, /usr/sbin and
 * /usr/lib/x86_64-linux-gnu (or the directories in BLINK_ZYDIS_CORPUS,
 * separated by ':'), each file once (hard links and symlinks are skipped).
 * Sections come from the section headers, or from the executable PT_LOAD
 * segments of files without them. */
#include "tests/zydis/corpus.h"

#include <elf.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct inode_set {
  unsigned long long *keys;
  size_t cap, n;
};
static struct inode_set seen;

static int seen_before(dev_t dev, ino_t ino) {
  unsigned long long k = ((unsigned long long)dev << 40) ^
                         (unsigned long long)ino ^ 1,
                     h;
  size_t i;
  if (seen.n * 2 >= seen.cap) {
    struct inode_set old = seen;
    seen.cap = old.cap ? old.cap * 2 : 4096;
    seen.keys = calloc(seen.cap, sizeof(unsigned long long));
    seen.n = 0;
    for (i = 0; i < old.cap; ++i) {
      if (old.keys[i]) {
        h = old.keys[i] * 0x9e3779b97f4a7c15ull;
        size_t j = (size_t)(h >> 20) & (seen.cap - 1);
        while (seen.keys[j]) j = (j + 1) & (seen.cap - 1);
        seen.keys[j] = old.keys[i];
        ++seen.n;
      }
    }
    free(old.keys);
  }
  h = k * 0x9e3779b97f4a7c15ull;
  i = (size_t)(h >> 20) & (seen.cap - 1);
  while (seen.keys[i]) {
    if (seen.keys[i] == k) return 1;
    i = (i + 1) & (seen.cap - 1);
  }
  seen.keys[i] = k;
  ++seen.n;
  return 0;
}

/* Calls fn on each executable section of the ELF image m[0..size). */
static void for_each_text(const unsigned char *m, size_t size, corpus_fn fn,
                          void *arg) {
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)m;
  size_t i;
  if (size < sizeof(*eh) || memcmp(m, ELFMAG, SELFMAG) ||
      m[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64)
    return;
  if (eh->e_shoff && eh->e_shnum && eh->e_shentsize == sizeof(Elf64_Shdr) &&
      eh->e_shoff <= size &&
      (size - eh->e_shoff) / sizeof(Elf64_Shdr) >= eh->e_shnum) {
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(m + eh->e_shoff);
    for (i = 0; i < eh->e_shnum; ++i) {
      if (sh[i].sh_type != SHT_PROGBITS || !(sh[i].sh_flags & SHF_EXECINSTR))
        continue;
      if (sh[i].sh_offset > size || sh[i].sh_size > size - sh[i].sh_offset)
        continue;
      fn(m + sh[i].sh_offset, sh[i].sh_size, arg);
    }
  } else if (eh->e_phoff && eh->e_phentsize == sizeof(Elf64_Phdr) &&
             eh->e_phoff <= size &&
             (size - eh->e_phoff) / sizeof(Elf64_Phdr) >= eh->e_phnum) {
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(m + eh->e_phoff);
    for (i = 0; i < eh->e_phnum; ++i) {
      if (ph[i].p_type != PT_LOAD || !(ph[i].p_flags & PF_X)) continue;
      if (ph[i].p_offset > size || ph[i].p_filesz > size - ph[i].p_offset)
        continue;
      fn(m + ph[i].p_offset, ph[i].p_filesz, arg);
    }
  }
}

static corpus_fn walk_fn;
static void *walk_arg;
static unsigned long files;

static int visit(const char *path, const struct stat *st, int type,
                 struct FTW *ftw) {
  int fd;
  void *m;
  (void)ftw;
  if (type != FTW_F || !S_ISREG(st->st_mode) || st->st_size < 64) return 0;
  if (seen_before(st->st_dev, st->st_ino)) return 0;
  if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) return 0;
  m = mmap(NULL, (size_t)st->st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (m == MAP_FAILED) return 0;
  if (!memcmp(m, ELFMAG, SELFMAG)) {
    ++files;
    for_each_text(m, (size_t)st->st_size, walk_fn, walk_arg);
  }
  munmap(m, (size_t)st->st_size);
  return 0;
}

/* Walks the corpus directories, calling fn on each executable section. */
unsigned long corpus_walk(corpus_fn fn, void *arg) {
  const char *dirs = getenv("BLINK_ZYDIS_CORPUS");
  char buf[4096], *d, *save = NULL;
  if (!dirs) dirs = "/usr/bin:/usr/sbin:/usr/lib/x86_64-linux-gnu";
  snprintf(buf, sizeof(buf), "%s", dirs);
  walk_fn = fn;
  walk_arg = arg;
  files = 0;
  for (d = strtok_r(buf, ":", &save); d; d = strtok_r(NULL, ":", &save))
    nftw(d, visit, 32, FTW_PHYS);
  return files;
}
