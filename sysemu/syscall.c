/* Syscall dispatch: one table row per syscall (syscalls.inc), and the
 * strace-style log that -s and -L write. */
#include "sysemu/sysemu_priv.h"

#include <ctype.h>
#include <errno.h>

struct row {
  const char *name;
  sysemu_handler fn;
  const char *fmt;
};

#define MAX_SYSCALL 512

static const struct row kSyscalls[MAX_SYSCALL] = {
#define SYSCALL(num, name, fn, fmt) [num] = {#name, fn, fmt},
#include "sysemu/syscalls.inc"
#undef SYSCALL
};

void sysemu_init(struct sysemu *s, struct cpu *c, FILE *log) {
  memset(s, 0, sizeof(*s));
  s->cpu = c;
  s->log = log;
  sysemu_signals_init(s);
}

int copy_from_guest(struct sysemu *s, void *dst, u64 src, size_t n) {
  return mmu_read(s->cpu->mmu, src, dst, n) ? -LINUX_EFAULT : 0;
}

int copy_to_guest(struct sysemu *s, u64 dst, const void *src, size_t n) {
  return mmu_write(s->cpu->mmu, dst, src, n) ? -LINUX_EFAULT : 0;
}

int copy_string_from_guest(struct sysemu *s, char *dst, u64 src, size_t size) {
  size_t i = 0;
  /* A page at a time: the string may end just before unmapped memory. */
  while (i < size) {
    size_t n = MMU_PAGE_SIZE - ((src + i) & MMU_PAGE_MASK);
    char *nul;
    if (n > size - i) n = size - i;
    if (copy_from_guest(s, dst + i, src + i, n)) return -LINUX_EFAULT;
    if ((nul = memchr(dst + i, 0, n))) return 0;
    i += n;
  }
  return -LINUX_ENAMETOOLONG;
}

i64 sysemu_fail(void) {
  return -(i64)sysemu_errno(errno);
}

_Noreturn void sysemu_exit(struct sysemu *s, int status) {
  if (s->log) fflush(s->log);
  exit(status & 255);
}

/* Prints a guest buffer as strace does: quoted, escaped, cut at 32. */
static void log_buffer(struct sysemu *s, u64 addr, u64 len) {
  u8 buf[32];
  size_t n = len < sizeof(buf) ? (size_t)len : sizeof(buf), i;
  if (copy_from_guest(s, buf, addr, n)) {
    fprintf(s->log, "%#llx", (unsigned long long)addr);
    return;
  }
  fputc('"', s->log);
  for (i = 0; i < n; ++i) {
    u8 ch = buf[i];
    if (ch == '\n')
      fputs("\\n", s->log);
    else if (ch == '\t')
      fputs("\\t", s->log);
    else if (ch == '"' || ch == '\\')
      fprintf(s->log, "\\%c", ch);
    else if (isprint(ch))
      fputc(ch, s->log);
    else
      fprintf(s->log, "\\%o", ch);
  }
  fputc('"', s->log);
  if (len > n) fputs("...", s->log);
}

static void log_string(struct sysemu *s, u64 addr) {
  u8 buf[64];
  size_t i;
  for (i = 0; i < sizeof(buf); ++i) {
    if (copy_from_guest(s, &buf[i], addr + i, 1)) break;
    if (!buf[i]) break;
  }
  log_buffer(s, addr, i);
}

/* Flag words printed by name, as strace does: NAME|NAME|0x... */
struct flag_name {
  u64 bits;
  const char *name;
};

