/* Resources and accounting: getrlimit, setrlimit, prlimit64, getrusage,
 * sysinfo, times, getgroups. Guest structures are x86-64's, written field
 * by field (struct rlimit: two u64; struct rusage: two timevals and
 * fourteen longs, 144 bytes; struct sysinfo: 112 bytes; struct tms: four
 * clock_t). */
#include "sysemu/sysemu_priv.h"

#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <unistd.h>

#define LINUX_RLIM_INFINITY (~(u64)0)

static int host_resource(u64 guest) {
  switch (guest) {
#define R(name, num) \
  case num:          \
    return name;
#include "sysemu/rlimits.inc"
#undef R
    default: return -1;
  }
}

static u64 guest_rlim(rlim_t v) {
  return v == RLIM_INFINITY ? LINUX_RLIM_INFINITY : (u64)v;
}

static rlim_t host_rlim(u64 v) {
  return v == LINUX_RLIM_INFINITY || v > (u64)(rlim_t)-1 / 2 ? RLIM_INFINITY
                                                             : (rlim_t)v;
}

i64 sys_prlimit64(struct sysemu *s, const u64 a[6]) {
  struct rlimit old, new;
  int res = host_resource(a[1]);
  u8 b[16];
  if (res < 0) return -LINUX_EINVAL;
  /* Other processes' limits: not yet (needs prlimit on a guest pid). */
  if (a[0] && (i32)a[0] != getpid()) return -LINUX_EPERM;
  if (getrlimit(res, &old)) return sysemu_fail();
  if (a[2]) {
    if (copy_from_guest(s, b, a[2], 16)) return -LINUX_EFAULT;
    new.rlim_cur = host_rlim(read64le(b));
    new.rlim_max = host_rlim(read64le(b + 8));
    if (setrlimit(res, &new)) return sysemu_fail();
  }
  if (a[3]) {
    write64le(b, guest_rlim(old.rlim_cur));
    write64le(b + 8, guest_rlim(old.rlim_max));
    if (copy_to_guest(s, a[3], b, 16)) return -LINUX_EFAULT;
  }
  return 0;
}

i64 sys_getrlimit(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {0, a[0], 0, a[1], 0, 0};
  return sys_prlimit64(s, b);
}

i64 sys_setrlimit(struct sysemu *s, const u64 a[6]) {
  u64 b[6] = {0, a[0], a[1], 0, 0, 0};
  return sys_prlimit64(s, b);
}

/* RUSAGE_SELF 0, RUSAGE_CHILDREN -1, RUSAGE_THREAD 1 everywhere. */
i64 sys_getrusage(struct sysemu *s, const u64 a[6]) {
  struct rusage ru;
  u8 b[144];
  i32 who = (i32)a[0];
  if (who != 0 && who != -1 && who != 1) return -LINUX_EINVAL;
  if (getrusage(who == 0    ? RUSAGE_SELF
                : who == -1 ? RUSAGE_CHILDREN
                            : 1,
                &ru)) {
    return sysemu_fail();
  }
  write64le(b + 0, (u64)(i64)ru.ru_utime.tv_sec);
  write64le(b + 8, (u64)(i64)ru.ru_utime.tv_usec);
  write64le(b + 16, (u64)(i64)ru.ru_stime.tv_sec);
  write64le(b + 24, (u64)(i64)ru.ru_stime.tv_usec);
  write64le(b + 32, (u64)(i64)ru.ru_maxrss);
  write64le(b + 40, (u64)(i64)ru.ru_ixrss);
  write64le(b + 48, (u64)(i64)ru.ru_idrss);
  write64le(b + 56, (u64)(i64)ru.ru_isrss);
  write64le(b + 64, (u64)(i64)ru.ru_minflt);
  write64le(b + 72, (u64)(i64)ru.ru_majflt);
  write64le(b + 80, (u64)(i64)ru.ru_nswap);
  write64le(b + 88, (u64)(i64)ru.ru_inblock);
  write64le(b + 96, (u64)(i64)ru.ru_oublock);
  write64le(b + 104, (u64)(i64)ru.ru_msgsnd);
  write64le(b + 112, (u64)(i64)ru.ru_msgrcv);
  write64le(b + 120, (u64)(i64)ru.ru_nsignals);
  write64le(b + 128, (u64)(i64)ru.ru_nvcsw);
  write64le(b + 136, (u64)(i64)ru.ru_nivcsw);
  return copy_to_guest(s, a[1], b, sizeof(b));
}

i64 sys_sysinfo(struct sysemu *s, const u64 a[6]) {
  struct sysinfo si;
  u8 b[112];
  int i;
  if (sysinfo(&si)) return sysemu_fail();
  memset(b, 0, sizeof(b));
  write64le(b + 0, (u64)(i64)si.uptime);
  for (i = 0; i < 3; ++i) write64le(b + 8 + 8 * i, (u64)si.loads[i]);
  write64le(b + 32, (u64)si.totalram);
  write64le(b + 40, (u64)si.freeram);
  write64le(b + 48, (u64)si.sharedram);
  write64le(b + 56, (u64)si.bufferram);
  write64le(b + 64, (u64)si.totalswap);
  write64le(b + 72, (u64)si.freeswap);
  write16le(b + 80, (u16)si.procs);
  write64le(b + 88, (u64)si.totalhigh);
  write64le(b + 96, (u64)si.freehigh);
  write32le(b + 104, (u32)si.mem_unit);
  return copy_to_guest(s, a[0], b, sizeof(b));
}

/* times counts in clock ticks; the guest's tick is USER_HZ, 100, as
 * AT_CLKTCK tells it. */
i64 sys_times(struct sysemu *s, const u64 a[6]) {
  struct tms t;
  clock_t now = times(&t);
  long hz = sysconf(_SC_CLK_TCK);
  u8 b[32];
  if (now == (clock_t)-1) return sysemu_fail();
  if (hz <= 0) hz = 100;
#define TICKS(x) ((u64)((i64)(x)*100 / hz))
  if (a[0]) {
    write64le(b, TICKS(t.tms_utime));
    write64le(b + 8, TICKS(t.tms_stime));
    write64le(b + 16, TICKS(t.tms_cutime));
    write64le(b + 24, TICKS(t.tms_cstime));
    if (copy_to_guest(s, a[0], b, 32)) return -LINUX_EFAULT;
  }
  return (i64)TICKS(now);
#undef TICKS
}

i64 sys_getgroups(struct sysemu *s, const u64 a[6]) {
  gid_t g[256];
  u8 b[4];
  int n, i;
  if ((i32)a[0] < 0) return -LINUX_EINVAL;
  n = getgroups(256, g);
  if (n < 0) return sysemu_fail();
  if (!a[0]) return n;
  if ((u64)n > a[0]) return -LINUX_EINVAL;
  for (i = 0; i < n; ++i) {
    write32le(b, (u32)g[i]);
    if (copy_to_guest(s, a[1] + 4 * (u64)i, b, 4)) return -LINUX_EFAULT;
  }
  return n;
}
