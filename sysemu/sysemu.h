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
 *   for (;;) if (core_run(&cpu) == CORE_SYSCALL) sysemu_syscall(&s);
 *            else sysemu_fault(&s);
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
};

void sysemu_init(struct sysemu *s, struct cpu *c, FILE *log);
/* Services the syscall the CPU stopped on. Does not return when the guest
 * exits: blink exits with the guest's status. */
void sysemu_syscall(struct sysemu *s);
/* Delivers the signal a fault raised (cpu->sig). With no guest handler it
 * ends blink as the signal would end the guest; does not return then. */
void sysemu_fault(struct sysemu *s);

/* Host errno -> positive x86-64 Linux errno. */
int sysemu_errno(int host_errno);
/* "ENOENT" for LINUX_ENOENT; NULL if unknown. */
const char *sysemu_errno_name(int linux_errno);
/* x86-64 Linux signal number -> host signal number, or 0; and back. */
int sysemu_host_signal(int linux_sig);
int sysemu_guest_signal(int host_sig);

#endif /* BLINK_SYSEMU_H_ */
