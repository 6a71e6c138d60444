/* Flat binaries: a file named *.bin is raw x86-64 code, loaded at
 * 0x400000 with 16 MiB of zeroed memory after it, all readable, writable
 * and executable, and entered at its first byte. */
#include "runner/runner_priv.h"

#include <unistd.h>

int runner_is_flat(const char *path) {
  size_t n = strlen(path);
  return n > 4 && !strcmp(path + n - 4, ".bin");
}

int runner_load_flat(struct mmu *m, int fd, u64 size, struct runner_image *im) {
  static u8 buf[65536];
  u64 len, done = 0;
  if (size > MMU_LIMIT / 2) return -1;
  len = (size + RUNNER_FLAT_EXTRA + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
  if (mmu_map_named(m, RUNNER_FLAT_BASE, len, MMU_READ | MMU_WRITE | MMU_EXEC,
                    MMU_KIND_FILE, im->path, 0, 0, 0)) {
    return -1;
  }
  while (done < size) {
    ssize_t got = pread(fd, buf, sizeof(buf), (off_t)done);
    if (got <= 0) return -1;
    if (mmu_write(m, RUNNER_FLAT_BASE + done, buf, (size_t)got)) return -1;
    done += (u64)got;
  }
  im->entry = RUNNER_FLAT_BASE;
  im->brk = RUNNER_FLAT_BASE + len;
  return 0;
}
