/* The decoder against Zydis 4 (Debian's libzydis-dev), on this machine's
 * own code and on random bytes. For each instruction both decoders see the
 * same bytes (at most 15) and must agree on validity, length and operand
 * size (Zydis's operand_width against our osz, for every instruction).
 *
 *   zydis_test                 corpus (ELF files under /usr/bin, /usr/sbin,
 *                              /usr/lib/x86_64-linux-gnu), the sweep of
 *                              every opcode, 10M + 2M random strings
 *   zydis_test -c | -r N       corpus only | sweep and N random only
 *   zydis_test -x HEX...       show both decoders and the CPU on bytes
 *
 * BLINK_ZYDIS_RANDOM=N changes the number of random strings (100000000 for
 * a long run), BLINK_ZYDIS_SEED the seed, BLINK_ZYDIS_CLASSES how many
 * unexplained classes are listed; BLINK_ZYDIS_CORPUS lists directories to
 * walk instead of the default ones (separated by ':').
 *
 * The corpus is swept linearly through each executable section, stepping
 * by Zydis's length where it decodes and by one byte where it does not, so
 * data in .text (constant pools of hand-written assembly) is compared too.
 *
 * Where the two disagree, the host CPU is the judge: -x runs the bytes in a
 * child process (native.c) and reports #UD or the length the CPU fetched.
 * The disagreements that remain fall into the classes of kKnown below, each
 * with its evidence; every run re-checks each class's first example on the
 * host CPU, and anything outside those classes fails the test.
 *
 * Figures on the build machine (AMD EPYC with AVX-512, Debian 12, Zydis
 * 4.0.0), all disagreements in the known classes (REX.W INS/OUTS operand
 * size, Knights Corner encodings, MPX forms), none unexplained:
 *   corpus: 3309 ELF files, 688 MB of code, 167.6 million instructions,
 *           93 disagreements;
 *   sweep:  10.6 million encodings of every opcode, 1068;
 *   random: 10 million strings and 2 million led by escapes, 27233;
 *           100 million and 20 million with seeds 5 and 77, about 271000
 *           each. */
#include "xed/xed.h"

#include <Zydis/Zydis.h>
#include <time.h>
#include <unistd.h>

#include "tests/zydis/corpus.h"
#include "tests/zydis/native.h"

static ZydisDecoder zydis;

/* What either decoder said about one instruction. */
struct verdict {
  int ok, len, osz;
};

static struct verdict ours_on(const u8 *p, size_t n, struct xed_insn *x) {
  struct verdict v = {0, 0, 0};
  if (xed_decode(x, p, n, XED_MODE_64) == XED_OK) {
    v.ok = 1;
    v.len = x->len;
    v.osz = x->osz * 8;
  }
  return v;
}

static struct verdict zydis_on(const u8 *p, size_t n,
                               ZydisDecodedInstruction *z) {
  struct verdict v = {0, 0, 0};
  ZydisDecoderContext ctx;
  if (ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(&zydis, &ctx, p, n, z))) {
    v.ok = 1;
    v.len = z->length;
    v.osz = z->operand_width;
  }
  return v;
}

/* Disagreements: counted per class, with the first example of each. */
#define MAX_CLASSES 4096
struct klass {
  char key[48];
  unsigned long count;
  u8 bytes[16];
  int n;
  int known; /* index into kKnown + 1, or 0 */
};
static struct klass classes[MAX_CLASSES];
static int nclasses;
static unsigned long disagreements, unexplained;

/* Classes of disagreement where Zydis is wrong. Each names what the host
 * CPU does with its first example: when the test meets the class it runs
 * that example natively (native.c) and counts the class as explained only
 * if the CPU agrees with our decoder (same validity, same length). */
enum cpu_check {
  CPU_AGREES, /* the CPU must match our verdict */
  CPU_NONE    /* the CPU cannot show it (see the evidence) */
};
struct known {
  const char *what, *evidence;
  int cpu;
  int (*match)(const struct xed_insn *x, const struct verdict *o,
               const struct verdict *z, const ZydisDecodedInstruction *zi);
};

/* Zydis 4.0.0 decodes Knights Corner (k1om) encodings even with its KNC
 * mode off (the default): MVEX (62 with P1 bit 2 clear) and the VEX mask
 * branches and concatenations (jkzd, jknzd, kconcath, kconcatl, VEX map
 * 0). No x86-64 CPU decodes them: the host raises #UD, e.g. on
 * c5 48 84 cf a5 bf 36 (jkzd) and 62 c2 59 6d be 7a 0d (MVEX). */
