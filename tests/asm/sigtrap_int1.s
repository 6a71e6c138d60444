# INT1 (ICEBP, F1) is a debug trap: SIGTRAP (128 + 5).
# EXPECT-STATUS: 133
	.globl _start
_start:
	.byte 0xf1
	mov $231, %eax
	xor %edi, %edi
	syscall
