# Self-modifying code and code written at run time, as a JIT in the
# guest writes it: every change must be run as written, however the
# decoded blocks were cached.
# EXPECT-STDOUT: abcdefgh
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

_start:
	xor %r15d, %r15d
	# An RWX page to write code into.
	SYS 9, $0, $4096, $7, $0x22, $-1, $0
	mov %rax, %r12
	# a, b: a routine that patches an instruction of its own block
	# before running it, called with two different bytes
	mov %r12, %rdi
	lea patch_self(%rip), %rsi
	mov $patch_self_end - patch_self, %ecx
	rep movsb
	mov $5, %edi
	call *%r12
	EXPECT $5, 'a'
	mov $6, %edi
	call *%r12
	EXPECT $6, 'b'
	# c: code stored by the program, changed and run 1000 times
	xor %ebx, %ebx
	xor %r13d, %r13d
1:	movb $0xb8, (%r12)		# mov $imm32, %eax
	mov %ebx, 1(%r12)
	movb $0xc3, 5(%r12)		# ret
	call *%r12
	add %rax, %r13
	inc %ebx
	cmp $1000, %ebx
	jne 1b
	mov %r13, %rax
	EXPECT $499500, 'c'
	# d: code read(2) from a pipe over code already run
	lea pipefd(%rip), %rbx
	SYS 22, %rbx
	mov pipefd+4(%rip), %edi
	mov %rdi, %r13
	lea ret42(%rip), %rbx
	SYS 1, %r13, %rbx, $6
	mov pipefd(%rip), %edi
	mov %rdi, %r13
	SYS 0, %r13, %r12, $6
	call *%r12
	EXPECT $42, 'd'
	# e: run, make read-only and executable, writable again, rewrite, run
	SYS 10, %r12, $4096, $5
	call *%r12
	EXPECT $42, 'e'
	SYS 10, %r12, $4096, $7
	movl $7, 1(%r12)
	call *%r12
	EXPECT $7, 'f'
	# g: a loop that writes data in its own page on every pass
	mov %r12, %rdi
	lea count_loop(%rip), %rsi
	mov $count_loop_end - count_loop, %ecx
	rep movsb
	call *%r12
	EXPECT $1000, 'g'
	# h: a block that overwrites the rest of itself with a store that
	# straddles two of its instructions
	mov %r12, %rdi
	lea overwrite(%rip), %rsi
	mov $overwrite_end - overwrite, %ecx
	rep movsb
	call *%r12
	EXPECT $0x1234, 'h'
	mov $'\n', %edi
	call put_char
	SYS 60, %r15

# Patches the immediate of its own next-but-one instruction with %dil.
patch_self:
	movb %dil, 1f+1(%rip)
1:	mov $0, %eax
	ret
patch_self_end:

ret42:
	mov $42, %eax
	ret

count_loop:
	movl $0, 2f(%rip)
	xor %eax, %eax
1:	incl 2f(%rip)
	inc %eax
	cmp $1000, %eax
	jne 1b
	mov 2f(%rip), %eax
	ret
2:	.long 0
count_loop_end:

# The 8-byte store replaces "mov $1,%eax; nop; nop; nop" with
# "mov $0x1234,%eax; nop; nop; nop".
overwrite:
	mov 3f(%rip), %rdx
	mov %rdx, 1f(%rip)
1:	mov $1, %eax
	nop
	nop
	nop
	ret
3:	mov $0x1234, %eax
	nop
	nop
	nop
overwrite_end:

	.data
pipefd:	.long 0, 0
	.text
	.include "lib.inc"
