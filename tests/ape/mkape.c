/* mkape IN.elf OUT: wraps a static x86-64 ELF program in an Actually
 * Portable Executable as the APE specification lays one out: the file
 * starts with "MZqFpD='", its first page holds a shell statement
 * printf '...' that spells the ELF header with octal escapes (e_phoff moved
 * past that page), and the original file follows at offset 4096 with every
 * program header's p_offset moved by the same 4096 bytes. Built for and
 * run on the build machine, by the test suite. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHIFT 4096

static uint64_t get64(const unsigned char *p) {
  uint64_t v = 0;
  int i;
  for (i = 7; i >= 0; --i) v = v << 8 | p[i];
  return v;
}

static void put64(unsigned char *p, uint64_t v) {
  int i;
  for (i = 0; i < 8; ++i) p[i] = (unsigned char)(v >> (8 * i));
}

int main(int argc, char *argv[]) {
  FILE *in, *out;
  unsigned char *elf, head[SHIFT];
  long size;
  uint64_t phoff;
  unsigned phnum, i;
  size_t n = 0;
  if (argc != 3) {
    fprintf(stderr, "usage: mkape IN.elf OUT\n");
    return 2;
  }
  if (!(in = fopen(argv[1], "rb")) || fseek(in, 0, SEEK_END) ||
      (size = ftell(in)) < 64 || fseek(in, 0, SEEK_SET) ||
      !(elf = malloc((size_t)size)) ||
      fread(elf, 1, (size_t)size, in) != (size_t)size) {
    fprintf(stderr, "mkape: %s: cannot read\n", argv[1]);
    return 1;
  }
  fclose(in);
  phoff = get64(elf + 32);
  phnum = elf[56] | elf[57] << 8;
  if (phoff + 56ull * phnum > (uint64_t)size) {
    fprintf(stderr, "mkape: %s: bad program headers\n", argv[1]);
    return 1;
  }
  for (i = 0; i < phnum; ++i) {
    unsigned char *ph = elf + phoff + 56 * i;
    put64(ph + 8, get64(ph + 8) + SHIFT);
  }
  memset(head, '\n', sizeof(head));
  n += (size_t)sprintf((char *)head, "MZqFpD='\n\n'\nprintf '");
  put64(elf + 32, phoff + SHIFT);
  for (i = 0; i < 64; ++i) n += (size_t)sprintf((char *)head + n, "\\%o", elf[i]);
  n += (size_t)sprintf((char *)head + n, "' >/dev/null\nexit 1\n");
  head[n] = '\n';
  put64(elf + 32, phoff); /* the copy at SHIFT keeps its own header */
  if (!(out = fopen(argv[2], "wb")) || fwrite(head, 1, SHIFT, out) != SHIFT ||
      fwrite(elf, 1, (size_t)size, out) != (size_t)size || fclose(out)) {
    fprintf(stderr, "mkape: %s: cannot write\n", argv[2]);
    return 1;
  }
  return 0;
}
