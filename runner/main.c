/* blink's main(): the command line, then load, build the stack, and run
 * the guest, handing each SYSCALL and fault to sysemu/. */
#include "runner/runner.h"

#include <unistd.h>

#include "core/core.h"
#include "sysemu/sysemu.h"

extern char **environ;

static const char kUsage[] =
    "usage: blink [-hvms] [-L FILE] PROGRAM [ARGS...]\n"
    "Runs an x86-64 Linux program on this machine.\n"
    "\n"
    "  -h       show this help and exit\n"
    "  -v       show the version and exit\n"
    "  -m       use the paged memory backend (the only one so far)\n"
    "  -s       log every guest syscall to stderr, strace-style\n"
    "  -L FILE  log guest syscalls to FILE instead of stderr (implies -s)\n";

int main(int argc, char *argv[]) {
  static struct mmu mmu;
  static struct cpu cpu;
  static struct sysemu sys;
  struct runner_image im;
  const char *logpath = NULL;
  FILE *log = NULL;
  int strace = 0, i, rc;
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
        case 'm': break;
        case 's': strace = 1; break;
        case 'L':
          if (o[1])
            logpath = o + 1;
          else if (i + 1 < argc)
            logpath = argv[++i];
          else
            goto usage;
          strace = 1;
          o += strlen(o) - 1;
          break;
        default: fprintf(stderr, "blink: unknown option -%c\n", *o); goto usage;
      }
    }
  }
  if (i >= argc) goto usage;

  if (strace) {
    if (logpath) {
      if (!(log = fopen(logpath, "w"))) {
        fprintf(stderr, "blink: %s: cannot open log\n", logpath);
        return 1;
      }
    } else {
      log = stderr;
    }
  }
  if (mmu_init(&mmu) || core_init(&cpu, &mmu)) {
    fputs("blink: out of memory\n", stderr);
    return 1;
  }
  if ((rc = runner_load(&mmu, argv[i], &im))) return rc;
  if (runner_build_stack(&mmu, &im, argv + i, environ, &sp)) {
    fprintf(stderr, "blink: %s: arguments and environment too large\n",
            argv[i]);
    return 126;
  }
  mmu.brk_start = mmu.brk_end = im.brk;
  mmu.mmap_top = RUNNER_MMAP_TOP;
  cpu.rip = im.entry;
  cpu.regs[CORE_RSP] = sp;
  sysemu_init(&sys, &cpu, log);
  for (;;) {
    if (core_run(&cpu) == CORE_SYSCALL)
      sysemu_syscall(&sys);
    else
      sysemu_fault(&sys);
  }

usage:
  fputs(kUsage, stderr);
  return 2;
}
