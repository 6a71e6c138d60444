# TCGETS and TCSETS on a pseudo-terminal: the terminal flags, line
# discipline and control characters as the x86-64 kernel lays them out
# (mips numbers most of them differently), before and after switching off
# ICANON and ECHO and setting CS7 and 9600 baud. Expected output from the
# host kernel (termios.stdout).
# EXPECT-STATUS: 0
	.globl _start

.macro SHOW
	mov $16, %eax           # ioctl(fd, TCGETS, &t)
	mov %r12, %rdi
	mov $0x5401, %esi
	lea t(%rip), %rdx
	syscall
	mov %rax, %rdi
	call put_hex64
	mov $' ', %edi
	call put_char
	mov t(%rip), %rdi       # iflag, oflag
	call put_hex64
	mov $' ', %edi
	call put_char
	mov t+8(%rip), %rdi     # cflag, lflag
	call put_hex64
	mov $' ', %edi
	call put_char
	mov t+16(%rip), %rdi    # c_line, c_cc[0..6]
	call put_hex64
	mov t+24(%rip), %rdi    # c_cc[7..14]
	call put_hex64
	mov t+32(%rip), %edi    # c_cc[15..18]
	call put_hex64
	mov $'\n', %edi
	call put_char
.endm

_start:
	mov $2, %eax            # open("/dev/ptmx", O_RDWR | O_NOCTTY)
	lea ptmx(%rip), %rdi
	mov $0402, %esi
	syscall
	test %rax, %rax
	js fail
	mov %rax, %r12
	SHOW
	andl $~012, t+12(%rip)  # lflag &= ~(ICANON | ECHO)
	mov t+8(%rip), %eax     # cflag: CS7, B9600
	and $~0010077, %eax
	or $0000055, %eax
	mov %eax, t+8(%rip)
	movb $5, t+17+6(%rip)   # c_cc[VMIN] = 5
	mov $16, %eax           # ioctl(fd, TCSETS, &t)
	mov %r12, %rdi
	mov $0x5402, %esi
	lea t(%rip), %rdx
	syscall
	test %rax, %rax
	jnz fail
	SHOW
	xor %edi, %edi
	call exit
fail:	mov $1, %edi
	call exit

	.section .rodata
ptmx:	.asciz "/dev/ptmx"
	.bss
t:	.space 64
	.text
	.include "lib.inc"
