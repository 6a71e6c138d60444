# ROL ROR RCL RCR at 8 (AL and AH), 16, 32 and 64 bits, by an immediate, by
# 1 and by CL (above the width: RCL/RCR of bytes and words rotate modulo 9
# and 17), register and memory destinations, over edge values with CF
# clear and set going in: prints each full 64-bit result and the flags the
# SDM defines (OF only for a count of 1; a count of 0 changes nothing; SF,
# ZF, AF and PF never change). Expected output from the host CPU.
# EXPECT-STATUS: 0
	.globl _start

# One line: tag, result, flags & mask.
.macro REPORT tag, mask
	pushfq
	pop %rcx
	mov $\tag, %edi
	call put_char
	mov $' ', %edi
	call put_char
	mov %rax, %rdi
	call put_hex64
	mov $' ', %edi
	call put_char
	mov %rcx, %rdi
	and $\mask, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
.endm

# rax = value, flags = r13 (CF and friends), then op $count, reg.
.macro SH op, tag, reg, count, mask
	mov %r12, %rax
	push %r13
	popfq
	\op $\count, %\reg
	REPORT \tag, \mask
.endm

# The same by CL, and with the destination in memory.
.macro SHCL op, tag, reg, count, mask
	mov %r12, %rax
	mov $\count, %ecx
	push %r13
	popfq
	\op %cl, %\reg
	REPORT \tag, \mask
.endm

.macro SHM op, tag, sfx, count, mask
	mov %r12, scratch(%rip)
	push %r13
	popfq
	\op\sfx $\count, scratch(%rip)
	mov scratch(%rip), %rax
	REPORT \tag, \mask
.endm

.macro ROTATE op, tag, reg, sfx, w
	SH \op, \tag, \reg, 0, 0x8d5
	SH \op, \tag, \reg, 1, 0x8d5
	SH \op, \tag, \reg, 3, 0x0d5
	SH \op, \tag, \reg, (\w-1), 0x0d5
	SHCL \op, \tag, \reg, 2, 0x0d5
	SHCL \op, \tag, \reg, (\w+32), 0x0d5
	SHM \op, \tag, \sfx, 5, 0x0d5
.endm

.macro SIZE reg, sfx, w
	ROTATE rol, 'l', \reg, \sfx, \w
	ROTATE ror, 'r', \reg, \sfx, \w
	ROTATE rcl, 'c', \reg, \sfx, \w
	ROTATE rcr, 'C', \reg, \sfx, \w
.endm

_start:
	lea values(%rip), %r15
next:	mov (%r15), %r12
	mov 8(%r15), %r14
	cmpq $1, 16(%r15)        # a third word of 1 ends the table
	je done
	mov $0x202, %r13         # CF clear
	call all
	mov $0x203, %r13         # CF set
	call all
	add $24, %r15
	jmp next
done:	xor %edi, %edi
	call exit

all:	SIZE al, b, 8
	SIZE ah, b, 8
	SIZE ax, w, 16
	SIZE eax, l, 32
	SIZE rax, q, 64
	ret

	.data
scratch: .quad 0
values:
	.quad 0, 0, 0
	.quad 1, 0xffffffffffffffff, 0
	.quad 0x8000000000000080, 0x8000000000008000, 0
	.quad 0x7fffffff7fff7f7f, 0x8000000080008080, 0
	.quad 0x123456789abcdef0, 0x0fedcba987654321, 0
	.quad 0, 0, 1
	.text
	.include "lib.inc"
