# Jumping to an unmapped address is SIGSEGV when the fetch fails.
# EXPECT-STATUS: 139
	.globl _start
_start:
	mov $0x7000, %eax
	jmp *%rax
