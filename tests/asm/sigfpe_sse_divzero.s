# DIVSS by zero with ZM clear in MXCSR is #XM: SIGFPE (128 + 8 as a shell
# reports the death); the destination keeps its value.
# EXPECT-STATUS: 136
	.globl _start
_start:
	ldmxcsr csr(%rip)
	mov $0x3f800000, %eax
	movd %eax, %xmm0
	xorps %xmm1, %xmm1
	divss %xmm1, %xmm0
	mov $231, %eax
	xor %edi, %edi
	syscall
	.section .rodata
csr:	.long 0x1d80 /* all masked but ZE */
