# APE and flat-binary programs: guest tests whose file format isn't ELF.
# mkape runs on the build machine, so it is built with BUILD_CC.

$(GUEST)/mkape: tests/ape/mkape.c
	@mkdir -p $(@D)
	$(BUILD_CC) -O2 -o $@ $<

# tests/asm/NAME_ape.s -> an APE file wrapping the assembled program.
$(GUEST)/asm/%_ape: tests/asm/%_ape.s $(ASM_INCS) $(GUEST)/mkape
	@mkdir -p $(@D)
	$(X86_AS) --64 -I tests/asm -o $@.o $<
	$(X86_LD) -static -nostdlib -o $@.elf $@.o
	$(GUEST)/mkape $@.elf $@
	@rm -f $@.o $@.elf

# tests/asm/NAME.bin.s -> raw code for 0x400000.
$(GUEST)/asm/%.bin: tests/asm/%.bin.s $(ASM_INCS)
	@mkdir -p $(@D)
	$(X86_AS) --64 -I tests/asm -o $@.o $<
	$(X86_LD) -static -nostdlib -Ttext=0x400000 --oformat binary -o $@ $@.o
	@rm -f $@.o
