# SSE/SSE2 moves of part of an XMM register and the non-temporal and
# masked stores: MOVLPS/MOVHPS/MOVLPD/MOVHPD loads and stores at odd
# addresses, MOVHLPS and MOVLHPS, MOVMSKPS/MOVMSKPD (with REX.W),
# MOVNTPS/MOVNTPD/MOVNTDQ/MOVNTI, and MASKMOVDQU through RDI with several
# masks, under a 67 prefix (EDI) and an FS override. Expected output from
# the host CPU (sse_movhl.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

# SHOWBUF: the 32 bytes at buf as two lines.
.macro SHOWBUF
	movdqu buf(%rip), %xmm15
	SHOWX xmm15
	movdqu buf+16(%rip), %xmm15
	SHOWX xmm15
.endm

_start:
	movdqa a(%rip), %xmm0
	movlps b+1(%rip), %xmm0
	SHOWX xmm0
	movhps b+3(%rip), %xmm0
	SHOWX xmm0
	movdqa a(%rip), %xmm1
	movlpd b+5(%rip), %xmm1
	SHOWX xmm1
	movhpd b+7(%rip), %xmm1
	SHOWX xmm1
	movdqa a(%rip), %xmm8
	movhps %xmm8, buf+1(%rip)
	movlps %xmm8, buf+9(%rip)
	movhpd %xmm0, buf+17(%rip)
	movlpd %xmm1, buf+23(%rip)
	SHOWBUF
	movdqa a(%rip), %xmm2
	movdqa b(%rip), %xmm3
	movhlps %xmm3, %xmm2
	SHOWX xmm2
	movdqa a(%rip), %xmm2
	movlhps %xmm3, %xmm2
	SHOWX xmm2
	movdqa b(%rip), %xmm12
	movlhps %xmm12, %xmm12
	SHOWX xmm12
	movhlps %xmm0, %xmm12
	SHOWX xmm12

	.irp v, a, b, c, d
	movdqa \v(%rip), %xmm4
	mov $-1, %rax
	movmskps %xmm4, %eax
	mov %rax, %rdi
	call put_hex64
	mov $-1, %rax
	movmskpd %xmm4, %rax
	mov %rax, %rdi
	call put_hex64
	movdqa \v(%rip), %xmm13
	movmskps %xmm13, %r11
	mov %r11, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
	.endr

	pxor %xmm5, %xmm5
	movdqu %xmm5, buf(%rip)
	movdqu %xmm5, buf+16(%rip)
	movdqa a(%rip), %xmm5
	movntps %xmm5, buf(%rip)
	movdqa b(%rip), %xmm5
	movntpd %xmm5, buf+16(%rip)
	SHOWBUF
	movdqa c(%rip), %xmm9
	movntdq %xmm9, buf+16(%rip)
	mov $0x1122334455667788, %rax
	movnti %eax, buf+1(%rip)
	movnti %rax, buf+7(%rip)
	SHOWBUF

	# MASKMOVDQU: bytes of xmm6 where xmm7's byte has its top bit set.
	.irp m, c, d, a, b
	lea buf(%rip), %rdi
	movdqa \m(%rip), %xmm7
	movdqa e(%rip), %xmm6
	maskmovdqu %xmm7, %xmm6
	SHOWBUF
	.endr
	lea buf+3(%rip), %rdi
	movdqa d(%rip), %xmm7
	movdqa a(%rip), %xmm6
	maskmovdqu %xmm7, %xmm6       # misaligned
	SHOWBUF
	lea buf+7(%rip), %rdi
	mov $0xffffffff, %rax
	shl $32, %rax
	or %rax, %rdi                 # EDI is what counts under 67
	movdqa c(%rip), %xmm7
	movdqa b(%rip), %xmm6
	addr32 maskmovdqu %xmm7, %xmm6
	SHOWBUF
	lea buf(%rip), %rsi
	SYS 158, $0x1002, %rsi        # arch_prctl(ARCH_SET_FS, buf)
	mov $9, %edi
	movdqa d(%rip), %xmm10
	movdqa e(%rip), %xmm14
	fs maskmovdqu %xmm10, %xmm14
	SHOWBUF
	xor %edi, %edi
	call exit

	.data
	.balign 16
a:	.quad 0x0123456789abcdef, 0xfedcba9876543210
b:	.quad 0x7f80ff0001fe8081, 0x8000000000000001
c:	.quad 0x8000000080000000, 0x000000007fffffff
d:	.quad 0xff00ff0080807f7f, 0x00ff00ff01800080
e:	.quad 0x1111222233334444, 0x5555666677778888
buf:	.space 48
out:	.space 16
	.text
	.include "lib.inc"
