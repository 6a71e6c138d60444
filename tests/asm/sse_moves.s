# SSE/SSE2 moves and 128-bit logic: MOVAPS/MOVUPS/MOVDQA/MOVDQU loads and
# stores (aligned and not), MOVSS/MOVSD from memory (upper part zeroed) and
# between registers (upper part kept), MOVD/MOVQ to and from general
# registers and memory, PXOR/POR/PAND/PANDN/XORPS/ANDPS/ORPS/ANDNPD. Each
# step stores XMM registers to memory and prints them. Expected output
# from the host CPU (sse_moves.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

_start:
	movdqa a(%rip), %xmm0
	SHOWX xmm0
	movdqu b+1(%rip), %xmm1
	SHOWX xmm1
	movaps %xmm0, %xmm9
	SHOWX xmm9
	movups b+3(%rip), %xmm10
	SHOWX xmm10
	movapd %xmm10, %xmm2
	movupd %xmm2, c+5(%rip)
	movdqu c(%rip), %xmm3
	SHOWX xmm3
	movdqa %xmm0, c+16(%rip)
	movdqa c+16(%rip), %xmm4
	SHOWX xmm4
	movss b(%rip), %xmm4        # from memory: upper zeroed
	SHOWX xmm4
	movsd b(%rip), %xmm0
	SHOWX xmm0
	movdqa a(%rip), %xmm5
	movss %xmm1, %xmm5          # between registers: upper kept
	SHOWX xmm5
	movdqa a(%rip), %xmm5
	movsd %xmm1, %xmm5
	SHOWX xmm5
	movss %xmm1, c(%rip)
	movsd %xmm1, c+24(%rip)
	movdqu c+16(%rip), %xmm6
	SHOWX xmm6
	mov $0x1122334455667788, %rax
	movq %rax, %xmm7
	SHOWX xmm7
	movd %eax, %xmm7
	SHOWX xmm7
	movd %xmm1, %ecx
	mov %rcx, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
	movq %xmm1, %rdx
	mov %rdx, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
	movq b+5(%rip), %xmm8       # F3 0F 7E
	SHOWX xmm8
	movdqa a(%rip), %xmm11
	movq %xmm1, %xmm11          # register form zeroes the upper half
	SHOWX xmm11
	movq %xmm1, c+40(%rip)      # 66 0F D6
	mov c+40(%rip), %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
	movd %xmm1, c+48(%rip)
	movd c+48(%rip), %xmm12
	SHOWX xmm12
	movdqa a(%rip), %xmm13
	pxor b+16(%rip), %xmm13
	SHOWX xmm13
	por %xmm1, %xmm13
	SHOWX xmm13
	pand a(%rip), %xmm13
	SHOWX xmm13
	pandn %xmm1, %xmm13
	SHOWX xmm13
	xorps %xmm13, %xmm13
	SHOWX xmm13
	movdqa a(%rip), %xmm14
	andps b+16(%rip), %xmm14
	SHOWX xmm14
	orps %xmm1, %xmm14
	SHOWX xmm14
	andnpd %xmm1, %xmm14
	SHOWX xmm14
	pxor %xmm15, %xmm15
	SHOWX xmm15
	xor %edi, %edi
	call exit

	.data
	.balign 16
a:	.quad 0x0123456789abcdef, 0xfedcba9876543210
b:	.byte 0x10, 0x21, 0x32, 0x43, 0x54, 0x65, 0x76, 0x87
	.byte 0x98, 0xa9, 0xba, 0xcb, 0xdc, 0xed, 0xfe, 0x0f
	.quad 0x5555aaaa5555aaaa, 0x33cc33cc33cc33cc
	.quad 0, 0
c:	.space 64
out:	.space 16
	.text
	.include "lib.inc"
