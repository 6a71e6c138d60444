# Data movement: MOV in every form (incl. moffs and high-byte registers),
# partial-register writes (8/16 merge, 32 zero-extends), MOVZX, MOVSX,
# MOVSXD, LEA with every addressing form (and 32-bit address size), XCHG,
# CBW/CWDE/CDQE, CWD/CDQ/CQO. Expected output from the host CPU.
# EXPECT-STATUS: 0
	.globl _start

.macro SHOW reg
	mov %\reg, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
.endm

_start:
	mov $0x1122334455667788, %rax
	mov $0x99, %bl
	mov %bl, %al
	SHOW rax
	mov %bl, %ah
	SHOW rax
	mov $0xabcd, %bx
	mov %bx, %ax
	SHOW rax
	mov $0xdeadbeef, %ebx
	mov %ebx, %eax          # zero-extends
	SHOW rax
	mov $-2, %rax
	mov %al, %bh
	SHOW rbx
	movl $0x01020304, mem(%rip)
	movb $0xf0, mem+1(%rip)
	movw $0x7788, mem+2(%rip)
	mov mem(%rip), %rcx
	SHOW rcx
	movq $-5, mem(%rip)     # imm32 sign-extended
	mov mem(%rip), %rcx
	SHOW rcx
	movabs mem, %eax        # moffs forms
	SHOW rax
	mov $0x5a, %al
	movabs %al, mem+7
	mov mem(%rip), %rcx
	SHOW rcx
	# movzx / movsx / movsxd
	movq $0x80f0, mem(%rip)
	movzbl mem(%rip), %eax
	SHOW rax
	movsbq mem(%rip), %rax
	SHOW rax
	movzwq mem(%rip), %rax
	SHOW rax
	movswl mem(%rip), %eax
	SHOW rax
	mov $-1, %rax
	movsbw mem(%rip), %ax
	SHOW rax
	movl $0x80000000, mem(%rip)
	movslq mem(%rip), %rax
	SHOW rax
	mov $0xff00, %ebx
	movzbl %bh, %eax
	SHOW rax
	# lea
	mov $0x1000, %rbx
	mov $0x10, %rsi
	lea 8(%rbx,%rsi,4), %rax
	SHOW rax
	lea -1(,%rsi,8), %rax
	SHOW rax
	lea (%rbx,%rsi), %eax
	SHOW rax
	mov $0xfffffff0, %ebx
	lea 0x20(%ebx), %eax    # 32-bit address size wraps
	SHOW rax
	lea 0x20(%ebx), %rax    # 67 prefix: address truncated, zero-extended
	SHOW rax
	lea 0x20(%rbx), %ax
	SHOW rax
	# xchg
	mov $1, %rax
	mov $2, %rbx
	xchg %rax, %rbx
	SHOW rax
	xchg %ebx, %eax
	SHOW rbx
	movq $7, mem(%rip)
	xchg mem(%rip), %rax
	SHOW rax
	mov $0x123456789abcdef0, %rdx
	xchg %dl, %dh
	SHOW rdx
	# cbw family, cwd family
	mov $0x1234567890abcd80, %rax
	cbw
	SHOW rax
	cwde
	SHOW rax
	cdqe
	SHOW rax
	mov $0x8000, %eax
	mov $-1, %rdx
	cwd
	SHOW rdx
	mov $0x80000000, %eax
	cdq
	SHOW rdx
	mov $0x7fffffffffffffff, %rax
	cqo
	SHOW rdx
	xor %edi, %edi
	call exit

	.data
mem:	.quad 0
	.text
	.include "lib.inc"
