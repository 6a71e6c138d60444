# tests/fpu80/: core/fpu80 against the host CPU's x87, bit for bit. Only
# an x86-64 build machine has that oracle, so only there does the suite
# join NATIVE_TESTS.
ifeq ($(HOST_ARCH),x86_64)
$(O)/tests/fpu80/fpu80_diff.o: tests/fpu80/fpu80_diff.c $(O)/config.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(O)/tests/fpu80/fpu80_diff: $(O)/tests/fpu80/fpu80_diff.o $(O)/libblink.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libblink.a $(LIBS)

-include $(O)/tests/fpu80/fpu80_diff.d
NATIVE_TESTS += $(O)/tests/fpu80/fpu80_diff
endif
