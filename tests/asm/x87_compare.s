# x87 compares: FCOM/FCOMP/FCOMPP, FUCOM/FUCOMP/FUCOMPP, FICOM/FICOMP,
# FCOM m32/m64, FTST, FCOMI/FCOMIP/FUCOMI/FUCOMIP (EFLAGS), and FXAM on
# every class (empty included) with both signs, over pairs of ordered,
# equal, unordered (QNaN and SNaN) and denormal operands. Each line is
# x87_dump2 (FSW carries C0-C3 and the flags), with EFLAGS for the FCOMI
# forms. Expected output from the host CPU (x87_compare.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.include "show.inc"
	.globl _start

.macro PAIR a, b
	fninit
	fldt \a(%rip)
	fldt \b(%rip)
.endm

# EFLAGS (ZF PF CF and the others FCOMI clears), then the x87 state.
.macro EFL
	pushfq
	pop %rdi
	and $0x8d5, %edi
	call put_hex64
	mov $' ', %edi
	call put_char
	call x87_dump2
.endm

_start:
	lea pairs(%rip), %rbx
1:	mov %rbx, %r13
	add $10, %r13
	# fcom, fcomp, fcompp, fucom, fucomp, fucompp (with ST(1))
	.irp op, 0xd8d1, 0xd8d9, 0xded9, 0xdde1, 0xdde9, 0xdae9
	fninit
	fldt (%r13)
	fldt (%rbx)
	.byte \op >> 8, \op & 0xff
	call x87_dump2
	.endr
	# fcomi, fcomip, fucomi, fucomip (with ST(1))
	.irp op, 0xdbf1, 0xdff1, 0xdbe9, 0xdfe9
	fninit
	fldt (%r13)
	fldt (%rbx)
	stc
	.byte \op >> 8, \op & 0xff
	EFL
	fninit
	fldt (%r13)
	fldt (%rbx)
	xor %eax, %eax		# clears CF, sets ZF and PF
	.byte \op >> 8, \op & 0xff
	EFL
	.endr
	fninit
	fldt (%rbx)
	ftst
	call x87_dump2
	fxam
	call x87_dump2
	fchs
	fxam
	call x87_dump2
	add $20, %rbx
	lea pairs_end(%rip), %rax
	cmp %rax, %rbx
	jb 1b

	# Memory operands.
	.irp m, f32one, f32den, f32nan, f32snan
	PAIR one, one
	fcoms \m(%rip)
	call x87_dump2
	PAIR one, one
	fcomps \m(%rip)
	call x87_dump2
	.endr
	.irp m, f64one, f64two
	PAIR one, one
	fcoml \m(%rip)
	call x87_dump2
	PAIR one, one
	fcompl \m(%rip)
	call x87_dump2
	.endr
	.irp m, i16, i32
	PAIR one, one
	ficoms \m(%rip)
	call x87_dump2
	PAIR one, one
	ficompl \m(%rip)
	call x87_dump2
	.endr
	# Aliases: DC D0+i, DC D8+i, DE D0+i.
	.irp b, 0xd1, 0xd9
	PAIR one, two
	.byte 0xdc, \b
	call x87_dump2
	.endr
	PAIR one, two
	.byte 0xde, 0xd1
	call x87_dump2
	# FXAM of an empty register (stale sign in C1) and of odd encodings.
	fninit
	fxam
	call x87_dump2
	fldt mone(%rip)
	ffree %st(0)
	fxam
	call x87_dump2
	.irp m, unnormal, pdenorm, pnan, pinf
	fninit
	fldt \m(%rip)
	fxam
	call x87_dump2
	.endr
	xor %edi, %edi
	call exit

	.include "lib.inc"
	.include "x87_show.inc"

	.section .rodata
	.balign 16
one:	.byte 0,0,0,0,0,0,0,0x80,0xff,0x3f
two:	.byte 0,0,0,0,0,0,0,0x80,0x00,0x40
mone:	.byte 0,0,0,0,0,0,0,0x80,0xff,0xbf
unnormal: .byte 1,0,0,0,0,0,0,0x00,0x01,0x40
pdenorm: .byte 1,0,0,0,0,0,0,0x80,0x00,0x00
pnan:	.byte 1,0,0,0,0,0,0,0x00,0xff,0x7f
pinf:	.byte 0,0,0,0,0,0,0,0x00,0xff,0x7f
# Pairs (ST(0), ST(1)).
pairs:	.byte 0,0,0,0,0,0,0,0x80,0xff,0x3f, 0,0,0,0,0,0,0,0x80,0x00,0x40	# 1, 2
	.byte 0,0,0,0,0,0,0,0x80,0x00,0x40, 0,0,0,0,0,0,0,0x80,0xff,0x3f	# 2, 1
	.byte 0,0,0,0,0,0,0,0x80,0x00,0x40, 0,0,0,0,0,0,0,0x80,0x00,0x40	# 2, 2
	.byte 0,0,0,0,0,0,0,0,0,0x80, 0,0,0,0,0,0,0,0,0,0		# -0, +0
	.byte 0,0,0,0,0,0,0,0xc0,0xff,0x7f, 0,0,0,0,0,0,0,0x80,0x00,0x40	# qnan, 2
	.byte 0,0,0,0,0,0,0,0x80,0x00,0x40, 1,0,0,0,0,0,0,0x80,0xff,0x7f	# 2, snan
	.byte 1,0,0,0,0,0,0,0,0,0x80, 0,0,0,0,0,0,0,0x80,0x00,0x40	# -denormal, 2
	.byte 0,0,0,0,0,0,0,0x80,0xff,0xff, 0,0,0,0,0,0,0,0x80,0xff,0x7f	# -inf, inf
	.byte 0,0,0,0,0,0,0,0x80,0xff,0x7f, 0,0,0,0,0,0,0,0x80,0xff,0x7f	# inf, inf
	.byte 0,0,0,0,0,0,0,0x80,0x3e,0xc0, 0,0,0,0,0,0,0,0xc0,0xff,0xff	# -2^63, -qnan
pairs_end:
f32one:	.long 0x3f800000
f32den:	.long 0x00000010
f32nan:	.long 0x7fc00000
f32snan: .long 0x7f800001
	.balign 8
f64one:	.quad 0x3ff0000000000000
f64two:	.quad 0x4000000000000000
i16:	.short 1
	.balign 4
i32:	.long 2
