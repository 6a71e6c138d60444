/* execve: a new program replaces the process, as on Linux. An x86-64
 * program is loaded in place by runner/ (through s->exec): a new address
 * space, a new stack, a reset CPU, and the descriptors marked close-on-exec
 * closed; anything else (a native program, a #! script) goes to the host
 * kernel as it is. */
#include "sysemu/sysemu_priv.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#define MAX_ARG_STRLEN 131072 /* include/uapi/linux/binfmts.h */
#define MAX_ARGS 65536

static void free_strings(char **v) {
  size_t i;
  if (!v) return;
  for (i = 0; v[i]; ++i) free(v[i]);
  free(v);
}

/* Reads a NULL-terminated guest array of string pointers. */
static i64 get_strings(struct sysemu *s, u64 addr, char ***out,
                       size_t reserve) {
  /* reserve: empty slots left at the front of the array. */
  char **v = NULL, buf[MAX_ARG_STRLEN];
  size_t n = 0;
  u8 b[8];
  i64 rc;
  for (;;) {
    u64 p;
    char **w;
    if (!addr) break; /* Linux takes a NULL argv or envp as empty */
    if (copy_from_guest(s, b, addr + 8 * n, 8)) {
      rc = -LINUX_EFAULT;
      goto fail;
    }
    if (!(p = read64le(b))) break;
    if (n >= MAX_ARGS) {
      rc = -LINUX_E2BIG;
      goto fail;
    }
    if (!(w = realloc(v, (reserve + n + 2) * sizeof(char *)))) {
      rc = -LINUX_ENOMEM;
      goto fail;
    }
    v = w;
    v[reserve + n] = NULL;
    if ((rc = copy_string_from_guest(s, buf, p, sizeof(buf)))) {
      if (rc == -LINUX_ENAMETOOLONG) rc = -LINUX_E2BIG;
      goto fail;
    }
    if (!(v[reserve + n] = strdup(buf))) {
      rc = -LINUX_ENOMEM;
      goto fail;
    }
    v[reserve + ++n] = NULL;
  }
  if (!v && !(v = calloc(reserve + 1, sizeof(char *)))) return -LINUX_ENOMEM;
  v[reserve + n] = NULL;
  *out = v;
  return (i64)n;
fail:
  if (v) {
    size_t i;
    for (i = reserve; i < reserve + n; ++i) free(v[i]);
    free(v);
  }
  return rc;
}

/* Is path an x86-64 ELF program, i.e. one for blink? */
static int is_guest_program(const char *path) {
  u8 e[20];
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  ssize_t n;
  if (fd < 0) return 0;
  n = read(fd, e, sizeof(e));
  close(fd);
  return n == (ssize_t)sizeof(e) && !memcmp(e, "\177ELF", 4) && e[4] == 2 &&
         read16le(e + 18) == 62;
}

/* Closes the descriptors marked FD_CLOEXEC, as the kernel does at exec,
 * except blink's own log. */
static void close_on_exec(struct sysemu *s) {
  DIR *d = opendir("/proc/self/fd");
  struct dirent *e;
  int self, fd;
  if (!d) return;
  self = dirfd(d);
  while ((e = readdir(d))) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    fd = atoi(e->d_name);
    if (fd == self || (s->log && fd == fileno(s->log))) continue;
    if (fcntl(fd, F_GETFD) & FD_CLOEXEC) close(fd);
  }
  closedir(d);
}

i64 sys_execve(struct sysemu *s, const u64 a[6]) {
  char path[SYSEMU_PATH_MAX];
  char **argv = NULL, **envp = NULL;
  i64 rc;
  if ((rc = copy_string_from_guest(s, path, a[0], sizeof(path)))) return rc;
  /* The guest's /proc/self/exe is its own program (busybox runs its
   * applets so), not blink. */
  if (s->exe && sysemu_own_exe(path)) {
    if (strlen(s->exe) >= sizeof(path)) return -LINUX_ENAMETOOLONG;
    strcpy(path, s->exe);
  }
  if ((rc = get_strings(s, a[1], &argv, 0)) < 0) return rc;
  if ((rc = get_strings(s, a[2], &envp, 0)) < 0) {
    free_strings(argv);
    return rc;
  }
  if (access(path, X_OK)) {
    rc = sysemu_fail();
  } else if (s->exec && is_guest_program(path)) {
    if (!(rc = s->exec(s, path, argv, envp))) {
      close_on_exec(s);
      sysemu_signals_exec(s);
    }
  } else {
    if (s->log) fflush(s->log);
    fflush(stdout);
    execve(path, argv, envp);
    rc = sysemu_fail();
  }
  free_strings(argv);
  free_strings(envp);
  return rc;
}
