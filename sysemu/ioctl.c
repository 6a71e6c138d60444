/* ioctl: each request the guest may make is translated by number and
 * structure; the rest answer -ENOTTY, as the kernel does for a request a
 * device does not know. Request numbers are x86-64's (asm-generic/ioctls.h;
 * mips and others number them differently, so the host's constants are
 * used on the host side). */
#include "sysemu/sysemu_priv.h"

#include <sys/ioctl.h>

#define LINUX_TIOCGWINSZ 0x5413
#define LINUX_TIOCSWINSZ 0x5414
#define LINUX_FIONREAD 0x541b
#define LINUX_FIONBIO 0x5421

/* struct winsize: four u16 (rows, cols, xpixel, ypixel). */
static i64 get_winsize(struct sysemu *s, int fd, u64 addr) {
  struct winsize w;
  u8 b[8];
  if (ioctl(fd, TIOCGWINSZ, &w)) return sysemu_fail();
  write16le(b, w.ws_row);
  write16le(b + 2, w.ws_col);
  write16le(b + 4, w.ws_xpixel);
  write16le(b + 6, w.ws_ypixel);
  return copy_to_guest(s, addr, b, 8);
}

static i64 set_winsize(struct sysemu *s, int fd, u64 addr) {
  struct winsize w;
  u8 b[8];
  if (copy_from_guest(s, b, addr, 8)) return -LINUX_EFAULT;
  w.ws_row = read16le(b);
  w.ws_col = read16le(b + 2);
  w.ws_xpixel = read16le(b + 4);
  w.ws_ypixel = read16le(b + 6);
  return ioctl(fd, TIOCSWINSZ, &w) ? sysemu_fail() : 0;
}

i64 sys_ioctl(struct sysemu *s, const u64 a[6]) {
  int fd = (int)a[0], v;
  u8 b[4];
  switch ((u32)a[1]) {
    case LINUX_TIOCGWINSZ: return get_winsize(s, fd, a[2]);
    case LINUX_TIOCSWINSZ: return set_winsize(s, fd, a[2]);
    case LINUX_FIONREAD:
      if (ioctl(fd, FIONREAD, &v)) return sysemu_fail();
      write32le(b, (u32)v);
      return copy_to_guest(s, a[2], b, 4);
    case LINUX_FIONBIO:
      if (copy_from_guest(s, b, a[2], 4)) return -LINUX_EFAULT;
      v = (int)read32le(b);
      return ioctl(fd, FIONBIO, &v) ? sysemu_fail() : 0;
    default: return -LINUX_ENOTTY;
  }
}
