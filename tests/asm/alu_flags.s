# ADD OR ADC SBB AND SUB XOR CMP TEST INC DEC NEG NOT at 8, 16, 32 and 64
# bits, register and memory forms, over edge-value operands: prints each
# full 64-bit result register and the six status flags (mask 0x8d5). The
# expected output is what the host CPU printed (alu_flags.stdout), and the
# test runner checks it against the CPU again on every x86-64 machine.
# EXPECT-STATUS: 0
	.globl _start

# One line: operation letter, result, flags.
.macro REPORT tag
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
	and $0x8d5, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
.endm

# Binary op on registers at one size: rax = a, rbx = b, then op.
.macro BIN op, tag, ra, rb
	mov %r12, %rax
	mov %r13, %rbx
	\op %\rb, %\ra
	REPORT \tag
.endm

# The same with the destination in memory.
.macro BINM op, tag, rb, sfx
	mov %r12, scratch(%rip)
	mov %r13, %rbx
	\op\sfx %\rb, scratch(%rip)
	mov scratch(%rip), %rax
	REPORT \tag
.endm

# ADC and SBB with CF clear and set going in.
.macro CARRY op, tag, ra, rb
	mov %r12, %rax
	mov %r13, %rbx
	clc
	\op %\rb, %\ra
	REPORT \tag
	mov %r12, %rax
	stc
	\op %\rb, %\ra
	REPORT \tag
.endm

.macro UN op, tag, ra
	mov %r12, %rax
	stc                     # INC and DEC must keep CF
	\op %\ra
	REPORT \tag
.endm

.macro SIZE ra, rb, sfx
	BIN add, 'A', \ra, \rb
	BIN or, 'O', \ra, \rb
	BIN and, 'N', \ra, \rb
	BIN sub, 'S', \ra, \rb
	BIN xor, 'X', \ra, \rb
	BIN cmp, 'C', \ra, \rb
	BIN test, 'T', \ra, \rb
	CARRY adc, 'a', \ra, \rb
	CARRY sbb, 's', \ra, \rb
	UN inc, 'I', \ra
	UN dec, 'D', \ra
	UN neg, 'G', \ra
	UN not, 'V', \ra
	BINM add, 'm', \rb, \sfx
	BINM sub, 'u', \rb, \sfx
.endm

_start:
	lea pairs(%rip), %r14
next:	mov (%r14), %r12
	mov 8(%r14), %r13
	cmpq $0, 16(%r14)       # a third word of 1 ends the table
	jne done
	SIZE al, bl, b
	SIZE ah, bl, b          # the legacy high-byte register
	SIZE ax, bx, w
	SIZE eax, ebx, l
	SIZE rax, rbx, q
	add $24, %r14
	jmp next
done:	xor %edi, %edi
	call exit

	.data
scratch: .quad 0
pairs:
	.quad 0, 0, 0
	.quad 1, 1, 0
	.quad 0xffffffffffffffff, 1, 0
	.quad 0x7f, 1, 0
	.quad 0x80, 0x80, 0
	.quad 0x7fff, 0xffff, 0
	.quad 0x8000, 1, 0
	.quad 0x7fffffff, 1, 0
	.quad 0x80000000, 0x80000000, 0
	.quad 0x7fffffffffffffff, 1, 0
	.quad 0x8000000000000000, 0x8000000000000001, 0
	.quad 0x0f0f0f0f0f0f0f0f, 0x1111111111111111, 0
	.quad 0x123456789abcdef0, 0xfedcba9876543210, 0
	.quad 0x00000000000000ff, 0x0000000000000001, 0
	.quad 0, 0, 1
	.text
	.include "lib.inc"
