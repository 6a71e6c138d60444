# MOVNTPS, unlike MOVLPS, MOVHPS or MASKMOVDQU, needs a 16-byte aligned
# memory operand: a misaligned one is #GP, which Linux delivers as
# SIGSEGV. "ok" shows that the instructions before it did not fault.
# EXPECT-STDOUT: ok
# EXPECT-STATUS: 139
	.globl _start
_start:
	lea buf+8(%rip), %rax
	movlps %xmm0, (%rax)
	movhps %xmm0, 1(%rax)
	lea 3(%rax), %rdi
	pcmpeqb %xmm1, %xmm1
	maskmovdqu %xmm1, %xmm0
	shufps $0x1b, buf(%rip), %xmm0
	mov %rax, %rbx
	mov $1, %eax
	mov $1, %edi
	lea msg(%rip), %rsi
	mov $3, %edx
	syscall
	movntps %xmm0, (%rbx)
	mov $231, %eax
	xor %edi, %edi
	syscall
	.data
	.balign 16
buf:	.space 32
msg:	.ascii "ok\n"
