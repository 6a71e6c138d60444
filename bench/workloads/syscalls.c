/* System calls: N small writes to /dev/null and reads from /dev/zero. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char *argv[]) {
  long n = argc > 1 ? atol(argv[1]) : 200000, i, total = 0;
  int out = open("/dev/null", O_WRONLY), in = open("/dev/zero", O_RDONLY);
  char buf[64];
  for (i = 0; i < n; ++i) {
    total += write(out, buf, sizeof(buf) / 2);
    total += read(in, buf, sizeof(buf));
  }
  printf("%ld\n", total);
  return 0;
}
