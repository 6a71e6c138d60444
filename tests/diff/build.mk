# tests/diff: core/ against the host CPU, instruction by instruction. It
# runs the same bytes natively, so it exists only where the host is x86-64.
ifeq ($(HOST_ARCH),x86_64)
DIFF_TEST := $(O)/tests/diff/diff
DIFF_OBJS := $(patsubst tests/diff/%.c,$(O)/tests/diff/%.o,$(wildcard tests/diff/*.c))

$(O)/tests/diff/%.o: tests/diff/%.c $(O)/config.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(DIFF_TEST): $(DIFF_OBJS) $(O)/libblink.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(DIFF_OBJS) $(O)/libblink.a $(LIBS)

NATIVE_TESTS += $(DIFF_TEST)
-include $(DIFF_OBJS:.o=.d)
endif
