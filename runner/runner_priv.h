/* runner/ private: the loaders' shared pieces. */
#ifndef BLINK_RUNNER_PRIV_H_
#define BLINK_RUNNER_PRIV_H_

#include "runner/runner.h"

/* APE (Actually Portable Executable): 1 if buf starts with an APE magic
 * this loader runs ("MZqFpD='" or "jartsr='"; "APEDBG='" is not one). */
int runner_is_ape(const u8 *buf, size_t n);
/* Finds the x86-64 ELF header among the printf '\177ELF...' statements in
 * the first bytes of an APE file; 0 and the 64 bytes in ehdr, or -1. */
int runner_ape_header(const u8 *buf, size_t n, u8 ehdr[64]);

/* Flat binaries: raw x86-64 code at RUNNER_FLAT_BASE. */
#define RUNNER_FLAT_BASE 0x400000ull
#define RUNNER_FLAT_EXTRA (16ull << 20)
int runner_is_flat(const char *path);
int runner_load_flat(struct mmu *m, int fd, u64 size, struct runner_image *im);

#endif /* BLINK_RUNNER_PRIV_H_ */
