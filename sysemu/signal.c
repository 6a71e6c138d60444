/* Guest signals: dispositions, masks, the alternate stack, delivery on an
 * x86-64 rt_sigframe and rt_sigreturn (Linux arch/x86/kernel/signal.c and
 * signal_64.c give the frame; kernel/signal.c the rules).
 *
 * Who holds what. The guest's dispositions, blocked mask and alternate
 * stack live in struct sysemu, in x86-64 numbers. The host kernel does the
 * rest of the work: a guest handler becomes a host handler
 * (on_host_signal) that only records the signal as pending and sets
 * cpu->signal_due; SIG_IGN and SIG_DFL become the host's own, so an ignored
 * signal stays ignored across execve and a default one ends blink as it
 * would end the guest; the guest's blocked mask is the host's, so blocked
 * signals wait in the host kernel and an interrupted host syscall fails
 * with EINTR, or restarts under SA_RESTART, exactly as the guest's would.
 * core_run() comes back at the next block boundary, or the syscall
 * returns, and sysemu_deliver() pushes the frame.
 *
 * The CPU's own signals (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP) never
 * get host handlers: in the host they mean a bug in blink, or a guest
 * access in the linear stretch, which mmu/ catches. They reach the guest
 * from core/ (sysemu_fault) or, when the guest sends one to itself, from
 * kill/tkill/tgkill directly.
 *
 * Numbers: x86-64 Linux and mips differ (SIGBUS, SIGUSR1, SIGCHLD, ...),
 * so every signal crosses by name; the real-time signals 32..64 are the
 * same number everywhere. */
#include "sysemu/sysemu_priv.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* x86-64 Linux ABI constants (include/uapi/asm-generic/signal-defs.h,
 * arch/x86/include/uapi/asm/signal.h, ucontext.h). */
#define LINUX_SIG_DFL 0
#define LINUX_SIG_IGN 1
#define LINUX_SIG_BLOCK 0
#define LINUX_SIG_UNBLOCK 1
#define LINUX_SIG_SETMASK 2
#define LINUX_SA_NOCLDSTOP 0x00000001u
#define LINUX_SA_NOCLDWAIT 0x00000002u
#define LINUX_SA_RESTORER 0x04000000u
#define LINUX_SA_ONSTACK 0x08000000u
#define LINUX_SA_RESTART 0x10000000u
#define LINUX_SA_NODEFER 0x40000000u
#define LINUX_SA_RESETHAND 0x80000000u
#define LINUX_SS_ONSTACK 1
#define LINUX_SS_DISABLE 2
#define LINUX_SS_AUTODISARM 0x80000000u
#define LINUX_MINSIGSTKSZ 2048
#define LINUX_UC_SIGCONTEXT_SS 2
#define LINUX_UC_STRICT_RESTORE_SS 4
#define LINUX_SI_USER 0
#define LINUX_SI_TKILL (-6)
#define LINUX_CLD_EXITED 1

#define SIG_KILL 9
#define SIG_STOP 19
#define SIG_CHLD 17
#define BIT(sig) ((u64)1 << ((sig)-1))
#define UNBLOCKABLE (BIT(SIG_KILL) | BIT(SIG_STOP))

/* struct rt_sigframe (arch/x86/include/asm/sigframe.h): pretcode, then
 * struct ucontext (uc_flags, uc_link, uc_stack, uc_mcontext, uc_sigmask),
 * then struct siginfo. The FXSAVE image sits above it, 64-byte aligned. */
#define UC_OFF 8
#define UC_STACK 16
#define UC_MCONTEXT 40
#define UC_SIGMASK 296
#define UC_SIZE 304
#define INFO_OFF (UC_OFF + UC_SIZE)
#define FRAME_SIZE (INFO_OFF + 128)
#define FPSTATE_SIZE 512
_Static_assert(FPSTATE_SIZE + 63 + FRAME_SIZE + 15 + 8 <= SYSEMU_SIGFRAME_MAX,
               "AT_MINSIGSTKSZ is below the frame");
