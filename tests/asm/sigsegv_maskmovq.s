# MASKMOVQ stores through RDI: with bytes selected and RDI in an unmapped
# page it faults (SIGSEGV). "ok" shows that the same store to mapped
# memory did not.
# EXPECT-STDOUT: ok
# EXPECT-STATUS: 139
	.globl _start
_start:
	lea buf(%rip), %rdi
	pcmpeqb %mm1, %mm1
	maskmovq %mm1, %mm0
	mov $1, %eax
	mov $1, %edi
	lea msg(%rip), %rsi
	mov $3, %edx
	syscall
	mov $0x10, %edi
	maskmovq %mm1, %mm0
	mov $231, %eax
	xor %edi, %edi
	syscall
	.data
buf:	.space 8
msg:	.ascii "ok\n"
