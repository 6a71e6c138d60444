# File mappings: a write through MAP_SHARED reaches the file and a write to
# the file shows in the mapping; a MAP_PRIVATE mapping sees the file but
# keeps its own writes; MAP_SHARED with PROT_WRITE of a read-only
# descriptor is EACCES; a read-only private mapping of the program itself
# starts with "\177ELF". A letter per check that held, '!' otherwise.
# EXPECT-STDOUT: abcdef
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

_start:
	xor %r15d, %r15d
	mov 8(%rsp), %r14       # argv[0]
	lea tmp(%rip), %rbx     # fd = open("/tmp", O_TMPFILE | O_RDWR, 0600)
	SYS 2, %rbx, $020200002, $0600
	test %rax, %rax
	js fail
	mov %rax, %r12
	SYS 77, %r12, $8192     # ftruncate(fd, 8192)
	SYS 9, $0, $8192, $3, $1, %r12, $0   # p = mmap(RW, MAP_SHARED, fd, 0)
	mov %rax, %r13
	movl $0x44434241, 4096(%r13)         # "ABCD" at p + 4096
	lea buf(%rip), %rbx
	SYS 17, %r12, %rbx, $4, $4096        # pread(fd, buf, 4, 4096)
	mov buf(%rip), %eax
	EXPECT $0x44434241, 'a'
	lea wxyz(%rip), %rbx
	SYS 18, %r12, %rbx, $4, $0           # pwrite(fd, "WXYZ", 4, 0)
	mov (%r13), %eax
	EXPECT $0x5a595857, 'b'
	SYS 9, $0, $4096, $3, $2, %r12, $4096  # q = mmap(RW, MAP_PRIVATE, fd, 4096)
	mov %rax, %rbx
	movb $'Q', (%rbx)
	movzbl 1(%rbx), %eax    # q sees the file
	EXPECT $'B', 'c'
	lea buf(%rip), %rbx
	SYS 17, %r12, %rbx, $1, $4096        # the file doesn't see q's write
	movzbl buf(%rip), %eax
	EXPECT $'A', 'd'
	SYS 2, %r14, $0                      # fd2 = open(argv[0], O_RDONLY)
	mov %rax, %rbx
	SYS 9, $0, $4096, $3, $1, %rbx, $0   # MAP_SHARED RW of it: EACCES
	EXPECT $-13, 'e'
	SYS 9, $0, $4096, $1, $2, %rbx, $0   # MAP_PRIVATE RO of it
	mov (%rax), %eax
	EXPECT $0x464c457f, 'f'
	mov $'\n', %edi
	call put_char
	mov %r15, %rdi
	call exit
fail:	mov $2, %edi
	call exit

	.section .rodata
tmp:	.asciz "/tmp"
wxyz:	.ascii "WXYZ"
	.bss
buf:	.space 16
	.text
	.include "lib.inc"
