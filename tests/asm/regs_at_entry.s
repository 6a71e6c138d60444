# At the entry point Linux leaves every general register zero except RSP,
# and RSP 16-byte aligned (glibc's static start-up relies on RDX == 0).
# The exit status is a bitmask of the registers that were not zero, or 99
# for a misaligned RSP.
# EXPECT-STATUS: 0
	.globl _start
_start:
	xor %r15d, %r15d        # r15 collects failures; itself checked first
	test %rax, %rax
	jz 1f
	or $1, %r15
1:	test %rbx, %rbx
	jz 1f
	or $2, %r15
1:	test %rcx, %rcx
	jz 1f
	or $4, %r15
1:	test %rdx, %rdx
	jz 1f
	or $8, %r15
1:	test %rsi, %rsi
	jz 1f
	or $16, %r15
1:	test %rdi, %rdi
	jz 1f
	or $32, %r15
1:	test %rbp, %rbp
	jz 1f
	or $64, %r15
1:	mov %r8, %rax
	or %r9, %rax
	or %r10, %rax
	or %r11, %rax
	or %r12, %rax
	or %r13, %rax
	or %r14, %rax
	jz 1f
	or $128, %r15
1:	test $15, %spl
	jz 1f
	mov $99, %r15           # RSP misaligned
1:	mov %r15, %rdi
	mov $231, %eax
	syscall
