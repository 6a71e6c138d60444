# SHL SHR SAR at 8 (AL and AH), 16, 32 and 64 bits, by an
# immediate, by 1 and by CL, register and memory destinations, over edge
# values with CF clear and set going in: prints each full 64-bit result and
# the flags the SDM defines for that count (AF is undefined for any shift,
# OF for counts above 1, CF of SHL/SHR for counts >= the width, which these
# cases avoid; a count of 0 changes nothing). SHLD and SHRD at 16, 32 and
# 64 bits likewise (rotates: rotates.s). Expected output from the host
# CPU.
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

.macro SHIFT op, tag, reg, sfx, w
	SH \op, \tag, \reg, 0, 0x8d5
	SH \op, \tag, \reg, 1, 0x8c5
	SH \op, \tag, \reg, 3, 0x0c5
	SH \op, \tag, \reg, (\w-1), 0x0c5
	SHCL \op, \tag, \reg, 2, 0x0c5
	SHCL \op, \tag, \reg, 34, 0x0c5	# masked to 2 below 64 bits
	SHM \op, \tag, \sfx, 5, 0x0c5
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

# SHLD/SHRD: rax = value, rbx = the filling source.
.macro DSH op, tag, ra, rb, count, mask
	mov %r12, %rax
	mov %r14, %rbx
	push %r13
	popfq
	\op $\count, %\rb, %\ra
	REPORT \tag, \mask
.endm

.macro DSHCL op, tag, ra, rb, count, mask
	mov %r12, %rax
	mov %r14, %rbx
	mov $\count, %ecx
	push %r13
	popfq
	\op %cl, %\rb, %\ra
	REPORT \tag, \mask
.endm

.macro DOUBLE ra, rb, w
	DSH shld, 'd', \ra, \rb, 0, 0x8d5
	DSH shld, 'd', \ra, \rb, 1, 0x8c5
	DSH shld, 'd', \ra, \rb, 7, 0x0c5
	DSH shld, 'd', \ra, \rb, (\w-1), 0x0c5
	DSHCL shld, 'd', \ra, \rb, 12, 0x0c5
	DSH shrd, 'e', \ra, \rb, 0, 0x8d5
	DSH shrd, 'e', \ra, \rb, 1, 0x8c5
	DSH shrd, 'e', \ra, \rb, 7, 0x0c5
	DSH shrd, 'e', \ra, \rb, (\w-1), 0x0c5
	DSHCL shrd, 'e', \ra, \rb, 12, 0x0c5
.endm

.macro SIZE reg, sfx, w
	SHIFT shl, 'L', \reg, \sfx, \w
	SHIFT shr, 'R', \reg, \sfx, \w
	SHIFT sar, 'A', \reg, \sfx, \w
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
	DOUBLE ax, bx, 16
	DOUBLE eax, ebx, 32
	DOUBLE rax, rbx, 64
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
