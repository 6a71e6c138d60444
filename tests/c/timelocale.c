/* Time and locale basics: clocks that move forward, sleeping, broken-down
 * time and formatting of fixed instants (UTC and a fixed-offset zone),
 * mktime and difftime, and the C locale's classification, conversion and
 * collation. Output must equal the native run's. */
#define _GNU_SOURCE
#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <wchar.h>

int main(void) {
  struct timespec a, b, res, nap = {0, 2000000};
  struct timeval tv;
  struct tm tm;
  time_t t = 1234567890, back;
  char buf[128];
  wchar_t wide[16];
  struct lconv *lc;

  clock_gettime(CLOCK_MONOTONIC, &a);
  nanosleep(&nap, NULL);
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("monotonic advanced >= 2ms: %d\n",
         (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) >=
             2000000L);
  clock_getres(CLOCK_REALTIME, &res);
  printf("realtime resolution <= 1ms: %d\n",
         res.tv_sec == 0 && res.tv_nsec <= 1000000);
  gettimeofday(&tv, NULL);
  printf("gettimeofday after 2020: %d, time() agrees: %d\n",
         tv.tv_sec > 1577836800, labs((long)(time(NULL) - tv.tv_sec)) <= 1);

  gmtime_r(&t, &tm);
  strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %A %j %U %a %b", &tm);
  printf("gmtime: %s wday=%d yday=%d\n", buf, tm.tm_wday, tm.tm_yday);
  setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);
  tzset();
  localtime_r(&t, &tm);
  strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %Z %z", &tm);
  printf("localtime EST5EDT: %s isdst=%d\n", buf, tm.tm_isdst);
  t = 1246000000; /* June: daylight time */
  localtime_r(&t, &tm);
  strftime(buf, sizeof(buf), "%H:%M %Z", &tm);
  printf("summer: %s isdst=%d\n", buf, tm.tm_isdst);
  back = mktime(&tm);
  printf("mktime round trip: %d, difftime %.0f\n", back == t,
         difftime(back, (time_t)1234567890));
  printf("asctime: %s", asctime(gmtime(&t)));

  printf("setlocale C: %s\n", setlocale(LC_ALL, "C"));
  lc = localeconv();
  printf("decimal point '%s' thousands '%s'\n", lc->decimal_point,
         lc->thousands_sep);
  printf("ctype: %d%d%d%d %c%c\n", !!isalpha('q'), !!isdigit('7'),
         !!isspace('\t'), !!ispunct('!'), toupper('a'), tolower('Z'));
  printf("strcoll: %d %d\n", strcoll("abc", "abd") < 0,
         strcoll("b", "a") > 0);
  printf("mbstowcs: %zu\n", mbstowcs(wide, "hello", 16));
  printf("strtol: %ld %ld %lu\n", strtol("-0x1f", NULL, 16),
         strtol("0777", NULL, 0), strtoul("18446744073709551615", NULL, 10));
  return 0;
}