/* struct sigcontext_64: the general registers in this order, then rip,
 * eflags, cs/gs/fs/ss, err, trapno, oldmask, cr2, fpstate. */
static const u8 kSigcontextRegs[16] = {CORE_R8,  CORE_R9,  CORE_R10, CORE_R11,
                                       CORE_R12, CORE_R13, CORE_R14, CORE_R15,
                                       CORE_RDI, CORE_RSI, CORE_RBP, CORE_RBX,
                                       CORE_RDX, CORE_RAX, CORE_RCX, CORE_RSP};
#define SC_RIP 128
#define SC_EFLAGS 136
#define SC_CS 144
#define SC_SS 150
#define SC_ERR 152
#define SC_TRAPNO 160
#define SC_OLDMASK 168
#define SC_CR2 176
#define SC_FPSTATE 184
/* The EFLAGS bits rt_sigreturn takes from the frame (FIX_EFLAGS). */
#define FIX_EFLAGS 0x50dd5u /* AC OF DF TF SF ZF AF PF CF, and RF */

/* Set by the host handler, read between blocks: which guest signals are
 * pending, and the siginfo each came with. One process, one table. */
static struct sysemu *g_sys;
static volatile sig_atomic_t g_pending[65];
static u8 g_info[65][128];

int sysemu_host_signal(int linux_sig) {
  if (linux_sig >= 32 && linux_sig <= 64) return linux_sig;
  switch (linux_sig) {
#define S(name, num) \
  case num:          \
    return name;
#include "sysemu/signals.inc"
#undef S
    default: return 0;
  }
}

int sysemu_guest_signal(int host_sig) {
#define S(name, num) \
  if (host_sig == name) return num;
#include "sysemu/signals.inc"
#undef S
  if (host_sig >= 32 && host_sig <= 64) return host_sig;
  return 0;
}

static const char *signal_name(int linux_sig) {
  static char rt[8];
  switch (linux_sig) {
#define S(name, num) \
  case num:          \
    return #name;
#include "sysemu/signals.inc"
#undef S
    default:
      if (linux_sig >= 32 && linux_sig <= 64) {
        snprintf(rt, sizeof(rt), "SIG%d", linux_sig);
        return rt;
      }
      return "SIG?";
  }
}

/* The signals whose host handler is blink's (or the host default), never
 * the guest's: see the top of the file. */
static int cpu_signal(int sig) {
  return sig == 4 || sig == 5 || sig == 7 || sig == 8 || sig == 11;
}

/* Ends blink the way the guest's signal would end the guest, so the parent
 * sees the same wait status (and a shell prints the same message). No core
 * file: it would be blink's, not the guest's. */
static _Noreturn void die_by_signal(struct sysemu *s, int linux_sig) {
  int host = sysemu_host_signal(linux_sig);
  struct rlimit none = {0, 0};
  sigset_t set;
  if (s->log) {
    fprintf(s->log, "+++ killed by %s +++\n", signal_name(linux_sig));
    fflush(s->log);
  }
  fflush(stdout);
  if (host) {
    setrlimit(RLIMIT_CORE, &none);
    signal(host, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, host);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(host);
  }
  exit(128 + linux_sig);
}

/* A guest siginfo from the host's: the fields Linux fills for signals
 * sent by a process and for SIGCHLD; kernel-generated ones keep only the
 * number and code. */
static void guest_info(u8 out[128], int sig, const siginfo_t *si) {
  memset(out, 0, 128);
  write32le(out, (u32)sig);
  write32le(out + 8, (u32)si->si_code);
  if (si->si_code <= 0) { /* SI_USER, SI_QUEUE, SI_TKILL, ... */
    write32le(out + 16, (u32)si->si_pid);
    write32le(out + 20, (u32)si->si_uid);
    write64le(out + 24, (u64)(uintptr_t)si->si_value.sival_ptr);
  } else if (sig == SIG_CHLD) {
    int status = si->si_status;
    if (si->si_code != LINUX_CLD_EXITED) status = sysemu_guest_signal(status);
    write32le(out + 16, (u32)si->si_pid);
    write32le(out + 20, (u32)si->si_uid);
    write32le(out + 24, (u32)status);
    write64le(out + 32, (u64)(i64)si->si_utime);
    write64le(out + 40, (u64)(i64)si->si_stime);
  }
}

