# SSE2 packed integer arithmetic, XMM forms, on pairs of 128-bit inputs
# with saturation edges (0x7f/0x80/0xff, 0x7fff/0x8000/0xffff, 0x80000000)
# as register and aligned memory sources: PADDS/PADDUS/PSUBS/PSUBUS B/W,
# PMULLW, PMULHW, PMULHUW, PMULUDQ, PMADDWD, PAVGB/W, PSADBW, PMINSW,
# PMAXSW, PACKSSWB/PACKSSDW/PACKUSWB, and the shifts by XMM count for
# counts 0, size-1, size and past 2^32. Each result register is printed;
# expected output from the host CPU (sse_arith.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

# Binary op, register source then memory source, both orders.
.macro BIN op
	movdqa (%r12), %xmm0
	movdqa 16(%r12), %xmm1
	\op %xmm1, %xmm0
	SHOWX xmm0
	movdqa 16(%r12), %xmm2
	\op (%r12), %xmm2
	SHOWX xmm2
.endm

_start:
	lea pairs(%rip), %r12
	mov $6, %r13d
next:	.irp op, paddsb,paddsw,paddusb,paddusw,psubsb,psubsw,psubusb,psubusw
	BIN \op
	.endr
	.irp op, pmullw,pmulhw,pmulhuw,pmuludq,pmaddwd,pavgb,pavgw,psadbw
	BIN \op
	.endr
	.irp op, pminsw,pmaxsw,packsswb,packssdw,packuswb
	BIN \op
	.endr
	add $32, %r12
	dec %r13d
	jnz next

	lea counts(%rip), %r12
	mov $9, %r13d
1:	.irp op, psrlw,psrld,psrlq,psraw,psrad,psllw,pslld,psllq
	movdqa pairs(%rip), %xmm3
	movq (%r12), %xmm4
	\op %xmm4, %xmm3
	SHOWX xmm3
	.endr
	movdqa pairs+16(%rip), %xmm5
	psraw (%r12), %xmm5         # the whole low quadword counts
	SHOWX xmm5
	add $16, %r12
	dec %r13d
	jnz 1b
	xor %edi, %edi
	call exit

	.data
	.balign 16
pairs:	.quad 0x0123456789abcdef, 0xfedcba9876543210
	.quad 0x7f80ff0001fe8081, 0x8000000000000001
	.quad 0xffffffffffffffff, 0x0000000000000000
	.quad 0x0000000000000001, 0xffffffffffffffff
	.quad 0x8000800080008000, 0x7fff7fff7fff7fff
	.quad 0x8000000080000000, 0x7fffffff00000005
	.quad 0x7f7f7f7f80808080, 0x7fff7fff80008000
	.quad 0x0101010180808080, 0x0001ffff7fff8000
	.quad 0x00ff00fe00010080, 0x8000800180007fff
	.quad 0xff00fe0080017f00, 0x80007fff00008001
	.quad 0x0000ffff7fff8000, 0xfffffffe00000001
	.quad 0x7fff80007fff8000, 0x00007fffffff8001
counts:	.quad 0, 0
	.quad 1, 0
	.quad 7, 0
	.quad 15, 0
	.quad 16, 0
	.quad 31, 0
	.quad 32, 0
	.quad 63, 0
	.quad 0x100000000, 0
out:	.space 16
	.text
	.include "lib.inc"
