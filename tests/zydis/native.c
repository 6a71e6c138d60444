/* The host CPU as the judge (see native.h). The bytes are placed so that
 * their first k end exactly at a page whose successor is unmapped, and run
 * in a forked child with every general register pointing into a scratch
 * area (so a SYSCALL asks for a number no kernel has and fails with
 * ENOSYS, and memory operands mostly land somewhere harmless). If the CPU
 * needs more than k bytes it faults fetching at the boundary before doing
 * anything (RIP still at the instruction); the smallest k that does not
 * fault that way is the CPU's length, and SIGILL there means #UD. A fault
 * on the next instruction (RIP at the boundary) or anywhere else means the
 * instruction was decoded and executed. */
#include "tests/zydis/native.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#define PAGE 4096

struct report {
  int signo;
  uintptr_t rip, addr;
};

static struct report *shared;

static void on_signal(int sig, siginfo_t *si, void *ctx) {
  ucontext_t *uc = ctx;
  shared->signo = sig;
  shared->rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
  shared->addr = (uintptr_t)si->si_addr;
  _exit(0);
}

/* Machine code: mov r64, imm64 for each register, then jmp rel32. */
static unsigned char *emit_stub(unsigned char *s, uintptr_t scratch,
                                uintptr_t target) {
  int r;
  int32_t rel;
  for (r = 0; r < 16; ++r) {
    uint64_t v = r == 4 ? scratch + 0x8000 : scratch + 0x4000 + r * 64;
    int i;
    *s++ = 0x48 | (r >= 8);
    *s++ = 0xb8 + (r & 7);
    for (i = 0; i < 8; ++i) *s++ = (unsigned char)(v >> (8 * i));
  }
  rel = (int32_t)(target - ((uintptr_t)s + 5));
  *s++ = 0xe9;
  memcpy(s, &rel, 4);
  return s + 4;
}

static int run_once(const unsigned char *p, int k, struct report *out) {
  unsigned char *code, *scratch, *insn;
  pid_t pid;
  int status;
  code = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  scratch = mmap(NULL, 0x10000, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED || scratch == MAP_FAILED) return -1;
  insn = code + PAGE - k;
  memcpy(insn, p, k);
  emit_stub(code, (uintptr_t)scratch, (uintptr_t)insn);
  mprotect(code, PAGE, PROT_READ | PROT_EXEC);
  mprotect(code + PAGE, PAGE, PROT_NONE);
  memset(shared, 0, sizeof(*shared));
  pid = fork();
  if (pid == 0) {
    static char altstack[65536];
    stack_t ss;
    struct sigaction sa;
    int sigs[] = {SIGILL, SIGSEGV, SIGBUS, SIGTRAP, SIGFPE};
    unsigned i;
    ss.ss_sp = altstack;
    ss.ss_size = sizeof(altstack);
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); ++i)
      sigaction(sigs[i], &sa, NULL);
    alarm(2);
    ((void (*)(void))code)();
    _exit(1);
  }
  waitpid(pid, &status, 0);
  munmap(code, 2 * PAGE);
  munmap(scratch, 0x10000);
  *out = *shared;
  out->rip -= (uintptr_t)insn; /* relative to the instruction */
  out->addr -= (uintptr_t)(code + PAGE);
  if (!WIFEXITED(status)) out->signo = -1;
  return 0;
}

struct native_result native_run(const unsigned char *p, int n) {
  struct native_result r = {0, 0, 0, 0};
  struct report rep;
  int k;
  if (!shared) {
    shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
      shared = NULL;
      r.failed = 1;
      return r;
    }
  }
  for (k = 1; k <= n; ++k) {
    if (run_once(p, k, &rep)) {
      r.failed = 1;
      return r;
    }
    /* Fetch fault on this instruction: it needs more bytes. */
    if (rep.signo == SIGSEGV && rep.rip == 0 && rep.addr < PAGE) continue;
    r.signo = rep.signo;
    r.len = k;
    r.ud = rep.signo == SIGILL && rep.rip == 0;
    return r;
  }
  r.len = 0; /* needs more than n bytes */
  return r;
}

const char *native_describe(const struct native_result *r) {
  static char buf[64];
  if (r->failed)
    snprintf(buf, sizeof(buf), "could not run");
  else if (!r->len)
    snprintf(buf, sizeof(buf), "needs more bytes than given");
  else if (r->ud)
    snprintf(buf, sizeof(buf), "#UD after fetching %d bytes", r->len);
  else
    snprintf(buf, sizeof(buf), "executes, length %d (signal %d)", r->len,
             r->signo);
  return buf;
}
