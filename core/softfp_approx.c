/* core/softfp_approx.c: RCPSS/RCPPS and RSQRTSS/RSQRTPS as this build
 * machine's CPU computes them, with integers only.
 *
 * The SDM promises only a relative error of at most 1.5 * 2^-12 and
 * leaves the bits to each CPU. Measured on an AMD EPYC (Zen 4) over every
 * binary32 input: the result's significand depends only on the operand's
 * top 12 fraction bits (and, for RSQRT, on the parity of its exponent),
 * has 12 fraction bits itself, and its exponent follows from the
 * operand's. So a result is a 12-bit table entry; the tables below store
 * each entry as its difference (-2..1) from the truncated exact value at
 * the low end of the operand's interval, two bits an entry, two entries a
 * hex digit. tests/ssefp checks every entry against the host CPU and
 * falls back to the error bound on a CPU that rounds otherwise (Intel
 * parts do): there these are within the bound but not bit-identical.
 *
 * Special operands, as on every x86: a NaN comes back quieted; zeros and
 * denormals count as zeros (RCP gives an infinity of their sign, RSQRT
 * too); RCP of an infinity is a zero of its sign, and of a number of
 * magnitude 2^126 or more a zero too (the exact result would be at most
 * the smallest normal, and tiny results are flushed); RSQRT of a
 * negative number is the default NaN, of +infinity +0. No flags. */
#include "core/softfp.h"

static const char kRcpDelta[] =
    "05555aaa05555aaa5aaaaffa05555aaa6aaaafff5aaaafaa5aa65aaa6aaaaaaa"
    "abaaabaaaaaa6aaa5aa65a65afaaaaa6afbaabaaafbaaaa6afaa6aa5aaa65a55"
    "45596aaa55696aaa55696aaa9aaeafeb96a9aaaaaaaaabeaaabeabeaeabeabea"
    "aaaaaaaa96a96a95aaaaaaa6eabeaaaaeabeaaa6eabaaa96aaa96695ebbaaa96"
    "55aaaabb59aaabbb59aaaabb55aaaaaa9abbbbbb99aaaaaa99aaaaaaaabbbbbb"
    "aabaaaaa99aaaaaaeebbbbbbaaaaaaaaaabbbbaaeebbbbbaeebbbbaaeabbbaaa"
    "56a9aeabaaeabfef56a9aaab9aaaaeabaaaabeabaaaabeab9aaaaaab96a96a9a"
    "abeabeab96a96a96aaaaaaaaabaaaaaaabaaaaaaaaaaaa96aaa96a56ebfabaaa"
    "596a6aaa9aaaaafaaababafeaebebefeaebebefaaababafaaaaaaaeaafbfbefe"
    "aabaaaeaafbebafa9aaa6aa5aaaa6aa9aaba6aa9aaaa6aa5aa6a65a5efbebaaa"
    "a6aaafaaebaeffafa69aaeaaaaaaafaaebaaefaaebaaefaaebaaefaaabaaaeaa"
    "a6aaaa5afbaaffaaabaaaa9afbaaffaaa6aaaa55ebaaaa59fbaaaa9afbaaaa9a"
    "aaaaaaaeaaaaaaaaaaffffffaaaaaaefaaaaaaaaaaaaaaaeffffffffaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaffffffffffaaaaaaaaaaaaaa"
    "aaabaaaaaaafffff655aaaaaaaabaaaaaaaffaaaaaaffbaaaaaffaaaaaafbaaa"
    "aaabaaaaaa5aaaaaaaafffaaaaabaaaafaafffbaaaabaaaabaaffbaaaa5aaa65"
    "aefaaffbaeffafff59aa5aaa69aa5aaaaeffaffbaefbaffaaebaafbaaeaaaaaa"
    "beffaffbaebaafaaa9aa6aa6aebaabaabeffaffaaaaa6aa6aebaabaaaefaafaa"
    "6aaaaaaaaaaaaaaaaaaaaaaa6aa9aaaabffefbffafbefafbabaeaabaaaaaa6aa"
    "afbebafaabaaaaaaafbefafaaaaaa6aaafaeaababfbefafaaaa9a6a6abaaa6aa"
    "aeafafafaeafafafaeafafafaeafafafaeabababaaababaaa9aaaa6abebfbfaf"
    "aeabababa9aaaa6abeafafabaaaaaa6abeafababa9aa6a6aaeabaaaabebfabab"
    "aaaabeababeabebfabebfebfafebfebfbfebfebfbfebfebfafebfebfabeafebf"
    "abeabeabaaaaaaaa6a9aaaaabfebfebfabeaaaaabfebfebfabeabeabaaa6a96a"
    "96aaaaaaaaabeabfeabfebff96aaaaaaaaabeaabeabbeabfeabfebbfebffebff"
    "96aaa6aaa6aaa6aaa6aaa6aaa6aaa6aaebffebffebbfebbfeabfeabbeaabeaab"
    "aaaaaaaaebffefbfeabbeeabaaaaaaaaebbfeebbeaabaeaaebbfeebbeaaaaaaa"
    "ebbbeeabaaaa9a6aeaabaeaaebbfeeabfbffeebbeaaaaa6aeaabaaaaeabbaeaa"
    "9aaaaaaaaaaaaaaaaaaeaaaaaaaaaaaaaaaaaaaa9aaa6aaaeeffbbffeeefbbbf"
    "eeeeabbbaaeeaaabaaaaaaaaeeefbbbbeeeeaaabaaaa6aaaeeeebbbbaaeeaaaa"
    "eefbbbbbaaeaaaaaeeebbbbbaaa6aaaaeeeaaaabfffbbbbbaaeaaaaaeeeaaaaa"
    "effbbbbbfffbbbbbaaaaaaaaeeeaaaaaeeeaaaaaeeeaaaaaeeeaaaaaeeeaaaaa";

