# PT_GNU_STACK with PF_X: the stack is executable, so code written there
# runs (here a lone ret).
# EXPECT-STATUS: 0
	.globl _start
_start:
	push $0xc3              # ret
	call *%rsp
	mov $231, %eax
	xor %edi, %edi
	syscall
	.section .note.GNU-stack,"x",@progbits
