# DIV by zero is #DE: SIGFPE (128 + 8 as a shell reports the death).
# EXPECT-STATUS: 136
	.globl _start
_start:
	mov $1, %eax
	xor %edx, %edx
	xor %ecx, %ecx
	div %rcx
	mov $231, %eax
	xor %edi, %edi
	syscall