static void on_host_signal(int host_sig, siginfo_t *si, void *uc) {
  int sig = sysemu_guest_signal(host_sig);
  (void)uc;
  if (sig <= 0 || !g_sys) return;
  guest_info(g_info[sig], sig, si);
  g_pending[sig] = 1;
  g_sys->cpu->signal_due = 1;
}

/* The host disposition that stands for the guest's. */
static void set_host_action(int sig, const struct sysemu_sigaction *a) {
  int host = sysemu_host_signal(sig);
  struct sigaction sa;
  if (!host || cpu_signal(sig) || sig == SIG_KILL || sig == SIG_STOP) return;
  memset(&sa, 0, sizeof(sa));
  sigfillset(&sa.sa_mask);
  if (a->handler == LINUX_SIG_IGN) {
    sa.sa_handler = SIG_IGN;
  } else if (a->handler == LINUX_SIG_DFL) {
    sa.sa_handler = SIG_DFL;
  } else {
    sa.sa_sigaction = on_host_signal;
    sa.sa_flags = SA_SIGINFO;
    if (a->flags & LINUX_SA_RESTART) sa.sa_flags |= SA_RESTART;
  }
  /* For SIGCHLD these change what the host kernel does with children. */
  if (a->flags & LINUX_SA_NOCLDSTOP) sa.sa_flags |= SA_NOCLDSTOP;
  if (a->flags & LINUX_SA_NOCLDWAIT) sa.sa_flags |= SA_NOCLDWAIT;
  sigaction(host, &sa, NULL);
}

void sysemu_host_sigset(u64 guest_mask, void *host_sigset) {
  sigset_t *set = host_sigset;
  int sig;
  sigemptyset(set);
  for (sig = 1; sig <= 64; ++sig) {
    int h = sysemu_host_signal(sig);
    if ((guest_mask & BIT(sig)) && h && !cpu_signal(sig)) sigaddset(set, h);
  }
}

/* The host's blocked mask follows the guest's (the CPU's signals aside). */
static void sync_host_mask(struct sysemu *s) {
  sigset_t set;
  sysemu_host_sigset(s->sigmask, &set);
  sigprocmask(SIG_SETMASK, &set, NULL);
}

/* Whether a pending signal could be delivered now. */
static int any_due(struct sysemu *s) {
  int sig;
  for (sig = 1; sig <= 64; ++sig) {
    if (g_pending[sig] && !(s->sigmask & BIT(sig))) return 1;
  }
  return 0;
}

static void set_mask(struct sysemu *s, u64 mask) {
  s->sigmask = mask & ~UNBLOCKABLE;
  sync_host_mask(s);
  if (any_due(s)) s->cpu->signal_due = 1;
}

static int on_altstack(const struct sysemu *s, u64 sp) {
  return s->ss_size && sp > s->ss_sp && sp - s->ss_sp <= s->ss_size;
}

static u32 altstack_flags(const struct sysemu *s, u64 sp) {
  u32 f = s->ss_flags & LINUX_SS_AUTODISARM;
  if (!s->ss_size) return f | LINUX_SS_DISABLE;
  return f | (on_altstack(s, sp) ? LINUX_SS_ONSTACK : 0);
}

/* The trap number and error code the kernel puts in the sigcontext of a
 * CPU fault, with cr2 for page faults (SDM vol. 3, 6.15). */
