# Errors come back as negative x86-64 errno values in RAX: an unknown
# syscall is -ENOSYS (38), a bad file descriptor -EBADF (9), a bad buffer
# -EFAULT (14). SYSCALL leaves the return address in RCX and RFLAGS in
# R11. Exit status: a bitmask of the checks that failed.
# EXPECT-STATUS: 0
	.globl _start
_start:
	xor %r15d, %r15d
	mov $1000, %eax
	syscall
	cmp $-38, %rax
	je 1f
	or $1, %r15
1:	mov $1, %eax            # write(-1, msg, 1)
	mov $-1, %edi
	lea msg(%rip), %rsi
	mov $1, %edx
	syscall
	cmp $-9, %rax
	je 1f
	or $2, %r15
1:	mov $1, %eax            # write(1, 0x10, 1)
	mov $1, %edi
	mov $0x10, %esi
	mov $1, %edx
	syscall
	cmp $-14, %rax
	je 1f
	or $4, %r15
1:	mov $39, %eax           # getpid: rcx = the next instruction
	syscall
after:	lea after(%rip), %rdx
	cmp %rdx, %rcx
	je 1f
	or $8, %r15
1:	stc                     # r11 = rflags, with CF set
	mov $39, %eax
	syscall
	test $1, %r11b
	jnz 1f
	or $16, %r15
1:	mov %r15, %rdi
	mov $231, %eax
	syscall
	.section .rodata
msg:	.ascii "x"
