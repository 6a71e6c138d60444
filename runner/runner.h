/* runner/: blink's top floor: main(), the command line, the loaders, the
 * guest's initial stack and auxv, and the outer run loop that hands each
 * SYSCALL and fault from core/ to sysemu/.
 *
 * Promise: bad input to blink itself (not found, not a regular file, not an
 * x86-64 ELF, truncated or corrupt headers) gets one line on stderr naming
 * the file and the reason, and the exit status a shell gives: 127 for a
 * missing file, 126 for one that can't be executed. Never a crash.
 *
 *   struct runner_image im;
 *   if ((rc = runner_load(&mmu, "prog", &im))) exit(rc);
 *   runner_build_stack(&mmu, &im, argv, envp, &sp);
 */
#ifndef BLINK_RUNNER_H_
#define BLINK_RUNNER_H_

#include "mmu/mmu.h"
#include "types.h"

/* Where the guest's stack ends (exclusive) and how much is mapped below:
 * one page under the top of the guest's address space, where Linux puts it
 * (0x7ffffffff000 with the paged backend; lower with the linear one, whose
 * stretch is smaller). mmap(NULL, ...) searches down from 128 MiB below it,
 * where Linux puts mmap_base when it isn't randomized. */
#define RUNNER_STACK_SIZE (8ull << 20)
#define RUNNER_MMAP_GAP (128ull << 20)
u64 runner_stack_top(const struct mmu *m);
/* Where a static-PIE program is placed: two thirds of the way up the
 * address space, as Linux's ELF_ET_DYN_BASE (0x555555554000 with the
 * paged backend). Not randomized yet. */
u64 runner_pie_base(const struct mmu *m);

struct runner_image {
  const char *path; /* as given, for AT_EXECFN and messages */
  u64 entry;        /* guest RIP at start */
  u64 phdr;         /* guest address of the program headers, or 0 */
  u64 phnum;
  u64 base;       /* load bias (static-PIE), else 0 */
  u64 brk;        /* first page after the highest segment */
  int exec_stack; /* PT_GNU_STACK asks for an executable stack */
};

/* Loads the program at path into m. Returns 0, or (when report is set,
 * after printing why not) the exit status blink should give: 126 or 127. */
int runner_load(struct mmu *m, const char *path, struct runner_image *im,
                int report);

/* Maps the stack and writes argc, argv, envp, auxv and their strings as
 * Linux does (System V ABI x86-64, 3.4.1). Returns 0 and the initial RSP,
 * or -1 if the guest's memory couldn't hold them. */
int runner_build_stack(struct mmu *m, const struct runner_image *im,
                       char *const argv[], char *const envp[], u64 *sp);

/* n random bytes from the host (getrandom, else /dev/urandom): 0 or -1. */
int runner_random(void *out, size_t n);

#endif /* BLINK_RUNNER_H_ */
