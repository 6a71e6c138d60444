# FXRSTOR of an image whose MXCSR has a reserved bit set (bit 16 and up)
# is #GP: SIGSEGV (128 + 11), and an image with a valid MXCSR restores.
# EXPECT-STDOUT: ok
# EXPECT-STATUS: 139
	.globl _start
_start:
	fxsave buf(%rip)
	fxrstor buf(%rip)
	mov $'o', %edi
	call put_char
	mov $'k', %edi
	call put_char
	mov $'\n', %edi
	call put_char
	movl $0x00011f80, buf+24(%rip)
	fxrstor buf(%rip)
	xor %edi, %edi
	call exit

	.include "lib.inc"
	.data
	.balign 16
buf:	.space 512
