# MOVDQA needs a 16-byte aligned memory operand: a misaligned one is #GP,
# which Linux delivers as SIGSEGV.
# EXPECT-STATUS: 139
	.globl _start
_start:
	lea buf+8(%rip), %rax
	movdqa (%rax), %xmm0
	mov $231, %eax
	xor %edi, %edi
	syscall
	.data
	.balign 16
buf:	.space 32