static int knc(const struct xed_insn *x, const struct verdict *o,
               const struct verdict *z, const ZydisDecodedInstruction *zi) {
  (void)x;
  return z->ok && !o->ok &&
         (zi->encoding == ZYDIS_INSTRUCTION_ENCODING_MVEX ||
          zi->meta.isa_ext == ZYDIS_ISA_EXT_KNC ||
          zi->meta.isa_ext == ZYDIS_ISA_EXT_KNCE ||
          zi->meta.isa_ext == ZYDIS_ISA_EXT_KNCV);
}

/* Zydis decodes 0F 1A/0F 1B as MPX (its MPX mode is on by default) and
 * rejects the forms MPX forbids (bound registers 4..15, BNDLDX/BNDSTX/
 * BNDMK with a register). MPX is gone from every CPU since 2019; without
 * it the whole space is a hint NOP of the same length, which is what the
 * host does (e.g. 0f 1b 6d 34: executes, length 4) and what blink runs.
 * Where Zydis accepts one (66 0f 1a: bndmov) it reports MPX's operand size,
 * where a hint NOP has the usual one (16 bits with 66). */
static int mpx(const struct xed_insn *x, const struct verdict *o,
               const struct verdict *z, const ZydisDecodedInstruction *zi) {
  (void)zi;
  if (!o->ok || x->map != XED_MAP_0F ||
      (x->opcode != 0x1a && x->opcode != 0x1b))
    return 0;
  /* Rejected, or given MPX's operand size where a NOP has the usual one. */
  return !z->ok || (o->len == z->len && o->osz != z->osz);
}

/* INS and OUTS with REX.W: Zydis says 64-bit operands. SDM vol. 2A,
 * INS/INSB/INSW/INSD and OUTS/OUTSB/OUTSW/OUTSD: the opcode table has m8,
 * m16 and m32 forms only, the port being "16- or 32-bit" by the operand-
 * size attribute; Zydis itself gives 32 for IN and OUT with REX.W. The
 * host cannot show it: port I/O is privileged here (ioperm is refused). */
static int rexw_string_io(const struct xed_insn *x, const struct verdict *o,
                          const struct verdict *z,
                          const ZydisDecodedInstruction *zi) {
  (void)zi;
  return o->ok && z->ok && o->len == z->len && o->osz == 32 && z->osz == 64 &&
         (x->op == XED_OP_INS || x->op == XED_OP_OUTS);
}

static const struct known kKnown[] = {
    {"Knights Corner encodings", "host: #UD", CPU_AGREES, knc},
    {"MPX forms of the 0F 1A/1B hint NOPs", "host: NOP of our length",
     CPU_AGREES, mpx},
    {"REX.W INS/OUTS operand size", "SDM: no 64-bit port I/O", CPU_NONE,
     rexw_string_io},
    {NULL, NULL, 0, NULL},
};

static int is_known(const struct xed_insn *x, const struct verdict *o,
                    const struct verdict *z,
                    const ZydisDecodedInstruction *zi) {
  int i;
  for (i = 0; kKnown[i].match; ++i)
    if (kKnown[i].match(x, o, z, zi)) return i + 1;
  return 0;
}

static void class_key(char *key, size_t size, const char *kind, const u8 *p,
                      size_t n, const struct xed_insn *x,
                      const struct verdict *o,
                      const ZydisDecodedInstruction *zi,
                      const struct verdict *z) {
  static const char *const kEnc[] = {"legacy", "3dnow", "xop",
                                     "vex",    "evex",  "mvex"};
  if (z->ok) {
    snprintf(key, size, "%s %s map%d op%02x", kind,
             kEnc[zi->encoding < 6 ? zi->encoding : 0], (int)zi->opcode_map,
             zi->opcode);
  } else if (o->ok) {
    snprintf(key, size, "%s %s map%d op%02x", kind,
             (x->flags & XED_F_EVEX)  ? "evex"
             : (x->flags & XED_F_VEX) ? "vex"
             : (x->flags & XED_F_XOP) ? "xop"
                                      : "legacy",
             x->map, x->opcode);
  } else {
    snprintf(key, size, "%s", kind);
  }
  (void)p, (void)n;
}

