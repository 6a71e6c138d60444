# write(1, "hello, world\n") then exit(0), through the syscall table.
# EXPECT-STDOUT: hello, world
# EXPECT-STATUS: 0
	.globl _start
_start:
	mov $1, %eax
	mov $1, %edi
	lea msg(%rip), %rsi
	mov $len, %edx
	syscall
	mov $60, %eax
	xor %edi, %edi
	syscall
	.section .rodata
msg:	.ascii "hello, world\n"
	len = . - msg
