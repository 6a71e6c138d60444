/* sysemu/: the Linux kernel as an x86-64 guest sees it.
 *
 * Promise: every guest syscall is answered as x86-64 Linux would answer it:
 * arguments come from RDI RSI RDX R10 R8 R9, the number from RAX, the result
 * (or a negative x86-64 errno) goes back to RAX. Guest structures, flags,
 * errno values and signal numbers are translated field by field; a guest
 * structure is never passed to the host kernel as it is. Guest memory is
 * reached only through copy-in/copy-out helpers over mmu/. Unknown syscalls
 * return -ENOSYS; a bad guest pointer gives -EFAULT; nothing a guest does
 * makes blink crash.
 *
 *   struct sysemu s;
 *   sysemu_init(&s, &cpu, NULL);
 *   for (;;) switch (core_run(&cpu)) { case CORE_SYSCALL: sysemu_syscall(&s);
 *     break; case CORE_FAULT: sysemu_fault(&s); break; default:
 *     sysemu_deliver(&s); }
 */
#ifndef BLINK_SYSEMU_H_
#define BLINK_SYSEMU_H_

#include "core/core.h"
#include "types.h"

enum {
#define E(name, num) LINUX_##name = num,
#include "sysemu/errno.inc"
#undef E
};

/* The most stack a signal frame takes (signal.c: the 440-byte
 * rt_sigframe and the 512-byte FXSAVE image with their alignment), which
 * the kernel reports as AT_MINSIGSTKSZ. */
#define SYSEMU_SIGFRAME_MAX 1040

/* A guest sigaction, as x86-64 Linux's struct kernel_sigaction. */
struct sysemu_sigaction {
  u64 handler, flags, restorer, mask;
};

struct sysemu {
  struct cpu *cpu;
  FILE *log;           /* -s / -L: strace-style log, or NULL */
  u64 clear_child_tid; /* set_tid_address */
  char *exe;           /* the guest program's absolute path, or NULL */
  /* Installed by runner/: replaces the running guest program with the
   * x86-64 program at path, in this process; 0, or a negative x86-64 errno
   * with the old program untouched. */
  int (*exec)(struct sysemu *s, const char *path, char *const argv[],
              char *const envp[]);
  /* Signals (signal.c), in x86-64 numbers: dispositions, the blocked mask
   * (bit n-1 for signal n), the alternate stack, and sigsuspend's saved
   * mask until a handler's frame has taken it. */
  struct sysemu_sigaction sigact[65];
  u64 sigmask;
  u64 ss_sp, ss_size;
  u32 ss_flags;
  int restore_sigmask;
  u64 saved_sigmask;
};

void sysemu_init(struct sysemu *s, struct cpu *c, FILE *log);
/* Services the syscall the CPU stopped on. Does not return when the guest
 * exits: blink exits with the guest's status. */
void sysemu_syscall(struct sysemu *s);
/* Delivers the signal a fault raised (cpu->sig). With no guest handler it
 * ends blink as the signal would end the guest; does not return then. */
void sysemu_fault(struct sysemu *s);
/* Delivers the pending signals that are due (core_run() returned
 * CORE_SIGNAL, or a syscall left some): a handler's frame, or the
 * default action. */
void sysemu_deliver(struct sysemu *s);

/* Host errno -> positive x86-64 Linux errno. */
int sysemu_errno(int host_errno);
/* "ENOENT" for LINUX_ENOENT; NULL if unknown. */
const char *sysemu_errno_name(int linux_errno);
/* x86-64 Linux signal number -> host signal number, or 0; and back. */
int sysemu_host_signal(int linux_sig);
int sysemu_guest_signal(int host_sig);

#endif /* BLINK_SYSEMU_H_ */
