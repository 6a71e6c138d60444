/* ioctl: each request the guest may make is translated by number and
 * structure; the rest answer -ENOTTY, as the kernel does for a request a
 * device does not know. Request numbers are x86-64's (asm-generic/ioctls.h;
 * mips and others number them differently, so the host's constants are
 * used on the host side). */
#include "sysemu/sysemu_priv.h"

#include <sys/ioctl.h>
#include <termios.h>

#define LINUX_TCGETS 0x5401
#define LINUX_TCSETS 0x5402
#define LINUX_TCSETSW 0x5403
#define LINUX_TCSETSF 0x5404
#define LINUX_TCFLSH 0x540b
#define LINUX_TIOCSCTTY 0x540e
#define LINUX_TIOCGPGRP 0x540f
#define LINUX_TIOCSPGRP 0x5410
#define LINUX_TIOCGPTN 0x80045430
#define LINUX_TIOCSPTLCK 0x40045431
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

/* struct termios as the kernel's TCGETS gives it on x86-64: four u32 flag
 * words, c_line, and c_cc[19]: 36 bytes. */
#define LINUX_NCCS 19
#define LINUX_CSIZE 0000060
#define LINUX_CBAUD 0010017

static const struct {
  int field; /* 0 iflag, 1 oflag, 2 cflag, 3 lflag */
  u32 guest;
  tcflag_t host;
} kTermFlags[] = {
#define F_c_iflag 0
#define F_c_oflag 1
#define F_c_cflag 2
#define F_c_lflag 3
#define T(field, name, value) {F_##field, value, name},
#define V(name, index)
#include "sysemu/termios.inc"
#undef T
#undef V
};

static const struct {
  int host, guest;
} kTermCc[] = {
#define T(field, name, value)
#define V(name, index) {name, index},
#include "sysemu/termios.inc"
#undef T
#undef V
};

/* Character sizes and baud rates, value by value. */
static const struct {
  tcflag_t host;
  u32 guest;
} kCsize[] = {{CS5, 0}, {CS6, 0000020}, {CS7, 0000040}, {CS8, 0000060}};

static const struct {
  speed_t host;
  u32 guest;
} kBaud[] = {
    {B0, 0},
    {B50, 1},
    {B75, 2},
    {B110, 3},
    {B134, 4},
    {B150, 5},
    {B200, 6},
    {B300, 7},
    {B600, 010},
    {B1200, 011},
    {B1800, 012},
    {B2400, 013},
    {B4800, 014},
    {B9600, 015},
    {B19200, 016},
    {B38400, 017},
    {B57600, 010001},
    {B115200, 010002},
    {B230400, 010003},
    {B460800, 010004},
    {B500000, 010005},
    {B576000, 010006},
    {B921600, 010007},
    {B1000000, 010010},
    {B1152000, 010011},
    {B1500000, 010012},
    {B2000000, 010013},
    {B2500000, 010014},
    {B3000000, 010015},
    {B3500000, 010016},
    {B4000000, 010017},
};

static i64 get_termios(struct sysemu *s, int fd, u64 addr) {
  struct termios t;
  tcflag_t *host[4];
  u32 guest[4] = {0, 0, 0, 0};
  u8 b[36];
  size_t i;
  if (tcgetattr(fd, &t)) return sysemu_fail();
  host[0] = &t.c_iflag, host[1] = &t.c_oflag;
  host[2] = &t.c_cflag, host[3] = &t.c_lflag;
  for (i = 0; i < ARRAY_LEN(kTermFlags); ++i) {
    if ((*host[kTermFlags[i].field] & kTermFlags[i].host) ==
        kTermFlags[i].host) {
      guest[kTermFlags[i].field] |= kTermFlags[i].guest;
    }
  }
  for (i = 0; i < ARRAY_LEN(kCsize); ++i) {
    if ((t.c_cflag & CSIZE) == kCsize[i].host) guest[2] |= kCsize[i].guest;
  }
  for (i = 0; i < ARRAY_LEN(kBaud); ++i) {
    if (cfgetospeed(&t) == kBaud[i].host) guest[2] |= kBaud[i].guest;
  }
  memset(b, 0, sizeof(b));
  for (i = 0; i < 4; ++i) write32le(b + 4 * i, guest[i]);
  b[16] = t.c_line;
  for (i = 0; i < ARRAY_LEN(kTermCc); ++i) {
    b[17 + kTermCc[i].guest] = t.c_cc[kTermCc[i].host];
  }
  return copy_to_guest(s, addr, b, sizeof(b));
}