static const struct flag_name kProtNames[] = {
    {1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"}, {0, NULL}};

static const struct flag_name kMapNames[] = {{0x01, "MAP_SHARED"},
                                             {0x02, "MAP_PRIVATE"},
                                             {0x10, "MAP_FIXED"},
                                             {0x20, "MAP_ANONYMOUS"},
                                             {0x40, "MAP_32BIT"},
                                             {0x100, "MAP_GROWSDOWN"},
                                             {0x4000, "MAP_NORESERVE"},
                                             {0x8000, "MAP_POPULATE"},
                                             {0x20000, "MAP_STACK"},
                                             {0x100000, "MAP_FIXED_NOREPLACE"},
                                             {0, NULL}};

static const struct flag_name kOpenNames[] = {
    {020200000, "O_TMPFILE"}, {01, "O_WRONLY"},
    {02, "O_RDWR"},           {0100, "O_CREAT"},
    {0200, "O_EXCL"},         {0400, "O_NOCTTY"},
    {01000, "O_TRUNC"},       {02000, "O_APPEND"},
    {04000, "O_NONBLOCK"},    {0200000, "O_DIRECTORY"},
    {0400000, "O_NOFOLLOW"},  {02000000, "O_CLOEXEC"},
    {010000000, "O_PATH"},    {0, NULL}};

static void log_flags(struct sysemu *s, u64 v, const struct flag_name *t,
                      const char *zero) {
  int any = 0;
  for (; t->name; ++t) {
    if ((v & t->bits) == t->bits) {
      fprintf(s->log, "%s%s", any ? "|" : "", t->name);
      v &= ~t->bits;
      any = 1;
    }
  }
  if (v || !any) {
    if (!v && !any)
      fputs(zero, s->log);
    else
      fprintf(s->log, "%s%#llx", any ? "|" : "", (unsigned long long)v);
  }
}

static void log_args(struct sysemu *s, const struct row *r, const u64 a[6],
                     int after) {
  int i;
  for (i = 0; r->fmt[i] && r->fmt[i] != ':' && i < 6; ++i) {
    if (i) fputs(", ", s->log);
    switch (r->fmt[i]) {
      case 'd': fprintf(s->log, "%d", (int)a[i]); break;
      case 'u': fprintf(s->log, "%llu", (unsigned long long)a[i]); break;
      case 'o': fprintf(s->log, "%#llo", (unsigned long long)a[i]); break;
      case 'P': log_flags(s, a[i], kProtNames, "PROT_NONE"); break;
      case 'M': log_flags(s, a[i], kMapNames, "0"); break;
      case 'O': log_flags(s, a[i], kOpenNames, "O_RDONLY"); break;
      case 's': log_string(s, a[i]); break;
      case 'b': log_buffer(s, a[i], a[i + 1]); break;
      case 'B':
        if (after)
          log_buffer(s, a[i], a[i + 1]);
        else
          fprintf(s->log, "%#llx", (unsigned long long)a[i]);
        break;
      default: fprintf(s->log, "%#llx", (unsigned long long)a[i]); break;
    }
  }
}

static void log_result(struct sysemu *s, const struct row *r, i64 rc) {
  const char *colon = strchr(r->fmt, ':');
  if (rc < 0 && rc > -4096) {
    const char *name = sysemu_errno_name((int)-rc);
    fprintf(s->log, " = -1 %s\n", name ? name : "E?");
  } else if (colon && colon[1] == 'p') {
    fprintf(s->log, " = %#llx\n", (unsigned long long)rc);
  } else {
    fprintf(s->log, " = %lld\n", (long long)rc);
  }
}

void sysemu_syscall(struct sysemu *s) {
  struct cpu *c = s->cpu;
  u64 nr = c->regs[CORE_RAX];
  u64 a[6] = {c->regs[CORE_RDI], c->regs[CORE_RSI], c->regs[CORE_RDX],
              c->regs[CORE_R10], c->regs[CORE_R8],  c->regs[CORE_R9]};
  const struct row *r = nr < MAX_SYSCALL ? &kSyscalls[nr] : NULL;
  i64 rc;
  if (!r || !r->fn) {
    /* Each unknown number is logged once: a program that probes for a
     * syscall in a loop would otherwise flood the log. */
    static u8 logged[MAX_SYSCALL / 8];
    if (s->log && (nr >= MAX_SYSCALL || !(logged[nr / 8] & (1 << (nr % 8))))) {
      fprintf(s->log,
              "syscall_%llu(%#llx, %#llx, %#llx, ...) = -1 ENOSYS "
              "(not implemented; logged once)\n",
              (unsigned long long)nr, (unsigned long long)a[0],
              (unsigned long long)a[1], (unsigned long long)a[2]);
      if (nr < MAX_SYSCALL) logged[nr / 8] |= (u8)(1 << (nr % 8));
    }
    c->regs[CORE_RAX] = (u64) - (i64)LINUX_ENOSYS;
    return;
  }
  /* Calls that may not return (exit) are logged before they run; the
   * rest after, so buffers the call filled can be shown. */
  if (s->log && (r->fn == sys_exit || r->fn == sys_exit_group)) {
    fprintf(s->log, "%s(", r->name);
    log_args(s, r, a, 0);
    fputs(") = ?\n", s->log);
  }
  rc = r->fn(s, a);
  if (s->log) {
    fprintf(s->log, "%s(", r->name);
    log_args(s, r, a, rc >= 0);
    fputc(')', s->log);
    log_result(s, r, rc);
  }
  c->regs[CORE_RAX] = (u64)rc;
  if (c->signal_due || s->restore_sigmask) sysemu_deliver(s);
}