static void fault_context(u8 *sc, const u8 info[128]) {
  int sig = (int)read32le(info), code = (int)read32le(info + 8);
  u64 trapno = 0, err = 0, cr2 = 0;
  switch (sig) {
    case 11:
      if (code == LINUX_SEGV_MAPERR || code == LINUX_SEGV_ACCERR) {
        trapno = 14; /* #PF from user mode; present if ACCERR */
        err = 4 | (code == LINUX_SEGV_ACCERR ? 1 : 0);
        cr2 = read64le(info + 16);
      } else {
        trapno = 13; /* #GP */
      }
      break;
    case 7: trapno = 12; break; /* #SS */
    case 4: trapno = 6; break;  /* #UD */
    case 5: trapno = 3; break;  /* #BP */
    case 8: trapno = code == LINUX_FPE_INTDIV ? 0 : 16; break;
    default: return;
  }
  write64le(sc + SC_TRAPNO, trapno);
  write64le(sc + SC_ERR, err);
  write64le(sc + SC_CR2, cr2);
}

/* The FPU state a handler starts with: Linux gives it the initial one
 * (fpu__clear_user_states), XMM registers zeroed. */
static void reset_fpu(struct cpu *c) {
  memset(c->xmm, 0, sizeof(c->xmm));
  memset(c->fpr_sig, 0, sizeof(c->fpr_sig));
  memset(c->fpr_se, 0, sizeof(c->fpr_se));
  c->mxcsr = X86_MXCSR_INITIAL;
  c->fcw = X86_FCW_INITIAL;
  c->fsw = c->fop = 0;
  c->ftop = c->ftag = 0;
  c->fip = c->fdp = 0;
}

/* Pushes the frame and points the CPU at the handler. A frame that can't
 * be written kills the guest with SIGSEGV, as Linux's force_sigsegv. */
static void setup_frame(struct sysemu *s, int sig, const u8 info[128],
                        int fault) {
  struct cpu *c = s->cpu;
  struct sysemu_sigaction *a = &s->sigact[sig];
  u8 frame[FRAME_SIZE], fx[FPSTATE_SIZE], *uc = frame + UC_OFF;
  u8 *sc = uc + UC_MCONTEXT;
  u64 sp = c->regs[CORE_RSP], fp, at, old;
  int i;
  if (!(a->flags & LINUX_SA_RESTORER)) die_by_signal(s, 11);
  if ((a->flags & LINUX_SA_ONSTACK) && s->ss_size && !on_altstack(s, sp)) {
    sp = s->ss_sp + s->ss_size;
  } else {
    sp -= 128; /* the red zone */
  }
  fp = (sp - FPSTATE_SIZE) & ~(u64)63;
  at = ((fp - FRAME_SIZE) & ~(u64)15) - 8;
  memset(frame, 0, sizeof(frame));
  write64le(frame, a->restorer);
  write64le(uc, LINUX_UC_SIGCONTEXT_SS | LINUX_UC_STRICT_RESTORE_SS);
  write64le(uc + UC_STACK, s->ss_sp);
  write32le(uc + UC_STACK + 8, altstack_flags(s, c->regs[CORE_RSP]));
  write64le(uc + UC_STACK + 16, s->ss_size);
  for (i = 0; i < 16; ++i) {
    write64le(sc + 8 * i, c->regs[kSigcontextRegs[i]]);
  }
  write64le(sc + SC_RIP, c->rip);
  write64le(sc + SC_EFLAGS, core_flags(c));
  write16le(sc + SC_CS, 0x33);
  write16le(sc + SC_SS, 0x2b);
  old = s->restore_sigmask ? s->saved_sigmask : s->sigmask;
  write64le(sc + SC_OLDMASK, old);
  write64le(sc + SC_FPSTATE, fp);
  if (fault) fault_context(sc, info);
  write64le(uc + UC_SIGMASK, old);
  memcpy(frame + INFO_OFF, info, 128);
  core_fxsave(c, fx);
  if (copy_to_guest(s, fp, fx, sizeof(fx)) ||
      copy_to_guest(s, at, frame, sizeof(frame))) {
    die_by_signal(s, 11);
  }
  if (s->log) {
    fprintf(s->log, "--- %s {si_code=%d, si_addr=%#llx} ---\n",
            signal_name(sig), (int)read32le(info + 8),
            (unsigned long long)read64le(info + 16));
  }
  c->regs[CORE_RDI] = (u64)sig;
  c->regs[CORE_RSI] = at + INFO_OFF;
  c->regs[CORE_RDX] = at + UC_OFF;
  c->regs[CORE_RAX] = 0;
  c->regs[CORE_RSP] = at;
  c->rip = a->handler;
  c->flags = core_flags(c) & ~(u64)(X86_EFLAGS_DF | X86_EFLAGS_TF);
  c->lazy = LAZY_NONE;
  reset_fpu(c);
  if ((s->ss_flags & LINUX_SS_AUTODISARM) && on_altstack(s, at)) {
    s->ss_sp = s->ss_size = 0;
    s->ss_flags = 0;
  }
  /* The handler runs with its mask added, and its own signal blocked
   * unless SA_NODEFER; rt_sigreturn brings back the saved one. */
  s->restore_sigmask = 0;
  old = s->sigmask | a->mask;
  if (!(a->flags & LINUX_SA_NODEFER)) old |= BIT(sig);
  if (a->flags & LINUX_SA_RESETHAND) {
    a->handler = LINUX_SIG_DFL;
    a->flags = 0;
    set_host_action(sig, a);
  }
  set_mask(s, old);
}

