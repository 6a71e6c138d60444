/* poll, ppoll, select and pselect on pipes: readiness, timeouts, hang-up,
 * bad descriptors, and the timeout select writes back. Output must equal
 * the native run's. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  int p[2], rc;
  struct pollfd f[3];
  fd_set r, w;
  struct timeval tv;
  struct timespec ts = {0, 1000000};
  sigset_t mask;
  char c;

  if (pipe(p)) return 1;
  f[0].fd = p[0], f[0].events = POLLIN;
  f[1].fd = p[1], f[1].events = POLLOUT | POLLWRNORM;
  f[2].fd = 999, f[2].events = POLLIN;
  rc = poll(f, 3, 0);
  printf("poll empty: %d revents %#x %#x %#x\n", rc, f[0].revents,
         f[1].revents, f[2].revents);
  write(p[1], "x", 1);
  rc = poll(f, 2, 100);
  printf("poll data: %d revents %#x %#x\n", rc, f[0].revents, f[1].revents);

  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  rc = ppoll(f, 1, &ts, &mask);
  printf("ppoll: %d revents %#x\n", rc, f[0].revents);

  FD_ZERO(&r);
  FD_ZERO(&w);
  FD_SET(p[0], &r);
  FD_SET(p[1], &w);
  tv.tv_sec = 1, tv.tv_usec = 0;
  rc = select(p[1] + 1, &r, &w, NULL, &tv);
  printf("select: %d r=%d w=%d\n", rc, FD_ISSET(p[0], &r), FD_ISSET(p[1], &w));
  read(p[0], &c, 1);

  FD_ZERO(&r);
  FD_SET(p[0], &r);
  tv.tv_sec = 0, tv.tv_usec = 20000;
  rc = select(p[0] + 1, &r, NULL, NULL, &tv);
  printf("select timeout: %d r=%d left=%ld.%06ld\n", rc, FD_ISSET(p[0], &r),
         (long)tv.tv_sec, (long)tv.tv_usec);

  FD_ZERO(&r);
  FD_SET(p[0], &r);
  rc = pselect(p[0] + 1, &r, NULL, NULL, &ts, &mask);
  printf("pselect timeout: %d\n", rc);

  close(p[1]);
  f[0].events = POLLIN;
  rc = poll(f, 1, 100);
  printf("poll hangup: %d revents %#x\n", rc, f[0].revents);

  FD_ZERO(&r);
  FD_SET(p[1], &r);
  rc = select(p[1] + 1, &r, NULL, NULL, &tv);
  printf("select closed fd: %d %s\n", rc, strerror(errno));
  return 0;
}
