# FXSAVE to an address that is not 16-byte aligned is #GP: SIGSEGV (128 +
# 11 as a shell reports the death), after the aligned one succeeded.
# EXPECT-STDOUT: ok
# EXPECT-STATUS: 139
	.globl _start
_start:
	fxsave buf(%rip)
	mov $'o', %edi
	call put_char
	mov $'k', %edi
	call put_char
	mov $'\n', %edi
	call put_char
	fxsave buf+8(%rip)
	xor %edi, %edi
	call exit

	.include "lib.inc"
	.data
	.balign 16
buf:	.space 528
