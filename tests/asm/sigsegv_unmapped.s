# A load from an unmapped page is SIGSEGV, and so is a jump to one.
# EXPECT-STATUS: 139
	.globl _start
_start:
	mov $0x10, %eax
	mov (%rax), %rax
	mov $231, %eax
	xor %edi, %edi
	syscall
