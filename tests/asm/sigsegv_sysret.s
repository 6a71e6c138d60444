# SYSRET outside ring 0 is #GP: SIGSEGV (128 + 11); so are HLT, CLI and
# I/O without permission (sigsegv_hlt.s).
# EXPECT-STATUS: 139
	.globl _start
_start:
	sysretq
	mov $231, %eax
	xor %edi, %edi
	syscall
