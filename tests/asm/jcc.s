# Every condition code of Jcc, SETcc and CMOVcc after CMP over edge-value
# pairs at 8, 32 and 64 bits: one line per pair and size, a character per
# condition (0..15): 'j' if Jcc branched, then SETcc's byte, then whether
# CMOVcc moved. Expected output from the host CPU (jcc.stdout).
# EXPECT-STATUS: 0
	.globl _start

.macro COND cc, ra, rb
	cmp %\rb, %\ra
	j\cc 1f
	mov $'.', %edi
	jmp 2f
1:	mov $'j', %edi
2:	call put_char
	cmp %\rb, %\ra
	set\cc %dil
	add $'0', %edi
	call put_char
	mov $'-', %r8d
	mov $'m', %r9d
	cmp %\rb, %\ra
	cmov\cc %r9, %r8
	mov %r8d, %edi
	call put_char
	mov $' ', %edi
	call put_char
.endm

.macro ALL ra, rb
	mov %r12, %rax
	mov %r13, %rbx
	.irp cc, o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g
	COND \cc, \ra, \rb
	.endr
	mov $'\n', %edi
	call put_char
.endm

_start:
	lea pairs(%rip), %r14
next:	mov (%r14), %r12
	mov 8(%r14), %r13
	cmpq $0, 16(%r14)
	jne done
	ALL al, bl
	ALL eax, ebx
	ALL rax, rbx
	add $24, %r14
	jmp next
done:	xor %edi, %edi
	call exit

	.data
pairs:
	.quad 0, 0, 0
	.quad 1, 2, 0
	.quad 2, 1, 0
	.quad -1, 1, 0
	.quad 1, -1, 0
	.quad 0x80, 0x7f, 0
	.quad 0x7f, 0x80, 0
	.quad 0x80000000, 1, 0
	.quad 0x8000000000000000, 1, 0
	.quad 0x7fffffffffffffff, -1, 0
	.quad 3, 3, 0
	.quad 0, 0, 1
	.text
	.include "lib.inc"
