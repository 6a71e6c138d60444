/* The x86-64 code on this machine, for the decoder's differential test and
 * benchmark: see corpus.c. */
#ifndef BLINK_TESTS_ZYDIS_CORPUS_H_
#define BLINK_TESTS_ZYDIS_CORPUS_H_

#include <stddef.h>

typedef void (*corpus_fn)(const unsigned char *p, size_t n, void *arg);

/* Calls fn on each executable section; returns the number of ELF files. */
unsigned long corpus_walk(corpus_fn fn, void *arg);

#endif /* BLINK_TESTS_ZYDIS_CORPUS_H_ */
