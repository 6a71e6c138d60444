# ROL ROR RCL RCR at 8 (AL and AH), 16, 32 and 64 bits, by an immediate, by
# 1 and by CL (above the width: RCL/RCR of bytes and words rotate modulo 9
# and 17), register and memory destinations, over edge values with CF
# clear and set going in: prints each full 64-bit result and the flags the
# SDM defines (OF only for a count of 1; a count of 0 changes nothing; SF,
# ZF, AF and PF never change). Expected output from the host CPU.
# EXPECT-STATUS: 0
	.globl _start
	.include "show.inc"
	.include "shift.inc"

.macro ROTATE op, tag, reg, sfx, w
	SH \op, \tag, \reg, 0, 0x8d5
	SH \op, \tag, \reg, 1, 0x8d5
	SH \op, \tag, \reg, 3, 0x0d5
	SH \op, \tag, \reg, (\w-1), 0x0d5
	SHCL \op, \tag, \reg, 2, 0x0d5
	SHCL \op, \tag, \reg, (\w+32), 0x0d5
	SHM \op, \tag, \sfx, 5, 0x0d5
.endm

.macro SIZE reg, sfx, w
	ROTATE rol, 'l', \reg, \sfx, \w
	ROTATE ror, 'r', \reg, \sfx, \w
	ROTATE rcl, 'c', \reg, \sfx, \w
	ROTATE rcr, 'C', \reg, \sfx, \w
.endm

	SHIFT_MAIN

all:	SIZE al, b, 8
	SIZE ah, b, 8
	SIZE ax, w, 16
	SIZE eax, l, 32
	SIZE rax, q, 64
	ret

	.include "lib.inc"
