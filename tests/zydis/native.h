/* The host CPU as the judge of a decoding question: runs instruction bytes
 * in a child process and reports whether the CPU raised #UD and how many
 * bytes it fetched. x86-64 hosts only. */
#ifndef BLINK_TESTS_ZYDIS_NATIVE_H_
#define BLINK_TESTS_ZYDIS_NATIVE_H_

struct native_result {
  int ud;     /* 1: #UD (SIGILL at the instruction) */
  int len;    /* bytes the CPU fetched before acting; 0 when unknown */
  int signo;  /* the signal that ended the child, or 0 */
  int failed; /* the child could not be run */
};

/* Runs p[0..n) natively; see native.c for how. */
struct native_result native_run(const unsigned char *p, int n);

/* A short text for the result. */
const char *native_describe(const struct native_result *r);

#endif /* BLINK_TESTS_ZYDIS_NATIVE_H_ */
