/* A minimal unit-test helper: TEST(name) { ... ASSERT(cond); ... } and a
 * main() that runs them all, prints failures, and exits non-zero on any. */
#ifndef BLINK_TEST_H_
#define BLINK_TEST_H_

#include <stdio.h>
#include <stdlib.h>

struct test {
  const char *name;
  void (*fn)(void);
};

static int test_failures;
static const char *test_current;

/* Tests replace types.h's debug-only ASSERT with one that always checks and
 * reports instead of aborting. */
#undef ASSERT
#define ASSERT(x)                                                        \
  do {                                                                   \
    if (!(x)) {                                                          \
      printf("FAIL %s: %s:%d: %s\n", test_current, __FILE__, __LINE__,   \
             #x);                                                        \
      ++test_failures;                                                   \
      return;                                                            \
    }                                                                    \
  } while (0)

#define ASSERT_EQ(want, got)                                                \
  do {                                                                      \
    unsigned long long w_ = (unsigned long long)(want),                    \
                       g_ = (unsigned long long)(got);                     \
    if (w_ != g_) {                                                         \
      printf("FAIL %s: %s:%d: %s == %s: want %#llx, got %#llx\n",          \
             test_current, __FILE__, __LINE__, #want, #got, w_, g_);        \
      ++test_failures;                                                      \
      return;                                                               \
    }                                                                       \
  } while (0)

static inline int test_main(const struct test *tests, size_t n) {
  size_t i;
  for (i = 0; i < n; ++i) {
    int before = test_failures;
    test_current = tests[i].name;
    tests[i].fn();
    if (test_failures == before) printf("ok %s\n", tests[i].name);
  }
  return test_failures ? 1 : 0;
}

#endif /* BLINK_TEST_H_ */
