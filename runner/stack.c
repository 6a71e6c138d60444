/* The initial process stack, laid out as Linux's binfmt_elf does (System V
 * ABI x86-64, figure 3.9): from the top, an 8-byte end marker, the program's
 * file name, the environment and argument strings, the platform string and
 * AT_RANDOM's 16 bytes; below them, 16-byte aligned, argc, argv[], NULL,
 * envp[], NULL and the auxv pairs ending with AT_NULL. */
#include "runner/runner.h"

#if HAVE_GETRANDOM
#include <sys/random.h>
#endif
#include <unistd.h>

#include "core/core.h"
#include "sysemu/sysemu.h"

/* Auxiliary vector keys (include/uapi/linux/auxvec.h). */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_HWCAP2 26
#define AT_EXECFN 31
#define AT_MINSIGSTKSZ 51

#define MAX_AUXV 24

int runner_random(void *out, size_t n) {
  u8 *p = out;
#if HAVE_GETRANDOM
  if (getrandom(p, n, 0) == (ssize_t)n) return 0;
#endif
  FILE *f = fopen("/dev/urandom", "rb");
  size_t got = f ? fread(p, 1, n, f) : 0;
  if (f) fclose(f);
  return got == n ? 0 : -1;
}

/* Copies a string (with its NUL) just below *top; returns its address. */
static int push_string(struct mmu *m, u64 *top, const char *s, u64 *addr) {
  size_t n = strlen(s) + 1;
  *top -= n;
  *addr = *top;
  return mmu_write(m, *top, s, n);
}

u64 runner_stack_top(const struct mmu *m) {
  return (m->linear ? m->linear_limit : MMU_LIMIT) - MMU_PAGE_SIZE;
}

u64 runner_pie_base(const struct mmu *m) {
  return runner_stack_top(m) / 3 * 2 & ~MMU_PAGE_MASK;
}

int runner_build_stack(struct mmu *m, const struct runner_image *im,
                       char *const argv[], char *const envp[], u64 *sp) {
  u64 top = runner_stack_top(m), bottom = top - RUNNER_STACK_SIZE;
  u64 execfn, platform, random, a;
  u64 auxv[MAX_AUXV * 2];
  u64 *argp = NULL, *envpp = NULL;
  size_t argc = 0, envc = 0, nauxv = 0, i, words;
  u8 rnd[16], *vec = NULL;
  int rc = -1;

  if (mmu_map_named(m, bottom, RUNNER_STACK_SIZE,
                    MMU_READ | MMU_WRITE | (im->exec_stack ? MMU_EXEC : 0),
                    MMU_KIND_STACK, "[stack]", 0, 0, 0)) {
    return -1;
  }
  while (argv[argc]) ++argc;
  while (envp[envc]) ++envc;
  if (!(argp = calloc(argc + 1, sizeof(u64))) ||
      !(envpp = calloc(envc + 1, sizeof(u64)))) {
    goto out;
  }

  top -= 8; /* end marker: zero, like Linux */
  if (push_string(m, &top, im->path, &execfn)) goto out;
  for (i = envc; i-- > 0;) {
    if (push_string(m, &top, envp[i], &envpp[i])) goto out;
  }
  for (i = argc; i-- > 0;) {
    if (push_string(m, &top, argv[i], &argp[i])) goto out;
  }
  top &= ~(u64)15; /* binfmt_elf aligns here (arch_align_stack) */
  if (push_string(m, &top, "x86_64", &platform)) goto out;
  if (runner_random(rnd, sizeof(rnd))) {
    /* No entropy to be had: still a distinct value per process. */
    u64 t = (u64)getpid() * 0x9e3779b97f4a7c15ull;
    for (i = 0; i < sizeof(rnd); ++i) rnd[i] = (u8)(t >> (8 * (i & 7)) ^ i);
  }
  top -= sizeof(rnd);
  random = top;
  if (mmu_write(m, random, rnd, sizeof(rnd))) goto out;

#define AUX(k, v) (auxv[nauxv * 2] = (k), auxv[nauxv * 2 + 1] = (v), ++nauxv)
  AUX(AT_HWCAP, CORE_CPUID1_EDX);
  AUX(AT_PAGESZ, MMU_PAGE_SIZE);
  AUX(AT_CLKTCK, 100);
  AUX(AT_PHDR, im->phdr);
  AUX(AT_PHENT, 56);
  AUX(AT_PHNUM, im->phnum);
  AUX(AT_BASE, 0);
  AUX(AT_FLAGS, 0);
  AUX(AT_ENTRY, im->entry);
  AUX(AT_UID, getuid());
  AUX(AT_EUID, geteuid());
  AUX(AT_GID, getgid());
  AUX(AT_EGID, getegid());
  AUX(AT_SECURE, 0);
  AUX(AT_RANDOM, random);
  AUX(AT_MINSIGSTKSZ, SYSEMU_SIGFRAME_MAX);
  AUX(AT_HWCAP2, 0);
  AUX(AT_EXECFN, execfn);
  AUX(AT_PLATFORM, platform);
  AUX(AT_NULL, 0);
#undef AUX

  /* argc, argv, NULL, envp, NULL, auxv; RSP 16-byte aligned at entry. */
  words = 1 + argc + 1 + envc + 1 + nauxv * 2;
  top = (top - words * 8) & ~(u64)15;
  if (!(vec = malloc(words * 8))) goto out;
  a = 0;
  write64le(vec + 8 * a++, argc);
  for (i = 0; i < argc; ++i) write64le(vec + 8 * a++, argp[i]);
  write64le(vec + 8 * a++, 0);
  for (i = 0; i < envc; ++i) write64le(vec + 8 * a++, envpp[i]);
  write64le(vec + 8 * a++, 0);
  for (i = 0; i < nauxv * 2; ++i) write64le(vec + 8 * a++, auxv[i]);
  if (top < bottom) goto out; /* E2BIG */
  if (mmu_write(m, top, vec, words * 8)) goto out;
  *sp = top;
  rc = 0;
out:
  free(vec);
  free(argp);
  free(envpp);
  return rc;
}
