/* Guest signals. x86-64 Linux numbers differ from the host's on mips
 * (SIGBUS, SIGUSR1, SIGCHLD, ...), so every signal crosses by name. Guest
 * handlers (rt_sigaction, rt_sigframe) come with issue 7; until then every
 * fault takes the default action, which for the CPU's signals is to end the
 * process. */
#include "sysemu/sysemu_priv.h"

#include <signal.h>
#include <sys/resource.h>

int sysemu_host_signal(int linux_sig) {
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
  return 0;
}

static const char *signal_name(int linux_sig) {
  switch (linux_sig) {
#define S(name, num) \
  case num:          \
    return #name;
#include "sysemu/signals.inc"
#undef S
    default: return "SIG?";
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
            signal_name(c->sig), c->sig_code, (unsigned long long)c->sig_addr,
            (unsigned long long)c->rip);
    fprintf(s->log, "+++ killed by %s +++\n", signal_name(c->sig));
  }
  die_by_signal(s, c->sig);
}
