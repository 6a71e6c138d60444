/* Writes N MiB of compressible, deterministic text to stdout: the input
 * of the gzip workload. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char *argv[]) {
  long mib = argc > 1 ? atol(argv[1]) : 20, i;
  unsigned x = 1;
  static const char *words[] = {"blink ", "x86 ", "emulator ", "fast ",
                                "page ", "table ", "decode ", "lazy ",
                                "flags\n", "jit "};
  long bytes = 0;
  while (bytes < mib << 20) {
    x = x * 1103515245 + 12345;
    i = (x >> 16) % 10;
    bytes += fputs(words[i], stdout) >= 0 ? (long)__builtin_strlen(words[i]) : 0;
  }
  return 0;
}
