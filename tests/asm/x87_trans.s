# x87 transcendentals on arguments whose results the host CPU rounds
# correctly (fpu80 is correctly rounded; CPUs may differ by an ulp near a
# rounding boundary, so the inputs here are picked away from them): FSIN,
# FCOS, FSINCOS, FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1, with C2 for an
# argument out of range, and the exact cases (zeros, logs of powers of
# two). Each line is x87_dump2. Expected output from the host CPU
# (x87_trans.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

.macro ONE op, a
	fninit
	fldt \a(%rip)
	\op
	call x87_dump2
.endm
.macro TWO op, y, x
	fninit
	fldt \y(%rip)
	fldt \x(%rip)
	\op
	call x87_dump2
.endm

_start:
	ONE fsin, one
	ONE fcos, one
	ONE fsincos, one
	.irp a, zero, half, two, mthree, ten, big, huge
	ONE fsin, \a
	ONE fcos, \a
	ONE fsincos, \a
	ONE fptan, \a
	.endr
	.irp a, zero, half, mhalf, one, quarter
	ONE f2xm1, \a
	.endr
	.irp x, one, two, eight, half, three
	TWO fyl2x, three, \x
	.endr
	TWO fyl2x, one, zero
	TWO fyl2x, one, mthree
	.irp x, zero, quarter
	TWO fyl2xp1, three, \x
	.endr
	.irp y, one, zero, mthree, half
	TWO fpatan, \y, one
	TWO fpatan, \y, mthree
	.endr
	TWO fpatan, zero, zero
	xor %edi, %edi
	call exit

	.include "lib.inc"
	.include "x87_show.inc"

	.section .rodata
zero:	.byte 0,0,0,0,0,0,0,0,0,0
half:	.byte 0,0,0,0,0,0,0,0x80,0xfe,0x3f
mhalf:	.byte 0,0,0,0,0,0,0,0x80,0xfe,0xbf
quarter: .byte 0,0,0,0,0,0,0,0x80,0xfd,0x3f
one:	.byte 0,0,0,0,0,0,0,0x80,0xff,0x3f
two:	.byte 0,0,0,0,0,0,0,0x80,0x00,0x40
three:	.byte 0,0,0,0,0,0,0,0xc0,0x00,0x40
mthree:	.byte 0,0,0,0,0,0,0,0xc0,0x00,0xc0
eight:	.byte 0,0,0,0,0,0,0,0x80,0x02,0x40
ten:	.byte 0,0,0,0,0,0,0,0xa0,0x02,0x40
big:	.byte 0,0,0,0,0,0,0,0x80,0x20,0x40
huge:	.byte 0,0,0,0,0,0,0,0x80,0x3e,0x40
