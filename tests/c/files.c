/* File I/O and directories: a private temporary directory, files written
 * with stdio and with write(2), read back, stat'ed, renamed, listed
 * (sorted), removed. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void) {
  char dir[] = "/tmp/blink-files-XXXXXX", path[256], line[64];
  char *names[16];
  struct stat st;
  struct dirent *e;
  int n = 0, fd;
  FILE *f;
  DIR *d;
  if (!mkdtemp(dir)) return 1;
  for (int i = 0; i < 5; ++i) {
    snprintf(path, sizeof(path), "%s/file%d.txt", dir, 4 - i);
    f = fopen(path, "w");
    for (int j = 0; j <= i; ++j) fprintf(f, "line %d of file %d\n", j, i);
    fclose(f);
  }
  snprintf(path, sizeof(path), "%s/raw.bin", dir);
  fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0640);
  for (int i = 0; i < 1000; ++i) write(fd, &i, sizeof(i));
  close(fd);
  stat(path, &st);
  printf("raw.bin: %lld bytes, mode %o, regular %d\n", (long long)st.st_size,
         st.st_mode & 0777, S_ISREG(st.st_mode));
  fd = open(path, O_RDONLY);
  lseek(fd, 400, SEEK_SET);
  int v;
  read(fd, &v, sizeof(v));
  close(fd);
  printf("int at 400: %d\n", v);
  snprintf(path, sizeof(path), "%s/file2.txt", dir);
  f = fopen(path, "r");
  while (fgets(line, sizeof(line), f)) printf("read: %s", line);
  fclose(f);
  char to[256];
  snprintf(to, sizeof(to), "%s/renamed.txt", dir);
  printf("rename: %d\n", rename(path, to));
  d = opendir(dir);
  while ((e = readdir(d)) && n < 16) {
    if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof(char *), cmp);
  for (int i = 0; i < n; ++i) {
    printf("entry: %s\n", names[i]);
    snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
    unlink(path);
  }
  printf("rmdir: %d\n", rmdir(dir));
  printf("stat after: %d\n", stat(dir, &st));
  return 0;
}
