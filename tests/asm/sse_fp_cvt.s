# SSE/SSE2 conversions: between binary32 and binary64 (CVTPS2PD CVTPD2PS
# CVTSS2SD CVTSD2SS), from and to doublewords in XMM lanes (CVTDQ2PS
# CVT(T)PS2DQ CVTDQ2PD CVT(T)PD2DQ), from and to general registers
# (CVTSI2SS/SD and CVT(T)SS2SI/SD2SI, 32 and 64 bits), and the MMX forms
# (CVT(T)PS2PI and CVT(T)PD2PI into MM0, read back through CVTPI2PD and
# CVTPI2PS, and CVTPI2PS/PD from memory). Each vector is converted under
# the four rounding modes (DAZ with one of them) from a register, then
# from memory. Each line: the result and the MXCSR after. Expected output
# from the host CPU (sse_fp_cvt.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.include "ssefp.inc"
	.globl _start

# XX insn, bytes: XMM destination preloaded with the next vector.
.macro XX insn, bytes=16
	lea csrs(%rip), %r14
	.rept 4
	movaps 16(%r12), %xmm0
	movaps (%r12), %xmm1
	UNDER \insn %xmm1, %xmm0
	SHOWXM xmm0
	add $4, %r14
	.endr
	lea csrs(%rip), %r14
	movaps 16(%r12), %xmm2
	.if \bytes == 16
	UNDER \insn (%r12), %xmm2
	.else
	movdqu (%r12), %xmm3
	movdqu %xmm3, mis+\bytes-1(%rip)
	UNDER \insn mis+\bytes-1(%rip), %xmm2
	.endif
	SHOWXM xmm2
.endm

# XR insn, reg, bytes: to a general register (all ones before).
.macro XR insn, reg, bytes
	lea csrs(%rip), %r14
	.rept 4
	movaps (%r12), %xmm1
	mov $-1, %rax
	UNDER \insn %xmm1, \reg
	call show_rax
	add $4, %r14
	.endr
	lea csrs(%rip), %r14
	mov $-1, %rax
	UNDER \insn \bytes(%r12), \reg
	call show_rax
.endm

# RX insn, reg, bytes: from a general register (the vector's low bits)
# and from memory.
.macro RX insn, reg, mem
	lea csrs(%rip), %r14
	.rept 4
	movaps 16(%r12), %xmm0
	mov (%r12), %rax
	UNDER \insn \reg, %xmm0
	SHOWXM xmm0
	add $4, %r14
	.endr
	lea csrs(%rip), %r14
	movaps 16(%r12), %xmm0
	UNDER \insn 8(%r12), %xmm0
	SHOWXM xmm0
.endm

# MM to, back: into MM0 and back into an XMM register.
.macro MM to, back, bytes=16
	lea csrs(%rip), %r14
	.rept 4
	movaps (%r12), %xmm1
	UNDER \to %xmm1, %mm0
	movaps 16(%r12), %xmm0
	UNDER \back %mm0, %xmm0
	SHOWXM xmm0
	add $4, %r14
	.endr
	lea csrs(%rip), %r14
	UNDER \to (%r12), %mm1
	movaps 16(%r12), %xmm0
	UNDER \back %mm1, %xmm0
	SHOWXM xmm0
.endm

_start:
	lea vectors(%rip), %r12
	mov $10, %r13d
next:	.irp op, cvtps2pd,cvtdq2pd
	XX \op, 8
	.endr
	.irp op, cvtpd2ps,cvtdq2ps,cvtps2dq,cvttps2dq,cvtpd2dq,cvttpd2dq
	XX \op
	.endr
	XX cvtss2sd, 4
	XX cvtsd2ss, 8
	XR cvtss2si, %eax, 4
	XR cvtss2si, %rax, 4
	XR cvttss2si, %eax, 8
	XR cvttss2si, %rax, 8
	XR cvtsd2si, %eax, 8
	XR cvtsd2si, %rax, 8
	XR cvttsd2si, %eax, 0
	XR cvttsd2si, %rax, 0
	RX cvtsi2ssl, %eax
	RX cvtsi2ssq, %rax
	RX cvtsi2sdl, %eax
	RX cvtsi2sdq, %rax
	MM cvtps2pi, cvtpi2pd
	MM cvttps2pi, cvtpi2ps
	MM cvtpd2pi, cvtpi2ps
	MM cvttpd2pi, cvtpi2pd
	lea csrs(%rip), %r14
	movaps 16(%r12), %xmm0
	UNDER cvtpi2ps 4(%r12), %xmm0
	SHOWXM xmm0
	movaps 16(%r12), %xmm0
	UNDER cvtpi2pd 4(%r12), %xmm0
	SHOWXM xmm0
	add $16, %r12
	dec %r13d
	jnz next
	xor %edi, %edi
	call exit

show_rax:
	mov %rax, %rdi
	call put_hex64
	jmp put_mxcsr

	.section .rodata
	.balign 4
csrs:	.long 0x1f80, 0x3f80, 0x5fc0, 0x7f80
	.balign 16
vectors:
	.long 0x3fc00000, 0xc0200000, 0x4effffff, 0x4f000000
	.long 0xcf000000, 0x7fc00000, 0x3effffff, 0xbf000000
	.long 0x7f800000, 0xff800000, 0x00000001, 0x40600000
	.long 0x5f000000, 0x5effffff, 0xdf000000, 0x80000001
	.long 0x7fffffff, 0x80000000, 0x01000001, 0xffffffff
	.quad 0x4004000000000000, 0xc00c000000000000
	.quad 0x41dfffffffe00000, 0xc1e0000000100000
	.quad 0x43e0000000000000, 0xc3e0000000000000
	.quad 0x7ff8000000000000, 0x0000000000000001
	.quad 0x3fdfffffffffffff, 0xbfe0000000000001
	.quad 0x7e37e43c8800759c, 0x3810000000000000
	.quad 0x7fffffffffffffff, 0x8000000000000000
	.quad 0x0020000000000001, 0xfffffffffffffffd
	.data
mis:	.space 32
	.text
	.include "lib.inc"
	.include "ssefp_lib.inc"