/* The signals whose default action is to ignore them (signal(7)):
 * SIGCHLD, SIGCONT, SIGURG, SIGWINCH. */
static int ignored_by_default(int sig) {
  return sig == 17 || sig == 18 || sig == 23 || sig == 28;
}

/* What SIG_DFL does with a signal that reached sysemu_deliver (one the
 * guest sent itself, or one whose disposition changed while pending). */
static void default_action(struct sysemu *s, int sig) {
  if (ignored_by_default(sig)) return;
  switch (sig) {
    case 19: /* SIGSTOP */
    case 20: /* SIGTSTP */
    case 21: /* SIGTTIN */
    case 22: /* SIGTTOU */ raise(SIGSTOP); return;
    default: die_by_signal(s, sig);
  }
}

void sysemu_deliver(struct sysemu *s) {
  int sig;
  s->cpu->signal_due = 0;
  for (sig = 1; sig <= 64; ++sig) {
    u8 info[128];
    if (!g_pending[sig] || (s->sigmask & BIT(sig))) continue;
    memcpy(info, g_info[sig], sizeof(info));
    g_pending[sig] = 0;
    if (s->sigact[sig].handler == LINUX_SIG_IGN) continue;
    if (s->sigact[sig].handler == LINUX_SIG_DFL) {
      default_action(s, sig);
      continue;
    }
    setup_frame(s, sig, info, 0);
    break;
  }
  if (s->restore_sigmask) { /* sigsuspend woke for no handler */
    s->restore_sigmask = 0;
    set_mask(s, s->saved_sigmask);
  }
  if (any_due(s)) s->cpu->signal_due = 1;
}

void sysemu_fault(struct sysemu *s) {
  struct cpu *c = s->cpu;
  int sig = c->sig;
  struct sysemu_sigaction *a = &s->sigact[sig];
  u8 info[128];
  memset(info, 0, sizeof(info));
  write32le(info, (u32)sig);
  write32le(info + 8, (u32)c->sig_code);
  write64le(info + 16, c->sig_addr);
  /* A blocked or ignored CPU signal kills, as force_sig_info arranges. */
  if (a->handler != LINUX_SIG_DFL && a->handler != LINUX_SIG_IGN &&
      !(s->sigmask & BIT(sig))) {
    setup_frame(s, sig, info, 1);
    return;
  }
  if (s->log) {
    fprintf(s->log, "--- %s {si_code=%#x, si_addr=%#llx} rip=%#llx ---\n",
            signal_name(sig), c->sig_code, (unsigned long long)c->sig_addr,
            (unsigned long long)c->rip);
  }
  die_by_signal(s, sig);
}

