/* File descriptors: open, openat, close, dup, dup2, dup3, pipe, pipe2,
 * fcntl, lseek, pread64, pwrite64. Descriptor numbers are the host's: the
 * guest's fd 1 is blink's fd 1. */
#include "sysemu/sysemu_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define LINUX_O_ACCMODE 3
#define LINUX_O_LARGEFILE 0100000
#define LINUX_O_SYNC_BIT 04000000 /* __O_SYNC */
#define LINUX_O_TMPFILE_BIT 020000000
#define LINUX_AT_FDCWD -100

/* fcntl commands (asm-generic/fcntl.h and linux/fcntl.h). */
#define LINUX_F_DUPFD 0
#define LINUX_F_GETFD 1
#define LINUX_F_SETFD 2
#define LINUX_F_GETFL 3
#define LINUX_F_SETFL 4
#define LINUX_F_DUPFD_CLOEXEC 1030
#define LINUX_FD_CLOEXEC 1

static const struct {
  u32 guest;
  int host;
} kOpenFlags[] = {
#define O(name, value) {value, name},
#include "sysemu/oflags.inc"
#undef O
};

int sysemu_open_flags(u32 guest) {
  int host = (int)(guest & LINUX_O_ACCMODE);
  size_t i;
  for (i = 0; i < ARRAY_LEN(kOpenFlags); ++i) {
    if (guest & kOpenFlags[i].guest) host |= kOpenFlags[i].host;
  }
  if (guest & LINUX_O_SYNC_BIT) host |= O_SYNC;
#ifdef O_TMPFILE
  if (guest & LINUX_O_TMPFILE_BIT) host |= O_TMPFILE;
#endif
  return host;
}

u32 sysemu_guest_open_flags(int host) {
  u32 guest = (u32)(host & O_ACCMODE);
  size_t i;
  for (i = 0; i < ARRAY_LEN(kOpenFlags); ++i) {
    if ((host & kOpenFlags[i].host) == kOpenFlags[i].host) {
      guest |= kOpenFlags[i].guest;
    }
  }
  if ((host & O_SYNC) == O_SYNC) guest |= LINUX_O_SYNC_BIT;
  /* Linux reports O_LARGEFILE on 64-bit kernels for every open file. */
  return guest | LINUX_O_LARGEFILE;
}

int sysemu_dirfd(i64 fd) {
  return (i32)fd == LINUX_AT_FDCWD ? AT_FDCWD : (int)fd;
}

i64 sys_openat(struct sysemu *s, const u64 a[6]) {
  char path[SYSEMU_PATH_MAX];
  int fd, rc;
  if ((rc = copy_string_from_guest(s, path, a[1], sizeof(path)))) return rc;
  if (path[0] == '/' && (fd = sysemu_proc_open(s, path)) != -2) {
    return fd < 0 ? sysemu_fail() : fd;
  }
  fd = openat(sysemu_dirfd((i64)a[0]), path, sysemu_open_flags((u32)a[2]),
              (mode_t)(a[3] & 07777));
  return fd < 0 ? sysemu_fail() : fd;
}

i64 sys_open(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {(u64)(i64)LINUX_AT_FDCWD, a[0], a[1], a[2], 0, 0};
  return sys_openat(s, b);
}

i64 sys_creat(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {(u64)(i64)LINUX_AT_FDCWD, a[0], 01 | 0100 | 01000, a[1], 0, 0};
  return sys_openat(s, b);
}

i64 sys_close(struct sysemu *s, const u64 a[6]) {
  /* The log file is blink's own: the guest can't close it. */
  if (s->log && (int)a[0] == fileno(s->log) && s->log != stderr) {
    return -LINUX_EBADF;
  }
  return close((int)a[0]) ? sysemu_fail() : 0;
}

i64 sys_dup(struct sysemu *s, const u64 a[6]) {
  int fd = dup((int)a[0]);
  return fd < 0 ? sysemu_fail() : fd;
}

i64 sys_dup2(struct sysemu *s, const u64 a[6]) {
  int fd = dup2((int)a[0], (int)a[1]);
  return fd < 0 ? sysemu_fail() : fd;
}

