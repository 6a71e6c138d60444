# RCPPS/RCPSS/RSQRTPS/RSQRTSS on the operands whose results every x86
# gives alike (SDM vol. 2, RCPPS): zeros and denormals (infinities of
# their sign), infinities, QNaNs and SNaNs (quieted), negative numbers
# for RSQRT (the default NaN); from registers and memory, with the MXCSR
# after (no flags). Other results are each CPU's own: tests/ssefp checks
# them. Expected output from the host CPU (sse_fp_rcp.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.include "ssefp.inc"
	.globl _start

.macro RCP insn, scalar=0
	lea csrs(%rip), %r14
	movaps (%r12), %xmm0
	movaps 16(%r12), %xmm1
	UNDER \insn %xmm1, %xmm0
	SHOWXM xmm0
	movaps (%r12), %xmm2
	.if \scalar
	movdqu 16(%r12), %xmm3
	movdqu %xmm3, mis+2(%rip)
	UNDER \insn mis+2(%rip), %xmm2
	.else
	UNDER \insn 16(%r12), %xmm2
	.endif
	SHOWXM xmm2
.endm

_start:
	lea vectors(%rip), %r12
	mov $3, %r13d
next:	RCP rcpps
	RCP rsqrtps
	RCP rcpss, 1
	RCP rsqrtss, 1
	add $16, %r12
	dec %r13d
	jnz next
	xor %edi, %edi
	call exit

	.section .rodata
	.balign 4
csrs:	.long 0x1f80
	.balign 16
vectors:
	.long 0x3f800000, 0x40000000, 0x12345678, 0x3f000000
	.long 0x00000000, 0x80000000, 0x7f800000, 0xff800000
	.long 0x7fc00001, 0x7f800005, 0x00000001, 0x807fffff
	.long 0xff800000, 0xffc12345, 0x80000000, 0x807fffff
	.data
mis:	.space 24
	.text
	.include "lib.inc"
	.include "ssefp_lib.inc"
