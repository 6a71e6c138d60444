# The x87 register stack: underflow (an empty operand) and overflow (a
# push onto a full stack) for every kind of instruction, masked (the
# indefinite goes in) and with IE unmasked (nothing changes but FSW; the
# pending exception is never waited on here), tags after FFREE/FFREEP,
# FINCSTP/FDECSTP, FXCH, FCMOVcc under each condition, FNCLEX, and what
# FLDCW keeps of a control word. Each line is x87_dump (all eight
# registers, stale ones included). Expected output from the host CPU
# (x87_stack.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

.macro BEGIN
	fninit
	fldcw (%r12)
.endm

.macro FULL
	BEGIN
	fld1
	fldpi
	fldl2e
	fldl2t
	fldlg2
	fldln2
	fldz
	fld1
.endm

.macro ONE
	BEGIN
	fldpi
.endm

.macro D
	call x87_dump
.endm

_start:
	lea cws(%rip), %r12
modes:
	# Underflow: nothing on the stack, or ST(1) empty.
	BEGIN
	fadd %st(1), %st
	D
	ONE
	fadd %st(1), %st
	D
	ONE
	faddp %st, %st(1)
	D
	ONE
	fld %st(3)
	D
	BEGIN
	fst %st(2)
	D
	ONE
	fxch %st(2)
	D
	ONE
	fcmovb %st(1), %st
	D
	BEGIN
	fsqrt
	D
	BEGIN
	fchs
	D
	BEGIN
	fabs
	D
	BEGIN
	fstps buf(%rip)
	D
	mov $buf, %esi
	mov $10, %ecx
	call x87_mem
	BEGIN
	fistps buf(%rip)
	D
	BEGIN
	fbstp buf(%rip)
	D
	mov $buf, %esi
	mov $10, %ecx
	call x87_mem
	BEGIN
	fstpt buf(%rip)
	D
	BEGIN
	fcom %st(1)
	D
	ONE
	fcompp
	D
	ONE
	fucomip %st(1), %st
	D
	BEGIN
	ftst
	D
	ONE
	fprem
	D
	ONE
	fscale
	D
	ONE
	fyl2x
	D
	ONE
	fpatan
	D
	BEGIN
	fptan
	D
	BEGIN
	fxtract
	D
	BEGIN
	fsincos
	D
	BEGIN
	fsin
	D
	BEGIN
	frndint
	D
	BEGIN
	fadds one32(%rip)
	D
	BEGIN
	ficoms one16(%rip)
	D
	# Overflow: a ninth push.
	FULL
	fld1
	D
	FULL
	fldpi
	D
	FULL
	flds one32(%rip)
	D
	FULL
	fildl one32(%rip)
	D
	FULL
	fld %st(3)
	D
	FULL
	fptan
	D
	FULL
	fxtract
	D
	FULL
	fsincos
	D
	FULL
	fbld bcd(%rip)
	D
	# Tags and TOP (FNCLEX: a fault unmasked above stays pending).
	FULL
	ffree %st(2)
	D
	ffreep %st(3)
	D
	fincstp
	D
	fdecstp
	fdecstp
	D
	fnop
	fxch %st(4)
	D
	fnclex
	fld %st(0)
	D
	fnclex
	add $2, %r12
	cmpw $0, (%r12)
	jne modes

	# FCMOVcc under each condition, EFLAGS from a compare.
	lea cmps(%rip), %rbx
1:	.irp op, fcmovb, fcmove, fcmovbe, fcmovu, fcmovnb, fcmovne, fcmovnbe, fcmovnu
	fninit
	fld1
	fldz
	mov (%rbx), %eax
	cmp 4(%rbx), %eax
	\op %st(1), %st
	call x87_dump2
	.endr
	add $8, %rbx
	lea cmps_end(%rip), %rax
	cmp %rax, %rbx
	jne 1b
	fninit
	fldz
	fld1
	fucomi %st(0), %st	# PF clear
	fldpi
	fucomi %st(0), %st
	fcmovu %st(1), %st
	call x87_dump

	# The aliases: FXCH4 (DD C8+i), FXCH7 (DF C8+i), FSTP1 (D9 D8+i),
	# FSTP8 (DF D0+i), FSTP9 (DF D8+i).
	.irp op, 0xddca, 0xdfcb, 0xd9da, 0xdfd3, 0xdfdc
	fninit
	fld1
	fldpi
	fldl2e
	fldz
	.byte \op >> 8, \op & 0xff
	call x87_dump
	.endr

	# FNCLEX keeps the condition codes; FLDCW of odd words.
	fninit
	fld1
	fldz
	fdivr %st(1), %st
	fsqrt
	fchs
	fsqrt
	fxam
	call x87_status
	fnclex
	call x87_status
	.irp w, 0x0000, 0xffff, 0x1234, 0x0c40
	movw $\w, buf(%rip)
	fldcw buf(%rip)
	fnstcw buf+2(%rip)
	movzwl buf+2(%rip), %edi
	call put_hex64
	mov $'\n', %edi
	call put_char
	.endr
	xor %edi, %edi
	call exit

	.include "lib.inc"
	.include "x87_show.inc"

	.data
	.balign 16
buf:	.space 16
	.section .rodata
cws:	.short 0x037f, 0x037e, 0
one32:	.long 1
one16:	.short 1
bcd:	.byte 1,0,0,0,0,0,0,0,0,0
	.balign 4
cmps:	.long 1, 2, 2, 1, 2, 2, 0, 0x80000000
cmps_end:
