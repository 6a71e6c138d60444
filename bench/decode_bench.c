/* The decoder benchmark: instructions per second of xed_decode() and of
 * Zydis 4's ZydisDecoderDecodeInstruction() over the same corpus in the
 * same run (the executable sections of this machine's ELF files, see
 * tests/zydis/corpus.c). The corpus is first copied into memory, and each
 * decoder sweeps it linearly the same way, so both decode the same byte
 * positions; the file system is out of the timing. Best of three passes.
 *
 *   make bench-decode          (x86-64 with libzydis-dev)
 *   BLINK_ZYDIS_CORPUS=/usr/bin make bench-decode */
#include "xed/xed.h"

#include <Zydis/Zydis.h>
#include <time.h>

#include "tests/zydis/corpus.h"

struct blob {
  u8 *p;
  size_t n, cap;
  size_t *starts; /* section boundaries */
  size_t nstarts, capstarts;
};

static void gather(const unsigned char *p, size_t n, void *arg) {
  struct blob *b = arg;
  if (b->n + n > b->cap) {
    b->cap = (b->n + n) * 2;
    b->p = realloc(b->p, b->cap);
    if (!b->p) abort();
  }
  if (b->nstarts + 1 >= b->capstarts) {
    b->capstarts = b->capstarts ? b->capstarts * 2 : 1024;
    b->starts = realloc(b->starts, b->capstarts * sizeof(size_t));
    if (!b->starts) abort();
  }
  b->starts[b->nstarts++] = b->n;
  memcpy(b->p + b->n, p, n);
  b->n += n;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

/* One instruction at p[0..n): its length, or 0 where it does not decode.
 * Both decoders are reached through this pointer, so both pay the same
 * call. */
typedef int (*decoder_fn)(const void *ctx, const u8 *p, size_t n);

static int ours(const void *ctx, const u8 *p, size_t n) {
  struct xed_insn x;
  (void)ctx;
  return xed_decode(&x, p, n, XED_MODE_64) == XED_OK ? x.len : 0;
}

static int zydis(const void *ctx, const u8 *p, size_t n) {
  ZydisDecodedInstruction z;
  ZydisDecoderContext c;
  return ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(ctx, &c, p, n, &z))
             ? z.length
             : 0;
}

/* Sweeps every section linearly; returns the instructions seen. */
static u64 sweep(const struct blob *b, decoder_fn fn, const void *ctx,
                 u64 *valid) {
  u64 count = 0, ok = 0;
  size_t s;
  for (s = 0; s < b->nstarts; ++s) {
    size_t pos = b->starts[s];
    size_t end = s + 1 < b->nstarts ? b->starts[s + 1] : b->n;
    while (pos < end) {
      int len = fn(ctx, b->p + pos, end - pos);
      pos += len ? len : 1;
      ok += len != 0;
      ++count;
    }
  }
  *valid = ok;
  return count;
}

int main(void) {
  struct blob b = {0};
  ZydisDecoder d;
  double best_ours = 1e30, best_zydis = 1e30, t;
  u64 n_ours = 0, n_zydis = 0, ok_ours = 0, ok_zydis = 0;
  unsigned long files;
  int pass;
  ZydisDecoderInit(&d, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
  files = corpus_walk(gather, &b);
  printf("corpus: %lu files, %zu sections, %zu bytes\n", files, b.nstarts, b.n);
  for (pass = 0; pass < 3; ++pass) {
    t = now();
    n_ours = sweep(&b, ours, NULL, &ok_ours);
    t = now() - t;
    if (t < best_ours) best_ours = t;
    t = now();
    n_zydis = sweep(&b, zydis, &d, &ok_zydis);
    t = now() - t;
    if (t < best_zydis) best_zydis = t;
  }
  printf(
      "xed_decode:                    %llu instructions (%llu valid) in "
      "%.3f s: %.1f M/s\n",
      (unsigned long long)n_ours, (unsigned long long)ok_ours, best_ours,
      n_ours / best_ours / 1e6);
  printf(
      "ZydisDecoderDecodeInstruction: %llu instructions (%llu valid) in "
      "%.3f s: %.1f M/s\n",
      (unsigned long long)n_zydis, (unsigned long long)ok_zydis, best_zydis,
      n_zydis / best_zydis / 1e6);
  printf("ours / zydis: %.2fx\n",
         (n_ours / best_ours) / (n_zydis / best_zydis));
  return 0;
}
