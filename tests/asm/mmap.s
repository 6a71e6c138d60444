# mmap, munmap, mprotect, brk and madvise as Linux answers them: one
# letter per check that held, '!' (and status 1) for one that did not.
# EXPECT-STDOUT: abcdefghijklmnop
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

_start:
	xor %r15d, %r15d
	# a: anonymous private mapping, page aligned, zeroed, writable
	SYS 9, $0, $8192, $3, $0x22, $-1, $0
	mov %rax, %r12
	test $0xfff, %r12w
	jnz 1f
	cmpq $0, 4096(%r12)
	jne 1f
	movq $0x1234, 4096(%r12)
	mov 4096(%r12), %rax
	jmp 2f
1:	xor %eax, %eax
2:	EXPECT $0x1234, 'a'
	# b: munmap of the second page; writing from it is EFAULT
	lea 4096(%r12), %rbx
	SYS 11, %rbx, $4096
	EXPECT $0, 'b'
	SYS 1, $1, %rbx, $1
	EXPECT $-14, 'c'
	# d: MAP_FIXED_NOREPLACE over a mapping: EEXIST
	SYS 9, %r12, $4096, $3, $0x100022, $-1, $0
	EXPECT $-17, 'd'
	# e: a free hint is honoured
	mov $0x200000000, %rbx
	SYS 9, %rbx, $4096, $3, $0x22, $-1, $0
	EXPECT %rbx, 'e'
	# f: mprotect read-only, then read(2) into it is EFAULT once there
	#    is data (a pipe holds one byte)
	SYS 10, %r12, $4096, $1
	EXPECT $0, 'f'
	lea pipefd(%rip), %rbx
	SYS 22, %rbx
	mov pipefd+4(%rip), %edi
	mov %rdi, %r13
	SYS 1, %r13, %r12, $1
	mov pipefd(%rip), %edi
	mov %rdi, %r13
	SYS 0, %r13, %r12, $1
	EXPECT $-14, 'g'
	# h: mprotect over a hole is ENOMEM
	SYS 10, %r12, $8192, $3
	EXPECT $-12, 'h'
	# i: length 0 is EINVAL; j: unaligned munmap is EINVAL
	SYS 9, $0, $0, $3, $0x22, $-1, $0
	EXPECT $-22, 'i'
	lea 1(%r12), %rbx
	SYS 11, %rbx, $4096
	EXPECT $-22, 'j'
	# k: brk grows over free pages and the new memory is usable
	SYS 12, $0
	mov %rax, %r13
	lea 10000(%r13), %rbx
	SYS 12, %rbx
	EXPECT %rbx, 'k'
	movb $7, 9999(%r13)
	# l: and shrinks back
	SYS 12, %r13
	EXPECT %r13, 'l'
	# m: MADV_DONTNEED on anonymous memory reads back zeros
	SYS 9, $0, $4096, $3, $0x22, $-1, $0
	mov %rax, %rbx
	movq $99, (%rbx)
	SYS 28, %rbx, $4096, $4
	mov (%rbx), %rax
	EXPECT $0, 'm'
	# n: MAP_32BIT lands below 2 GiB
	SYS 9, $0, $4096, $3, $0x62, $-1, $0
	mov $0x80000000, %ecx
	cmp %rcx, %rax
	setae %al
	movzbl %al, %eax
	EXPECT $0, 'n'
	# o: neither MAP_PRIVATE nor MAP_SHARED is EINVAL
	SYS 9, $0, $4096, $3, $0x20, $-1, $0
	EXPECT $-22, 'o'
	# p: a file mapping of a bad descriptor is EBADF
	SYS 9, $0, $4096, $1, $0x02, $99, $0
	EXPECT $-9, 'p'
	mov $'\n', %edi
	call put_char
	mov %r15, %rdi
	call exit

	.data
pipefd:	.long 0, 0
	.text
	.include "lib.inc"
