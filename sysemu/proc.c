/* Processes and identity: exit, exit_group, getpid and friends,
 * set_tid_address, arch_prctl, uname, getrandom, sched_yield. */
#include "sysemu/sysemu_priv.h"

#include <sched.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>
#if HAVE_GETRANDOM
#include <sys/random.h>
#endif

/* arch/x86/include/uapi/asm/prctl.h */
#define LINUX_ARCH_SET_GS 0x1001
#define LINUX_ARCH_SET_FS 0x1002
#define LINUX_ARCH_GET_FS 0x1003
#define LINUX_ARCH_GET_GS 0x1004

/* One guest thread so far, so exit ends the process as exit_group does. */
i64 sys_exit(struct sysemu *s, const u64 a[6]) {
  sysemu_exit(s, (int)a[0]);
}

i64 sys_exit_group(struct sysemu *s, const u64 a[6]) {
  sysemu_exit(s, (int)a[0]);
}

i64 sys_getpid(struct sysemu *s, const u64 a[6]) {
  return getpid();
}
i64 sys_getppid(struct sysemu *s, const u64 a[6]) {
  return getppid();
}
i64 sys_getuid(struct sysemu *s, const u64 a[6]) {
  return getuid();
}
i64 sys_geteuid(struct sysemu *s, const u64 a[6]) {
  return geteuid();
}
i64 sys_getgid(struct sysemu *s, const u64 a[6]) {
  return getgid();
}
i64 sys_getegid(struct sysemu *s, const u64 a[6]) {
  return getegid();
}
i64 sys_gettid(struct sysemu *s, const u64 a[6]) {
  return (i64)syscall(SYS_gettid);
}

i64 sys_sched_yield(struct sysemu *s, const u64 a[6]) {
  sched_yield();
  return 0;
}

/* The kernel clears *tidptr and wakes a futex there when the thread ends;
 * with one thread and no futexes yet, only the address is kept. */
i64 sys_set_tid_address(struct sysemu *s, const u64 a[6]) {
  s->clear_child_tid = a[0];
  return (i64)syscall(SYS_gettid);
}

i64 sys_arch_prctl(struct sysemu *s, const u64 a[6]) {
  struct cpu *c = s->cpu;
  u8 b[8];
  switch (a[0]) {
    case LINUX_ARCH_SET_FS:
    case LINUX_ARCH_SET_GS:
      if (a[1] >= MMU_LIMIT) return -LINUX_EPERM;
      if (a[0] == LINUX_ARCH_SET_FS)
        c->fs_base = a[1];
      else
        c->gs_base = a[1];
      return 0;
    case LINUX_ARCH_GET_FS:
    case LINUX_ARCH_GET_GS:
      write64le(b, a[0] == LINUX_ARCH_GET_FS ? c->fs_base : c->gs_base);
      return copy_to_guest(s, a[1], b, 8);
    default: return -LINUX_EINVAL;
  }
}

/* struct new_utsname: six fields of 65 bytes. The machine is x86_64 and
 * the rest is the host's. */
i64 sys_uname(struct sysemu *s, const u64 a[6]) {
  struct utsname u;
  char g[6][65];
  memset(g, 0, sizeof(g));
  if (uname(&u)) return sysemu_fail();
  snprintf(g[0], 65, "%s", u.sysname);
  snprintf(g[1], 65, "%s", u.nodename);
  snprintf(g[2], 65, "%s", u.release);
  snprintf(g[3], 65, "%s", u.version);
  snprintf(g[4], 65, "x86_64");
#ifdef _UTSNAME_DOMAIN_LENGTH
  snprintf(g[5], 65, "%s", u.domainname);
#else
  snprintf(g[5], 65, "(none)");
#endif
  return copy_to_guest(s, a[0], g, sizeof(g));
}

/* getrandom flags (GRND_NONBLOCK 1, GRND_RANDOM 2, GRND_INSECURE 4) are the
 * same on every Linux architecture. */
i64 sys_getrandom(struct sysemu *s, const u64 a[6]) {
  u8 buf[256];
  u64 len = a[1] < sizeof(buf) ? a[1] : sizeof(buf);
  ssize_t got;
  if (a[2] & ~(u64)7) return -LINUX_EINVAL;
#if HAVE_GETRANDOM
  got = getrandom(buf, len, (unsigned)a[2]);
#else
  got = syscall(SYS_getrandom, buf, len, (unsigned)a[2]);
#endif
  if (got < 0) return sysemu_fail();
  if (copy_to_guest(s, a[0], buf, (size_t)got)) return -LINUX_EFAULT;
  return got;
}
