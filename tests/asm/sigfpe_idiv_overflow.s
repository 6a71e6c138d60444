# IDIV of the most negative quotient by -1 overflows: #DE, SIGFPE. The
# 64-bit form goes through blink's 128-bit division.
# EXPECT-STATUS: 136
	.globl _start
_start:
	mov $0x8000000000000000, %rax
	cqto
	mov $-1, %rcx
	idiv %rcx
	mov $231, %eax
	xor %edi, %edi
	syscall
