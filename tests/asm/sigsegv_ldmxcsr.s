# LDMXCSR with a reserved bit (31:16) set is #GP, which Linux delivers as
# SIGSEGV.
# EXPECT-STATUS: 139
	.globl _start
_start:
	ldmxcsr csr(%rip)
	mov $231, %eax
	xor %edi, %edi
	syscall
	.section .rodata
csr:	.long 0x00011f80
