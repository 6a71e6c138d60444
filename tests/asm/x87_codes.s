# x87 condition codes and formats where the host CPU (an AMD Zen) and the
# SDM part ways or the SDM is silent, each case from preset condition
# codes (FLDENV of the current environment with C3 C2 C1 C0 set):
# FCOMI/FUCOMIP keep C0-C3 (SDM: C1 = 0) but a stack underflow clears C1,
# and with IE unmasked a NaN still makes ZF PF CF "unordered" (SDM: left
# alone); FSTP1 (D9 D8+i) with ST(0) empty reports nothing, clears C1 and
# pops; FPREM with a NaN, an empty register or a denormal with DE
# unmasked clears C2 and C1 and keeps C0 and C3; FSIN and FPTAN clear C2
# on a stack underflow or overflow; 66 with REX.W on FNSTENV and FLDENV
# is the 28-byte format. Each line is x87_dump2, EFLAGS or the first 12
# bytes of an image. Expected output from the host CPU (x87_codes.stdout).
# EXPECT-STATUS: 0
# NATIVE-VENDOR: AuthenticAMD
	.include "macros.inc"
	.globl _start

# The condition codes C3 C2 C1 C0 set, all else (TOP too) as it was.
.macro CODES
	fnstenv env(%rip)
	orw $0x4700, env+4(%rip)
	fldenv env(%rip)
.endm
.macro CW cw
	movw $\cw, env(%rip)
	fldcw env(%rip)
.endm
.macro D
	call x87_dump2
.endm
# EFLAGS (ZF PF CF and the others FCOMI clears).
.macro EFL
	pushfq
	pop %rdi
	and $0x8d5, %edi
	call put_hex64
	mov $'\n', %edi
	call put_char
.endm
# ZF PF CF clear before a compare.
.macro ORDERED
	mov $1, %eax
	test %eax, %eax
.endm

_start:
	# FCOMI, FCOMIP, FUCOMI, FUCOMIP with ST(1): C0-C3 as they were.
	.irp op, 0xdbf1, 0xdff1, 0xdbe9, 0xdfe9
	fninit
	fldt two(%rip)
	fld1
	CODES
	ORDERED
	.byte \op >> 8, \op & 0xff
	EFL
	D
	.endr
	# ... with ST(1) empty: underflow, C1 cleared.
	fninit
	fld1
	CODES
	ORDERED
	fcomi %st(1), %st
	EFL
	D
	# ... with a QNaN and IE unmasked: unordered all the same.
	.irp op, 0xdbf1, 0xdff1
	fninit
	CW 0x037e
	fldt two(%rip)
	fldt qnan(%rip)
	ORDERED
	.byte \op >> 8, \op & 0xff
	EFL
	D
	.endr

	# FSTP1 ST(1) with ST(0) empty, then with ST(0) valid.
	fninit
	fld1
	fldt two(%rip)
	ffree %st(0)
	CODES
	.byte 0xd9, 0xd9
	D
	fninit
	fld1
	fldt two(%rip)
	CODES
	.byte 0xd9, 0xd9
	D

	# FPREM, FPREM1: a QNaN, an empty ST(1), a denormal with DE unmasked.
	.irp op, 0xd9f8, 0xd9f5
	fninit
	fldt two(%rip)
	fldt qnan(%rip)
	CODES
	.byte \op >> 8, \op & 0xff
	D
	fninit
	fldt two(%rip)
	CODES
	.byte \op >> 8, \op & 0xff
	D
	fninit
	CW 0x037d
	fldt den(%rip)
	fldt two(%rip)
	CODES
	.byte \op >> 8, \op & 0xff
	D
	.endr

	# FSIN, FCOS, FSINCOS, FPTAN on an empty stack; FSINCOS and FPTAN on
	# a full one.
	.irp op, 0xd9fe, 0xd9ff, 0xd9fb, 0xd9f2
	fninit
	CODES
	.byte \op >> 8, \op & 0xff
	D
	.endr
	.irp op, 0xd9fb, 0xd9f2
	fninit
	.rept 8
	fld1
	.endr
	CODES
	.byte \op >> 8, \op & 0xff
	D
	.endr

	# 66 REX.W FNSTENV: 28 bytes (FCW, FSW, FTW as dwords first).
	fninit
	fld1
	lea out(%rip), %rdi
	mov $-1, %rax
	mov %rax, (%rdi)
	mov %rax, 8(%rdi)
	.byte 0x66, 0x48, 0xd9, 0x37	# fnstenv (%rdi)
	mov %rdi, %rsi
	mov $12, %ecx
	call x87_mem
	# 66 REX.W FLDENV of a 28-byte image: FCW 0x0c7f, FSW 0x4100.
	lea img(%rip), %rdi
	.byte 0x66, 0x48, 0xd9, 0x27	# fldenv (%rdi)
	lea env(%rip), %rdi
	fnstenv (%rdi)
	mov %rdi, %rsi
	mov $12, %ecx
	call x87_mem
	xor %edi, %edi
	call exit

	.include "lib.inc"
	.include "x87_show.inc"

	.data
	.balign 16
env:	.space 32
out:	.space 32
img:	.long 0xffff0c7f, 0xffff4100, 0xffffffff, 0, 0, 0, 0xffff0000
	.section .rodata
two:	.byte 0,0,0,0,0,0,0,0x80,0x00,0x40
qnan:	.byte 0,0,0,0,0,0,0,0xc0,0xff,0x7f
den:	.byte 0x01,0,0,0,0,0,0,0x00,0x00,0x00
