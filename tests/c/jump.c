/* setjmp and longjmp, across frames and back into a loop. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf jb;
static int depth;

static void dive(int n) {
  if (n == 0) longjmp(jb, depth);
  ++depth;
  dive(n - 1);
}

int main(void) {
  volatile int rounds = 0;
  int r = setjmp(jb);
  printf("setjmp returned %d\n", r);
  if (rounds < 3) {
    ++rounds;
    depth = rounds * 10;
    dive(rounds * 5);
  }
  printf("done after %d rounds\n", rounds);
  return 0;
}