static void record(const char *kind, const u8 *p, size_t n,
                   const struct xed_insn *x, const struct verdict *o,
                   const ZydisDecodedInstruction *zi, const struct verdict *z) {
  char key[48];
  int i, known = is_known(x, o, z, zi);
  ++disagreements;
  if (!known) ++unexplained;
  class_key(key, sizeof(key), kind, p, n, x, o, zi, z);
  for (i = 0; i < nclasses; ++i) {
    if (!strcmp(classes[i].key, key)) {
      ++classes[i].count;
      return;
    }
  }
  if (nclasses == MAX_CLASSES) return;
  snprintf(classes[i].key, sizeof(classes[i].key), "%s", key);
  classes[i].count = 1;
  classes[i].n = (int)(n < 15 ? n : 15);
  memcpy(classes[i].bytes, p, classes[i].n);
  classes[i].known = known;
  ++nclasses;
}

/* Compares both decoders on p[0..n); returns the step for a sweep. */
static int compare(const u8 *p, size_t n) {
  struct xed_insn x;
  ZydisDecodedInstruction zi;
  struct verdict o, z;
  if (n > 15) n = 15;
  o = ours_on(p, n, &x);
  z = zydis_on(p, n, &zi);
  if (o.ok != z.ok) {
    record(o.ok ? "valid-only-ours" : "valid-only-zydis", p, n, &x, &o, &zi,
           &z);
  } else if (o.ok && o.len != z.len) {
    record("length", p, n, &x, &o, &zi, &z);
  } else if (o.ok && o.osz != z.osz) {
    record("osz", p, n, &x, &o, &zi, &z);
  }
  return z.ok ? z.len : 1;
}

/* The corpus: executable sections of x86-64 ELF files. */
static unsigned long sections, corpus_insns;
static u64 corpus_bytes;

static void sweep(const u8 *p, size_t n, void *arg) {
  size_t pos = 0;
  (void)arg;
  ++sections;
  corpus_bytes += n;
  while (pos < n) {
    pos += compare(p + pos, n - pos);
    ++corpus_insns;
  }
}

/* Random bytes: a fixed-seed xorshift, so every run sees the same ones. */
static u64 rng_state;
static u64 rng(void) {
  u64 x = rng_state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return rng_state = x;
}

/* Uniform strings reach the 0F 38 and 0F 3A maps a few hundred times in
 * ten million; with lead != 0 each string starts with one of these escapes
 * and prefix runs instead, so the rarer maps get as many. */
static const char *const kLeads[] = {
    "0f",   "660f",   "f30f", "f20f",   "0f38", "660f38", "f20f38", "f30f38",
    "0f3a", "660f3a", "0f01", "0fae",   "0fc7", "0f0f",   "c4",     "c5",
    "62",   "8f",     "d8",   "d9",     "da",   "db",     "dc",     "dd",
    "de",   "df",     "f0",   "6648",   "c4e2", "c4e3",   "62f2",   "62f3",
    "0f00", "0f78",   "0f1a", "f3480f",
};

static void random_strings(unsigned long count, int lead) {
  unsigned long i;
  u8 b[16];
  for (i = 0; i < count; ++i) {
    u64 a = rng(), c = rng();
    int k, n = 0;
    for (k = 0; k < 8; ++k) b[k] = (u8)(a >> (8 * k));
    for (k = 0; k < 8; ++k) b[8 + k] = (u8)(c >> (8 * k));
    if (lead) {
      const char *h = kLeads[(a >> 40) % ARRAY_LEN(kLeads)];
      unsigned v;
      for (; h[0] && sscanf(h, "%2x", &v) == 1; h += 2) b[n++] = (u8)v;
    }
    compare(b, 15);
  }
}

/* Every opcode of every map under a fixed set of prefixes, ModRM bytes
 * and VEX/EVEX/XOP fields: a sweep that reaches each table cell, where
 * random strings reach the rare ones by luck. Returns the strings made. */
