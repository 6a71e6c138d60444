/* Signals as Linux delivers them: handlers with siginfo and ucontext,
 * faults of the CPU with their si_code and si_addr, masks, pending sets,
 * sigsuspend, the alternate stack, SA_RESETHAND, SIGCHLD, and the XMM
 * state a handler starts with and gives back. Output must equal the native run's. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf jump;
static volatile sig_atomic_t got, got_code, got_usr1_blocked;
static volatile uintptr_t got_addr, got_sp;
static volatile unsigned long xmm_in_handler;

static void on_info(int sig, siginfo_t *si, void *uc) {
  sigset_t now;
  got = sig;
  got_code = si->si_code;
  got_addr = (uintptr_t)si->si_addr;
  sigprocmask(SIG_BLOCK, NULL, &now);
  got_usr1_blocked = sigismember(&now, SIGUSR1);
  (void)uc;
}

static void on_fault(int sig, siginfo_t *si, void *uc) {
  int local;
  got = sig;
  got_code = si->si_code;
  got_addr = (uintptr_t)si->si_addr;
  got_sp = (uintptr_t)&local;
  (void)uc;
  siglongjmp(jump, 1);
}

/* Steps over a 2-byte UD2 by moving the saved RIP. */
static void on_ill(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  got = sig;
  got_code = si->si_code;
  uc->uc_mcontext.gregs[REG_RIP] += 2;
}

/* Clobbers XMM5, which the kernel restores from the frame. */
static void on_xmm(int sig) {
  unsigned long v;
  __asm__ volatile("movq %%xmm5, %0\n\tpcmpeqd %%xmm5, %%xmm5"
                   : "=r"(v)
                   :
                   : "xmm5");
  xmm_in_handler = v + (unsigned long)sig;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = fn;
  sa.sa_flags = SA_SIGINFO | flags;
  sigemptyset(&sa.sa_mask);
  if (sigaction(sig, &sa, NULL)) perror("sigaction");
}

static int recurse(int n) {
  volatile char pad[1024];
  pad[0] = (char)n;
  return recurse(n + 1) + pad[0];
}

int main(void) {
  sigset_t set, old;
  char *page;
  static char altstack[65536];
  stack_t ss;
  struct sigaction sa;
  int status;

  /* A signal sent to oneself: code, sender, its own signal blocked. */
  install(SIGUSR1, on_info, 0);
  got = 0;
  kill(getpid(), SIGUSR1);
  printf("usr1: sig=%d code=%d blocked-inside=%d\n", (int)got, (int)got_code,
         (int)got_usr1_blocked);

  /* Faults: unmapped, read-only, division by zero. */
  install(SIGSEGV, on_fault, 0);
  if (!sigsetjmp(jump, 1)) *(volatile int *)16 = 1;
  printf("segv unmapped: sig=%d code=%d addr=%#lx\n", (int)got, (int)got_code,
         (unsigned long)got_addr);
  page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (!sigsetjmp(jump, 1)) page[100] = 1;
  printf("segv read-only: sig=%d code=%d offset=%ld\n", (int)got,
         (int)got_code, (long)(got_addr - (uintptr_t)page));
  install(SIGFPE, on_fault, 0);
  if (!sigsetjmp(jump, 1)) {
    volatile int zero = 0, one = 1;
    one /= zero;
  }
  printf("fpe: sig=%d code=%d\n", (int)got, (int)got_code);

  /* A handler that edits the context it returns to. */
  install(SIGILL, on_ill, 0);
  got = 0;
  __asm__ volatile("ud2");
  printf("ill: sig=%d code=%d, resumed after it\n", (int)got, (int)got_code);

  /* Blocked, pending, then delivered on unblocking. */
  install(SIGUSR2, on_info, 0);
  sigemptyset(&set);
  sigaddset(&set, SIGUSR2);
  sigprocmask(SIG_BLOCK, &set, &old);
  got = 0;
  raise(SIGUSR2);
  sigpending(&set);
  printf("usr2 blocked: delivered=%d pending=%d\n", (int)got,
         sigismember(&set, SIGUSR2));
  sigprocmask(SIG_SETMASK, &old, NULL);
  printf("usr2 unblocked: delivered=%d\n", (int)got);

  /* sigsuspend: waits with a mask, the old one comes back. */
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, &old);
  got = 0;
  raise(SIGUSR1);
  sigemptyset(&set);
  status = sigsuspend(&set);
  sigprocmask(SIG_BLOCK, NULL, &set);
  printf("sigsuspend: rc=%d delivered=%d still-blocked=%d\n", status, (int)got,
         sigismember(&set, SIGUSR1));
  sigprocmask(SIG_SETMASK, &old, NULL);

  /* SA_RESETHAND leaves SIG_DFL behind. */
  install(SIGUSR1, on_info, SA_RESETHAND);
  raise(SIGUSR1);
  sigaction(SIGUSR1, NULL, &sa);
  printf("resethand: default now=%d\n", sa.sa_handler == SIG_DFL);

  /* Ignored: nothing happens. */
  signal(SIGTERM, SIG_IGN);
  raise(SIGTERM);
  printf("sigterm ignored\n");

  /* XMM registers: a handler starts with them cleared and the
   * interrupted code gets its own back. */
  signal(SIGUSR2, on_xmm);
  {
    unsigned long v = 0x123456789abcdefUL;
    __asm__ volatile("movq %0, %%xmm5" : : "r"(v) : "xmm5");
    raise(SIGUSR2);
    __asm__ volatile("movq %%xmm5, %0" : "=r"(v));
    printf("xmm: after=%#lx handler=%#lx\n", v, xmm_in_handler);
  }

  /* SIGCHLD from a child's exit, caught before waitpid returns. */
  install(SIGCHLD, on_info, SA_RESTART);
  got = 0;
  if (!fork()) _exit(3);
  wait(&status);
  printf("sigchld: sig=%d code=%d status=%d\n", (int)got, (int)got_code,
         WEXITSTATUS(status));

  /* Stack overflow caught on the alternate stack. */
  ss.ss_sp = altstack;
  ss.ss_size = sizeof(altstack);
  ss.ss_flags = 0;
  if (sigaltstack(&ss, NULL)) perror("sigaltstack");
  install(SIGSEGV, on_fault, SA_ONSTACK);
  if (!sigsetjmp(jump, 1)) recurse(0);
  printf("overflow: sig=%d on-altstack=%d\n", (int)got,
         got_sp >= (uintptr_t)altstack &&
             got_sp < (uintptr_t)altstack + sizeof(altstack));
  sigaltstack(NULL, &ss);
  printf("altstack: flags=%d size=%zu\n", ss.ss_flags, ss.ss_size);
  return 0;
}
