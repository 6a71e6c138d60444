# x87 loads and stores: FST/FSTP m32fp and m64fp, FSTP m80fp, FIST/FISTP
# and FISTTP to m16/m32/m64, FBSTP, each of a list of values under the
# four rounding controls (the stored bytes and FSW); FLD m32/m64/m80, FILD
# m16/m32/m64 and FBLD of edge encodings; the seven constants under each
# rounding control. Expected output from the host CPU
# (x87_loadstore.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

# One store of (%rbx) under the control word at (%r12): prints the
# stored bytes (as a 64-bit number; FBSTP and FSTP m80 two) and FSW.
.macro STORE insn, wide=0
	fninit
	fldcw (%r12)
	movq $-1, buf(%rip)
	movq $-1, buf+8(%rip)
	fldt (%rbx)
	\insn buf(%rip)
	.if \wide
	movzwl buf+8(%rip), %edi
	call put_hex64
	.endif
	mov buf(%rip), %rdi
	call put_hex64
	mov $' ', %edi
	call put_char
	fnstsw %ax
	movzwl %ax, %edi
	call put_hex64
	mov $'\n', %edi
	call put_char
.endm

.macro LOAD insn, mem
	fninit
	\insn \mem(%rip)
	call x87_dump2
.endm

_start:
	lea cws(%rip), %r12
modes:	lea values(%rip), %rbx
1:	STORE fsts
	STORE fstl
	STORE fstpt, 1
	STORE fists
	STORE fistl
	STORE fistpll
	STORE fisttps
	STORE fisttpl
	STORE fisttpll
	STORE fbstp, 1
	mov $'\n', %edi
	call put_char
	add $10, %rbx
	lea values_end(%rip), %rax
	cmp %rax, %rbx
	jne 1b
	fninit
	fldcw (%r12)
	fld1
	fldl2t
	fldl2e
	fldpi
	fldlg2
	fldln2
	fldz
	call x87_dump
	add $2, %r12
	cmpw $0, (%r12)
	jne modes

	.irp m, f32a, f32b, f32c, f32d, f32e, f32f, f32g
	LOAD flds, \m
	.endr
	.irp m, f64a, f64b, f64c, f64d, f64e, f64f
	LOAD fldl, \m
	.endr
	.irp m, t80a, t80b, t80c, t80d
	LOAD fldt, \m
	.endr
	.irp m, i16a, i16b
	LOAD filds, \m
	.endr
	.irp m, i32a, i32b
	LOAD fildl, \m
	.endr
	.irp m, i64a, i64b, i64c
	LOAD fildll, \m
	.endr
	.irp m, bcda, bcdb, bcdc, bcdd
	LOAD fbld, \m
	.endr
	# FST and FSTP to registers, FLD ST(i).
	fninit
	fld1
	fldpi
	fldz
	fst %st(2)
	fstp %st(1)
	fld %st(1)
	call x87_dump

	xor %edi, %edi
	call exit

	.include "lib.inc"
	.include "x87_show.inc"

	.data
	.balign 16
buf:	.space 16
	.section .rodata
cws:	.short 0x037f, 0x077f, 0x0b7f, 0x0f7f, 0
	.balign 16
values:
	.byte 0x35,0xc2,0x68,0x21,0xa2,0xda,0x0f,0xc9,0x00,0x40	# pi
	.byte 0x35,0xc2,0x68,0x21,0xa2,0xda,0x0f,0xc9,0x00,0xc0	# -pi
	.byte 0,0,0,0,0,0,0,0xa0,0x00,0x40	# 2.5
	.byte 0,0,0,0,0,0,0,0xa0,0x00,0xc0	# -2.5
	.byte 0,0,0,0,0,0,0,0x80,0xfe,0x3f	# 0.5
	.byte 0,0,0,0,0,0,0,0xff,0x0d,0x40	# 32767.5
	.byte 0,0,0,0,0,0,0x80,0x80,0x0e,0xc0	# -32768.5
	.byte 0,0,0,0,0,0,0,0x80,0x1e,0x40	# 2^31
	.byte 0,0,0,0,0,0,0,0x80,0x1e,0xc0	# -2^31
	.byte 0,0,0,0,0,0,0,0x80,0x3e,0xc0	# -2^63
	.byte 0,0,0,0,0,0,0,0x80,0x3e,0x40	# 2^63
	.byte 0xff,0xff,0xf3,0xa0,0x63,0xa7,0xb6,0xde,0x3a,0x40	# 10^18 - 1 (near)
	.byte 0x00,0x00,0x64,0xa7,0xb3,0xb6,0xe0,0x0d,0x3b,0x40	# ~10^18
	.byte 0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xfe,0x7f	# max
	.byte 0x01,0,0,0,0,0,0,0x80,0x01,0x00	# min normal
	.byte 0x01,0,0,0,0,0,0,0x00,0x00,0x80	# -denormal
	.byte 0x01,0,0,0,0,0x10,0,0x80,0x81,0x3f	# f32 halfway-ish
	.byte 0,0,0,0,0,0,0,0x80,0xff,0xff	# -inf
	.byte 0,0,0,0,0,0,0,0xc0,0xff,0x7f	# qnan
	.byte 1,0,0,0,0,0,0,0x80,0xff,0x7f	# snan
	.byte 0,0,0,0,0,0,0,0,0,0x80		# -0
values_end:
f32a:	.long 0x00000001
f32b:	.long 0x807fffff
f32c:	.long 0x7f800001
f32d:	.long 0xffc00000
f32e:	.long 0x7f800000
f32f:	.long 0x3f800000
f32g:	.long 0x80000000
	.balign 8
f64a:	.quad 0x0000000000000001
f64b:	.quad 0x7ff0000000000001
f64c:	.quad 0xfff8000000000000
f64d:	.quad 0x3ff0000000000000
f64e:	.quad 0x800fffffffffffff
f64f:	.quad 0x7fefffffffffffff
t80a:	.byte 1,0,0,0,0,0,0,0x00,0x01,0x40	# unnormal
t80b:	.byte 1,0,0,0,0,0,0,0x80,0x00,0x00	# pseudo-denormal
t80c:	.byte 1,0,0,0,0,0,0,0x00,0xff,0x7f	# pseudo-nan
t80d:	.byte 1,0,0,0,0,0,0,0x80,0xff,0x7f	# snan: loaded as is
i16a:	.short -32768
i16b:	.short 12345
i32a:	.long -2147483648
i32b:	.long 0
i64a:	.quad -9223372036854775808
i64b:	.quad 0x7fffffffffffffff
i64c:	.quad 1
bcda:	.byte 0x99,0x99,0x99,0x99,0x99,0x99,0x99,0x99,0x99,0x80
bcdb:	.byte 0x21,0x43,0x65,0x87,0x09,0,0,0,0,0
bcdc:	.byte 0,0,0,0,0,0,0,0,0,0x80
bcdd:	.byte 0xfa,0xbc,0,0,0,0,0,0,0,0x7f
