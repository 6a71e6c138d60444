# bench/: `make bench` measures blink against native runs and qemu-x86_64;
# `make bench-callgrind` counts blink's instructions on a fixed workload.
# See bench/README.md.

BENCH := o/bench
BENCH_PROGS := startup sieve hash sort memory nbody x87 syscalls datagen
BENCH_BINS := $(BENCH_PROGS:%=$(BENCH)/bin/%) $(BENCH)/bin/exit0
LUA_CFLAGS := -I/usr/include/lua5.4
# The C workloads link musl statically where musl-gcc is there (its start-up
# and string functions need little of SSE), else glibc. Lua needs glibc:
# Debian's static liblua5.4 is built against it.
BENCH_CC ?= $(or $(shell command -v musl-gcc 2>/dev/null),$(X86_CC))

$(BENCH)/timeit: bench/timeit.c
	@mkdir -p $(@D)
	$(BUILD_CC) -O2 -o $@ $<

$(BENCH)/bin/exit0: bench/exit0.s
	@mkdir -p $(@D)
	$(X86_AS) --64 -o $@.o $<
	$(X86_LD) -static -nostdlib -o $@ $@.o
	@rm -f $@.o

$(BENCH)/bin/%: bench/workloads/%.c
	@mkdir -p $(@D)
	@test -n "$(BENCH_CC)" || { echo "no x86-64 C compiler: see ./configure" >&2; exit 1; }
	$(BENCH_CC) -static -O2 -o $@ $< -lm

# Lua only where Debian's static liblua5.4 is installed.
$(BENCH)/bin/lua: bench/workloads/lua.c
	@mkdir -p $(@D)
	$(X86_CC) -static -O2 $(LUA_CFLAGS) -o $@ $< -llua5.4 -lm

bench-deps:
	@command -v qemu-x86_64 >/dev/null || apt-get install -y qemu-user
	@test -x /bin/busybox || apt-get install -y busybox-static
	@test -f /usr/lib/x86_64-linux-gnu/liblua5.4.a || \
	  apt-get install -y liblua5.4-dev || true
	@command -v gnuplot >/dev/null || apt-get install -y gnuplot-nox || true

bench: bench-deps $(O)/blink $(BENCH)/timeit $(BENCH_BINS)
	@if [ -f /usr/lib/x86_64-linux-gnu/liblua5.4.a ]; then \
	  $(MAKE) --no-print-directory $(BENCH)/bin/lua; fi
	@sh bench/run.sh --blink $(O)/blink --dir $(BENCH)

# Exact, noise-free instruction counts: the guest's (the workload run
# natively under callgrind), blink's on the same workload, and their ratio,
# host instructions per guest instruction. Compare two builds with this.
CALLGRIND_WORKLOAD ?= $(BENCH)/bin/sieve 200000 2
bench-callgrind: $(O)/blink $(BENCH_BINS)
	@command -v valgrind >/dev/null || apt-get install -y valgrind
	@sh bench/callgrind.sh $(O)/blink $(BENCH) $(CALLGRIND_WORKLOAD)

.PHONY: bench bench-deps bench-callgrind
