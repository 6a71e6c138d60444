# File syscalls on the program's own file: stat, fstat, newfstatat and
# statx agree on size and type (a regular file); lseek to the end gives the
# size; pread sees "\177ELF"; access(X_OK) passes; getcwd returns a length
# that counts its NUL. A letter per check that held, '!' for one that did
# not.
# EXPECT-STDOUT: abcdefgh
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

_start:
	xor %r15d, %r15d
	mov 8(%rsp), %r12       # argv[0]
	mov $4, %eax            # stat(argv[0], &st)
	mov %r12, %rdi
	lea st(%rip), %rsi
	syscall
	EXPECT $0, 'a'
	mov st+24(%rip), %eax   # st_mode & S_IFMT == S_IFREG
	and $0170000, %eax
	EXPECT $0100000, 'b'
	mov $2, %eax            # fd = open(argv[0], O_RDONLY)
	mov %r12, %rdi
	xor %esi, %esi
	syscall
	mov %rax, %r13
	mov $5, %eax            # fstat(fd, &st2)
	mov %r13, %rdi
	lea st2(%rip), %rsi
	syscall
	mov st2+48(%rip), %rax  # st_size agrees
	EXPECT st+48(%rip), 'c'
	mov $262, %eax          # newfstatat(AT_FDCWD, argv[0], &st2, 0)
	mov $-100, %rdi
	mov %r12, %rsi
	lea st2(%rip), %rdx
	xor %r10d, %r10d
	syscall
	mov st2+8(%rip), %rax   # same inode
	EXPECT st+8(%rip), 'd'
	mov $332, %eax          # statx(AT_FDCWD, argv[0], 0, STATX_BASIC_STATS, &sx)
	mov $-100, %rdi
	mov %r12, %rsi
	xor %edx, %edx
	mov $0x7ff, %r10d
	lea sx(%rip), %r8
	syscall
	mov sx+40(%rip), %rax   # stx_size
	EXPECT st+48(%rip), 'e'
	mov $8, %eax            # lseek(fd, 0, SEEK_END)
	mov %r13, %rdi
	xor %esi, %esi
	mov $2, %edx
	syscall
	EXPECT st+48(%rip), 'f'
	mov $17, %eax           # pread64(fd, buf, 4, 0)
	mov %r13, %rdi
	lea buf(%rip), %rsi
	mov $4, %edx
	xor %r10d, %r10d
	syscall
	mov buf(%rip), %eax
	EXPECT $0x464c457f, 'g'
	mov $21, %eax           # access(argv[0], X_OK)
	mov %r12, %rdi
	mov $1, %esi
	syscall
	EXPECT $0, 'h'
	mov $'\n', %edi
	call put_char
	mov %r15, %rdi
	call exit

	.bss
st:	.space 144
st2:	.space 144
sx:	.space 256
buf:	.space 64
	.text
	.include "lib.inc"
