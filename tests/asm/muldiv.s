# MUL, IMUL (one, two and three operands), DIV and IDIV at 8, 16, 32 and
# 64 bits, register and memory operands, over edge values: prints rAX and
# rDX (whole) and CF/OF, the only flags the SDM defines for multiplies;
# nothing for divides, whose flags are all undefined. Dividends are chosen
# so that no quotient overflows (divide errors: sigfpe_*.s). The 64-bit
# cases exercise blink's hand-written 128-bit arithmetic on every host.
# Expected output from the host CPU.
# EXPECT-STATUS: 0
	.globl _start
	.include "show.inc"

# rax = a, rbx = b, rdx = junk; one-operand op.
.macro MUL1 op, rb, sfx
	mov %r12, %rax
	mov %r13, %rbx
	mov %r14, %rdx
	\op %\rb
	SHOW rax
	SHOW rdx
	FLAGS 0x801
	mov %r12, %rax
	mov %r13, scratch(%rip)
	mov %r14, %rdx
	\op\sfx scratch(%rip)
	SHOW rax
	SHOW rdx
	FLAGS 0x801
.endm

.macro IMUL23 ra, rb
	mov %r12, %rax
	mov %r13, %rbx
	imul %\rb, %\ra
	SHOW rax
	FLAGS 0x801
	mov %r13, scratch(%rip)
	imul scratch(%rip), %\ra
	SHOW rax
	FLAGS 0x801
	imul $-3, %\rb, %\ra
	SHOW rax
	FLAGS 0x801
	imul $0x1234, %\rb, %\ra
	SHOW rax
	FLAGS 0x801
.endm

.macro MULS rb, ra, sfx
	MUL1 mul, \rb, \sfx
	MUL1 imul, \rb, \sfx
.endm

# Unsigned: rdx (or ah) := a mod b, so the quotient fits.
.macro DIVU rb, sfx, w
	mov %r13, %rbx
	.if \w == 8
	test %bl, %bl
	jz 1f
	mov %r12, %rax
	movzbl %al, %eax
	mov %r12, %rcx
	shr $8, %rcx
	movzbl %cl, %ecx
	xchg %ecx, %eax
	xor %edx, %edx
	divb %bl                 # ah := (a >> 8) mod b
	mov %ah, %al
	shl $8, %eax
	or %ecx, %eax
	movzwl %ax, %eax
	mov %r14, %rdx
	divb %bl
	SHOW rax
	SHOW rdx
	.else
	test %\rb, %\rb
	jz 1f
	mov %r14, %rax
	xor %edx, %edx
	div\sfx %\rb               # rdx := junk mod b
	mov %r12, %rax
	div\sfx %\rb
	SHOW rax
	SHOW rdx
	.endif
	mov $'\n', %edi
	call put_char
1:
.endm

# Signed: sign-extend the dividend, so the quotient fits unless a = min
# and b = -1, which these values avoid.
.macro DIVS ra, rb, cvt, w
	mov %r13, %rbx
	test %\rb, %\rb
	jz 1f
	mov %r12, %rax
	mov %r14, %rdx
	\cvt
	idiv %\rb
	SHOW rax
	SHOW rdx
	mov $'\n', %edi
	call put_char
1:
.endm

_start:
	lea values(%rip), %r15
next:	mov (%r15), %r12
	mov 8(%r15), %r13
	mov $0x5a5a5a5a5a5a5a5a, %r14
	cmpq $1, 16(%r15)        # a third word of 1 ends the table
	je done
	MULS bl, al, b
	MULS bx, ax, w
	MULS ebx, eax, l
	MULS rbx, rax, q
	IMUL23 ax, bx
	IMUL23 eax, ebx
	IMUL23 rax, rbx
	DIVU bl, b, 8
	DIVU bx, w, 16
	DIVU ebx, l, 32
	DIVU rbx, q, 64
	DIVS ax, bx, cwd, 16
	DIVS eax, ebx, cltd, 32
	DIVS rax, rbx, cqto, 64
	add $24, %r15
	jmp next
done:	xor %edi, %edi
	call exit

	.data
scratch: .quad 0
values:
	.quad 0, 1, 0
	.quad 1, 1, 0
	.quad 7, 3, 0
	.quad 0xffffffffffffffff, 0xffffffffffffffff, 0
	.quad 0xffffffffffffffff, 2, 0
	.quad 0x7fffffffffffffff, 0x7fffffffffffffff, 0
	.quad 0x8000000000000000, 0x7fffffffffffffff, 0
	.quad 0x8000000000000001, 0xfffffffffffffffd, 0
	.quad 0x123456789abcdef0, 0xfedcba9876543210, 0
	.quad 0x00000000ffffffff, 0x00000000ffffffff, 0
	.quad 0x0000000080000000, 0x00000000ffff8000, 0
	.quad 0xfffffffffffffff9, 0x0000000000000007, 0
	.quad 0x1000000000000000, 0x0000000000000010, 0
	.quad 0xdeadbeefcafebabe, 0x00000000000000ff, 0
	.quad 0, 0, 1
	.text
	.include "lib.inc"
