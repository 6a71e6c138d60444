/* The dispatch loop and the decoded-block cache.
 *
 * A block is decoded once, the first time its address is run, and kept in
 * a hash table keyed by guest address until core_invalidate() drops it.
 * Running a block sets rip to the block's end first, then calls each
 * instruction's handler; branch handlers overwrite rip, and a fault unwinds
 * with longjmp after setting rip to the faulting instruction. So
 * straight-line handlers never touch rip at all.
 *
 * Self-modifying code: every page a block is decoded from is watched by
 * mmu/ (mmu_watch_code), which calls code_written() before the first write
 * to it. The blocks on that page leave the hash table for a garbage list,
 * freed only between blocks, since the writer may be running one of them.
 * If it is, and the write is not its last instruction, the next decoded
 * instruction is replaced by op_refetch, which resumes at that address
 * from a fresh decode: the CPU, too, runs the bytes as they are after the
 * store (SDM vol. 3, 11.6). The hot loop pays nothing for this. */
#include "core/core_priv.h"

/* A host fault inside the linear stretch, while the guest runs: a guest
 * fault of the instruction now running. Outside core_run() nobody can take
 * it, so it returns and blink dies of the signal. */
static void host_fault(void *ctx) {
  struct cpu *c = ctx;
  if (c->onfault && c->insn) {
    /* Some hosts (s390x) report only the page of a fault. The explicit
     * memory operand of the instruction says which byte, if it lies in
     * that page or starts in the page before (then the page's first byte
     * is the first one the access could not reach, as x86 reports). */
    u64 page = c->mmu->fault_addr;
    if (!(page & MMU_PAGE_MASK) && (c->insn->x.flags & XED_F_MEM)) {
      u64 ea = core_ea(c, c->insn);
      if ((ea & ~MMU_PAGE_MASK) == page) c->mmu->fault_addr = ea;
    }
    core_memory_fault(c);
  }
}

/* Drops blocks overlapping [addr, addr+len) onto the garbage list; tells
 * whether the running block was among them. Neither allocates nor frees:
 * it may run inside a host signal handler. */
static int drop_blocks(struct cpu *c, u64 addr, u64 len) {
  unsigned i;
  int running = 0;
  for (i = 0; i < CORE_CACHE_BUCKETS; ++i) {
    struct core_block **p = &c->cache->buckets[i];
    while (*p) {
      struct core_block *b = *p;
      if (b->start < addr + len && addr < b->end) {
        *p = b->hash_next;
        b->hash_next = c->cache->garbage;
        c->cache->garbage = b;
        if (b == c->block) running = 1;
      } else {
        p = &b->hash_next;
      }
    }
  }
  return running;
}

/* Resumes at this instruction, decoded afresh (see the top of the file). */
static void op_refetch(struct cpu *c, const struct core_insn *in) {
  c->rip = in->addr;
  c->stop = 0;
  longjmp(*c->onfault, 1);
}

static void code_written(void *ctx, u64 page) {
  struct cpu *c = ctx;
  if (drop_blocks(c, page, MMU_PAGE_SIZE) && c->onfault && c->insn) {
    struct core_insn *in = (struct core_insn *)c->insn;
    if (in + 1 < c->block->insns + c->block->n) in[1].fn = op_refetch;
  }
}

static void free_garbage(struct core_cache *cc) {
  while (cc->garbage) {
    struct core_block *b = cc->garbage;
    cc->garbage = b->hash_next;
    free(b);
  }
}

int core_init(struct cpu *c, struct mmu *m) {
  memset(c, 0, sizeof(*c));
  c->mmu = m;
  m->on_fault = host_fault;
  m->on_code_write = code_written;
  m->on_fault_ctx = c;
  c->flags = X86_EFLAGS_INITIAL;
  c->mxcsr = X86_MXCSR_INITIAL;
  c->fcw = X86_FCW_INITIAL;
  c->cache = calloc(1, sizeof(*c->cache));
  return c->cache ? 0 : -1;
}

static void free_block_list(struct core_block *b) {
  while (b) {
    struct core_block *next = b->hash_next;
    free(b);
    b = next;
  }
}

