# x87 exceptions with their masks cleared: IE, DE and ZE leave the
# destination and TOP alone (no push, no pop, no store), OE and UE still
# deliver a register result with the exponent biased by 24576 but
# suppress a store to memory, PE changes nothing; FCOMIP sets EFLAGS to
# "unordered" on an unmasked IE all the same (this AMD host; the SDM says
# they are left alone). (FLD m32fp of a denormal with DE unmasked is
# left out: this AMD host pushes it, the SDM says it stops.) Nothing here waits on the pending exception
# (every case starts with FNINIT). Each line is x87_dump2, a memory
# operand, or EFLAGS. Expected output from the host CPU
# (x87_unmasked.stdout).
# EXPECT-STATUS: 0
# NATIVE-VENDOR: AuthenticAMD
	.include "macros.inc"
	.globl _start

.macro BEGIN cw
	fninit
	movw $\cw, buf+32(%rip)
	fldcw buf+32(%rip)
	mov $-1, %rax
	mov %rax, buf(%rip)
	mov %rax, buf+8(%rip)
.endm
.macro D
	call x87_dump2
.endm
.macro MEM
	lea buf(%rip), %rsi
	mov $10, %ecx
	call x87_mem
.endm
.macro EFL
	pushfq
	pop %rdi
	and $0x8d5, %edi
	call put_hex64
	mov $'\n', %edi
	call put_char
.endm

_start:
	.irp cw, 0x037f, 0x037e, 0x037d, 0x037b, 0x0377, 0x036f, 0x035f, 0x0340
	BEGIN \cw
	fldt two(%rip)
	fldt snan(%rip)
	fcom %st(1)
	D
	BEGIN \cw
	fldt two(%rip)
	fldt qnan(%rip)
	fcomp %st(1)
	D
	BEGIN \cw
	fldt two(%rip)
	fldt qnan(%rip)
	stc
	fcomip %st(1), %st
	EFL
	D
	BEGIN \cw
	fldt two(%rip)
	fldz
	fdivrp %st, %st(1)
	D
	BEGIN \cw
	fldt two(%rip)
	fldt den(%rip)
	faddp %st, %st(1)
	D
	BEGIN \cw
	fldt big(%rip)
	fld %st(0)
	fmulp %st, %st(1)
	D
	BEGIN \cw
	fldt tiny(%rip)
	fld %st(0)
	fmulp %st, %st(1)
	D
	BEGIN \cw
	fldt tiny(%rip)
	fldt half(%rip)
	fmulp %st, %st(1)
	D
	BEGIN \cw
	fldt big(%rip)
	fstps buf(%rip)
	D
	MEM
	BEGIN \cw
	fldt tiny(%rip)
	fstpl buf(%rip)
	D
	MEM
	BEGIN \cw
	fldt third(%rip)
	fsts buf(%rip)
	D
	MEM
	BEGIN \cw
	fldt big(%rip)
	fistpl buf(%rip)
	D
	MEM
	BEGIN \cw
	fldt third(%rip)
	fbstp buf(%rip)
	D
	MEM
	BEGIN \cw
	flds f32snan(%rip)
	D
	BEGIN \cw
	fldt mthree(%rip)
	fsqrt
	D
	BEGIN \cw
	fldz
	fxtract
	D
	BEGIN \cw
	fldt two(%rip)
	fldz
	fyl2x
	D
	BEGIN \cw
	fldz
	fldt two(%rip)
	fprem
	D
	BEGIN \cw
	fldt third(%rip)
	fldt two(%rip)
	fadd %st(1), %st
	D
	BEGIN \cw
	fldt third(%rip)
	fsin
	D
	mov $'\n', %edi
	call put_char
	.endr
	xor %edi, %edi
	call exit

	.include "lib.inc"
	.include "x87_show.inc"

	.data
	.balign 16
buf:	.space 48
	.section .rodata
two:	.byte 0,0,0,0,0,0,0,0x80,0x00,0x40
half:	.byte 0,0,0,0,0,0,0,0x80,0xfe,0x3f
mthree:	.byte 0,0,0,0,0,0,0,0xc0,0x00,0xc0
third:	.byte 0xab,0xaa,0xaa,0xaa,0xaa,0xaa,0xaa,0xaa,0xfd,0x3f
big:	.byte 0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xfe,0x7f
tiny:	.byte 0x01,0,0,0,0,0,0,0x80,0x01,0x00
den:	.byte 0x01,0,0,0,0,0,0,0x00,0x00,0x00
qnan:	.byte 0,0,0,0,0,0,0,0xc0,0xff,0x7f
snan:	.byte 1,0,0,0,0,0,0,0x80,0xff,0x7f
f32snan: .long 0x7f800001