void sysemu_signals_init(struct sysemu *s) {
  sigset_t set;
  int sig;
  g_sys = s;
  /* The blocked mask blink was started with is the guest's. */
  sigprocmask(SIG_SETMASK, NULL, &set);
  for (sig = 1; sig <= 64; ++sig) {
    int host = sysemu_host_signal(sig);
    if (host && sigismember(&set, host) == 1) s->sigmask |= BIT(sig);
  }
  /* And so are the signals it was started ignoring (nohup, a shell's
   * background job). */
  for (sig = 1; sig <= 64; ++sig) {
    struct sigaction sa;
    int host = sysemu_host_signal(sig);
    if (host && !cpu_signal(sig) && !sigaction(host, NULL, &sa) &&
        sa.sa_handler == SIG_IGN) {
      s->sigact[sig].handler = LINUX_SIG_IGN;
    }
  }
}

void sysemu_signals_exec(struct sysemu *s) {
  int sig;
  for (sig = 1; sig <= 64; ++sig) {
    struct sysemu_sigaction *a = &s->sigact[sig];
    if (a->handler != LINUX_SIG_IGN) {
      memset(a, 0, sizeof(*a));
      set_host_action(sig, a);
    }
  }
  s->ss_sp = s->ss_size = 0;
  s->ss_flags = 0;
}

void sysemu_signals_forked(struct sysemu *s) {
  int sig;
  for (sig = 1; sig <= 64; ++sig) g_pending[sig] = 0;
  s->cpu->signal_due = 0;
}

/* ------------------------------------------------------------ syscalls */

i64 sys_rt_sigaction(struct sysemu *s, const u64 a[6]) {
  int sig = (int)a[0];
  u8 buf[32];
  struct sysemu_sigaction act;
  if (a[3] != 8 || sig < 1 || sig > 64) return -LINUX_EINVAL;
  if (a[1]) {
    if (sig == SIG_KILL || sig == SIG_STOP) return -LINUX_EINVAL;
    if (copy_from_guest(s, buf, a[1], sizeof(buf))) return -LINUX_EFAULT;
    act.handler = read64le(buf);
    act.flags = read64le(buf + 8);
    act.restorer = read64le(buf + 16);
    act.mask = read64le(buf + 24) & ~UNBLOCKABLE;
  }
  if (a[2]) {
    const struct sysemu_sigaction *o = &s->sigact[sig];
    write64le(buf, o->handler);
    write64le(buf + 8, o->flags);
    write64le(buf + 16, o->restorer);
    write64le(buf + 24, o->mask);
    if (copy_to_guest(s, a[2], buf, sizeof(buf))) return -LINUX_EFAULT;
  }
  if (a[1]) {
    s->sigact[sig] = act;
    set_host_action(sig, &act);
    /* Setting SIG_IGN, or SIG_DFL where the default ignores, discards
     * what is pending (POSIX, kernel/signal.c do_sigaction). */
    if (act.handler == LINUX_SIG_IGN ||
        (act.handler == LINUX_SIG_DFL && ignored_by_default(sig))) {
      g_pending[sig] = 0;
    }
  }
  return 0;
}

i64 sys_rt_sigprocmask(struct sysemu *s, const u64 a[6]) {
  u64 set = 0, old = s->sigmask;
  u8 buf[8];
  if (a[3] != 8) return -LINUX_EINVAL;
  if (a[1]) {
    if (copy_from_guest(s, buf, a[1], 8)) return -LINUX_EFAULT;
    set = read64le(buf);
    if (a[0] > LINUX_SIG_SETMASK) return -LINUX_EINVAL;
  }
  if (a[2]) {
    write64le(buf, old);
    if (copy_to_guest(s, a[2], buf, 8)) return -LINUX_EFAULT;
  }
  if (a[1]) {
    switch (a[0]) {
      case LINUX_SIG_BLOCK: set_mask(s, old | set); break;
      case LINUX_SIG_UNBLOCK: set_mask(s, old & ~set); break;
      default: set_mask(s, set); break;
    }
  }
  return 0;
}