void core_destroy(struct cpu *c) {
  unsigned i;
  if (!c->cache) return;
  for (i = 0; i < CORE_CACHE_BUCKETS; ++i)
    free_block_list(c->cache->buckets[i]);
  free_garbage(c->cache);
  free(c->cache);
  c->cache = NULL;
}

void core_invalidate(struct cpu *c, u64 addr, u64 len) {
  drop_blocks(c, addr, len);
  if (!c->onfault) free_garbage(c->cache);
}

_Noreturn void core_trap(struct cpu *c, int sig, int code, u64 addr, u64 rip) {
  c->sig = sig;
  c->sig_code = code;
  c->sig_addr = addr;
  c->rip = rip;
  c->stop = CORE_FAULT;
  longjmp(*c->onfault, 1);
}

_Noreturn void core_raise(struct cpu *c, int sig, int code, u64 addr) {
  core_trap(c, sig, code, addr, c->insn->addr);
}

/* A non-canonical address (bits 63..47 not all equal) is no page fault
 * but #GP, or #SS when the stack segment was used (RSP or RBP as the base,
 * or the stack itself); Linux sends SIGSEGV or SIGBUS with si_code
 * SI_KERNEL and no address for them. */
static int stack_access(const struct core_insn *in) {
  const struct xed_insn *x = &in->x;
  if ((x->flags & XED_F_MEM) && (x->base == CORE_RSP || x->base == CORE_RBP)) {
    return 1;
  }
  switch (x->op) {
    case XED_OP_PUSH:
    case XED_OP_POP:
    case XED_OP_PUSHF:
    case XED_OP_POPF:
    case XED_OP_CALL:
    case XED_OP_RET:
    case XED_OP_ENTER:
    case XED_OP_LEAVE: return !(x->flags & XED_F_MEM);
    default: return 0;
  }
}

_Noreturn void core_memory_fault(struct cpu *c) {
  u64 a = c->mmu->fault_addr;
  i64 top = (i64)a >> 47;
  /* An MMX instruction raises a pending x87 exception before it touches
   * memory (host CPU): #MF wins over the page fault. */
  if (core_mmx_form(&c->insn->x)) core_fpu_check_pending(c);
  if (top != 0 && top != -1) {
    core_raise(c, stack_access(c->insn) ? LINUX_SIGBUS : LINUX_SIGSEGV,
               LINUX_SI_KERNEL, 0);
  }
  core_raise(c, LINUX_SIGSEGV,
             c->mmu->fault_code == MMU_FAULT_ACCERR ? LINUX_SEGV_ACCERR
                                                    : LINUX_SEGV_MAPERR,
             a);
}

u64 core_load(struct cpu *c, u64 addr, int size) {
  switch (size) {
    case 1: {
      u8 v;
      if (mmu_load8(c->mmu, addr, &v)) core_memory_fault(c);
      return v;
    }
    case 2: {
      u16 v;
      if (mmu_load16(c->mmu, addr, &v)) core_memory_fault(c);
      return v;
    }
    case 4: {
      u32 v;
      if (mmu_load32(c->mmu, addr, &v)) core_memory_fault(c);
      return v;
    }
    default: {
      u64 v;
      if (mmu_load64(c->mmu, addr, &v)) core_memory_fault(c);
      return v;
    }
  }
}

void core_store(struct cpu *c, u64 addr, int size, u64 v) {
  int rc;
  switch (size) {
    case 1: rc = mmu_store8(c->mmu, addr, (u8)v); break;
    case 2: rc = mmu_store16(c->mmu, addr, (u16)v); break;
    case 4: rc = mmu_store32(c->mmu, addr, (u32)v); break;
    default: rc = mmu_store64(c->mmu, addr, v); break;
  }
  if (rc) core_memory_fault(c);
}

/* PUSH writes before it moves RSP, so a faulting push leaves RSP as it was,
 * as the hardware does. */
void core_push(struct cpu *c, int size, u64 v) {
  u64 sp = c->regs[CORE_RSP] - size;
  core_store(c, sp, size, v);
  c->regs[CORE_RSP] = sp;
}

u64 core_pop(struct cpu *c, int size) {
  u64 v = core_load(c, c->regs[CORE_RSP], size);
  c->regs[CORE_RSP] += size;
  return v;
}

