# A flat binary: raw code loaded at 0x400000 with 16 MiB of zeroed,
# writable memory after it, entered at its first byte.
# NATIVE: no (raw code is no program the kernel runs)
# EXPECT-STDOUT: hello from flat
# EXPECT-STATUS: 5
	.globl _start
_start:
	cmpq $0, 0x400000+(16<<20)-8   # the zeroed memory is there
	jne 1f
	movq $5, 0x400000+4096          # and writable
	mov $1, %eax
	mov $1, %edi
	lea msg(%rip), %rsi
	mov $len, %edx
	syscall
	mov 0x400000+4096, %rdi
	mov $231, %eax
	syscall
1:	mov $1, %edi
	mov $231, %eax
	syscall
msg:	.ascii "hello from flat\n"
	len = . - msg
