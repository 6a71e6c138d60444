# x87 exceptions are delayed: FDIV by zero with ZE unmasked completes (ST(0)
# unchanged, ZE, ES and B set); the non-waiting FNSTSW and FNSTCW run; the
# next waiting instruction (FWAIT here) raises #MF, which Linux delivers
# as SIGFPE (128 + 8 as a shell reports the death).
# EXPECT-STDOUT: 000000000000b084
# EXPECT-STDOUT: 000000000000037b
# EXPECT-STATUS: 136
	.globl _start
_start:
	fninit
	fldcw cw(%rip)
	fld1
	fldz
	fdivr %st(1), %st	# 1 / 0
	fnstsw %ax
	movzwl %ax, %edi
	call put_hex64
	mov $'\n', %edi
	call put_char
	fnstcw buf(%rip)
	movzwl buf(%rip), %edi
	call put_hex64
	mov $'\n', %edi
	call put_char
	fwait
	xor %edi, %edi
	call exit

	.include "lib.inc"
	.data
cw:	.short 0x037b
buf:	.short 0
