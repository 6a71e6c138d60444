# tests/zydis: the decoder against Zydis 4 (libzydis-dev) on this machine's
# binaries and on random bytes, with the host CPU as the judge of what is
# left (tests/zydis/zydis_test.c). Native only: it needs an x86-64 host and
# Zydis; elsewhere it is left out of the suite. `make bench-decode` times
# both decoders over the same corpus (bench/README.md).

ZYDIS_HEADER := $(wildcard /usr/include/Zydis/Zydis.h)
ZYDIS_LIBS := -lZydis -lZycore

ifeq ($(HOST_ARCH),x86_64)
ifneq ($(ZYDIS_HEADER),)

ZYDIS_TEST := $(O)/tests/zydis/zydis_test
NATIVE_TESTS += $(ZYDIS_TEST)

$(O)/tests/zydis/%.o: tests/zydis/%.c $(O)/config.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(O)/bench/%.o: bench/%.c $(O)/config.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# Linked dynamically: Debian ships Zydis as a shared library only.
$(ZYDIS_TEST): $(O)/tests/zydis/zydis_test.o $(O)/tests/zydis/native.o \
               $(O)/tests/zydis/corpus.o $(O)/libblink.a
	$(CC) $(CFLAGS) -o $@ $^ $(ZYDIS_LIBS)

$(O)/bench/decode_bench: $(O)/bench/decode_bench.o $(O)/tests/zydis/corpus.o \
                         $(O)/libblink.a
	$(CC) $(CFLAGS) -o $@ $^ $(ZYDIS_LIBS)

bench-decode: $(O)/bench/decode_bench
	$(O)/bench/decode_bench

-include $(O)/tests/zydis/zydis_test.d $(O)/tests/zydis/native.d \
         $(O)/tests/zydis/corpus.d $(O)/bench/decode_bench.d

else
bench-decode:
	@echo "bench-decode: needs Zydis (apt-get install libzydis-dev)" >&2; exit 1
endif
else
bench-decode:
	@echo "bench-decode: needs an x86-64 host" >&2; exit 1
endif

.PHONY: bench-decode
