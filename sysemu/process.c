/* Process lifetime: fork, vfork, clone (of processes), wait4. One host process
 * per guest process: the guest's memory lives in blink's, so a host fork copies
 * it exactly. vfork is a fork (the child gets a copy rather than a loan of the
 * parent's memory, which only a child that breaks vfork's rules could
 * notice). Signal numbers inside wait statuses cross by name. */
#include "sysemu/sysemu_priv.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t do_fork(struct sysemu *s) {
  pid_t pid;
  if (s->log) fflush(s->log);
  fflush(stdout);
  pid = fork();
  if (!pid) sysemu_signals_forked(s);
  return pid;
}

i64 sys_fork(struct sysemu *s, const u64 a[6]) {
  pid_t pid = do_fork(s);
  return pid < 0 ? sysemu_fail() : pid;
}

/* clone(2) flags (include/uapi/linux/sched.h). */
#define LINUX_CSIGNAL 0x000000ffu
#define LINUX_CLONE_VM 0x00000100u
#define LINUX_CLONE_FS 0x00000200u
#define LINUX_CLONE_FILES 0x00000400u
#define LINUX_CLONE_SIGHAND 0x00000800u
#define LINUX_CLONE_VFORK 0x00004000u
#define LINUX_CLONE_PARENT 0x00008000u
#define LINUX_CLONE_THREAD 0x00010000u
#define LINUX_CLONE_SETTLS 0x00080000u
#define LINUX_CLONE_PARENT_SETTID 0x00100000u
#define LINUX_CLONE_CHILD_CLEARTID 0x00200000u
#define LINUX_CLONE_CHILD_SETTID 0x01000000u

/* clone as fork and vfork use it (glibc's fork, posix_spawn, busybox):
 * a new process, maybe on a new stack, with the TID words written.
 * Threads (CLONE_THREAD, or CLONE_VM without CLONE_VFORK) come with the
 * threads issue: until then they fail as if the system were out of them.
 * A CLONE_VM|CLONE_VFORK child gets a copy of the memory, as vfork does
 * here. */
i64 sys_clone(struct sysemu *s, const u64 a[6]) {
  u64 flags = a[0], sp = a[1], ptid = a[2], ctid = a[3], tls = a[4];
  struct cpu *c = s->cpu;
  u8 b[4];
  pid_t pid;
  if ((flags & LINUX_CLONE_THREAD) ||
      ((flags & LINUX_CLONE_VM) && !(flags & LINUX_CLONE_VFORK)) ||
      (flags & (LINUX_CLONE_FILES | LINUX_CLONE_SIGHAND | LINUX_CLONE_FS))) {
    return -LINUX_EAGAIN;
  }
  if ((flags & LINUX_CSIGNAL) && (flags & LINUX_CSIGNAL) != 17) {
    return -LINUX_EINVAL; /* only SIGCHLD so far */
  }
  if ((pid = do_fork(s)) < 0) return sysemu_fail();
  if (flags & LINUX_CLONE_PARENT_SETTID) {
    write32le(b, (u32)(pid ? pid : getpid()));
    if (copy_to_guest(s, ptid, b, 4) && pid) return pid;
  }
  if (pid) return pid;
  if (sp) c->regs[CORE_RSP] = sp;
  if (flags & LINUX_CLONE_SETTLS) c->fs_base = tls;
  if (flags & LINUX_CLONE_CHILD_SETTID) {
    write32le(b, (u32)getpid());
    if (copy_to_guest(s, ctid, b, 4)) return 0;
  }
  if (flags & LINUX_CLONE_CHILD_CLEARTID) s->clear_child_tid = ctid;
  return 0;
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
