/* Actually Portable Executables. An APE file is at once a Windows PE, a
 * shell script and a carrier of ELF program headers: its first bytes are
 * "MZqFpD='" (or "jartsr='"), and within its first 8192 bytes a shell
 * statement printf '...' writes out an ELF header, octal escapes and
 * plain characters, that says where in the APE file itself the program
 * headers are. There may be one such header per architecture; blink takes
 * the x86-64 one and loads the file as that ELF. */
#include "runner/runner_priv.h"

#define APE_SCAN 8192

int runner_is_ape(const u8 *buf, size_t n) {
  return n >= 8 && (!memcmp(buf, "MZqFpD='", 8) || !memcmp(buf, "jartsr='", 8));
}

/* Decodes the printf string at p (after the opening quote) up to the
 * closing quote: \ooo octal escapes (one to three digits) and \\; every
 * other byte stands for itself. Returns the number of bytes decoded. */
static size_t decode(const u8 *p, const u8 *end, u8 *out, size_t cap) {
  size_t n = 0;
  while (p < end && *p != '\'' && n < cap) {
    if (*p == '\\' && p + 1 < end) {
      if (p[1] >= '0' && p[1] <= '7') {
        unsigned v = 0, k;
        ++p;
        for (k = 0; k < 3 && p < end && *p >= '0' && *p <= '7'; ++k, ++p) {
          v = v * 8 + (unsigned)(*p - '0');
        }
        out[n++] = (u8)v;
        continue;
      }
      out[n++] = p[1];
      p += 2;
      continue;
    }
    out[n++] = *p++;
  }
  return n;
}

int runner_ape_header(const u8 *buf, size_t n, u8 ehdr[64]) {
  static const char kPrintf[] = "printf '";
  const u8 *p = buf, *end = buf + (n < APE_SCAN ? n : APE_SCAN);
  u8 e[128];
  while (p + sizeof(kPrintf) - 1 < end) {
    const u8 *q = memchr(p, 'p', (size_t)(end - p));
    size_t got;
    if (!q) break;
    p = q + 1;
    if ((size_t)(end - q) < sizeof(kPrintf) - 1 ||
        memcmp(q, kPrintf, sizeof(kPrintf) - 1)) {
      continue;
    }
    got = decode(q + sizeof(kPrintf) - 1, end, e, sizeof(e));
    if (got >= 64 && !memcmp(e, "\177ELF", 4) && e[4] == 2 && e[5] == 1 &&
        read16le(e + 18) == 62) {
      memcpy(ehdr, e, 64);
      return 0;
    }
  }
  return -1;
}
