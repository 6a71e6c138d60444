/* Syscalls on paths: access, getcwd, chdir, mkdir, rmdir, unlink, rename,
 * link, symlink, readlink, chmod, chown, truncate, utimensat and their *at
 * forms; umask, fsync. AT_* flags and AT_FDCWD are the same on every Linux
 * architecture. readlink of /proc/self/exe names the guest program, not
 * blink. */
#include "sysemu/sysemu_priv.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define LINUX_AT_FDCWD -100
#define LINUX_AT_SYMLINK_NOFOLLOW 0x100
#define LINUX_AT_REMOVEDIR 0x200
#define LINUX_AT_EACCESS 0x200
#define LINUX_AT_SYMLINK_FOLLOW 0x400
#define LINUX_AT_EMPTY_PATH 0x1000

#define PATH(n, i)                                           \
  char n[SYSEMU_PATH_MAX];                                   \
  do {                                                       \
    int rc_ = copy_string_from_guest(s, n, a[i], sizeof(n)); \
    if (rc_) return rc_;                                     \
  } while (0)

static i64 ret(int rc) {
  return rc ? sysemu_fail() : 0;
}

static int at_flags(u64 guest) {
  int host = 0;
  if (guest & LINUX_AT_SYMLINK_NOFOLLOW) host |= AT_SYMLINK_NOFOLLOW;
  if (guest & LINUX_AT_SYMLINK_FOLLOW) host |= AT_SYMLINK_FOLLOW;
  if (guest & LINUX_AT_EMPTY_PATH) host |= AT_EMPTY_PATH;
  return host;
}

i64 sys_faccessat2(struct sysemu *s, const u64 a[6]) {
  int flags = 0;
  PATH(p, 1);
  if (a[2] & ~(u64)7) return -LINUX_EINVAL; /* R_OK 4, W_OK 2, X_OK 1 */
  if (a[3] & ~(u64)(LINUX_AT_EACCESS | LINUX_AT_SYMLINK_NOFOLLOW |
                    LINUX_AT_EMPTY_PATH)) {
    return -LINUX_EINVAL;
  }
  if (a[3] & LINUX_AT_EACCESS) flags |= AT_EACCESS;
  if (a[3] & LINUX_AT_SYMLINK_NOFOLLOW) flags |= AT_SYMLINK_NOFOLLOW;
  if (a[3] & LINUX_AT_EMPTY_PATH) flags |= AT_EMPTY_PATH;
  return ret(faccessat(sysemu_dirfd((i64)a[0]), p, (int)a[2], flags));
}

i64 sys_faccessat(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {a[0], a[1], a[2], 0, 0, 0};
  return sys_faccessat2(s, b);
}

i64 sys_access(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {(u64)(i64)LINUX_AT_FDCWD, a[0], a[1], 0, 0, 0};
  return sys_faccessat2(s, b);
}

/* getcwd returns the length including the NUL, as the syscall does. */
i64 sys_getcwd(struct sysemu *s, const u64 a[6]) {
  char buf[SYSEMU_PATH_MAX];
  size_t n;
  if (!getcwd(buf, sizeof(buf))) return sysemu_fail();
  n = strlen(buf) + 1;
  if (n > a[1]) return -LINUX_ERANGE;
  if (copy_to_guest(s, a[0], buf, n)) return -LINUX_EFAULT;
  return (i64)n;
}

i64 sys_chdir(struct sysemu *s, const u64 a[6]) {
  PATH(p, 0);
  return ret(chdir(p));
}

i64 sys_fchdir(struct sysemu *s, const u64 a[6]) {
  return ret(fchdir((int)a[0]));
}

i64 sys_mkdirat(struct sysemu *s, const u64 a[6]) {
  PATH(p, 1);
  return ret(mkdirat(sysemu_dirfd((i64)a[0]), p, (mode_t)(a[2] & 07777)));
}

i64 sys_mkdir(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {(u64)(i64)LINUX_AT_FDCWD, a[0], a[1], 0, 0, 0};
  return sys_mkdirat(s, b);
}

i64 sys_unlinkat(struct sysemu *s, const u64 a[6]) {
  PATH(p, 1);
  if (a[2] & ~(u64)LINUX_AT_REMOVEDIR) return -LINUX_EINVAL;
  return ret(unlinkat(sysemu_dirfd((i64)a[0]), p,
                      (a[2] & LINUX_AT_REMOVEDIR) ? AT_REMOVEDIR : 0));
}

i64 sys_unlink(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {(u64)(i64)LINUX_AT_FDCWD, a[0], 0, 0, 0, 0};
  return sys_unlinkat(s, b);
}

i64 sys_rmdir(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {(u64)(i64)LINUX_AT_FDCWD, a[0], LINUX_AT_REMOVEDIR, 0, 0, 0};
  return sys_unlinkat(s, b);
}

/* renameat2 flags RENAME_NOREPLACE 1, RENAME_EXCHANGE 2, RENAME_WHITEOUT 4
 * are the same everywhere; only plain renames go through libc's renameat. */
i64 sys_renameat2(struct sysemu *s, const u64 a[6]) {
  PATH(from, 1);
  PATH(to, 3);
  if (a[4]) return -LINUX_EINVAL;
  return ret(
      renameat(sysemu_dirfd((i64)a[0]), from, sysemu_dirfd((i64)a[2]), to));
}

i64 sys_renameat(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {a[0], a[1], a[2], a[3], 0, 0};
  return sys_renameat2(s, b);
}

i64 sys_rename(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {
      (u64)(i64)LINUX_AT_FDCWD, a[0], (u64)(i64)LINUX_AT_FDCWD, a[1], 0, 0};
  return sys_renameat2(s, b);
}

