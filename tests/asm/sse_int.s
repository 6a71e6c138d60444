# SSE2 packed integer operations on two pairs of 128-bit inputs (register
# and aligned memory sources): PADD/PSUB B/W/D/Q, PCMPEQ/PCMPGT B/W/D,
# PMINUB/PMAXUB, PUNPCKL/H, PSHUFD/PSHUFLW/PSHUFHW, PMOVMSKB, shifts by
# XMM count and by immediate, PSRLDQ/PSLLDQ. Each result register is
# printed; expected output from the host CPU (sse_int.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

# Binary op, register source then memory source.
.macro BIN op
	movdqa (%r12), %xmm0
	movdqa 16(%r12), %xmm1
	\op %xmm1, %xmm0
	SHOWX xmm0
	movdqa 16(%r12), %xmm2
	\op (%r12), %xmm2
	SHOWX xmm2
.endm

.macro IMM op, n
	movdqa (%r12), %xmm3
	\op $\n, %xmm3
	SHOWX xmm3
.endm

.macro SHUF op, n
	\op $\n, (%r12), %xmm4
	SHOWX xmm4
.endm

_start:
	lea pairs(%rip), %r12
	mov $3, %r13d
next:	.irp op, paddb,paddw,paddd,paddq,psubb,psubw,psubd,psubq
	BIN \op
	.endr
	.irp op, pcmpeqb,pcmpeqw,pcmpeqd,pcmpgtb,pcmpgtw,pcmpgtd,pminub,pmaxub
	BIN \op
	.endr
	.irp op, punpcklbw,punpcklwd,punpckldq,punpcklqdq
	BIN \op
	.endr
	.irp op, punpckhbw,punpckhwd,punpckhdq,punpckhqdq
	BIN \op
	.endr
	.irp op, psrlw,psrld,psrlq,psraw,psrad,psllw,pslld,psllq
	BIN \op
	.endr
	.irp n, 0,1,7,15,16,31,33,63,64
	IMM psrlw, \n
	IMM psraw, \n
	IMM psllw, \n
	IMM psrld, \n
	IMM psrad, \n
	IMM pslld, \n
	IMM psrlq, \n
	IMM psllq, \n
	.endr
	.irp n, 0,1,5,15,16,200
	IMM psrldq, \n
	IMM pslldq, \n
	.endr
	SHUF pshufd, 0x1b
	SHUF pshufd, 0xe4
	SHUF pshuflw, 0x1b
	SHUF pshufhw, 0x93
	movdqa (%r12), %xmm5
	pmovmskb %xmm5, %eax
	mov %rax, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
	add $32, %r12
	dec %r13d
	jnz next
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
out:	.space 16
	.text
	.include "lib.inc"
