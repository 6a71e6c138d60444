/* Memory mappings beyond the basics: shared anonymous memory across fork,
 * a MAP_GROWSDOWN stack growing on access below it, msync of a shared file
 * mapping and its errors. Output must equal the native run's. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* The /proc/self/maps line holding addr: its start address and name. */
static void show_map(const char *what, void *addr) {
  char line[512];
  FILE *f = fopen("/proc/self/maps", "r");
  unsigned long a = (unsigned long)addr;
  while (f && fgets(line, sizeof(line), f)) {
    unsigned long lo, hi;
    int name = 0;
    if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %n", &lo, &hi, &name) < 2 ||
        a < lo || a >= hi) {
      continue;
    }
    line[strcspn(line, "\n")] = 0;
    printf("%s: %lu pages below addr, %lu above, mode %.4s, name '%s'\n",
           what, (a - lo) / 4096, (hi - a) / 4096, strchr(line, ' ') + 1,
           name ? line + name : "");
  }
  if (f) fclose(f);
}

int main(void) {
  int *shared, *private, status, fd;
  char *stack, *file, buf[16];
  char path[] = "/tmp/blink-mm-XXXXXX";

  /* Shared anonymous memory: the child's write shows in the parent. */
  shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  private = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  *shared = 1, *private = 1;
  if (!fork()) {
    *shared = 42, *private = 42;
    _exit(0);
  }
  wait(&status);
  printf("after fork: shared=%d private=%d\n", *shared, *private);
  show_map("shared", shared);

  /* MAP_GROWSDOWN: two pages, then a touch three pages below. */
  stack = mmap((void *)0x300000000, 8192, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN |
                   MAP_FIXED_NOREPLACE,
               -1, 0);
  if (stack == MAP_FAILED) {
    perror("mmap growsdown");
    return 1;
  }
  stack[-3 * 4096 + 5] = 7;
  printf("grown: %d\n", stack[-3 * 4096 + 5]);
  show_map("growsdown", stack - 3 * 4096);

  /* msync of a shared file mapping; read(2) sees the bytes. */
  fd = mkstemp(path);
  unlink(path);
  if (ftruncate(fd, 4096)) return 1;
  file = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  memcpy(file, "synced", 7);
  printf("msync: %d\n", msync(file, 4096, MS_SYNC));
  pread(fd, buf, 7, 0);
  printf("file has: %s\n", buf);
  status = msync(file + 1, 10, MS_SYNC);
  printf("msync unaligned: %d %s\n", status, strerror(errno));
  status = msync(file, 4096, MS_SYNC | MS_ASYNC);
  printf("msync both flags: %d %s\n", status, strerror(errno));
  munmap(file, 4096);
  status = msync(file, 4096, MS_ASYNC);
  printf("msync unmapped: %d %s\n", status, strerror(errno));
  return 0;
}
