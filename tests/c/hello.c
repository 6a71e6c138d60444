/* stdio basics: printf of integers and strings, argv, the exit status. */
#include <stdio.h>
#include <string.h>

int main(int argc, char *argv[]) {
  long long big = 1;
  printf("hello, world\n");
  printf("argc=%d last=%s\n", argc, strrchr(argv[0], '/') ? "path" : argv[0]);
  for (int i = 0; i < 62; ++i) big = big * 2 + (i & 1);
  printf("%d %u %x %o %lld %llx %s|%5s|%-5s|%c\n", -42, 42u, 0xbeef, 8, big,
         (unsigned long long)big, "str", "ab", "cd", 'z');
  fprintf(stderr, "to stderr\n");
  return 7;
}
