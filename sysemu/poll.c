/* Waiting for descriptors: poll, ppoll, select, pselect6. The guest's
 * struct pollfd has the host's layout, but its event bits are x86-64's
 * (mips numbers POLLWRNORM and friends differently), so they cross by
 * name; fd_set is an array of little-endian 64-bit words in the guest and
 * crosses bit by bit. ppoll and pselect6 wait under a signal mask of their
 * own, given to the host call, so no signal slips in between. */
#include "sysemu/sysemu_priv.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <time.h>

/* include/uapi/asm-generic/poll.h: x86-64 uses the generic values. */
static const struct {
  u16 guest;
  short host;
} kPollBits[] = {
    {0x0001, POLLIN},     {0x0002, POLLPRI},    {0x0004, POLLOUT},
    {0x0008, POLLERR},    {0x0010, POLLHUP},    {0x0020, POLLNVAL},
    {0x0040, POLLRDNORM}, {0x0080, POLLRDBAND}, {0x0100, POLLWRNORM},
    {0x0200, POLLWRBAND}, {0x0400, POLLMSG},    {0x2000, POLLRDHUP},
};

static short host_events(u16 g) {
  short h = 0;
  size_t i;
  for (i = 0; i < ARRAY_LEN(kPollBits); ++i) {
    if (g & kPollBits[i].guest) h |= kPollBits[i].host;
  }
  return h;
}

static u16 guest_events(short h) {
  u16 g = 0;
  size_t i;
  for (i = 0; i < ARRAY_LEN(kPollBits); ++i) {
    if (h & kPollBits[i].host) g |= kPollBits[i].guest;
  }
  return g;
}

/* A guest signal mask argument (a pointer to 8 bytes, and its size). */
static int get_mask(struct sysemu *s, u64 addr, u64 size, u64 *mask) {
  u8 b[8];
  if (size != 8) return -LINUX_EINVAL;
  if (copy_from_guest(s, b, addr, 8)) return -LINUX_EFAULT;
  *mask = read64le(b);
  return 0;
}

/* What is left of timeout t begun at start: Linux writes it back for
 * select, ppoll and pselect6 (poll_select_finish); nothing when the
 * wait timed out. */
static struct timespec time_left(const struct timespec *t,
                                 const struct timespec *start, i64 rc) {
  struct timespec now, left;
  i64 ns;
  clock_gettime(CLOCK_MONOTONIC, &now);
  ns = ((i64)t->tv_sec - ((i64)now.tv_sec - (i64)start->tv_sec)) * 1000000000 +
       ((i64)t->tv_nsec - ((i64)now.tv_nsec - (i64)start->tv_nsec));
  if (ns < 0 || rc == 0) ns = 0;
  left.tv_sec = (time_t)(ns / 1000000000);
  left.tv_nsec = (long)(ns % 1000000000);
  return left;
}

/* The common part of poll and ppoll: timeout NULL waits forever. */
static i64 do_poll(struct sysemu *s, u64 addr, u64 nfds,
                   const struct timespec *timeout, const u64 *mask) {
  struct rlimit rl;
  struct pollfd *p;
  sigset_t host;
  u8 *b;
  u64 i;
  int rc;
  if (!getrlimit(RLIMIT_NOFILE, &rl) && nfds > (u64)rl.rlim_cur) {
    return -LINUX_EINVAL;
  }
  if (nfds > 65536) return -LINUX_EINVAL;
  p = calloc(nfds ? nfds : 1, sizeof(*p));
  b = malloc(nfds ? nfds * 8 : 1);
  if (!p || !b) {
    free(p);
    free(b);
    return -LINUX_ENOMEM;
  }
  if (copy_from_guest(s, b, addr, nfds * 8)) {
    rc = -LINUX_EFAULT;
    goto out;
  }
  for (i = 0; i < nfds; ++i) {
    p[i].fd = (int)read32le(b + 8 * i);
    p[i].events = host_events(read16le(b + 8 * i + 4));
  }
  if (mask) sysemu_host_sigset(*mask, &host);
  rc = ppoll(p, (nfds_t)nfds, timeout, mask ? &host : NULL);
  if (rc < 0) {
    rc = (int)sysemu_fail();
    if (rc == -LINUX_EINTR && mask) sysemu_wait_mask(s, *mask);
    goto out;
  }
  for (i = 0; i < nfds; ++i) {
    write16le(b + 8 * i + 6, guest_events(p[i].revents));
  }
  if (copy_to_guest(s, addr, b, nfds * 8)) rc = -LINUX_EFAULT;
out:
  free(p);
  free(b);
  return rc;
}

i64 sys_poll(struct sysemu *s, const u64 a[6]) {
  struct timespec t;
  int ms = (int)a[2];
  if (ms < 0) return do_poll(s, a[0], a[1], NULL, NULL);
  t.tv_sec = ms / 1000;
  t.tv_nsec = (long)(ms % 1000) * 1000000;
  return do_poll(s, a[0], a[1], &t, NULL);
}

