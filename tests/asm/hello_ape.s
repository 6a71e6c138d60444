# An APE file (built by tests/ape/mkape from this program): blink finds the
# x86-64 ELF header in its printf statement and loads the program from it.
# NATIVE: no (an APE needs its own loader or a shell to run natively)
# EXPECT-STDOUT: hello from an ape
# EXPECT-STATUS: 0
	.globl _start
_start:
	mov $1, %eax
	mov $1, %edi
	lea msg(%rip), %rsi
	mov $len, %edx
	syscall
	mov $231, %eax
	xor %edi, %edi
	syscall
	.section .rodata
msg:	.ascii "hello from an ape\n"
	len = . - msg