static i64 set_termios(struct sysemu *s, int fd, u64 addr, int when) {
  struct termios t;
  tcflag_t *host[4];
  u32 guest[4];
  u8 b[36];
  size_t i;
  if (copy_from_guest(s, b, addr, sizeof(b))) return -LINUX_EFAULT;
  /* Start from the current settings: fields the guest can't name keep
   * their host values. */
  if (tcgetattr(fd, &t)) return sysemu_fail();
  for (i = 0; i < 4; ++i) guest[i] = read32le(b + 4 * i);
  host[0] = &t.c_iflag, host[1] = &t.c_oflag;
  host[2] = &t.c_cflag, host[3] = &t.c_lflag;
  for (i = 0; i < ARRAY_LEN(kTermFlags); ++i) {
    tcflag_t *h = host[kTermFlags[i].field];
    if (guest[kTermFlags[i].field] & kTermFlags[i].guest) {
      *h |= kTermFlags[i].host;
    } else {
      *h &= ~kTermFlags[i].host;
    }
  }
  for (i = 0; i < ARRAY_LEN(kCsize); ++i) {
    if ((guest[2] & LINUX_CSIZE) == kCsize[i].guest) {
      t.c_cflag = (t.c_cflag & ~CSIZE) | kCsize[i].host;
    }
  }
  for (i = 0; i < ARRAY_LEN(kBaud); ++i) {
    if ((guest[2] & LINUX_CBAUD) == kBaud[i].guest) {
      cfsetospeed(&t, kBaud[i].host);
      cfsetispeed(&t, kBaud[i].host);
    }
  }
  t.c_line = b[16];
  for (i = 0; i < ARRAY_LEN(kTermCc); ++i) {
    t.c_cc[kTermCc[i].host] = b[17 + kTermCc[i].guest];
  }
  return tcsetattr(fd, when, &t) ? sysemu_fail() : 0;
}

/* An int-sized argument in and out, the same on every host. */
static i64 int_out(struct sysemu *s, int fd, unsigned long req, u64 addr) {
  int v;
  u8 b[4];
  if (ioctl(fd, req, &v)) return sysemu_fail();
  write32le(b, (u32)v);
  return copy_to_guest(s, addr, b, 4);
}

static i64 int_in(struct sysemu *s, int fd, unsigned long req, u64 addr) {
  int v;
  u8 b[4];
  if (copy_from_guest(s, b, addr, 4)) return -LINUX_EFAULT;
  v = (int)read32le(b);
  return ioctl(fd, req, &v) ? sysemu_fail() : 0;
}

i64 sys_ioctl(struct sysemu *s, const u64 a[6]) {
  int fd = (int)a[0];
  switch ((u32)a[1]) {
    case LINUX_TIOCGWINSZ: return get_winsize(s, fd, a[2]);
    case LINUX_TIOCSWINSZ: return set_winsize(s, fd, a[2]);
    case LINUX_FIONREAD: return int_out(s, fd, FIONREAD, a[2]);
    case LINUX_FIONBIO: return int_in(s, fd, FIONBIO, a[2]);
    case LINUX_TCGETS: return get_termios(s, fd, a[2]);
    case LINUX_TCSETS: return set_termios(s, fd, a[2], TCSANOW);
    case LINUX_TCSETSW: return set_termios(s, fd, a[2], TCSADRAIN);
    case LINUX_TCSETSF: return set_termios(s, fd, a[2], TCSAFLUSH);
    /* TCFLSH's TCIFLUSH/TCOFLUSH/TCIOFLUSH are 0, 1, 2 everywhere. */
    case LINUX_TCFLSH:
      if (a[2] > 2) return -LINUX_EINVAL;
      return tcflush(fd, (int)a[2]) ? sysemu_fail() : 0;
    case LINUX_TIOCSCTTY:
      return ioctl(fd, TIOCSCTTY, (int)a[2]) ? sysemu_fail() : 0;
    case LINUX_TIOCGPGRP: return int_out(s, fd, TIOCGPGRP, a[2]);
    case LINUX_TIOCSPGRP: return int_in(s, fd, TIOCSPGRP, a[2]);
    case LINUX_TIOCGPTN: return int_out(s, fd, TIOCGPTN, a[2]);
    case LINUX_TIOCSPTLCK: return int_in(s, fd, TIOCSPTLCK, a[2]);
    default: return -LINUX_ENOTTY;
  }
}
