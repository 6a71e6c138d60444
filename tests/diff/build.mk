# tests/diff: core/ against the host CPU, instruction by instruction. It
# runs the same bytes natively, so it exists only where the host is x86-64.
ifeq ($(HOST_ARCH),x86_64)
DIFF_TEST := $(O)/tests/diff/diff

$(O)/tests/diff/%.o: tests/diff/%.c $(O)/config.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(DIFF_TEST): $(O)/tests/diff/diff.o $(O)/libblink.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libblink.a $(LIBS)

NATIVE_TESTS += $(DIFF_TEST)
-include $(O)/tests/diff/diff.d
endif
