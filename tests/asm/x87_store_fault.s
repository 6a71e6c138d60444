# FST m64fp from an empty ST(0) with IE unmasked: the store is suppressed
# (the underflow waits as a pending #MF), but its operand is still checked
# first, so an unmapped address faults: SIGSEGV, as the host CPU does.
# EXPECT-STATUS: 139
	.globl _start
_start:
	fninit
	fldcw cw(%rip)
	mov $0x10, %eax
	fstl (%rax)
	xor %edi, %edi
	mov $231, %eax
	syscall
	.data
cw:	.short 0x037e
