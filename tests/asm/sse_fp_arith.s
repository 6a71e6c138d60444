# SSE/SSE2 floating-point arithmetic: ADD, SUB, MUL, DIV, MIN, MAX, SQRT
# in PS, PD, SS and SD forms, over operand pairs with zeros, denormals,
# infinities, QNaNs, SNaNs, the ends of the range and halfway cases,
# under four MXCSR settings (each rounding mode, FTZ, DAZ) with a
# register source, and with an m128 (aligned) or m32/m64 (misaligned)
# source under the default. Each line: the result and the MXCSR after.
# Expected output from the host CPU (sse_fp_arith.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.include "ssefp.inc"
	.globl _start

# OP insn, size: the op with a register source under each MXCSR, then a
# memory source (m128, or a scalar 4 bytes into the buffer) under the
# first.
.macro OP insn, scalar=0
	lea csrs(%rip), %r14
	.rept 4
	movaps (%r12), %xmm0
	movaps 16(%r12), %xmm1
	UNDER \insn %xmm1, %xmm0
	SHOWXM xmm0
	add $4, %r14
	.endr
	lea csrs(%rip), %r14
	movaps (%r12), %xmm2
	.if \scalar
	movdqu 16(%r12), %xmm3
	movdqu %xmm3, mis+4(%rip)
	UNDER \insn mis+4(%rip), %xmm2
	.else
	UNDER \insn 16(%r12), %xmm2
	.endif
	SHOWXM xmm2
.endm

_start:
	lea pairs(%rip), %r12
	mov $9, %r13d
next:	.irp op, addps,addpd,subps,subpd,mulps,mulpd,divps,divpd
	OP \op
	.endr
	.irp op, minps,minpd,maxps,maxpd,sqrtps,sqrtpd
	OP \op
	.endr
	.irp op, addss,addsd,subss,subsd,mulss,mulsd,divss,divsd
	OP \op, 1
	.endr
	.irp op, minss,minsd,maxss,maxsd,sqrtss,sqrtsd
	OP \op, 1
	.endr
	add $32, %r12
	dec %r13d
	jnz next
	xor %edi, %edi
	call exit

	.section .rodata
	.balign 4
csrs:	.long 0x1f80, 0x3fc0, 0xdf80, 0x7fc0
	.balign 16
pairs:	# binary32 lanes
	.long 0x3f800000, 0xc0200000, 0x7f61b1e6, 0x006ce3ee
	.long 0x40400000, 0x3dcccccd, 0x7f61b1e6, 0x800ae398
	.long 0x00000000, 0x80000000, 0x7f800000, 0x7fc00001
	.long 0x80000000, 0x80000000, 0xff800000, 0x7f800001
	.long 0xff800005, 0x00000001, 0x7f7fffff, 0x00800000
	.long 0x7fc12345, 0x3f000000, 0x7f7fffff, 0x3f7fffff
	.long 0xbf800000, 0x40000000, 0x41800000, 0x3f800001
	.long 0x00000000, 0x80000000, 0x00400000, 0x33800000
	# binary64 lanes
	.quad 0x3ff0000000000000, 0xbfb999999999999a
	.quad 0x4008000000000000, 0x000012688b70e62b
	.quad 0x7fefffffffffffff, 0x0010000000000000
	.quad 0x7fefffffffffffff, 0xbfe0000000000000
	.quad 0x7ff0000000000000, 0x7ff8000000000001
	.quad 0xfff0000000000000, 0x7ff0000000000001
	.quad 0x3ff0000000000001, 0x8000000000000000
	.quad 0x3ca0000000000000, 0x0000000000000000
	.quad 0x0008000000000000, 0x001fffffffffffff
	.quad 0x3fe0000000000000, 0x3fe0000000000001
	.data
mis:	.space 24
	.text
	.include "lib.inc"
	.include "ssefp_lib.inc"
