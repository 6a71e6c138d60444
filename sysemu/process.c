/* Process lifetime: fork, vfork, wait4. One host process per guest
 * process: the guest's memory lives in blink's, so a host fork copies it
 * exactly. vfork is a fork (the child gets a copy rather than a loan of the
 * parent's memory, which only a child that breaks vfork's rules could
 * notice). Signal numbers inside wait statuses cross by name. */
#include "sysemu/sysemu_priv.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

i64 sys_fork(struct sysemu *s, const u64 a[6]) {
  pid_t pid;
  if (s->log) fflush(s->log);
  fflush(stdout);
  pid = fork();
  if (!pid) sysemu_signals_forked(s);
  return pid < 0 ? sysemu_fail() : pid;
}

/* A wait status: exit code << 8, or the signal (| 0x80 for a core dump),
 * or 0x7f | stop signal << 8; the numbers inside are guest signals. */
static u32 guest_status(int st) {
  if (WIFSIGNALED(st)) {
    return (u32)sysemu_guest_signal(WTERMSIG(st)) | (WCOREDUMP(st) ? 0x80 : 0);
  }
  if (WIFSTOPPED(st)) {
    return 0x7f | (u32)sysemu_guest_signal(WSTOPSIG(st)) << 8;
  }
  return (u32)st;
}

/* Options WNOHANG 1, WUNTRACED 2, WCONTINUED 8 and the __W* bits are the
 * same on every Linux architecture. */
i64 sys_wait4(struct sysemu *s, const u64 a[6]) {
  int st = 0;
  u8 b[4];
  pid_t pid;
  if (a[2] & ~(u64)(1 | 2 | 8 | 0xe0000000)) return -LINUX_EINVAL;
  if (a[3]) return -LINUX_EINVAL; /* rusage of the child: not yet */
  pid = wait4((pid_t)(i32)a[0], &st, (int)a[2], NULL);
  if (pid < 0) return sysemu_fail();
  if (a[1] && pid > 0) {
    write32le(b, guest_status(st));
    if (copy_to_guest(s, a[1], b, 4)) return -LINUX_EFAULT;
  }
  return pid;
}
