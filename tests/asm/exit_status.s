# exit(2) with a status past 255: the parent sees the low 8 bits.
# EXPECT-STATUS: 3
	.globl _start
_start:
	mov $60, %eax
	mov $0x103, %edi
	syscall