i64 sys_ppoll(struct sysemu *s, const u64 a[6]) {
  struct timespec t, start, left;
  u64 mask;
  int rc;
  if (a[2] && (rc = sysemu_get_timespec(s, a[2], &t))) return rc;
  if (a[3] && (rc = get_mask(s, a[3], a[4], &mask))) return rc;
  clock_gettime(CLOCK_MONOTONIC, &start);
  rc = (int)do_poll(s, a[0], a[1], a[2] ? &t : NULL, a[3] ? &mask : NULL);
  if (a[2] && (rc >= 0 || rc == -LINUX_EINTR)) {
    left = time_left(&t, &start, rc);
    if (sysemu_put_timespec(s, a[2], &left)) return -LINUX_EFAULT;
  }
  return rc;
}

/* select's sets: nfds bits in 64-bit little-endian words. */
static int get_set(struct sysemu *s, u64 addr, int nfds, fd_set *set) {
  u8 b[FD_SETSIZE / 8];
  int i;
  FD_ZERO(set);
  if (!addr) return 0;
  if (copy_from_guest(s, b, addr, (size_t)((nfds + 63) / 64 * 8))) {
    return -LINUX_EFAULT;
  }
  for (i = 0; i < nfds; ++i) {
    if (b[i / 8] & (1u << (i % 8))) FD_SET(i, set);
  }
  return 0;
}

static int put_set(struct sysemu *s, u64 addr, int nfds, const fd_set *set) {
  u8 b[FD_SETSIZE / 8];
  int i;
  if (!addr) return 0;
  memset(b, 0, sizeof(b));
  for (i = 0; i < nfds; ++i) {
    if (FD_ISSET(i, set)) b[i / 8] |= (u8)(1u << (i % 8));
  }
  return copy_to_guest(s, addr, b, (size_t)((nfds + 63) / 64 * 8));
}

/* select and pselect6: timeout NULL waits forever; what is left of it is
 * written back, as Linux does (in timeval form for select). */
static i64 do_select(struct sysemu *s, const u64 a[6], struct timespec *t,
                     const u64 *mask) {
  fd_set sets[3];
  sigset_t host;
  int nfds = (int)a[0], i, rc;
  if (nfds < 0) return -LINUX_EINVAL;
  if (nfds > FD_SETSIZE) nfds = FD_SETSIZE; /* blink's own limit */
  for (i = 0; i < 3; ++i) {
    if ((rc = get_set(s, a[1 + i], nfds, &sets[i]))) return rc;
  }
  if (mask) sysemu_host_sigset(*mask, &host);
  rc = pselect(nfds, &sets[0], &sets[1], &sets[2], t, mask ? &host : NULL);
  if (rc < 0) {
    rc = (int)sysemu_fail();
    if (rc == -LINUX_EINTR && mask) sysemu_wait_mask(s, *mask);
    return rc;
  }
  for (i = 0; i < 3; ++i) {
    if (put_set(s, a[1 + i], nfds, &sets[i])) return -LINUX_EFAULT;
  }
  return rc;
}

i64 sys_select(struct sysemu *s, const u64 a[6]) {
  struct timespec t, start, left;
  u8 b[16];
  i64 rc, sec, usec;
  if (!a[4]) return do_select(s, a, NULL, NULL);
  if (copy_from_guest(s, b, a[4], 16)) return -LINUX_EFAULT;
  sec = (i64)read64le(b);
  usec = (i64)read64le(b + 8);
  if (sec < 0 || usec < 0 || usec >= 1000000) return -LINUX_EINVAL;
  t.tv_sec = (time_t)sec;
  t.tv_nsec = (long)usec * 1000;
  clock_gettime(CLOCK_MONOTONIC, &start);
  rc = do_select(s, a, &t, NULL);
  /* The host's pselect leaves the timeout alone: compute what is left. */
  left = time_left(&t, &start, rc);
  write64le(b, (u64)(i64)left.tv_sec);
  write64le(b + 8, (u64)(left.tv_nsec / 1000));
  if (copy_to_guest(s, a[4], b, 16)) return -LINUX_EFAULT;
  return rc;
}

i64 sys_pselect6(struct sysemu *s, const u64 a[6]) {
  struct timespec t, start, left, *tp = NULL;
  u64 mask, ptr, size, *mp = NULL;
  u8 b[16];
  i64 rc;
  if (a[4]) {
    if ((rc = sysemu_get_timespec(s, a[4], &t))) return rc;
    tp = &t;
  }
  /* The sixth argument points at {const sigset_t *ss; size_t ss_len}. */
  if (a[5]) {
    if (copy_from_guest(s, b, a[5], 16)) return -LINUX_EFAULT;
    ptr = read64le(b);
    size = read64le(b + 8);
    if (ptr) {
      if ((rc = get_mask(s, ptr, size, &mask))) return rc;
      mp = &mask;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &start);
  rc = do_select(s, a, tp, mp);
  if (tp && (rc >= 0 || rc == -LINUX_EINTR)) {
    left = time_left(&t, &start, rc);
    if (sysemu_put_timespec(s, a[4], &left)) return -LINUX_EFAULT;
  }
  return rc;
}
