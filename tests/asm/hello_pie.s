# A static-PIE program (ET_DYN, no PT_INTERP): loaded at a base of blink's
# choosing, it finds its data RIP-relative.
# EXPECT-STDOUT: hello from anywhere
# EXPECT-STATUS: 7
	.globl _start
_start:
	mov $1, %eax
	mov $1, %edi
	lea msg(%rip), %rsi
	mov $len, %edx
	syscall
	lea _start(%rip), %rax
	cmp $0x10000, %rax      # not at 0: really moved
	jb 1f
	mov $7, %edi
	mov $231, %eax
	syscall
1:	mov $1, %edi
	mov $231, %eax
	syscall
	.section .rodata
msg:	.ascii "hello from anywhere\n"
	len = . - msg
