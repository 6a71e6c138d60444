# Data pages are not executable: jumping into .data is SIGSEGV.
# EXPECT-STATUS: 139
	.globl _start
_start:
	lea code(%rip), %rax
	jmp *%rax
	.data
code:	.byte 0xc3
