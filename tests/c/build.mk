# tests/c: C programs built static twice, with glibc (gcc -static) and with
# musl (musl-gcc -static), for x86-64. tests/run.sh runs each natively (the
# oracle: on x86-64 machines) and under blink on every host, and compares
# stdout and exit status.

C_TESTS := $(wildcard tests/c/*.c)
MUSL_CC := $(shell command -v musl-gcc 2>/dev/null)

$(GUEST)/c/glibc/%: tests/c/%.c
	@mkdir -p $(@D)
	$(X86_CC) -static -O2 -o $@ $< -lm

$(GUEST)/c/musl/%: tests/c/%.c
	@mkdir -p $(@D)
	$(MUSL_CC) -static -O2 -o $@ $< -lm

# Both C libraries by default; C_LIBCS=musl (or glibc) for one.
C_LIBCS ?= glibc musl
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
