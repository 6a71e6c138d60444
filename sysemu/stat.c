/* The stat family. The guest's struct stat is x86-64's (144 bytes,
 * arch/x86/include/uapi/asm/stat.h), written field by field: the host's
 * differs in layout on aarch64, riscv64, s390x and mips. File type and
 * permission bits (S_IFMT...) are the same on every Linux. */
#include "sysemu/sysemu_priv.h"

#include <fcntl.h>
#include <sys/stat.h>

/* AT_* flags are the same on every architecture (linux/fcntl.h). */
#define LINUX_AT_SYMLINK_NOFOLLOW 0x100
#define LINUX_AT_NO_AUTOMOUNT 0x800
#define LINUX_AT_EMPTY_PATH 0x1000

static i64 put_stat(struct sysemu *s, u64 addr, const struct stat *st) {
  u8 b[144];
  memset(b, 0, sizeof(b));
  write64le(b + 0, (u64)st->st_dev);
  write64le(b + 8, (u64)st->st_ino);
  write64le(b + 16, (u64)st->st_nlink);
  write32le(b + 24, (u32)st->st_mode);
  write32le(b + 28, (u32)st->st_uid);
  write32le(b + 32, (u32)st->st_gid);
  write64le(b + 40, (u64)st->st_rdev);
  write64le(b + 48, (u64)(i64)st->st_size);
  write64le(b + 56, (u64)(i64)st->st_blksize);
  write64le(b + 64, (u64)(i64)st->st_blocks);
  write64le(b + 72, (u64)(i64)st->st_atim.tv_sec);
  write64le(b + 80, (u64)(i64)st->st_atim.tv_nsec);
  write64le(b + 88, (u64)(i64)st->st_mtim.tv_sec);
  write64le(b + 96, (u64)(i64)st->st_mtim.tv_nsec);
  write64le(b + 104, (u64)(i64)st->st_ctim.tv_sec);
  write64le(b + 112, (u64)(i64)st->st_ctim.tv_nsec);
  return copy_to_guest(s, addr, b, sizeof(b));
}

i64 sys_fstat(struct sysemu *s, const u64 a[6]) {
  struct stat st;
  if (fstat((int)a[0], &st)) return sysemu_fail();
  return put_stat(s, a[1], &st);
}

i64 sys_newfstatat(struct sysemu *s, const u64 a[6]) {
  char path[SYSEMU_PATH_MAX];
  struct stat st;
  int rc, flags = 0;
  if (a[3] & ~(u64)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_NO_AUTOMOUNT |
                    LINUX_AT_EMPTY_PATH)) {
    return -LINUX_EINVAL;
  }
  if (a[3] & LINUX_AT_SYMLINK_NOFOLLOW) flags |= AT_SYMLINK_NOFOLLOW;
  if (a[3] & LINUX_AT_NO_AUTOMOUNT) flags |= AT_NO_AUTOMOUNT;
  if (a[3] & LINUX_AT_EMPTY_PATH) flags |= AT_EMPTY_PATH;
  if ((rc = copy_string_from_guest(s, path, a[1], sizeof(path)))) return rc;
  if (fstatat(sysemu_dirfd((i64)a[0]), path, &st, flags)) {
    return sysemu_fail();
  }
  return put_stat(s, a[2], &st);
}

i64 sys_stat(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {(u64)(i64)-100, a[0], a[1], 0, 0, 0};
  return sys_newfstatat(s, b);
}

i64 sys_lstat(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {(u64)(i64)-100, a[0], a[1], LINUX_AT_SYMLINK_NOFOLLOW, 0, 0};
  return sys_newfstatat(s, b);
}

/* statx: struct statx (include/uapi/linux/stat.h) has one layout on every
 * architecture, in the host's byte order; it crosses field by field. The
 * mask bits and AT_STATX_* flags are the same everywhere. */
#define LINUX_AT_STATX_SYNC_TYPE 0x6000
#define LINUX_AT_RECURSIVE 0x8000

static void put_statx_time(u8 *p, const struct statx_timestamp *t) {
  write64le(p, (u64)t->tv_sec);
  write32le(p + 8, t->tv_nsec);
  write32le(p + 12, 0);
}

i64 sys_statx(struct sysemu *s, const u64 a[6]) {
  char path[SYSEMU_PATH_MAX];
  struct statx sx;
  u8 b[256];
  int rc, flags;
  if (a[2] & ~(u64)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_NO_AUTOMOUNT |
                    LINUX_AT_EMPTY_PATH | LINUX_AT_STATX_SYNC_TYPE)) {
    return -LINUX_EINVAL;
  }
  if ((a[2] & LINUX_AT_STATX_SYNC_TYPE) == LINUX_AT_STATX_SYNC_TYPE) {
    return -LINUX_EINVAL;
  }
  if ((rc = copy_string_from_guest(s, path, a[1], sizeof(path)))) return rc;
  flags = (int)(a[2] & LINUX_AT_STATX_SYNC_TYPE);
  if (a[2] & LINUX_AT_SYMLINK_NOFOLLOW) flags |= AT_SYMLINK_NOFOLLOW;
  if (a[2] & LINUX_AT_NO_AUTOMOUNT) flags |= AT_NO_AUTOMOUNT;
  if (a[2] & LINUX_AT_EMPTY_PATH) flags |= AT_EMPTY_PATH;
  if (statx(sysemu_dirfd((i64)a[0]), path, flags, (unsigned)a[3], &sx)) {
    return sysemu_fail();
  }
  memset(b, 0, sizeof(b));
  write32le(b + 0, sx.stx_mask);
  write32le(b + 4, sx.stx_blksize);
  write64le(b + 8, sx.stx_attributes);
  write32le(b + 16, sx.stx_nlink);
  write32le(b + 20, sx.stx_uid);
  write32le(b + 24, sx.stx_gid);
  write16le(b + 28, sx.stx_mode);
  write64le(b + 32, sx.stx_ino);
  write64le(b + 40, sx.stx_size);
  write64le(b + 48, sx.stx_blocks);
  write64le(b + 56, sx.stx_attributes_mask);
  put_statx_time(b + 64, &sx.stx_atime);
  put_statx_time(b + 80, &sx.stx_btime);
  put_statx_time(b + 96, &sx.stx_ctime);
  put_statx_time(b + 112, &sx.stx_mtime);
  write32le(b + 128, sx.stx_rdev_major);
  write32le(b + 132, sx.stx_rdev_minor);
  write32le(b + 136, sx.stx_dev_major);
  write32le(b + 140, sx.stx_dev_minor);
  return copy_to_guest(s, a[4], b, sizeof(b));
}
