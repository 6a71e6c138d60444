/* Processes: exit, exit_group, getpid. */
#include "sysemu/sysemu_priv.h"

#include <unistd.h>

/* One guest thread so far, so exit ends the process as exit_group does. */
i64 sys_exit(struct sysemu *s, const u64 a[6]) {
  sysemu_exit(s, (int)a[0]);
}

i64 sys_exit_group(struct sysemu *s, const u64 a[6]) {
  sysemu_exit(s, (int)a[0]);
}

i64 sys_getpid(struct sysemu *s, const u64 a[6]) {
  (void)s;
  (void)a;
  return getpid();
}
