# mremap: shrink in place, grow in place into free pages, refuse to grow
# into a neighbour without MREMAP_MAYMOVE, move with it (contents kept, the
# old range gone), move to a chosen address with MREMAP_FIXED, and EINVAL
# for an unaligned address. A letter per check, '!' for a failed one.
# EXPECT-STDOUT: abcdefghijk
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

_start:
	xor %r15d, %r15d
	SYS 9, $0, $8192, $3, $0x22, $-1, $0    # p = mmap(8192, RW, anon)
	mov %rax, %r12
	movb $1, (%r12)
	movb $2, 4096(%r12)
	SYS 25, %r12, $8192, $4096, $0          # shrink
	EXPECT %r12, 'a'
	lea 4096(%r12), %rbx
	SYS 1, $1, %rbx, $1                     # the tail is gone
	EXPECT $-14, 'b'
	SYS 25, %r12, $4096, $8192, $0          # grow in place
	EXPECT %r12, 'c'
	movzbl 4096(%r12), %eax                 # with fresh zeros
	EXPECT $0, 'd'
	lea 8192(%r12), %rbx                    # a neighbour right after
	SYS 9, %rbx, $4096, $3, $0x100022, $-1, $0
	SYS 25, %r12, $8192, $16384, $0         # can't grow in place
	EXPECT $-12, 'e'
	SYS 25, %r12, $8192, $16384, $1         # MREMAP_MAYMOVE: moves
	mov %rax, %r13
	cmp %r12, %rax
	setne %al
	movzbl %al, %eax
	EXPECT $1, 'f'
	movzbl (%r13), %eax                     # contents kept
	EXPECT $1, 'g'
	SYS 1, $1, %r12, $1                     # old range gone
	EXPECT $-14, 'h'
	mov $0x300000000, %rbx                  # MREMAP_FIXED
	SYS 25, %r13, $16384, $16384, $3, %rbx
	EXPECT %rbx, 'i'
	movzbl (%rbx), %eax
	EXPECT $1, 'j'
	lea 1(%rbx), %rbx                       # unaligned
	SYS 25, %rbx, $4096, $8192, $1
	EXPECT $-22, 'k'
	mov $'\n', %edi
	call put_char
	mov %r15, %rdi
	call exit
	.include "lib.inc"
