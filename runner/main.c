/* blink's main(): the command line, then load, build the stack, and run
 * the guest, handing each SYSCALL and fault to sysemu/. */
#include "runner/runner.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/core.h"
#include "sysemu/sysemu.h"

extern char **environ;

static const char kUsage[] =
    "usage: blink [-hvms] [-0 NAME] [-L FILE] PROGRAM [ARGS...]\n"
    "Runs an x86-64 Linux program on this machine.\n"
    "\n"
    "  -h       show this help and exit\n"
    "  -v       show the version and exit\n"
    "  -m       use the paged memory backend, not the linear one\n"
    "  -0 NAME  give the program NAME as argv[0] (execve uses this)\n"
    "  -s       log every guest syscall to stderr, strace-style\n"
    "  -L FILE  log guest syscalls to FILE instead of stderr (implies -s)\n";

/* The CPU as Linux leaves it at a program's entry: every register zero
 * but RSP, RIP at the entry point. */
static int start(struct cpu *c, const struct runner_image *im, u64 sp) {
  struct mmu *m = c->mmu;
  core_destroy(c);
  if (core_init(c, m)) return -1;
  m->brk_start = m->brk_end = im->brk;
  m->mmap_top = runner_stack_top(m) - RUNNER_MMAP_GAP;
  c->rip = im->entry;
  c->regs[CORE_RSP] = sp;
  return 0;
}

/* execve of an x86-64 program, for sysemu/: the new program is loaded
 * into a fresh address space first, so a failure leaves the old one
 * running. */
static int exec_guest(struct sysemu *s, const char *path, char *const argv[],
                      char *const envp[]) {
  struct mmu fresh, *m = s->cpu->mmu;
  struct runner_image im;
  char *exe;
  u64 sp;
  /* The paged backend loads the new program beside the old one, so that
   * a failure leaves the old one running. The linear one has one stretch
   * of host memory: the old program goes first, and a failure past that
   * point ends the process, as it does in the kernel. */
  if (!m->linear) {
    if (mmu_init(&fresh)) return -LINUX_ENOMEM;
    if (runner_load(&fresh, path, &im, 0) ||
        runner_build_stack(&fresh, &im, argv, envp, &sp)) {
      mmu_destroy(&fresh);
      return -LINUX_ENOEXEC;
    }
    mmu_destroy(m);
    *m = fresh;
  } else {
    mmu_destroy(m);
    if (mmu_init_linear(m) && mmu_init(m)) exit(127);
    if (runner_load(m, path, &im, 1) ||
        runner_build_stack(m, &im, argv, envp, &sp)) {
      exit(127);
    }
  }
  exe = realpath(path, NULL);
  if (start(s->cpu, &im, sp)) {
    /* Past the point of no return, as in the kernel: the process dies. */
    fprintf(stderr, "blink: %s: out of memory\n", path);
    exit(127);
  }
  free(s->exe);
  s->exe = exe;
  return 0;
}

int main(int argc, char *argv[]) {
  static struct mmu mmu;
  static struct cpu cpu;
  static struct sysemu sys;
  struct runner_image im;
  const char *logpath = NULL, *argv0 = NULL, *value;
  FILE *log = NULL;
  int strace = 0, paged = 0, i, rc;
  u64 sp;

  /* Options stop at the first non-option, so the guest's own flags are
   * never taken for blink's. */
  for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; ++i) {
    const char *o = argv[i];
    if (!strcmp(o, "--")) {
      ++i;
      break;
    }
    for (++o; *o; ++o) {
      switch (*o) {
        case 'h': fputs(kUsage, stdout); return 0;
        case 'v': puts("blink " BLINK_VERSION); return 0;
        case 'm': paged = 1; break;
        case 's': strace = 1; break;
        case 'L':
        case '0':
          /* The value is the rest of this word, or the next word. */
          if (o[1])
            value = o + 1;
          else if (i + 1 < argc)
            value = argv[++i];
          else
            goto usage;
          if (*o == 'L')
            logpath = value, strace = 1;
          else
            argv0 = value;
          o += strlen(o) - 1;
          break;
        default: fprintf(stderr, "blink: unknown option -%c\n", *o); goto usage;
      }
    }
  }
  if (i >= argc) goto usage;

  if (strace) {
    if (logpath) {
      if (!(log = fopen(logpath, "we"))) {
        fprintf(stderr, "blink: %s: cannot open log\n", logpath);
        return 1;
      }
    } else {
      log = stderr;
    }
  }
  if ((paged || mmu_init_linear(&mmu)) && mmu_init(&mmu)) {
    fputs("blink: out of memory\n", stderr);
    return 1;
  }
  if (core_init(&cpu, &mmu)) {
    fputs("blink: out of memory\n", stderr);
    return 1;
  }
  if ((rc = runner_load(&mmu, argv[i], &im, 1))) return rc;
  if (argv0) argv[i] = (char *)argv0; /* the path stays in im.path */
  if (runner_build_stack(&mmu, &im, argv + i, environ, &sp)) {
    fprintf(stderr, "blink: %s: arguments and environment too large\n",
            im.path);
    return 126;
  }
  if (start(&cpu, &im, sp)) {
    fputs("blink: out of memory\n", stderr);
    return 1;
  }
  sysemu_init(&sys, &cpu, log);
  sys.exe = realpath(im.path, NULL);
  sys.exec = exec_guest;
  for (;;) {
    switch (core_run(&cpu)) {
      case CORE_SYSCALL: sysemu_syscall(&sys); break;
      case CORE_FAULT: sysemu_fault(&sys); break;
      default: sysemu_deliver(&sys); break;
    }
  }

usage:
  fputs(kUsage, stderr);
  return 2;
}
