/* errno translation, host -> x86-64 Linux, by name (errno.inc). */
#include "sysemu/sysemu.h"

#include <errno.h>

int sysemu_errno(int host_errno) {
  switch (host_errno) {
#define E(name, num) \
  case name:         \
    return num;
#include "sysemu/errno.inc"
#undef E
    default:
      /* An errno this table does not know: the nearest honest answer. */
      return LINUX_EIO;
  }
}

const char *sysemu_errno_name(int linux_errno) {
  switch (linux_errno) {
#define E(name, num) \
  case num:          \
    return #name;
#include "sysemu/errno.inc"
#undef E
    default: return NULL;
  }
}
