# jit/: nothing to build yet (see jit/README.md). The JIT's sources join
# LIB_SRCS here when it comes, with one file or folder per host.
HEADERS += $(wildcard jit/*.h)
