# PT_GNU_STACK without PF_X: the stack is not executable, and running code
# there is SIGSEGV.
# EXPECT-STATUS: 139
	.globl _start
_start:
	push $0xc3              # ret
	call *%rsp
	mov $231, %eax
	xor %edi, %edi
	syscall
	.section .note.GNU-stack,"",@progbits
