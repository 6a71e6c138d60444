# tests/: guest programs (x86-64, built once under o/guest), unit tests
# (built for each host under $(O)), and the runners.

ASM_SRCS := $(wildcard tests/asm/*.s)
ASM_INCS := $(wildcard tests/asm/*.inc)
ASM_BINS := $(ASM_SRCS:tests/asm/%.s=$(GUEST)/asm/%)
BUILD_CC ?= cc
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(O)/tests/unit/%)

# Static, no libc: _start is the entry, syscalls do the rest.
$(GUEST)/asm/%: tests/asm/%.s $(ASM_INCS)
	@mkdir -p $(@D)
	@test -n "$(X86_AS)" || { echo "no x86-64 assembler: see ./configure" >&2; exit 1; }
	$(X86_AS) --64 -I tests/asm -o $@.o $<
	$(X86_LD) -static -nostdlib -o $@ $@.o
	@rm -f $@.o

# Tests named *_pie are linked as static-PIE: ET_DYN without PT_INTERP.
$(GUEST)/asm/%_pie: tests/asm/%_pie.s $(ASM_INCS)
	@mkdir -p $(@D)
	@test -n "$(X86_AS)" || { echo "no x86-64 assembler: see ./configure" >&2; exit 1; }
	$(X86_AS) --64 -I tests/asm -o $@.o $<
	$(X86_LD) -static -pie --no-dynamic-linker -z text -o $@ $@.o
	@rm -f $@.o

# A program with PT_INTERP, for the "not supported yet" message.
$(GUEST)/cli/dynamic: tests/asm/exit42.s
	@mkdir -p $(@D)
	$(X86_AS) --64 -o $@.o $<
	$(X86_LD) -pie -dynamic-linker /lib64/ld-linux-x86-64.so.2 -o $@ $@.o
	@rm -f $@.o

$(O)/tests/unit/%.o: tests/unit/%.c $(O)/config.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(O)/tests/unit/%: $(O)/tests/unit/%.o $(O)/libblink.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libblink.a $(LIBS)

-include $(UNIT_BINS:%=%.d)

# Suites of their own (tests/NAME/build.mk) add programs that run once, on
# this machine, to NATIVE_TESTS: an exit status of 0 passes. They are for
# oracles only the build machine has (the host CPU, Zydis); each fragment
# decides where it applies (e.g. only when HOST_ARCH is x86_64).
NATIVE_TESTS :=
-include $(wildcard tests/*/build.mk)

unit-tests: $(UNIT_BINS)
guest-tests: $(ASM_BINS) $(GUEST)/cli/dynamic

# The suite on this host.
check: $(O)/blink $(O)/headers.ok unit-tests guest-tests $(NATIVE_TESTS)
	@sh tests/run.sh --guest $(GUEST) --host "$(HOST_ARCH):$(EMU):$(O)" \
	  $(foreach t,$(NATIVE_TESTS),--native "$(t)")

# The suite on all five hosts: this one, plus blink cross-built for the
# others and run under qemu-user. One runner, one closing line.
ALL_HOSTS := x86_64-linux-gnu aarch64-linux-gnu riscv64-linux-gnu \
             s390x-linux-gnu mips-linux-gnu
CROSS_HOSTS := $(filter-out $(BUILD_TRIPLE),$(ALL_HOSTS))

o/hosts/%/config.mk: configure
	@mkdir -p o/hosts
	sh configure --host=$* --builddir=o/hosts/$* --mode=$(MODE) --no-makefile >o/hosts/$*.configure.log 2>&1 || \
	  { cat o/hosts/$*.configure.log; exit 1; }

o/hosts/%/built: o/hosts/%/config.mk FORCE
	@$(MAKE) --no-print-directory O=o/hosts/$* o/hosts/$*/blink unit-tests
	@touch $@

host-spec = $(patsubst %-linux-gnu,%,$(1)):$(if $(filter $(BUILD_TRIPLE),$(1)),,qemu-$(patsubst %-linux-gnu,%,$(1))):o/hosts/$(1)

check-hosts: $(O)/blink $(O)/headers.ok unit-tests guest-tests $(NATIVE_TESTS) \
             $(CROSS_HOSTS:%=o/hosts/%/built)
	@sh tests/run.sh --guest $(GUEST) --host "$(HOST_ARCH):$(EMU):$(O)" \
	  $(foreach t,$(NATIVE_TESTS),--native "$(t)") \
	  $(foreach h,$(CROSS_HOSTS),--host "$(call host-spec,$(h))")

FORCE:
.PRECIOUS: o/hosts/%/config.mk
.PHONY: check check-hosts unit-tests guest-tests FORCE