/* The blocked signals that are pending: ours, and those the host kernel
 * holds for us. */
i64 sys_rt_sigpending(struct sysemu *s, const u64 a[6]) {
  sigset_t host;
  u64 set = 0;
  u8 buf[8];
  int sig;
  if (a[1] > 8) return -LINUX_EINVAL;
  sigpending(&host);
  for (sig = 1; sig <= 64; ++sig) {
    int h = sysemu_host_signal(sig);
    if (g_pending[sig] || (h && sigismember(&host, h) == 1)) set |= BIT(sig);
  }
  write64le(buf, set & s->sigmask);
  return copy_to_guest(s, a[0], buf, (size_t)a[1]) ? -LINUX_EFAULT : 0;
}

i64 sys_rt_sigsuspend(struct sysemu *s, const u64 a[6]) {
  sigset_t host;
  u8 buf[8];
  if (a[1] != 8) return -LINUX_EINVAL;
  if (copy_from_guest(s, buf, a[0], 8)) return -LINUX_EFAULT;
  sysemu_wait_mask(s, read64le(buf));
  if (any_due(s)) {
    s->cpu->signal_due = 1;
    return -LINUX_EINTR;
  }
  sysemu_host_sigset(s->sigmask, &host);
  sigsuspend(&host); /* returns once a host handler has run */
  return -LINUX_EINTR;
}

void sysemu_wait_mask(struct sysemu *s, u64 guest_mask) {
  s->saved_sigmask = s->sigmask;
  s->restore_sigmask = 1;
  s->sigmask = guest_mask & ~UNBLOCKABLE;
}

i64 sys_pause(struct sysemu *s, const u64 a[6]) {
  if (!any_due(s)) pause();
  return -LINUX_EINTR;
}

i64 sys_sigaltstack(struct sysemu *s, const u64 a[6]) {
  u64 sp = s->cpu->regs[CORE_RSP];
  u8 buf[24], old[24];
  write64le(old, s->ss_sp);
  write32le(old + 8, altstack_flags(s, sp));
  write32le(old + 12, 0);
  write64le(old + 16, s->ss_size);
  if (a[0]) {
    u32 flags, mode;
    u64 size;
    if (copy_from_guest(s, buf, a[0], sizeof(buf))) return -LINUX_EFAULT;
    if (on_altstack(s, sp)) return -LINUX_EPERM;
    flags = read32le(buf + 8);
    mode = flags & ~LINUX_SS_AUTODISARM;
    size = read64le(buf + 16);
    if (mode != 0 && mode != LINUX_SS_ONSTACK && mode != LINUX_SS_DISABLE) {
      return -LINUX_EINVAL;
    }
    if (mode == LINUX_SS_DISABLE) {
      s->ss_sp = s->ss_size = 0;
      s->ss_flags = 0;
    } else {
      if (size < LINUX_MINSIGSTKSZ) return -LINUX_ENOMEM;
      s->ss_sp = read64le(buf);
      s->ss_size = size;
      s->ss_flags = flags & LINUX_SS_AUTODISARM;
    }
  }
  if (a[1] && copy_to_guest(s, a[1], old, sizeof(old))) return -LINUX_EFAULT;
  return 0;
}