i64 sys_dup3(struct sysemu *s, const u64 a[6]) {
  int fd;
  if (a[2] & ~(u64)02000000) return -LINUX_EINVAL;
  fd = dup3((int)a[0], (int)a[1], a[2] ? O_CLOEXEC : 0);
  return fd < 0 ? sysemu_fail() : fd;
}

i64 sys_pipe2(struct sysemu *s, const u64 a[6]) {
  int fds[2], flags = 0;
  u8 b[8];
  /* pipe2 takes O_CLOEXEC, O_NONBLOCK and O_DIRECT (packet mode). */
  if (a[1] & ~(u64)(02000000 | 04000 | 040000)) return -LINUX_EINVAL;
  flags = sysemu_open_flags((u32)a[1]);
  if (pipe2(fds, flags)) return sysemu_fail();
  write32le(b, (u32)fds[0]);
  write32le(b + 4, (u32)fds[1]);
  if (copy_to_guest(s, a[0], b, 8)) {
    close(fds[0]);
    close(fds[1]);
    return -LINUX_EFAULT;
  }
  return 0;
}

i64 sys_pipe(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {a[0], 0, 0, 0, 0, 0};
  return sys_pipe2(s, b);
}

i64 sys_fcntl(struct sysemu *s, const u64 a[6]) {
  int fd = (int)a[0], rc;
  switch ((int)a[1]) {
    case LINUX_F_DUPFD: rc = fcntl(fd, F_DUPFD, (int)a[2]); break;
    case LINUX_F_DUPFD_CLOEXEC:
      rc = fcntl(fd, F_DUPFD_CLOEXEC, (int)a[2]);
      break;
    case LINUX_F_GETFD:
      rc = fcntl(fd, F_GETFD);
      if (rc >= 0) rc = (rc & FD_CLOEXEC) ? LINUX_FD_CLOEXEC : 0;
      break;
    case LINUX_F_SETFD:
      rc = fcntl(fd, F_SETFD, (a[2] & LINUX_FD_CLOEXEC) ? FD_CLOEXEC : 0);
      break;
    case LINUX_F_GETFL:
      rc = fcntl(fd, F_GETFL);
      if (rc >= 0) return sysemu_guest_open_flags(rc);
      break;
    case LINUX_F_SETFL:
      rc = fcntl(fd, F_SETFL, sysemu_open_flags((u32)a[2]));
      break;
    default:
      /* Locks, leases, pipe sizes, seals: not yet. */
      return -LINUX_EINVAL;
  }
  return rc < 0 ? sysemu_fail() : rc;
}

/* SEEK_SET/CUR/END/DATA/HOLE are 0-4 on every architecture. */
i64 sys_lseek(struct sysemu *s, const u64 a[6]) {
  off_t r;
  if (a[2] > 4) return -LINUX_EINVAL;
  r = lseek((int)a[0], (off_t)(i64)a[1], (int)a[2]);
  return r < 0 ? sysemu_fail() : (i64)r;
}

i64 sys_pread64(struct sysemu *s, const u64 a[6]) {
  u64 len = a[2] < SYSEMU_CHUNK ? a[2] : SYSEMU_CHUNK;
  u8 *buf;
  ssize_t got;
  i64 rc;
  if ((i64)a[3] < 0) return -LINUX_EINVAL;
  if (!(buf = malloc(len ? len : 1))) return -LINUX_ENOMEM;
  got = pread((int)a[0], buf, len, (off_t)a[3]);
  if (got < 0)
    rc = sysemu_fail();
  else if (copy_to_guest(s, a[1], buf, (size_t)got))
    rc = -LINUX_EFAULT;
  else
    rc = got;
  free(buf);
  return rc;
}

i64 sys_pwrite64(struct sysemu *s, const u64 a[6]) {
  u64 len = a[2] < SYSEMU_CHUNK ? a[2] : SYSEMU_CHUNK;
  u8 *buf;
  ssize_t put;
  i64 rc;
  if ((i64)a[3] < 0) return -LINUX_EINVAL;
  if (!(buf = malloc(len ? len : 1))) return -LINUX_ENOMEM;
  if (copy_from_guest(s, buf, a[1], len))
    rc = -LINUX_EFAULT;
  else if ((put = pwrite((int)a[0], buf, len, (off_t)a[3])) < 0)
    rc = sysemu_fail();
  else
    rc = put;
  free(buf);
  return rc;
}
