/* string.h and ctype over many lengths and alignments: the optimized
 * library routines (SSE2 in glibc, plain C in musl). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  static char a[512], b[512];
  uint64_t sum = 0;
  for (int i = 0; i < 500; ++i) a[i] = (char)('a' + i % 26);
  for (int off = 0; off < 16; ++off) {
    for (int len = 0; len < 300; len += 7) {
      memset(b, 0, sizeof(b));
      memcpy(b + off, a + (off * 3) % 16, len);
      sum = sum * 31 + strlen(b + off);
      sum = sum * 31 + (uint64_t)(strchr(b + off, 'q') ? strchr(b + off, 'q') - b : 0);
      sum = sum * 31 + (uint64_t)(memcmp(b + off, a, len) > 0);
      sum = sum * 31 + (uint64_t)(strstr(b + off, "xyz") != NULL);
      memmove(b + off + 1, b + off, len);
      sum = sum * 31 + (unsigned char)b[off + len / 2];
    }
  }
  char up[64];
  snprintf(up, sizeof(up), "%s", "Mixed Case 123");
  for (char *p = up; *p; ++p) *p = (char)toupper((unsigned char)*p);
  printf("%016llx %s %d\n", (unsigned long long)sum, up, strcmp("abc", "abd"));
  return 0;
}
