# BT BTS BTR BTC with register and immediate offsets on registers and on
# memory (a register offset reaches outside the operand, backwards too),
# BSF and BSR (a zero source sets ZF and leaves the destination), BSWAP,
# XADD, CMPXCHG and CMPXCHG8B/16B, succeeding and failing. Prints results,
# memory and the flags the SDM defines for each. Expected output from the
# host CPU.
# EXPECT-STATUS: 0
	.globl _start
	.include "show.inc"

# Fills the 64-byte array with a known pattern.
.macro RESET
	lea array(%rip), %rdi
	mov $0x8040201008040201, %rax
	mov $8, %ecx
1:	mov %rax, (%rdi)
	rol $3, %rax
	add $8, %rdi
	sub $1, %ecx
	jnz 1b
.endm

.macro SHOWARRAY
	lea array(%rip), %rbx
	mov (%rbx), %rdi
	call put_hex64
	mov $' ', %edi
	call put_char
	mov 8(%rbx), %rdi
	call put_hex64
	mov $' ', %edi
	call put_char
	mov 16(%rbx), %rdi
	call put_hex64
	mov $' ', %edi
	call put_char
	mov 24(%rbx), %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
.endm

# Register forms: rax = value, rcx = offset.
.macro BTR_ op, ra, rc
	mov %r12, %rax
	mov %r13, %rcx
	\op %\rc, %\ra
	SHOW rax
	FLAGS 0x1
	mov %r12, %rax
	\op $37, %\ra
	SHOW rax
	FLAGS 0x1
.endm

# Memory forms, offsets from the middle of the array (rbx).
.macro BTM op, rc, sfx, off
	RESET
	lea array+32(%rip), %rbx
	mov $\off, %rcx
	\op\sfx %\rc, (%rbx)
	FLAGS 0x1
	SHOWARRAY
.endm

.macro BITS op
	BTR_ \op, ax, cx
	BTR_ \op, eax, ecx
	BTR_ \op, rax, rcx
	BTM \op, cx, w, 5
	BTM \op, cx, w, -1
	BTM \op, cx, w, -129
	BTM \op, ecx, l, 100
	BTM \op, ecx, l, -33
	BTM \op, rcx, q, 191
	BTM \op, rcx, q, -200
	RESET
	lea array+16(%rip), %rbx
	\op\()w $17, (%rbx)      # an immediate offset stays in the operand
	FLAGS 0x1
	\op\()l $33, (%rbx)
	FLAGS 0x1
	\op\()q $65, (%rbx)
	FLAGS 0x1
	SHOWARRAY
.endm

.macro SCAN op, ra, rb
	mov %r12, %rbx
	mov $0x5555555555555555, %rax
	\op %\rb, %\ra
	SHOW rax
	FLAGS 0x40
.endm

_start:
	lea values(%rip), %r15
next:	mov (%r15), %r12
	mov 8(%r15), %r13
	cmpq $1, 16(%r15)
	je memory
	BTR_ bt, ax, cx
	BTR_ bt, eax, ecx
	BTR_ bt, rax, rcx
	BTR_ bts, ax, cx
	BTR_ bts, eax, ecx
	BTR_ bts, rax, rcx
	BTR_ btr, ax, cx
	BTR_ btr, eax, ecx
	BTR_ btr, rax, rcx
	BTR_ btc, ax, cx
	BTR_ btc, eax, ecx
	BTR_ btc, rax, rcx
	SCAN bsf, ax, bx
	SCAN bsf, eax, ebx
	SCAN bsf, rax, rbx
	SCAN bsr, ax, bx
	SCAN bsr, eax, ebx
	SCAN bsr, rax, rbx
	mov %r12, %rax
	bswap %eax
	SHOW rax
	mov %r12, %rax
	bswap %rax
	SHOW rax
	mov %r12, %rax
	mov %r13, %rbx
	xadd %ebx, %eax
	SHOW rax
	SHOW rbx
	FLAGS 0x8d5
	mov %r12, scratch(%rip)
	mov %r13, %rbx
	lock xaddq %rbx, scratch(%rip)
	SHOW rbx
	mov scratch(%rip), %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
	# cmpxchg: rax = r12, destination r13: fails unless equal
	mov %r12, %rax
	mov %r13, %rbx
	mov $0x1111, %rcx
	cmpxchg %ecx, %ebx
	SHOW rax
	SHOW rbx
	FLAGS 0x8d5
	mov %r12, %rax
	mov %r12, %rbx
	cmpxchg %rcx, %rbx       # succeeds
	SHOW rax
	SHOW rbx
	FLAGS 0x8d5
	mov %r12, %rax
	mov %r13, scratch(%rip)
	lock cmpxchgw %cx, scratch(%rip)
	SHOW rax
	mov scratch(%rip), %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
	add $24, %r15
	jmp next

memory:
	BITS bt
	BITS bts
	BITS btr
	BITS btc
	# cmpxchg8b/16b: fail, then succeed with what the failure loaded
	lea pair(%rip), %rsi
	mov $0x0123456789abcdef, %rax
	mov %rax, (%rsi)
	mov $0x1122334455667788, %rax
	mov %rax, 8(%rsi)
	mov $-1, %rax
	mov $-2, %rdx
	mov $0xaaaaaaaabbbbbbbb, %rbx
	mov $0xccccccccdddddddd, %rcx
	cmpxchg8b (%rsi)
	SHOW rax
	SHOW rdx
	FLAGS 0x40
	lock cmpxchg8b (%rsi)
	SHOW rax
	SHOW rdx
	FLAGS 0x40
	mov (%rsi), %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
	mov $-1, %rax
	cmpxchg16b (%rsi)
	SHOW rax
	SHOW rdx
	FLAGS 0x40
	lock cmpxchg16b (%rsi)
	FLAGS 0x40
	mov (%rsi), %rdi
	call put_hex64
	mov 8(%rsi), %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
	xor %edi, %edi
	call exit

	.data
scratch: .quad 0
	.balign 16
pair:	.quad 0, 0
array:	.space 64
values:
	.quad 0, 0, 0
	.quad 1, 1, 0
	.quad 0x8000000000000000, 63, 0
	.quad 0xffffffffffffffff, 64, 0
	.quad 0x0000000100000000, 32, 0
	.quad 0x0000000000010000, 15, 0
	.quad 0x123456789abcdef0, 0xfffffffffffffff1, 0
	.quad 0, 0, 1
	.text
	.include "lib.inc"
