# SSE/SSE2 shuffles and interleaves, XMM forms: SHUFPS and SHUFPD with
# several imm8 values (register and aligned memory sources), UNPCKLPS,
# UNPCKHPS, UNPCKLPD, UNPCKHPD, PEXTRW (imm8 past 7 wraps) and PINSRW from
# a general register and from a misaligned m16. Expected output from the
# host CPU (sse_shuffle.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

.macro BIN op
	movdqa (%r12), %xmm0
	movdqa 16(%r12), %xmm1
	\op %xmm1, %xmm0
	SHOWX xmm0
	movdqa 16(%r12), %xmm2
	\op (%r12), %xmm2
	SHOWX xmm2
.endm

.macro SHUF op, n
	movdqa (%r12), %xmm3
	movdqa 16(%r12), %xmm4
	\op $\n, %xmm4, %xmm3
	SHOWX xmm3
	movdqa 16(%r12), %xmm11
	\op $\n, (%r12), %xmm11
	SHOWX xmm11
.endm

_start:
	lea pairs(%rip), %r12
	mov $2, %r13d
next:	.irp op, unpcklps,unpckhps,unpcklpd,unpckhpd
	BIN \op
	.endr
	.irp n, 0x00,0x1b,0xe4,0x4e,0xb1,0xff,0x93
	SHUF shufps, \n
	.endr
	.irp n, 0,1,2,3,0xfe
	SHUF shufpd, \n
	.endr
	movdqa (%r12), %xmm9
	.irp n, 0,1,2,3,4,5,6,7,8,13,255
	mov $-1, %rax
	pextrw $\n, %xmm9, %eax
	mov %rax, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
	.endr
	mov $-1, %rax
	pextrw $3, %xmm9, %rax       # REX.W: still zero-extended
	mov %rax, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
	movdqa 16(%r12), %xmm10
	mov $0x123456789abcdef0, %rcx
	.irp n, 0,3,7,9
	pinsrw $\n, %ecx, %xmm10
	SHOWX xmm10
	pinsrw $\n+2, odd+1(%rip), %xmm10
	SHOWX xmm10
	.endr
	pinsrw $5, %r9d, %xmm14        # REX forms
	SHOWX xmm14
	pextrw $5, %xmm14, %r10d
	mov %r10, %rdi
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
	.quad 0x1111222233334444, 0x5555666677778888
	.quad 0x99990000aaaabbbb, 0xccccddddeeeeffff
odd:	.byte 0x12, 0xa5, 0x5a, 0x34
out:	.space 16
	.text
	.include "lib.inc"
