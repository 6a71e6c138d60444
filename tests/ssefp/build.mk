# tests/ssefp/: core/softfp (the SSE/SSE2 floating point) against the host
# CPU, bit for bit, flags included. Only an x86-64 build machine has that
# oracle, so only there does the suite join NATIVE_TESTS.
ifeq ($(HOST_ARCH),x86_64)
$(O)/tests/ssefp/ssefp_diff.o: tests/ssefp/ssefp_diff.c $(O)/config.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(O)/tests/ssefp/ssefp_diff: $(O)/tests/ssefp/ssefp_diff.o $(O)/libblink.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libblink.a $(LIBS)

-include $(O)/tests/ssefp/ssefp_diff.d
NATIVE_TESTS += $(O)/tests/ssefp/ssefp_diff
endif
