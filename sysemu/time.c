/* Clocks and sleeping. Guest struct timespec and timeval are two
 * little-endian 64-bit fields; the host's may be 32-bit (mips), so they
 * cross field by field. Clock ids are the same on every Linux
 * architecture (include/uapi/linux/time.h); negative ids name the CPU
 * clocks of other processes and threads and go to the kernel as they are. */
#include "sysemu/sysemu_priv.h"

#include <errno.h>
#include <sys/time.h>
#include <time.h>

int sysemu_put_timespec(struct sysemu *s, u64 addr, const struct timespec *t) {
  u8 b[16];
  write64le(b, (u64)(i64)t->tv_sec);
  write64le(b + 8, (u64)(i64)t->tv_nsec);
  return copy_to_guest(s, addr, b, 16);
}

int sysemu_get_timespec(struct sysemu *s, u64 addr, struct timespec *t) {
  u8 b[16];
  i64 sec, nsec;
  if (copy_from_guest(s, b, addr, 16)) return -LINUX_EFAULT;
  sec = (i64)read64le(b);
  nsec = (i64)read64le(b + 8);
  if (sec < 0 || nsec < 0 || nsec >= 1000000000) return -LINUX_EINVAL;
  t->tv_sec = (time_t)sec;
  t->tv_nsec = (long)nsec;
  return 0;
}

i64 sys_clock_gettime(struct sysemu *s, const u64 a[6]) {
  struct timespec t;
  if (clock_gettime((clockid_t)(i32)a[0], &t)) return sysemu_fail();
  return sysemu_put_timespec(s, a[1], &t);
}

i64 sys_clock_getres(struct sysemu *s, const u64 a[6]) {
  struct timespec t;
  if (clock_getres((clockid_t)(i32)a[0], &t)) return sysemu_fail();
  return a[1] ? sysemu_put_timespec(s, a[1], &t) : 0;
}

i64 sys_gettimeofday(struct sysemu *s, const u64 a[6]) {
  struct timespec t;
  u8 b[16];
  if (a[1]) {
    /* struct timezone is obsolete; Linux still fills it with zeros
     * unless the system time zone was set. */
    memset(b, 0, 8);
    if (copy_to_guest(s, a[1], b, 8)) return -LINUX_EFAULT;
  }
  if (!a[0]) return 0;
  clock_gettime(CLOCK_REALTIME, &t);
  write64le(b, (u64)(i64)t.tv_sec);
  write64le(b + 8, (u64)(i64)(t.tv_nsec / 1000));
  return copy_to_guest(s, a[0], b, 16);
}

i64 sys_time(struct sysemu *s, const u64 a[6]) {
  struct timespec t;
  u8 b[8];
  clock_gettime(CLOCK_REALTIME, &t);
  if (a[0]) {
    write64le(b, (u64)(i64)t.tv_sec);
    if (copy_to_guest(s, a[0], b, 8)) return -LINUX_EFAULT;
  }
  return (i64)t.tv_sec;
}

i64 sys_nanosleep(struct sysemu *s, const u64 a[6]) {
  struct timespec req, rem;
  int rc;
  if ((rc = sysemu_get_timespec(s, a[0], &req))) return rc;
  if (nanosleep(&req, &rem)) {
    i64 err = sysemu_fail();
    if (errno == EINTR && a[1] && sysemu_put_timespec(s, a[1], &rem)) {
      return -LINUX_EFAULT;
    }
    return err;
  }
  return 0;
}

/* TIMER_ABSTIME is 1 on every architecture. */
i64 sys_clock_nanosleep(struct sysemu *s, const u64 a[6]) {
  struct timespec req, rem;
  int rc;
  if (a[1] & ~(u64)1) return -LINUX_EINVAL;
  if ((rc = sysemu_get_timespec(s, a[2], &req))) return rc;
  rc = clock_nanosleep((clockid_t)(i32)a[0], (int)a[1], &req, &rem);
  if (rc) {
    if (rc == EINTR && !(a[1] & 1) && a[3] &&
        sysemu_put_timespec(s, a[3], &rem)) {
      return -LINUX_EFAULT;
    }
    return -(i64)sysemu_errno(rc);
  }
  return 0;
}
