/* File descriptors and file I/O. */
#include "sysemu/sysemu_priv.h"

#include <sys/syscall.h>
#include <unistd.h>

#define CHUNK SYSEMU_CHUNK

i64 sys_read(struct sysemu *s, const u64 a[6]) {
  int fd = (int)a[0];
  u64 addr = a[1], len = a[2];
  u8 *buf;
  ssize_t got;
  i64 rc;
  if (len > CHUNK) len = CHUNK;
  /* Like the kernel, the buffer is only touched when there is data to
   * copy: a bad buffer with nothing to read is no error. */
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

/* A guest iovec array: {u64 base, u64 len} each, little-endian. */
#define LINUX_UIO_MAXIOV 1024

struct iov {
  u64 base, len;
};

static i64 get_iovecs(struct sysemu *s, u64 addr, u64 n, struct iov **out,
                      u64 *total) {
  struct iov *v;
  u8 b[16];
  u64 i, sum = 0;
  if (n > LINUX_UIO_MAXIOV) return -LINUX_EINVAL;
  if (!(v = calloc(n ? n : 1, sizeof(*v)))) return -LINUX_ENOMEM;
  for (i = 0; i < n; ++i) {
    if (copy_from_guest(s, b, addr + 16 * i, 16)) {
      free(v);
      return -LINUX_EFAULT;
    }
    v[i].base = read64le(b);
    v[i].len = read64le(b + 8);
    if (v[i].len > 0x7fffffffffffffffull - sum) {
      free(v);
      return -LINUX_EINVAL;
    }
    sum += v[i].len;
  }
  *out = v;
  *total = sum;
  return 0;
}

/* writev gathers into one bounce buffer and writes once, which keeps the
 * call atomic for pipes as the kernel's is. Past CHUNK * 16 bytes the
 * write is short, as the kernel may make it. */
i64 sys_writev(struct sysemu *s, const u64 a[6]) {
  struct iov *v;
  u64 total, i, at = 0, cap = CHUNK * 16;
  u8 *buf;
  i64 rc;
  ssize_t put;
  if ((rc = get_iovecs(s, a[1], a[2], &v, &total))) return rc;
  if (total > cap) total = cap;
  if (!(buf = malloc(total ? total : 1))) {
    free(v);
    return -LINUX_ENOMEM;
  }
  for (i = 0; i < a[2] && at < total; ++i) {
    u64 n = v[i].len < total - at ? v[i].len : total - at;
    if (copy_from_guest(s, buf + at, v[i].base, (size_t)n)) break;
    at += n;
  }
  if (at < total && !at) {
    rc = -LINUX_EFAULT;
  } else {
    put = write((int)a[0], buf, (size_t)at);
    rc = put < 0 ? sysemu_fail() : put;
  }
  free(buf);
  free(v);
  return rc;
}

i64 sys_readv(struct sysemu *s, const u64 a[6]) {
  struct iov *v;
  u64 total, i, at = 0;
  u8 *buf;
  i64 rc;
  ssize_t got;
  if ((rc = get_iovecs(s, a[1], a[2], &v, &total))) return rc;
  if (total > CHUNK * 16) total = CHUNK * 16;
  for (i = 0; i < a[2]; ++i) {
    if (mmu_access_ok(s->cpu->mmu, v[i].base, v[i].len, MMU_WRITE)) {
      free(v);
      return -LINUX_EFAULT;
    }
  }
  if (!(buf = malloc(total ? total : 1))) {
    free(v);
    return -LINUX_ENOMEM;
  }
  got = read((int)a[0], buf, (size_t)total);
  if (got < 0) {
    rc = sysemu_fail();
  } else {
    for (i = 0; i < a[2] && at < (u64)got; ++i) {
      u64 n = v[i].len < (u64)got - at ? v[i].len : (u64)got - at;
      if (copy_to_guest(s, v[i].base, buf + at, (size_t)n)) break;
      at += n;
    }
    rc = got;
  }
  free(buf);
  free(v);
  return rc;
}

/* getdents64: struct linux_dirent64 {u64 d_ino; i64 d_off; u16 d_reclen;
 * u8 d_type; char d_name[];} has the same layout on every host, in the
 * host's byte order: each record is rewritten little-endian in place. */
i64 sys_getdents64(struct sysemu *s, const u64 a[6]) {
  u64 len = a[2] < CHUNK ? a[2] : CHUNK;
  u8 *buf;
  long got, at;
  i64 rc;
  if (!(buf = malloc(len ? len : 1))) return -LINUX_ENOMEM;
  got = syscall(SYS_getdents64, (int)a[0], buf, (size_t)len);
  if (got < 0) {
    rc = sysemu_fail();
  } else {
    for (at = 0; at + 19 <= got;) {
      u64 ino, off;
      u16 reclen;
      memcpy(&ino, buf + at, 8);
      memcpy(&off, buf + at + 8, 8);
      memcpy(&reclen, buf + at + 16, 2);
      write64le(buf + at, ino);
      write64le(buf + at + 8, off);
      write16le(buf + at + 16, reclen);
      if (!reclen) break;
      at += reclen;
    }
    rc = copy_to_guest(s, a[1], buf, (size_t)got) ? -LINUX_EFAULT : got;
  }
  free(buf);
  return rc;
}
