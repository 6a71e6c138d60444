# RSM outside system-management mode is #UD: SIGILL (128 + 4), not the
# #GP of the other privileged instructions.
# EXPECT-STATUS: 132
	.globl _start
_start:
	rsm
	mov $231, %eax
	xor %edi, %edi
	syscall
