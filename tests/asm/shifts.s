# SHL SHR SAR at 8 (AL and AH), 16, 32 and 64 bits, by an
# immediate, by 1 and by CL, register and memory destinations, over edge
# values with CF clear and set going in: prints each full 64-bit result and
# the flags the SDM defines for that count (AF is undefined for any shift,
# OF for counts above 1, CF of SHL/SHR for counts >= the width, which these
# cases avoid; a count of 0 changes nothing). SHLD and SHRD at 16, 32 and
# 64 bits likewise (rotates: rotates.s). Expected output from the host
# CPU.
# EXPECT-STATUS: 0
	.globl _start
	.include "show.inc"
	.include "shift.inc"

.macro SHIFT op, tag, reg, sfx, w
	SH \op, \tag, \reg, 0, 0x8d5
	SH \op, \tag, \reg, 1, 0x8c5
	SH \op, \tag, \reg, 3, 0x0c5
	SH \op, \tag, \reg, (\w-1), 0x0c5
	SHCL \op, \tag, \reg, 2, 0x0c5
	SHCL \op, \tag, \reg, 34, 0x0c5	# masked to 2 below 64 bits
	SHM \op, \tag, \sfx, 5, 0x0c5
.endm

# SHLD/SHRD: rax = value, rbx = the filling source.
.macro DSH op, tag, ra, rb, count, mask
	mov %r12, %rax
	mov %r14, %rbx
	push %r13
	popfq
	\op $\count, %\rb, %\ra
	REPORT \tag, \mask
.endm

.macro DSHCL op, tag, ra, rb, count, mask
	mov %r12, %rax
	mov %r14, %rbx
	mov $\count, %ecx
	push %r13
	popfq
	\op %cl, %\rb, %\ra
	REPORT \tag, \mask
.endm

.macro DOUBLE ra, rb, w
	DSH shld, 'd', \ra, \rb, 0, 0x8d5
	DSH shld, 'd', \ra, \rb, 1, 0x8c5
	DSH shld, 'd', \ra, \rb, 7, 0x0c5
	DSH shld, 'd', \ra, \rb, (\w-1), 0x0c5
	DSHCL shld, 'd', \ra, \rb, 12, 0x0c5
	DSH shrd, 'e', \ra, \rb, 0, 0x8d5
	DSH shrd, 'e', \ra, \rb, 1, 0x8c5
	DSH shrd, 'e', \ra, \rb, 7, 0x0c5
	DSH shrd, 'e', \ra, \rb, (\w-1), 0x0c5
	DSHCL shrd, 'e', \ra, \rb, 12, 0x0c5
.endm

.macro SIZE reg, sfx, w
	SHIFT shl, 'L', \reg, \sfx, \w
	SHIFT shr, 'R', \reg, \sfx, \w
	SHIFT sar, 'A', \reg, \sfx, \w
.endm

	SHIFT_MAIN

all:	SIZE al, b, 8
	SIZE ah, b, 8
	SIZE ax, w, 16
	SIZE eax, l, 32
	SIZE rax, q, 64
	DOUBLE ax, bx, 16
	DOUBLE eax, ebx, 32
	DOUBLE rax, rbx, 64
	ret

	.include "lib.inc"
