/* sysemu/ private: the syscall handlers and guest memory copies. */
#ifndef BLINK_SYSEMU_PRIV_H_
#define BLINK_SYSEMU_PRIV_H_

#include "sysemu/sysemu.h"

/* A handler gets the six raw arguments; returns the result or a negative
 * x86-64 errno. */
typedef i64 (*sysemu_handler)(struct sysemu *s, const u64 a[6]);

#define SYSCALL(num, name, fn, fmt) i64 fn(struct sysemu *s, const u64 a[6]);
#include "sysemu/syscalls.inc"
#undef SYSCALL

/* Copies between guest and host memory: 0, or -LINUX_EFAULT. */
int copy_from_guest(struct sysemu *s, void *dst, u64 src, size_t n) MUST_CHECK;
int copy_to_guest(struct sysemu *s, u64 dst, const void *src,
                  size_t n) MUST_CHECK;

/* Copies a NUL-terminated guest string of at most size bytes (NUL
 * included): 0, -LINUX_EFAULT, or -LINUX_ENAMETOOLONG. */
int copy_string_from_guest(struct sysemu *s, char *dst, u64 src,
                           size_t size) MUST_CHECK;

#define SYSEMU_PATH_MAX 4096
/* The most one read or write moves through blink's bounce buffer; like a
 * short count from the kernel, the guest's libc loops for the rest. */
#define SYSEMU_CHUNK 65536

/* open(2) flags, guest <-> host; a dirfd with AT_FDCWD translated. */
int sysemu_open_flags(u32 guest);
u32 sysemu_guest_open_flags(int host);
int sysemu_dirfd(i64 fd);

/* Opens a /proc file that must show the guest (procfs.c): a descriptor,
 * -1 with errno set, or -2 when path is not such a file. */
int sysemu_proc_open(struct sysemu *s, const char *path);
/* 1 if path is /proc/self/exe or /proc/PID/exe of this process, which
 * must name the guest program (s->exe), not blink. */
int sysemu_own_exe(const char *path);

/* -errno of the host's errno, in guest numbers. */
i64 sysemu_fail(void);

_Noreturn void sysemu_exit(struct sysemu *s, int status);

/* Guest struct timespec, field by field (time.c): 0, -EFAULT, or for
 * get, -EINVAL when a field is out of range. */
struct timespec;
int sysemu_put_timespec(struct sysemu *s, u64 addr,
                        const struct timespec *t) MUST_CHECK;
int sysemu_get_timespec(struct sysemu *s, u64 addr,
                        struct timespec *t) MUST_CHECK;

/* For the calls that wait with a signal mask of their own (ppoll,
 * pselect6): the host set standing for a guest mask, and, once such a
 * wait was interrupted, the guest mask a handler then runs under (the old
 * one comes back at rt_sigreturn, as with sigsuspend). */
void sysemu_host_sigset(u64 guest_mask, void *host_sigset);
void sysemu_wait_mask(struct sysemu *s, u64 guest_mask);

/* signal.c: start-up (the mask and ignored signals blink inherited), what
 * execve resets, what a fork child starts without. */
void sysemu_signals_init(struct sysemu *s);
void sysemu_signals_exec(struct sysemu *s);
void sysemu_signals_forked(struct sysemu *s);

#endif /* BLINK_SYSEMU_PRIV_H_ */