static unsigned long structured(void) {
  static const char *const kLegacy[] = {"",     "66",   "f3",   "f2",
                                        "66f3", "66f2", "f0",   "48",
                                        "6648", "f348", "f048", "4c"};
  static const char *const kEscape[] = {"", "0f", "0f38", "0f3a"};
  static const u8 kModrm[] = {0x00, 0x05, 0x04, 0x44, 0x84, 0x08, 0x10,
                              0x18, 0x20, 0x28, 0x30, 0x38, 0xc0, 0xc1,
                              0xc8, 0xd0, 0xd8, 0xe0, 0xe8, 0xf0, 0xf8,
                              0xff, 0xd1, 0xe9, 0xf9, 0xca};
  static const u8 kTail[] = {0x24, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66,
                             0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd};
  unsigned long made = 0;
  unsigned i, e, op, m, k;
  u8 b[32];
  unsigned v;
  for (i = 0; i < ARRAY_LEN(kLegacy); ++i) {
    for (e = 0; e < ARRAY_LEN(kEscape); ++e) {
      for (op = 0; op < 256; ++op) {
        for (m = 0; m < ARRAY_LEN(kModrm); ++m) {
          const char *h;
          int n = 0;
          for (h = kLegacy[i]; *h && sscanf(h, "%2x", &v) == 1; h += 2)
            b[n++] = (u8)v;
          for (h = kEscape[e]; *h && sscanf(h, "%2x", &v) == 1; h += 2)
            b[n++] = (u8)v;
          b[n++] = (u8)op;
          b[n++] = kModrm[m];
          memcpy(b + n, kTail, sizeof(kTail));
          compare(b, 15);
          ++made;
        }
      }
    }
  }
  /* VEX (C4) and XOP (8F): maps, W, vvvv, L, pp, R/X/B. */
  for (k = 0; k < 2 * 6 * 2 * 2 * 2 * 4 * 2; ++k) {
    static const u8 kMaps[6] = {1, 2, 3, 8, 9, 10};
    unsigned map = kMaps[(k >> 6) % 6], w = k & 1, vvvv = (k >> 1) & 1;
    unsigned l = (k >> 2) & 1, pp = (k >> 3) & 3, rxb = (k >> 5) & 1;
    for (op = 0; op < 256; ++op) {
      for (m = 0; m < ARRAY_LEN(kModrm); m += 3) {
        b[0] = map >= 8 ? 0x8f : 0xc4;
        b[1] = (u8)((rxb ? 0xe0 : 0x00) | map);
        b[2] = (u8)(w << 7 | (vvvv ? 0x78 : 0x48) | l << 2 | pp);
        b[3] = (u8)op;
        b[4] = kModrm[m];
        memcpy(b + 5, kTail, 10);
        compare(b, 15);
        ++made;
      }
    }
  }
  /* EVEX: maps, W, pp, L'L, b, z, aaa, V', R'. */
  for (k = 0; k < 5 * 2 * 4 * 4 * 2 * 2 * 2 * 2; ++k) {
    static const u8 kMaps[5] = {1, 2, 3, 5, 6};
    unsigned map = kMaps[k % 5], w = (k / 5) & 1, pp = (k / 10) & 3;
    unsigned ll = (k / 40) & 3, bb = (k / 160) & 1, z = (k / 320) & 1;
    unsigned aaa = (k / 640) & 1 ? 3 : 0, hi = (k / 1280) & 1;
    for (op = 0; op < 256; ++op) {
      for (m = 0; m < ARRAY_LEN(kModrm); m += 2) {
        b[0] = 0x62;
        b[1] = (u8)((hi ? 0xe0 : 0xf0) | map);
        b[2] = (u8)(w << 7 | 0x78 | 0x04 | pp);
        b[3] = (u8)(z << 7 | ll << 5 | bb << 4 | (hi ? 0 : 8) | aaa);
        b[4] = (u8)op;
        b[5] = kModrm[m];
        memcpy(b + 6, kTail, 9);
        compare(b, 15);
        ++made;
      }
    }
  }
  return made;
}

static void print_hex(const u8 *p, int n) {
  int i;
  for (i = 0; i < n; ++i) printf("%s%02x", i ? " " : "", p[i]);
}

/* Prints the classes of one phase: the known ones first, one line each,
 * after re-checking every class's first example on the host CPU; then the
 * unexplained ones, largest first, up to limit. */
static void report(int limit) {
  int i, j, k, shown = 0;
  for (i = 1; i < nclasses; ++i) { /* largest classes first */
    struct klass c = classes[i];
    for (j = i; j > 0 && classes[j - 1].count < c.count; --j)
      classes[j] = classes[j - 1];
    classes[j] = c;
  }
  for (k = 0; kKnown[k].match; ++k) {
    unsigned long count = 0;
    int nk = 0, checked = 0, bad = 0;
    for (i = 0; i < nclasses; ++i) {
      if (classes[i].known != k + 1) continue;
      count += classes[i].count;
      ++nk;
      if (kKnown[k].cpu == CPU_AGREES) {
        struct xed_insn x;
        struct verdict o = ours_on(classes[i].bytes, classes[i].n, &x);
        struct native_result r = native_run(classes[i].bytes, classes[i].n);
        int agrees =
            o.ok ? !r.failed && !r.ud && r.len == o.len : !r.failed && r.ud;
        ++checked;
        if (!agrees) {
          ++bad;
          unexplained += classes[i].count;
          printf("  THE HOST CPU DISAGREES WITH US: %s: ", kKnown[k].what);
          print_hex(classes[i].bytes, classes[i].n);
          printf(" (%s)\n", native_describe(&r));
        }
      }
    }
    if (!nk) continue;
    printf("  known: %s: %lu in %d classes (%s", kKnown[k].what, count, nk,
           kKnown[k].evidence);
    if (checked)
      printf("; %d of %d examples re-checked", checked - bad, checked);
    printf(")\n");
  }
  for (i = 0; i < nclasses; ++i) {
    if (classes[i].known) continue;
    if (shown++ == limit) {
      printf("  ... and more\n");
      break;
    }
    printf("  %-40s %8lu  e.g. ", classes[i].key, classes[i].count);
    print_hex(classes[i].bytes, classes[i].n);
    printf("\n");
  }
  nclasses = 0;
}

