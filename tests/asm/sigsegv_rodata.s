# A store to a read-only segment is SIGSEGV (SEGV_ACCERR).
# EXPECT-STATUS: 139
	.globl _start
_start:
	movl $1, ro(%rip)
	mov $231, %eax
	xor %edi, %edi
	syscall
	.section .rodata
ro:	.long 0