i64 sys_rt_sigreturn(struct sysemu *s, const u64 a[6]) {
  struct cpu *c = s->cpu;
  u8 uc[UC_SIZE], fx[FPSTATE_SIZE], *sc = uc + UC_MCONTEXT;
  u64 at = c->regs[CORE_RSP], fp, flags;
  int i;
  /* The handler's RET popped pretcode: RSP is at the ucontext. */
  if (copy_from_guest(s, uc, at, sizeof(uc))) die_by_signal(s, 11);
  fp = read64le(sc + SC_FPSTATE);
  if (fp && (copy_from_guest(s, fx, fp, sizeof(fx)) || core_fxrstor(c, fx))) {
    die_by_signal(s, 11);
  }
  for (i = 0; i < 16; ++i) {
    c->regs[kSigcontextRegs[i]] = read64le(sc + 8 * i);
  }
  c->rip = read64le(sc + SC_RIP);
  flags = read64le(sc + SC_EFLAGS);
  c->flags = (core_flags(c) & ~(u64)FIX_EFLAGS) | (flags & FIX_EFLAGS);
  c->lazy = LAZY_NONE;
  if (!fp) reset_fpu(c);
  /* uc_stack brings the alternate stack back, as restore_altstack does;
   * a bad one is ignored here rather than failing the return. */
  if (!on_altstack(s, c->regs[CORE_RSP])) {
    u32 mode = read32le(uc + UC_STACK + 8);
    u64 size = read64le(uc + UC_STACK + 16);
    if (mode & LINUX_SS_DISABLE) {
      s->ss_sp = s->ss_size = 0;
      s->ss_flags = 0;
    } else if (size >= LINUX_MINSIGSTKSZ) {
      s->ss_sp = read64le(uc + UC_STACK);
      s->ss_size = size;
      s->ss_flags = mode & LINUX_SS_AUTODISARM;
    }
  }
  set_mask(s, read64le(uc + UC_SIGMASK));
  return (i64)c->regs[CORE_RAX];
}

/* A signal the guest sends itself: the CPU signals have no host handler
 * to catch them, so they are made pending here. Others go through the
 * host kernel, which knows every rule about who may signal whom. */
static int to_self(struct sysemu *s, int sig, int code) {
  u8 *info = g_info[sig];
  if (!cpu_signal(sig)) return 0;
  if (s->sigact[sig].handler == LINUX_SIG_IGN) return 1;
  memset(info, 0, 128);
  write32le(info, (u32)sig);
  write32le(info + 8, (u32)code);
  write32le(info + 16, (u32)getpid());
  write32le(info + 20, (u32)getuid());
  g_pending[sig] = 1;
  if (!(s->sigmask & BIT(sig))) s->cpu->signal_due = 1;
  return 1;
}

static int host_signal_arg(u64 arg, int *host) {
  int sig = (int)arg;
  *host = 0;
  if (arg > 64) return -LINUX_EINVAL;
  if (sig && !(*host = sysemu_host_signal(sig))) return -LINUX_EINVAL;
  return 0;
}

i64 sys_kill(struct sysemu *s, const u64 a[6]) {
  int host, rc;
  pid_t pid = (pid_t)(i32)a[0];
  if ((rc = host_signal_arg(a[1], &host))) return rc;
  if (host && pid == getpid() && to_self(s, (int)a[1], LINUX_SI_USER)) {
    return 0;
  }
  return kill(pid, host) ? sysemu_fail() : 0;
}

i64 sys_tkill(struct sysemu *s, const u64 a[6]) {
  int host, rc;
  if ((rc = host_signal_arg(a[1], &host))) return rc;
  if ((i32)a[0] <= 0) return -LINUX_EINVAL;
  if (host && (pid_t)a[0] == getpid() &&
      to_self(s, (int)a[1], LINUX_SI_TKILL)) {
    return 0;
  }
  return syscall(SYS_tkill, (long)(i32)a[0], (long)host) ? sysemu_fail() : 0;
}

i64 sys_tgkill(struct sysemu *s, const u64 a[6]) {
  int host, rc;
  if ((rc = host_signal_arg(a[2], &host))) return rc;
  if ((i32)a[0] <= 0 || (i32)a[1] <= 0) return -LINUX_EINVAL;
  if (host && (pid_t)a[0] == getpid() && (pid_t)a[1] == getpid() &&
      to_self(s, (int)a[2], LINUX_SI_TKILL)) {
    return 0;
  }
  return syscall(SYS_tgkill, (long)(i32)a[0], (long)(i32)a[1], (long)host)
             ? sysemu_fail()
             : 0;
}

i64 sys_alarm(struct sysemu *s, const u64 a[6]) {
  return alarm((unsigned)a[0]);
}
