/* timeit OUT CMD [ARGS...]: runs CMD with its stdout in OUT and prints
 * "SECONDS MAXRSS_KIB STATUS" for it: wall-clock time from fork to reap,
 * the child's peak resident set from wait4, and its wait status as a
 * shell gives it (128 + signal for a signal). Built for the build machine;
 * bench/run.sh calls it once per measured run. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char *argv[]) {
  struct timespec t0, t1;
  struct rusage ru;
  int st, fd;
  pid_t pid;
  if (argc < 3) {
    fprintf(stderr, "usage: timeit OUT CMD [ARGS...]\n");
    return 2;
  }
  if ((fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
    perror(argv[1]);
    return 2;
  }
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (!(pid = fork())) {
    dup2(fd, 1);
    close(fd);
    execvp(argv[2], argv + 2);
    perror(argv[2]);
    _exit(127);
  }
  close(fd);
  if (pid < 0 || wait4(pid, &st, 0, &ru) != pid) {
    perror("timeit");
    return 2;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("%.6f %ld %d\n",
         (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
         ru.ru_maxrss,
         WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
  return 0;
}