static const char kRsqrtDelta[] =
    "aaaabeababeabebfabebfebf6a96a9aa6a96aaaabfebfeffbfebfebfafebfebf"
    "abeabeabaaaaaaaabfebfebfabeabeabaaaaaaaabfebbeabaaaaaaaaabeabeab"
    "aaabeabaeabfebbeebffebfea6aaaaa9aaaaaaaaaaabaaaaaaabaaaaaaabaaa9"
    "aaaaa6a9fbffebfeebbfeabeeabbeaaaaaaaa6a9ebffebbeeaabaaa9fbffebbe"
    "eabbbeeea6aaaaaaeaabbaeeebbbfeefa6aaa9aaeaaabaaeeaabbaeeeabbbeee"
    "ebbbfeeefbbffeeefbbffeeefbbbfeeefbbbfeeeebbbbaeeeaabbaaeeaaaaaaa"
    "a6aaaaaafbbbbfffeaaabbbba6aaaaaaebbbbbbbeaaaaaaafbbbbbbbeaaaaaaa"
    "eabbbbbbfbbbffffeaaaaaaaebbbbbbbfbbbbbbbaaaaaaaaeaaaaaaaeaaaaaaa"
    "eeeeeeeefffffffffffffffffffffffffeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
    "aaaaaaaaaaaaaaaafeeeeeeeeeeeeeaaaaaaaaaaffeeeeeeeeeaaaaafffffeee"
    "aeeeeaabbffffeefaeeeaaabbffeeeefaeaaaaabaeeeeeabbfffeeefaeaaaaab"
    "aeeeeaabbfeeeeebbfffeeefaaaaaa9aaeaaaaaaaeeaaaabaeeeaaabbeeeaaab"
    "feefbbfffeefbbfffeefbbffeeebbbffeeebbbfeeeabbbeeeaabbaeeaaaaaaaa"
    "ffeffbfffeebbbfeeeabbaeeaaaaaaaafeefbbfeeeabbaeeaaaaa6aafeebbbee"
    "eaabaeaafeefbffeeaabaeaaffefbffeeaabaeaafeebbfeeaaaaaaaaeeabbeea"
    "ffefbffeeaabaaaaeeabbeeaffebbfeeaaaaaaa9eaabaeaaeeabbeeafeebbfea"
    "abaeabaeabbeabbeabbeebbeebbeebbfebbfebbfebbfebbfebbfefbfebbfebbf"
    "ebbfebbfebbfebbfebbeebbeebbeabbeabbeabaeabaaabaaabaaaaaaffbfffbf"
    "eabfebfeeabeabfeaaaaabeafebfffffeabfebfeaabeabeaa9aaaaaaeabfebfe"
    "aaaeabeafebfefffeabeabeaaaaaaaaaeabeebfeaaaaaaaaeabeebfeaaaaaaaa"
    "eabeabeeffffffffeabeabeafebfebfeaaaaaaaaeabeabeafebfebfeaaaaaaaa"
    "eabeabeafebfebfeaaaaaaaaeabeabeafebfabeafebfebfeffffffffaaaaaaaa"
    "aaaaaaeaaaaaaaeabeabeaeabeabeafebeabeafebfebeafebfebfafebfebfafe"
    "bfebfefebfebfefebfebfafebfebfafebfebeafebfabeafebeabeafabeabeaea"
    "aaaaaaaafbfeffffebfefebfebeafebfabeafabeabaaeabaaaaaaaaafbfefebf"
    "ebeafebeabeaeabaaaaaaaaaebfefebfabeafabeaaaaeaaafbfefebfabeafabe"
    "aaaaaaaaebfefebfabeaeabafffeffbfebeafabeaaaaaaaaebfafebeabaaaaaa"
    "ebfafebeabaaeaaaebfafebeabaaaaaaebfafabeaaaaaa6aebeafabafffeffbf"
    "aaeaeaeafafafefeaaaaaaeaeaeafafafefefefeaaaaaaeaeaeafafafafefefe"
    "aaaaaaaaeaeaeaeafafafafefefefeffaaaaaaeaeaeaeaeafafafafafefefefe"
    "a9aaaaaaaaaaaaeaeaeaeaeaeafafafafafafafefefefefefefefeffaaaaaaaa"
    "aaaaaaaaaaaaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaea"
    "5555aaaa5555aaaa5555aaaaaaaaffffaaaafbaa5555aaaaaaaafaaaaaaaffff"
    "a555aaaaaaa6aaaaaaaabaaaaaaabaaaaaaaaaaaaaa5aaaaa655aaaaaaaaffaa"
    "aafbaaffa5aaaabaaafbaaff65aaa6aaaaaaaabaaafaaafbaaffaaffaaffaaff"
    "aaffaaffaafbaafbaafaaabaaabaaaaaa6aa65aaaafbaafaaaaaa6aabafbaaba"
    "aeaafaafaefaffafa9a6aa6aaaaabaaaaeaabaabaeaafaabaeaafaabaeaabaaa"
    "aeaabaaaaaaaaa6abefafbafaebafaaaaaaaaa5abefafaabaaaaaa6abebafaaa"
    "aaababafaeafafbf696a6aaaa9aaaaaaa9abababaaabababaaabababaaababab"
    "a9aaaaaaa9aaaa6abebfbfafaeafababaaaaaaaabebfbfafaeababaafebfbfaf"
    "96a6a9aaaabaaeabebfafebf9aa6aaaaaabaaaabeababeabeafabeafebfabeaf"
    "ebfabebfebfabeafebfabeabeafabeabeabaaaaaaaaaaaaafffbfebfebfabeab"
    "aaaaabeabfebffebaaaaabeabfebfffbaaaaabeabfeabfebaaa6aaaaabaaabea"
    "bbeabfebbfebffebaaa6aaaaaaaaabaaabaaabaaabeaabeaabeaabeaabeaabaa"
    "ebbfffbfeabffebbeabbfeabeaabbeaaaaaabaaaebbffebfeabbfeabaaaabaaa"
    "ebbffebbeaabbeaafbbffebbeaabbeaaebbffebbaaaabaaaeabbfeaafbfffebb"
    "aeeabbbeeeebbffeeffbfffeaaaaaaaaaaeaaabaaeeaabbaaeeaabbaeeeaabba"
    "eeeaabbaeeeaabbaaeeaaabaaaeaaaaaaaaaaaa9effbbffeeeebbbbaeeeaaaba"
    "bbbfffffabbbbbbfaaaaabbbbbbbffffaaabbbbbbbffffffaabbbbbbbbffffff"
    "aaabbbbbbbbbffffaaaaaaabbbbbbbbbbbbfffffaaaaaaaaaabbbbbbbbbbbbbb"
    "aaaaeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeefffffffffffeeeeeee"
    "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeaaaaaaffffffffffffffeeeeeeeeee"
    "eeeefbbbaaaabbbbffeeffffeeeefbbbaaaabbbaeeeeffffaaaabbbbffeeffff"
    "eaaabbbbffeeffffeaaabbbbeeeefffbaaaabbaaeeeebbbbffeeffffaaaabbaa"
    "aaeaaaabbaeeeeabbbffeeeffbffffefaaeaaaabaaeeeaabbbeeeeabbbfeeeeb"
    "bbffeeefbbfffeefbbfffeeffbfffeeffbfffeeffbfffeefbbfffeefbbffeeeb"
    "aabbeeeaaabaeeaaaaaaeaaafeffffffeefbfffeeabbfeeeaabbeeaaaaaaeaaa"
    "eefbfffeeabbfeeaaabaeaaafefbfffeeabbfeeaaabaeaaaeefbffeeaabbeeaa"
    "feefbfffeaabaeabffefbfffeaabaeabffefbfffeaabaeabfeebbfefaaaaaaab"
    "eeabbeebffefbfffeaabaeabfeabbeebffefbfffeaaaaaabeeabbeabfeebbfef"
    "aaaaaaaaeabaeaabeabbeeabfebbfeebfefbffebffffffefffffffffaabaaaaa"
    "eabaeaaaeabaeaabeabbeaabeabbeaabeabbeaabeabbeaabeabbeaabeabaeaaa"
    "ebfeebfeabfeabfeabeeabeeabeaabeaabeaaaeaffffffffefffebffebfeebfe"
    "abfeabeeabeaaaeaffffffffebffebfeabfeabeaabeaaaaaffffebffebfeabee";

