/* types.h: the one small header under every floor of blink.
 *
 * Fixed-width integer names, the assert macro, branch hints, and the
 * little-endian byte helpers that turn guest bytes into host integers.
 * Guest memory and instruction bytes are little-endian on every host; these
 * helpers are plain loads on little-endian hosts and byte swaps on big-endian
 * ones (configure decides which through config.h).
 *
 *   u8 buf[8];
 *   write64le(buf, 0x1122334455667788);
 *   ASSERT(read32le(buf) == 0x55667788);
 */
#ifndef BLINK_TYPES_H_
#define BLINK_TYPES_H_

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t i8;
typedef int16_t i16;
typedef int32_t i32;
typedef int64_t i64;

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define NOINLINE __attribute__((noinline))
#define MUST_CHECK __attribute__((warn_unused_result))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Invariants of blink itself, never checks of what a guest did: a guest
 * that breaks a rule gets a signal or an errno, not an assertion. */
#if BLINK_DEBUG
#define ASSERT(x)                                                       \
  do {                                                                  \
    if (!(x)) {                                                         \
      fprintf(stderr, "blink: %s:%d: assertion failed: %s\n", __FILE__, \
              __LINE__, #x);                                            \
      abort();                                                          \
    }                                                                   \
  } while (0)
#else
#define ASSERT(x) ((void)0)
#endif

static inline u16 bswap16(u16 x) {
  return __builtin_bswap16(x);
}
static inline u32 bswap32(u32 x) {
  return __builtin_bswap32(x);
}
static inline u64 bswap64(u64 x) {
  return __builtin_bswap64(x);
}

#if BLINK_BIG_ENDIAN
#define BLINK_LE16(x) bswap16(x)
#define BLINK_LE32(x) bswap32(x)
#define BLINK_LE64(x) bswap64(x)
#else
#define BLINK_LE16(x) (x)
#define BLINK_LE32(x) (x)
#define BLINK_LE64(x) (x)
#endif

static inline u16 read16le(const void *p) {
  u16 x;
  memcpy(&x, p, 2);
  return BLINK_LE16(x);
}
static inline u32 read32le(const void *p) {
  u32 x;
  memcpy(&x, p, 4);
  return BLINK_LE32(x);
}
static inline u64 read64le(const void *p) {
  u64 x;
  memcpy(&x, p, 8);
  return BLINK_LE64(x);
}
static inline void write16le(void *p, u16 x) {
  x = BLINK_LE16(x);
  memcpy(p, &x, 2);
}
static inline void write32le(void *p, u32 x) {
  x = BLINK_LE32(x);
  memcpy(p, &x, 4);
}
static inline void write64le(void *p, u64 x) {
  x = BLINK_LE64(x);
  memcpy(p, &x, 8);
}

#endif /* BLINK_TYPES_H_ */
