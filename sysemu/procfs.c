/* The /proc files that must show the guest rather than blink. Opening one
 * gives a read-only snapshot in an anonymous file, as a read of the real
 * file would give at that moment. So far: /proc/self/maps (and
 * /proc/PID/maps for the guest's own pid), from mmu/'s regions, in the
 * kernel's format (fs/proc/task_mmu.c: show_map_vma). */
#include "sysemu/sysemu_priv.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static int is_own(const char *path, const char *file) {
  char mine[64];
  snprintf(mine, sizeof(mine), "/proc/%d/%s", (int)getpid(), file);
  return !strcmp(path, mine) ||
         (!strncmp(path, "/proc/self/", 11) && !strcmp(path + 11, file));
}

static int snapshot(const char *text, size_t n) {
  int fd = memfd_create("blink-proc", MFD_CLOEXEC);
  size_t done = 0;
  if (fd < 0) return -1;
  while (done < n) {
    ssize_t k = write(fd, text + done, n - done);
    if (k <= 0) {
      close(fd);
      return -1;
    }
    done += (size_t)k;
  }
  lseek(fd, 0, SEEK_SET);
  return fd;
}

static int maps(struct sysemu *s) {
  const struct mmu_region *r;
  char *text = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&text, &size);
  int fd;
  if (!f) return -1;
  for (r = s->cpu->mmu->regions; r; r = r->next) {
    const char *name = r->name;
    int len;
    if (r->kind == MMU_KIND_STACK && !name) name = "";
    len =
        fprintf(f, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
                (unsigned long long)r->start, (unsigned long long)r->end,
                r->prot & MMU_READ ? 'r' : '-', r->prot & MMU_WRITE ? 'w' : '-',
                r->prot & MMU_EXEC ? 'x' : '-', r->shared ? 's' : 'p',
                (unsigned long long)(r->kind == MMU_KIND_FILE ? r->offset : 0),
                (unsigned)major(r->dev), (unsigned)minor(r->dev),
                (unsigned long long)r->ino);
    if (name) fprintf(f, "%*s%s", len < 73 ? 73 - len : 1, "", name);
    fputc('\n', f);
  }
  fclose(f);
  fd = snapshot(text, size);
  free(text);
  return fd;
}

int sysemu_proc_open(struct sysemu *s, const char *path) {
  if (strncmp(path, "/proc/", 6)) return -2;
  if (is_own(path, "maps")) return maps(s);
  if (s->exe && sysemu_own_exe(path)) return open(s->exe, O_RDONLY | O_CLOEXEC);
  return -2;
}