static int delta(const char *table, unsigned i) {
  int c = table[i / 2];
  int v = c <= '9' ? c - '0' : c - 'a' + 10;
  return (v >> (2 * (i & 1)) & 3) - 2;
}

static u64 isqrt64(u64 n) {
  u64 r = 0, bit = (u64)1 << 62;
  while (bit > n) bit >>= 2;
  while (bit) {
    if (n >= r + bit) {
      n -= r + bit;
      r = (r >> 1) + bit;
    } else {
      r >>= 1;
    }
    bit >>= 2;
  }
  return r;
}

/* NaN, zero, denormal and infinity operands; 0 when a is none of them. */
static int special(u64 a, int rsqrt, u64 *r) {
  u32 e = (a >> 23) & 0xff, frac = a & 0x7fffff, sign = a & 0x80000000u;
  if (e == 0xff && frac) {
    *r = a | 0x400000;
  } else if (!e) {
    *r = sign | 0x7f800000;
  } else if (rsqrt && sign) {
    *r = 0xffc00000;
  } else if (e == 0xff) {
    *r = sign;
  } else if (!rsqrt && e >= 0xfd) {
    *r = sign;
  } else {
    return 0;
  }
  return 1;
}

u64 softfp_rcp(u64 a) {
  int e = (a >> 23) & 0xff;
  u32 i = (a >> 11) & 0xfff;
  u64 r, m;
  if (special(a, 0, &r)) return r;
  m = ((u64)1 << 25) / (4096 + i) - 4096 + (u64)(i64)delta(kRcpDelta, i);
  return (a & 0x80000000u) | (u64)(253 - e) << 23 | m << 11;
}

u64 softfp_rsqrt(u64 a) {
  int e = (a >> 23) & 0xff;
  u32 i = (a >> 11) & 0xfff;
  u64 r, m;
  if (special(a, 1, &r)) return r;
  if (!(e & 1)) { /* a = 4^k * [0.5, 1): the result is in [1, 2) */
    m = isqrt64(((u64)1 << 37) / (4096 + i)) - 4096 +
        (u64)(i64)delta(kRsqrtDelta, i);
    return (u64)(127 - (e - 126) / 2) << 23 | m << 11;
  }
  m = isqrt64(((u64)1 << 38) / (4096 + i)) - 4096 +
      (u64)(i64)delta(kRsqrtDelta, 4096 + i);
  return (u64)(126 - (e - 127) / 2) << 23 | m << 11;
}
