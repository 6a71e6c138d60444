# MMX, every integer operation in its MMX form (no prefix, 64-bit MMX
# registers): register sources and misaligned m64 sources, on pairs of
# quadwords with saturation edges; shifts by MMX count (0, size-1, size,
# past 2^32) and by immediate; PSHUFW, PEXTRW, PINSRW, PMOVMSKB; MOVD/MOVQ
# with general registers, memory and MMX registers; MOVQ2DQ, MOVDQ2Q,
# MOVNTQ, MASKMOVQ; REX prefixes (MMX register numbers ignore them); the
# PUNPCKL forms read only an m32 and PINSRW an m16 (both placed last in a
# page before an unmapped one); EMMS. Expected output from the host CPU
# (mmx.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

# SHOWM reg: an MMX register as 16 hex digits.
.macro SHOWM reg
	movq %\reg, out(%rip)
	mov out(%rip), %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
.endm

# Binary op: register source, then the source from a misaligned copy.
.macro MBIN op
	movq (%r12), %mm0
	movq 8(%r12), %mm1
	\op %mm1, %mm0
	SHOWM mm0
	mov (%r12), %rax
	mov %rax, mis+3(%rip)
	movq 8(%r12), %mm7
	\op mis+3(%rip), %mm7
	SHOWM mm7
.endm

.macro IMM op, n
	movq (%r12), %mm3
	\op $\n, %mm3
	SHOWM mm3
.endm

.macro HEXRAX
	mov %rax, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
.endm

_start:
	lea pairs(%rip), %r12
	mov $12, %r13d
next:	.irp op, paddb,paddw,paddd,paddq,psubb,psubw,psubd,psubq
	MBIN \op
	.endr
	.irp op, paddsb,paddsw,paddusb,paddusw,psubsb,psubsw,psubusb,psubusw
	MBIN \op
	.endr
	.irp op, pcmpeqb,pcmpeqw,pcmpeqd,pcmpgtb,pcmpgtw,pcmpgtd
	MBIN \op
	.endr
	.irp op, pminub,pmaxub,pminsw,pmaxsw,pavgb,pavgw,psadbw
	MBIN \op
	.endr
	.irp op, pmullw,pmulhw,pmulhuw,pmuludq,pmaddwd
	MBIN \op
	.endr
	.irp op, pand,pandn,por,pxor,packsswb,packssdw,packuswb
	MBIN \op
	.endr
	.irp op, punpcklbw,punpcklwd,punpckldq,punpckhbw,punpckhwd,punpckhdq
	MBIN \op
	.endr
	.irp op, psrlw,psrld,psrlq,psraw,psrad,psllw,pslld,psllq
	MBIN \op
	.endr
	.irp n, 0,1,7,15,16,31,33,63,64,255
	IMM psrlw, \n
	IMM psraw, \n
	IMM psllw, \n
	IMM psrld, \n
	IMM psrad, \n
	IMM pslld, \n
	IMM psrlq, \n
	IMM psllq, \n
	.endr
	.irp n, 0x1b,0xe4,0x00,0xff,0x93
	movq 8(%r12), %mm4
	pshufw $\n, %mm4, %mm5
	SHOWM mm5
	pshufw $\n, mis+3(%rip), %mm6
	SHOWM mm6
	.endr
	movq (%r12), %mm2
	mov $-1, %rax
	pmovmskb %mm2, %eax
	HEXRAX
	.irp n, 0,1,2,3,4,7,255
	mov $-1, %rax
	pextrw $\n, %mm2, %eax
	HEXRAX
	.endr
	.irp n, 0,1,2,3,6
	pinsrw $\n, %r12d, %mm2
	SHOWM mm2
	pinsrw $\n+1, mis+5(%rip), %mm2
	SHOWM mm2
	.endr
	add $16, %r12
	dec %r13d
	jnz next

	# Shifts by an MMX count.
	lea counts(%rip), %r12
	mov $10, %r13d
