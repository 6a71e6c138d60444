# An MMX instruction with an x87 exception pending and a memory operand in
# an unmapped page: #MF comes first (SIGFPE, 128 + 8), as the host CPU
# does, not the page fault.
# EXPECT-STATUS: 136
	.globl _start
_start:
	fninit
	fldcw cw(%rip)
	fld1
	fldz
	fdivr %st(1), %st	# 1 / 0 with ZE unmasked: pending
	mov $0x10, %eax
	paddb (%rax), %mm0
	xor %edi, %edi
	mov $231, %eax
	syscall
	.data
cw:	.short 0x037b