static int unhex(const char *s, u8 *b) {
  int n = 0;
  unsigned v;
  while (*s && n < 15) {
    if (*s == ' ' || *s == ':') {
      ++s;
      continue;
    }
    if (sscanf(s, "%2x", &v) != 1) break;
    b[n++] = (u8)v;
    s += 2;
  }
  return n;
}

static void explain(const char *hex) {
  u8 b[16];
  int n = unhex(hex, b);
  struct xed_insn x;
  ZydisDecodedInstruction zi;
  struct verdict o = ours_on(b, n, &x), z = zydis_on(b, n, &zi);
  struct native_result cpu = native_run(b, n);
  char text[128] = "";
  if (o.ok) xed_disassemble(text, sizeof(text), &x, 0);
  printf("%s\n  ours:  %s len %d osz %d  %s\n", hex, o.ok ? "ok" : "invalid",
         o.len, o.osz, text);
  printf("  zydis: %s len %d osz %d  %s\n", z.ok ? "ok" : "invalid", z.len,
         z.osz, z.ok ? ZydisMnemonicGetString(zi.mnemonic) : "");
  printf("  cpu:   %s\n", native_describe(&cpu));
}

int main(int argc, char **argv) {
  unsigned long nrandom = 10000000;
  int corpus = 1, i, limit = 20;
  const char *env;
  struct timespec t0, t1;
  ZydisDecoderInit(&zydis, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
  rng_state = 0x2545f4914f6cdd1dull;
  if ((env = getenv("BLINK_ZYDIS_RANDOM"))) nrandom = strtoul(env, NULL, 0);
  if ((env = getenv("BLINK_ZYDIS_SEED"))) rng_state = strtoull(env, NULL, 0);
  if (!rng_state) rng_state = 1;
  if (argc > 1 && !strcmp(argv[1], "-x")) {
    for (i = 2; i < argc; ++i) explain(argv[i]);
    return 0;
  }
  if (argc > 1 && !strcmp(argv[1], "-c")) nrandom = 0;
  if (argc > 2 && !strcmp(argv[1], "-r")) {
    corpus = 0;
    nrandom = strtoul(argv[2], NULL, 0);
  }
  if ((env = getenv("BLINK_ZYDIS_CLASSES"))) limit = atoi(env);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (corpus) {
    unsigned long before = disagreements, bad = unexplained, files;
    files = corpus_walk(sweep, NULL);
    report(limit);
    printf(
        "corpus: %lu files, %lu sections, %llu bytes, %lu instructions, "
        "%lu disagreements (%lu unexplained)\n",
        files, sections, (unsigned long long)corpus_bytes, corpus_insns,
        disagreements - before, unexplained - bad);
  }
  if (nrandom) {
    unsigned long before = disagreements, bad = unexplained, made;
    made = structured();
    report(limit);
    printf(
        "sweep: %lu encodings of every opcode, %lu disagreements "
        "(%lu unexplained)\n",
        made, disagreements - before, unexplained - bad);
  }
  if (nrandom) {
    unsigned long before = disagreements, bad = unexplained;
    random_strings(nrandom, 0);
    random_strings(nrandom / 5, 1);
    report(limit);
    printf(
        "random: %lu strings of 15 bytes and %lu led by escapes, %lu "
        "disagreements (%lu unexplained)\n",
        nrandom, nrandom / 5, disagreements - before, unexplained - bad);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("zydis_test: %lu disagreements, %lu unexplained, %.1f s\n",
         disagreements, unexplained,
         (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
  return unexplained ? 1 : 0;
}