i64 sys_linkat(struct sysemu *s, const u64 a[6]) {
  PATH(from, 1);
  PATH(to, 3);
  if (a[4] & ~(u64)(LINUX_AT_SYMLINK_FOLLOW | LINUX_AT_EMPTY_PATH)) {
    return -LINUX_EINVAL;
  }
  return ret(linkat(sysemu_dirfd((i64)a[0]), from, sysemu_dirfd((i64)a[2]), to,
                    at_flags(a[4])));
}

i64 sys_link(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {
      (u64)(i64)LINUX_AT_FDCWD, a[0], (u64)(i64)LINUX_AT_FDCWD, a[1], 0, 0};
  return sys_linkat(s, b);
}

i64 sys_symlinkat(struct sysemu *s, const u64 a[6]) {
  PATH(target, 0);
  PATH(p, 2);
  return ret(symlinkat(target, sysemu_dirfd((i64)a[1]), p));
}

i64 sys_symlink(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {a[0], (u64)(i64)LINUX_AT_FDCWD, a[1], 0, 0, 0};
  return sys_symlinkat(s, b);
}

int sysemu_own_exe(const char *p) {
  char mine[64];
  snprintf(mine, sizeof(mine), "/proc/%d/exe", (int)getpid());
  return !strcmp(p, "/proc/self/exe") || !strcmp(p, mine);
}

i64 sys_readlinkat(struct sysemu *s, const u64 a[6]) {
  char buf[SYSEMU_PATH_MAX];
  ssize_t n;
  PATH(p, 1);
  if ((i64)a[3] <= 0) return -LINUX_EINVAL;
  if (s->exe && sysemu_own_exe(p)) {
    n = (ssize_t)strlen(s->exe);
    memcpy(buf, s->exe, (size_t)n);
  } else {
    n = readlinkat(sysemu_dirfd((i64)a[0]), p, buf, sizeof(buf));
    if (n < 0) return sysemu_fail();
  }
  if ((u64)n > a[3]) n = (ssize_t)a[3];
  if (copy_to_guest(s, a[2], buf, (size_t)n)) return -LINUX_EFAULT;
  return n;
}

i64 sys_readlink(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {(u64)(i64)LINUX_AT_FDCWD, a[0], a[1], a[2], 0, 0};
  return sys_readlinkat(s, b);
}

i64 sys_fchmodat(struct sysemu *s, const u64 a[6]) {
  PATH(p, 1);
  return ret(fchmodat(sysemu_dirfd((i64)a[0]), p, (mode_t)(a[2] & 07777), 0));
}

i64 sys_chmod(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {(u64)(i64)LINUX_AT_FDCWD, a[0], a[1], 0, 0, 0};
  return sys_fchmodat(s, b);
}

i64 sys_fchmod(struct sysemu *s, const u64 a[6]) {
  return ret(fchmod((int)a[0], (mode_t)(a[1] & 07777)));
}

i64 sys_fchownat(struct sysemu *s, const u64 a[6]) {
  PATH(p, 1);
  if (a[4] & ~(u64)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH)) {
    return -LINUX_EINVAL;
  }
  return ret(fchownat(sysemu_dirfd((i64)a[0]), p, (uid_t)a[2], (gid_t)a[3],
                      at_flags(a[4])));
}

i64 sys_chown(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {(u64)(i64)LINUX_AT_FDCWD, a[0], a[1], a[2], 0, 0};
  return sys_fchownat(s, b);
}

i64 sys_lchown(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {(u64)(i64)LINUX_AT_FDCWD,  a[0], a[1], a[2],
              LINUX_AT_SYMLINK_NOFOLLOW, 0};
  return sys_fchownat(s, b);
}

i64 sys_fchown(struct sysemu *s, const u64 a[6]) {
  return ret(fchown((int)a[0], (uid_t)a[1], (gid_t)a[2]));
}

i64 sys_umask(struct sysemu *s, const u64 a[6]) {
  return umask((mode_t)(a[0] & 0777));
}

i64 sys_truncate(struct sysemu *s, const u64 a[6]) {
  PATH(p, 0);
  return ret(truncate(p, (off_t)(i64)a[1]));
}

i64 sys_ftruncate(struct sysemu *s, const u64 a[6]) {
  return ret(ftruncate((int)a[0], (off_t)(i64)a[1]));
}

i64 sys_fsync(struct sysemu *s, const u64 a[6]) {
  return ret(fsync((int)a[0]));
}

i64 sys_fdatasync(struct sysemu *s, const u64 a[6]) {
  return ret(fdatasync((int)a[0]));
}

/* utimensat: times[2] as guest timespecs; UTIME_NOW and UTIME_OMIT are
 * ((1 << 30) - 1) and ((1 << 30) - 2) everywhere. A NULL path with a
 * dirfd is futimens. */
i64 sys_utimensat(struct sysemu *s, const u64 a[6]) {
  struct timespec ts[2], *tp = NULL;
  u8 b[32];
  char p[SYSEMU_PATH_MAX];
  int i, rc;
  if (a[3] & ~(u64)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH)) {
    return -LINUX_EINVAL;
  }
  if (a[2]) {
    if (copy_from_guest(s, b, a[2], 32)) return -LINUX_EFAULT;
    for (i = 0; i < 2; ++i) {
      ts[i].tv_sec = (time_t)(i64)read64le(b + 16 * i);
      ts[i].tv_nsec = (long)(i64)read64le(b + 16 * i + 8);
    }
    tp = ts;
  }
  if (!a[1]) return ret(futimens((int)a[0], tp));
  if ((rc = copy_string_from_guest(s, p, a[1], sizeof(p)))) return rc;
  return ret(utimensat(sysemu_dirfd((i64)a[0]), p, tp, at_flags(a[3])));
}