1:	.irp op, psrlw,psrld,psrlq,psraw,psrad,psllw,pslld,psllq
	movq pairs+16(%rip), %mm3
	movq (%r12), %mm4
	\op %mm4, %mm3
	SHOWM mm3
	.endr
	add $8, %r12
	dec %r13d
	jnz 1b

	# Moves.
	mov $0x8899aabbccddeeff, %rax
	movd %eax, %mm0
	SHOWM mm0
	movq %rax, %mm1
	SHOWM mm1
	movd mis+1(%rip), %mm2
	SHOWM mm2
	movq mis+2(%rip), %mm3
	SHOWM mm3
	mov $-1, %rcx
	movd %mm1, %ecx
	mov %rcx, %rax
	HEXRAX
	movq %mm3, %rdx
	mov %rdx, %rax
	HEXRAX
	movd %mm1, buf+1(%rip)
	movq %mm3, buf+9(%rip)
	mov buf+1(%rip), %rax
	HEXRAX
	mov buf+9(%rip), %rax
	HEXRAX
	movq %mm3, %mm4
	SHOWM mm4
	.byte 0x0f, 0x7f, 0xdd          # movq %mm3, %mm5 (0F 7F register form)
	SHOWM mm5
	movntq %mm1, buf+3(%rip)
	mov buf+3(%rip), %rax
	HEXRAX
	movdqa x(%rip), %xmm9
	movdq2q %xmm9, %mm6
	SHOWM mm6
	movq2dq %mm1, %xmm9
	SHOWX xmm9
	# MASKMOVQ through RDI.
	.irp m, 0x8000000000000080, 0xffffffffffffffff, 0, 0x7f80ff00017f80ff
	mov $\m, %rax
	movq %rax, %mm7
	movq pairs(%rip), %mm6
	lea buf+2(%rip), %rdi
	maskmovq %mm7, %mm6
	mov buf+2(%rip), %rax
	HEXRAX
	.endr
	# REX.R and REX.B do not reach MMX registers: these are
	# paddb %mm1, %mm0 and movd %r9d, %mm2.
	movq pairs(%rip), %mm0
	movq pairs+8(%rip), %mm1
	.byte 0x45, 0x0f, 0xfc, 0xc1
	SHOWM mm0
	mov $0x12345678, %r9d
	.byte 0x45, 0x0f, 0x6e, 0xd1
	SHOWM mm2
	.byte 0x4c, 0x0f, 0x7e, 0xd0     # movq %mm2, %rax with REX.WR
	HEXRAX

	# m32 and m16 operands read no further: the last bytes of a page
	# followed by an unmapped one.
	SYS 9, $0, $8192, $3, $0x22, $-1, $0
	mov %rax, %rbx
	lea 4096(%rbx), %rdi
	SYS 11, %rdi, $4096
	movl $0x80ff017f, 4092(%rbx)
	movq pairs(%rip), %mm0
	punpcklbw 4092(%rbx), %mm0
	SHOWM mm0
	movq pairs(%rip), %mm0
	punpcklwd 4092(%rbx), %mm0
	SHOWM mm0
	movq pairs(%rip), %mm0
	punpckldq 4092(%rbx), %mm0
	SHOWM mm0
	pinsrw $1, 4094(%rbx), %mm0
	SHOWM mm0
	movdqa x(%rip), %xmm3
	pinsrw $6, 4094(%rbx), %xmm3
	SHOWX xmm3
	emms
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
	.quad 0x7f7f7f7f80808080, 0x0101010180808080
	.quad 0x7fff7fff80008000, 0x0001ffff7fff8000
	.quad 0x00ff00fe00010080, 0xff00fe0080017f00
	.quad 0x8000800180007fff, 0x80007fff00008001
	.quad 0x0000ffff7fff8000, 0x7fff80007fff8000
	.quad 0xfffffffe00000001, 0x00007fffffff8001
counts:	.quad 0, 1, 7, 15, 16, 31, 32, 63, 64, 0x100000000
x:	.quad 0x0011223344556677, 0x8899aabbccddeeff
mis:	.space 24
buf:	.space 24
out:	.space 16
	.text
	.include "lib.inc"
