/* qsort and bsearch over ints and strings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmpint(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int cmpstr(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void) {
  static int v[100000];
  static char buf[1000][16];
  static char *s[1000];
  unsigned x = 1;
  for (int i = 0; i < 100000; ++i) x = x * 1664525 + 1013904223, v[i] = (int)x;
  qsort(v, 100000, sizeof(int), cmpint);
  for (int i = 1; i < 100000; ++i)
    if (v[i - 1] > v[i]) return 1;
  int key = v[4242];
  int *hit = bsearch(&key, v, 100000, sizeof(int), cmpint);
  printf("%d %d %d %ld\n", v[0], v[50000], v[99999], (long)(hit - v));
  for (int i = 0; i < 1000; ++i) {
    x = x * 1664525 + 1013904223;
    snprintf(buf[i], sizeof(buf[i]), "w%08x", x);
    s[i] = buf[i];
  }
  qsort(s, 1000, sizeof(char *), cmpstr);
  printf("%s %s %s\n", s[0], s[500], s[999]);
  return 0;
}
