# x87 arithmetic: FADD, FMUL, FSUB, FSUBR, FDIV, FDIVR and FSQRT under
# every rounding and precision control; then, at the default control word,
# every encoding: D8/DC memory (m32fp, m64fp) and DA/DE (m32int, m16int)
# with all eight operations (FCOM/FCOMP included), the register forms of
# D8, DC and DE with each ModRM.reg, and FRNDINT, FSCALE, FXTRACT, FPREM,
# FPREM1, FCHS, FABS. Each line is x87_dump2 (x87_show.inc); the expected
# output comes from the host CPU (x87_arith.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

# Three operands: ST(0) = c, ST(1) = b, ST(2) = a.
.macro LOAD3 a, b, c
	fninit
	fldcw (%r12)
	fldt \a(%rip)
	fldt \b(%rip)
	fldt \c(%rip)
.endm

# An instruction given as an escape and a ModRM byte, with a RIP-relative
# memory operand when mem is given.
.macro ESC esc, r, mem
	.byte \esc, 0x05 | (\r << 3)
	.long \mem - (. + 4)
.endm

_start:
	lea cws(%rip), %r12
modes:	.irp op, 0xc1, 0xc9, 0xe1, 0xe9, 0xf1, 0xf9
	LOAD3 third, pi, three
	.byte 0xd8, \op
	call x87_dump2
	LOAD3 tiny, big, seven
	.byte 0xd8, \op
	call x87_dump2
	.endr
	LOAD3 third, pi, three
	fsqrt
	call x87_dump2
	LOAD3 third, pi, two
	fsqrt
	call x87_dump2
	LOAD3 third, pi, halfodd
	frndint
	call x87_dump2
	LOAD3 third, pi, three
	ESC 0xdc, 0, tenth
	call x87_dump2
	LOAD3 third, pi, three
	ESC 0xdc, 7, tenth
	call x87_dump2
	LOAD3 third, pi, three
	ESC 0xd8, 1, f32tenth
	call x87_dump2
	add $2, %r12
	cmpw $0, (%r12)
	jne modes

	# Every encoding at the default control word.
	lea cws(%rip), %r12
	.irp r, 0,1,2,3,4,5,6,7
	LOAD3 third, pi, three
	ESC 0xd8, \r, f32tenth
	call x87_dump2
	LOAD3 third, pi, three
	ESC 0xdc, \r, tenth
	call x87_dump2
	LOAD3 third, pi, three
	ESC 0xda, \r, i32
	call x87_dump2
	LOAD3 third, pi, three
	ESC 0xde, \r, i16
	call x87_dump2
	LOAD3 third, pi, pi
	ESC 0xdc, \r, tenth
	call x87_dump2
	LOAD3 third, pi, three
	.byte 0xd8, 0xc2 | (\r << 3)
	call x87_dump2
	LOAD3 third, pi, three
	.byte 0xdc, 0xc2 | (\r << 3)
	call x87_dump
	LOAD3 third, pi, three
	.if \r == 3
	.byte 0xde, 0xd9	# FCOMPP
	.else
	.byte 0xde, 0xc2 | (\r << 3)
	.endif
	call x87_dump
	.endr
	.irp r, 0,1,4,5,6,7
	LOAD3 third, pi, three
	.byte 0xdc, 0xc0 | (\r << 3)
	call x87_dump2
	LOAD3 third, pi, three
	.byte 0xde, 0xc1 | (\r << 3)
	call x87_dump2
	.endr
	# Denormal and special memory operands.
	.irp m, f32den, f32inf, f32snan, f32zero
	LOAD3 third, pi, three
	ESC 0xd8, 0, \m
	call x87_dump2
	LOAD3 third, pi, three
	ESC 0xd8, 7, \m
	call x87_dump2
	LOAD3 third, pi, three
	ESC 0xd8, 2, \m
	call x87_dump2
	.endr
	LOAD3 third, three, big
	fscale
	call x87_dump2
	LOAD3 third, mthree, big
	fscale
	call x87_dump2
	LOAD3 third, three, pi
	fxtract
	call x87_dump
	LOAD3 third, zero, zero
	fxtract
	call x87_dump
	LOAD3 third, three, big
	fprem
	call x87_dump2
	LOAD3 third, three, big
	fprem1
	call x87_dump2
	LOAD3 third, three, huge
	fprem
	call x87_dump2
	LOAD3 third, seven, pi
	fprem1
	call x87_dump2
	LOAD3 third, three, pi
	fchs
	call x87_dump2
	fabs
	call x87_dump2
	LOAD3 third, three, mthree
	fabs
	call x87_dump2
	LOAD3 third, three, mthree
	fsqrt
	call x87_dump2
	LOAD3 third, zero, seven
	fdiv %st(1), %st
	call x87_dump2
	LOAD3 third, zero, zero
	fdiv %st(1), %st
	call x87_dump2
	LOAD3 third, tiny, tiny
	fmul %st(1), %st
	call x87_dump2
	LOAD3 third, big, big
	fmul %st(1), %st
	call x87_dump2
	LOAD3 third, qnan, snan
	fadd %st(1), %st
	call x87_dump2
	LOAD3 third, inf, inf
	fsub %st(1), %st
	call x87_dump2

	xor %edi, %edi
	call exit

	.include "lib.inc"
	.include "x87_show.inc"

	.section .rodata
	.balign 16
# RC 0..3 at PC 64, 53 and 24; then a zero word.
cws:	.short 0x037f, 0x077f, 0x0b7f, 0x0f7f
	.short 0x027f, 0x067f, 0x0a7f, 0x0e7f
	.short 0x007f, 0x047f, 0x087f, 0x0c7f, 0
third:	.byte 0xab,0xaa,0xaa,0xaa,0xaa,0xaa,0xaa,0xaa,0xfd,0x3f
pi:	.byte 0x35,0xc2,0x68,0x21,0xa2,0xda,0x0f,0xc9,0x00,0x40
three:	.byte 0,0,0,0,0,0,0,0xc0,0x00,0x40
mthree:	.byte 0,0,0,0,0,0,0,0xc0,0x00,0xc0
two:	.byte 0,0,0,0,0,0,0,0x80,0x00,0x40
seven:	.byte 0,0,0,0,0,0,0,0xe0,0x01,0x40
halfodd: .byte 0,0,0,0,0,0,0,0xa0,0x00,0x40	# 2.5: a tie
zero:	.byte 0,0,0,0,0,0,0,0,0,0
tiny:	.byte 0x01,0,0,0,0,0,0,0x80,0x01,0x00
big:	.byte 0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xfe,0x7f
huge:	.byte 0x21,0x43,0x65,0x87,0xa9,0xcb,0xed,0xff,0x40,0x40
inf:	.byte 0,0,0,0,0,0,0,0x80,0xff,0x7f
qnan:	.byte 0,0,0,0,0,0,0,0xc0,0xff,0x7f
snan:	.byte 1,0,0,0,0,0,0,0x80,0xff,0x7f
tenth:	.quad 0x3fb999999999999a
f32tenth: .long 0x3dcccccd
f32den:	.long 0x00012345
f32inf:	.long 0xff800000
f32snan: .long 0x7f800001
f32zero: .long 0x80000000
i32:	.long -123456789
i16:	.short -12345