/* Handlers for instructions that could not be decoded: they raise the
 * signal when (and only if) the guest reaches them. */
static void op_fetch_fault(struct cpu *c, const struct core_insn *in) {
  /* x.disp holds the first address that could not be fetched. */
  core_raise(
      c, LINUX_SIGSEGV,
      in->x.imm == MMU_FAULT_ACCERR ? LINUX_SEGV_ACCERR : LINUX_SEGV_MAPERR,
      (u64)in->x.disp);
}

static void op_too_long(struct cpu *c, const struct core_insn *in) {
  (void)in;
  core_raise(c, LINUX_SIGSEGV, LINUX_SI_KERNEL, 0); /* #GP */
}

static struct core_block *decode_block(struct cpu *c, u64 start) {
  struct core_block *b;
  u64 pc = start;
  unsigned n = 0;
  b = malloc(sizeof(*b) + CORE_BLOCK_MAX * sizeof(struct core_insn));
  if (!b) return NULL;
  b->start = start;
  while (n < CORE_BLOCK_MAX) {
    struct core_insn *in = &b->insns[n++];
    u8 bytes[XED_MAX_LEN];
    size_t got = mmu_fetch(c->mmu, pc, bytes, sizeof(bytes));
    int rc = xed_decode(&in->x, bytes, got, XED_MODE_64);
    in->addr = pc;
    if (rc == XED_OK) {
      in->next = pc + in->x.len;
      in->fn = core_bind(&in->x);
      core_specialise(in);
      pc = in->next;
      if ((in->x.attr & XED_A_BR) || in->fn == op_ud ||
          in->fn == op_unimplemented || in->fn == op_priv) {
        break;
      }
      continue;
    }
    in->next = pc;
    if (rc == XED_ERR_SHORT) {
      in->fn = op_fetch_fault;
      in->x.disp = (i64)(pc + got);
      in->x.imm = (u64)c->mmu->fault_code;
    } else if (rc == XED_ERR_LONG) {
      in->fn = op_too_long;
    } else {
      in->fn = op_ud;
    }
    break;
  }
  b->n = n;
  b->end = pc;
  if (pc > start) mmu_watch_code(c->mmu, start, pc - start);
  return b;
}

static struct core_block *find_block(struct cpu *c, u64 rip) {
  unsigned h = (unsigned)((rip ^ (rip >> 12)) & (CORE_CACHE_BUCKETS - 1));
  struct core_block *b;
  for (b = c->cache->buckets[h]; b; b = b->hash_next) {
    if (b->start == rip) return b;
  }
  if (UNLIKELY(c->cache->garbage != NULL)) free_garbage(c->cache);
  b = decode_block(c, rip);
  if (!b) return NULL;
  b->hash_next = c->cache->buckets[h];
  c->cache->buckets[h] = b;
  return b;
}

int core_run(struct cpu *c) {
  jmp_buf jb;
  c->onfault = &jb;
  c->insn = NULL;
  c->block = NULL;
  c->stop = 0;
  /* A longjmp with stop 0 is op_refetch: go on at rip. */
  if (setjmp(jb) && c->stop) {
    c->onfault = NULL;
    c->block = NULL;
    return c->stop;
  }
  for (;;) {
    struct core_block *b;
    const struct core_insn *in, *end;
    if (UNLIKELY(c->signal_due)) {
      c->onfault = NULL;
      c->block = NULL;
      return CORE_SIGNAL;
    }
    b = find_block(c, c->rip);
    if (UNLIKELY(!b)) {
      /* Out of host memory for decoded code: the guest can't go on. */
      c->onfault = NULL;
      c->sig = LINUX_SIGSEGV;
      c->sig_code = LINUX_SI_KERNEL;
      c->sig_addr = 0;
      return CORE_FAULT;
    }
    c->rip = b->end;
    c->block = b;
    for (in = b->insns, end = in + b->n; in < end; ++in) {
      c->insn = in;
      in->fn(c, in);
    }
    if (c->stop) {
      c->onfault = NULL;
      c->block = NULL;
      return c->stop;
    }
  }
}
