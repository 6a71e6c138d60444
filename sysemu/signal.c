/* Guest signals. x86-64 Linux numbers differ from the host's on mips
 * (SIGBUS, SIGUSR1, SIGCHLD, ...), so every signal crosses by name. Guest
 * handlers (rt_sigaction, rt_sigframe) come with issue 7; until then every
 * fault takes the default action, which for the CPU's signals is to end the
 * process. */
#include "sysemu/sysemu_priv.h"

#include <signal.h>
#include <sys/resource.h>

/* x86-64 Linux signal numbers (arch/x86/include/uapi/asm/signal.h). */
#define SIGNALS(S)                                                         \
  S(SIGHUP, 1) S(SIGINT, 2) S(SIGQUIT, 3) S(SIGILL, 4) S(SIGTRAP, 5)       \
  S(SIGABRT, 6) S(SIGBUS, 7) S(SIGFPE, 8) S(SIGKILL, 9) S(SIGUSR1, 10)    \
  S(SIGSEGV, 11) S(SIGUSR2, 12) S(SIGPIPE, 13) S(SIGALRM, 14)             \
  S(SIGTERM, 15) S(SIGCHLD, 17) S(SIGCONT, 18) S(SIGSTOP, 19)             \
  S(SIGTSTP, 20) S(SIGTTIN, 21) S(SIGTTOU, 22) S(SIGURG, 23)              \
  S(SIGXCPU, 24) S(SIGXFSZ, 25) S(SIGVTALRM, 26) S(SIGPROF, 27)           \
  S(SIGWINCH, 28) S(SIGIO, 29) S(SIGSYS, 31)

int sysemu_host_signal(int linux_sig) {
  switch (linux_sig) {
#define S(name, num) \
  case num:          \
    return name;
    SIGNALS(S)
#undef S
    default:
      return 0;
  }
}

static const char *signal_name(int linux_sig) {
  switch (linux_sig) {
#define S(name, num) \
  case num:          \
    return #name;
    SIGNALS(S)
#undef S
    default:
      return "SIG?";
  }
}

/* Ends blink the way the guest's signal would end the guest, so the parent
 * sees the same wait status (and a shell prints the same message). No core
 * file: it would be blink's, not the guest's. */
static _Noreturn void die_by_signal(struct sysemu *s, int linux_sig) {
  int host = sysemu_host_signal(linux_sig);
  struct rlimit none = {0, 0};
  sigset_t set;
  if (s->log) fflush(s->log);
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

void sysemu_fault(struct sysemu *s) {
  struct cpu *c = s->cpu;
  if (s->log) {
    fprintf(s->log, "--- %s {si_code=%#x, si_addr=%#llx} rip=%#llx ---\n",
            signal_name(c->sig), c->sig_code,
            (unsigned long long)c->sig_addr, (unsigned long long)c->rip);
    fprintf(s->log, "+++ killed by %s +++\n", signal_name(c->sig));
  }
  die_by_signal(s, c->sig);
}
