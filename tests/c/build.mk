# tests/c: C programs built static twice, with glibc (gcc -static) and with
# musl (musl-gcc -static), for x86-64. tests/run.sh runs each natively (the
# oracle: on x86-64 machines) and under blink on every host, and compares
# stdout and exit status. Programs list in C_TESTS only once they run.

# float.c waits for the x87 (musl's printf, scanf, strtod and fenv use
# long double and the x87 control word) and the SSE shuffles glibc uses.
C_PENDING := tests/c/float.c
C_TESTS := $(filter-out $(C_PENDING),$(wildcard tests/c/*.c))
MUSL_CC := $(shell command -v musl-gcc 2>/dev/null)

$(GUEST)/c/glibc/%: tests/c/%.c
	@mkdir -p $(@D)
	$(X86_CC) -static -O2 -o $@ $< -lm

$(GUEST)/c/musl/%: tests/c/%.c
	@mkdir -p $(@D)
	$(MUSL_CC) -static -O2 -o $@ $< -lm

# glibc's static start-up and string functions use SSE2: its builds join
# once core/ runs SSE2 (issue 4). Set C_LIBCS="glibc musl" to try them.
C_LIBCS ?= musl
ifneq ($(filter glibc,$(C_LIBCS)),)
ifneq ($(X86_CC),)
C_BINS += $(C_TESTS:tests/c/%.c=$(GUEST)/c/glibc/%)
endif
endif
ifneq ($(filter musl,$(C_LIBCS)),)
ifneq ($(MUSL_CC),)
ifeq ($(HOST_ARCH),x86_64)
C_BINS += $(C_TESTS:tests/c/%.c=$(GUEST)/c/musl/%)
endif
endif
endif

guest-tests: $(C_BINS)
