# CMPXCHG16B needs a 16-byte aligned operand; else #GP, which Linux
# delivers as SIGSEGV (128 + 11).
# EXPECT-STATUS: 139
	.globl _start
_start:
	lea buf+8(%rip), %rsi
	xor %eax, %eax
	xor %edx, %edx
	cmpxchg16b (%rsi)
	mov $231, %eax
	xor %edi, %edi
	syscall
	.data
	.balign 16
buf:	.space 32
