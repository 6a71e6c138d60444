/* CPUID: what blink is, told honestly (SDM vol. 2, CPUID).
 *
 * blink presents a plain x86-64-v1 Intel part: vendor GenuineIntel, family
 * 6 model 15 (a Core 2 era signature), the baseline features of leaf 1 EDX
 * (CORE_CPUID1_EDX, what the kernel also reports in AT_HWCAP), and in leaf
 * 1 ECX only CX16, which blink implements; no SSE3 or later until blink
 * executes them. Extended leaves report LAHF/SAHF in 64-bit mode, SYSCALL,
 * NX, RDTSCP and long mode; the brand string names blink. Cache leaves (2,
 * 4, 0x80000006) describe a plain single-core part with 64-byte lines. A
 * leaf above the highest one gives the highest basic leaf's data, as Intel
 * parts do. Every result is a 32-bit register write (upper halves clear). */
#include "core/core_priv.h"

#define MAX_BASIC 7u
#define MAX_EXTENDED 0x80000008u

/* Leaf 1 ECX: CMPXCHG16B (bit 13). */
#define CPUID1_ECX 0x00002000u
/* Leaf 0x80000001 ECX: LAHF/SAHF in 64-bit mode (bit 0). EDX: SYSCALL
 * (11), NX (20), RDTSCP (27), LM (29). */
#define EXT1_ECX 0x00000001u
#define EXT1_EDX 0x28100800u

/* 48 bytes, NUL padded. */
static const char kBrand[48] = "blink x86-64-v1 virtual CPU";

static u32 str4(const char *s) {
  return (u32)(u8)s[0] | (u32)(u8)s[1] << 8 | (u32)(u8)s[2] << 16 |
         (u32)(u8)s[3] << 24;
}

/* Leaf 4, deterministic cache parameters: type, level, ways, sets, with one
 * logical processor per cache and per package. */
static void cache_leaf(u32 sub, u32 r[4]) {
  static const struct {
    u8 type, level;
    u16 ways;
    u32 kib;
  } kCaches[] = {
      {1, 1, 8, 32},   /* L1 data */
      {2, 1, 8, 32},   /* L1 instruction */
      {3, 2, 16, 1024} /* L2 unified */
  };
  u32 sets;
  if (sub >= ARRAY_LEN(kCaches)) return; /* type 0: no more caches */
  sets = kCaches[sub].kib * 1024 / (kCaches[sub].ways * 64);
  r[0] = kCaches[sub].type | (u32)kCaches[sub].level << 5 | 1u << 8;
  r[1] = (u32)(kCaches[sub].ways - 1) << 22 | 63; /* one partition, 64 B */
  r[2] = sets - 1;
}

static void cpuid(u32 leaf, u32 sub, u32 r[4]) {
  r[0] = r[1] = r[2] = r[3] = 0;
  if ((leaf > MAX_BASIC && leaf < 0x80000000u) || leaf > MAX_EXTENDED)
    leaf = MAX_BASIC;
  switch (leaf) {
    case 0:
      r[0] = MAX_BASIC;
      r[1] = str4("Genu");
      r[3] = str4("ineI");
      r[2] = str4("ntel");
      break;
    case 1:
      r[0] = 0x000006fb;         /* family 6, model 15, stepping 11 */
      r[1] = 1u << 16 | 8u << 8; /* one logical CPU, CLFLUSH 64 bytes */
      r[2] = CPUID1_ECX;
      r[3] = CORE_CPUID1_EDX;
      break;
    case 2:
      r[0] = 0x0000ff01; /* one round; descriptor 0xff: see leaf 4 */
      break;
    case 4: cache_leaf(sub, r); break;
    case 0x80000000u: r[0] = MAX_EXTENDED; break;
    case 0x80000001u:
      r[2] = EXT1_ECX;
      r[3] = EXT1_EDX;
      break;
    case 0x80000002u:
    case 0x80000003u:
    case 0x80000004u: {
      const char *p = kBrand + (leaf - 0x80000002u) * 16;
      int i;
      for (i = 0; i < 4; ++i) r[i] = str4(p + 4 * i);
      break;
    }
    case 0x80000006u:
      r[2] = 1024u << 16 | 8u << 12 | 64; /* L2: 1 MiB, 16-way, 64 B */
      break;
    case 0x80000007u:
      r[3] = 1u << 8; /* invariant TSC: it is a monotonic clock */
      break;
    case 0x80000008u:
      r[0] = 48u << 8 | 39; /* 48 virtual, 39 physical address bits */
      break;
    default: break; /* 3, 5, 6, 7 and 0x80000005: zeros */
  }
}

void op_cpuid(struct cpu *c, const struct core_insn *in) {
  u32 r[4];
  (void)in;
  cpuid((u32)c->regs[CORE_RAX], (u32)c->regs[CORE_RCX], r);
  c->regs[CORE_RAX] = r[0];
  c->regs[CORE_RBX] = r[1];
  c->regs[CORE_RCX] = r[2];
  c->regs[CORE_RDX] = r[3];
}
