/* File descriptors and file I/O. */
#include "sysemu/sysemu_priv.h"

#include <unistd.h>

/* The most one call moves through blink's bounce buffer; like a short
 * count from the kernel, the guest's libc loops for the rest. */
#define CHUNK 65536

i64 sys_read(struct sysemu *s, const u64 a[6]) {
  int fd = (int)a[0];
  u64 addr = a[1], len = a[2];
  u8 *buf;
  ssize_t got;
  i64 rc;
  if (len > CHUNK) len = CHUNK;
  /* Refuse a buffer the guest can't write before consuming any input. */
  if (mmu_access_ok(s->cpu->mmu, addr, len, MMU_WRITE)) return -LINUX_EFAULT;
  if (!(buf = malloc(len ? len : 1))) return -LINUX_ENOMEM;
  got = read(fd, buf, len);
  if (got < 0)
    rc = sysemu_fail();
  else if (copy_to_guest(s, addr, buf, (size_t)got))
    rc = -LINUX_EFAULT;
  else
    rc = got;
  free(buf);
  return rc;
}

i64 sys_write(struct sysemu *s, const u64 a[6]) {
  int fd = (int)a[0];
  u64 addr = a[1], len = a[2], done = 0;
  u8 *buf;
  i64 rc = 0;
  if (!(buf = malloc(len < CHUNK ? (len ? len : 1) : CHUNK)))
    return -LINUX_ENOMEM;
  while (done < len) {
    size_t n = len - done < CHUNK ? (size_t)(len - done) : CHUNK;
    ssize_t put;
    if (copy_from_guest(s, buf, addr + done, n)) {
      rc = -LINUX_EFAULT;
      break;
    }
    put = write(fd, buf, n);
    if (put < 0) {
      rc = sysemu_fail();
      break;
    }
    done += (u64)put;
    if ((size_t)put < n) break;
  }
  free(buf);
  /* Like the kernel: a partial transfer reports its count, not the error. */
  return done ? (i64)done : rc;
}
