/* RDTSC and RDTSCP: the time-stamp counter as a monotonic host clock,
 * scaled to a 2 GHz count (CPUID reports an invariant TSC). Reading the
 * clock is a vDSO read on the hosts blink serves, not a call into the
 * kernel, and it changes no host state. RDTSCP also loads IA32_TSC_AUX
 * into ECX; Linux keeps the CPU number there and blink runs as CPU 0. */
#include <time.h>

#include "core/core_priv.h"

#define TSC_PER_NS 2

static u64 tsc_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ((u64)ts.tv_sec * 1000000000u + (u64)ts.tv_nsec) * TSC_PER_NS;
}

void op_rdtsc(struct cpu *c, const struct core_insn *in) {
  u64 t = tsc_now();
  c->regs[CORE_RAX] = t & 0xffffffff;
  c->regs[CORE_RDX] = t >> 32;
  if (in->x.op == XED_OP_RDTSCP) c->regs[CORE_RCX] = 0;
}
