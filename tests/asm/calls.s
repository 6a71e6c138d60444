# CALL and RET (direct, through a register, through memory, RET imm16),
# JMP through a register and memory, PUSH/POP of registers, memory and
# immediates, LEAVE, and recursion deep enough to use real stack:
# fib(20) computed recursively = 6765, printed in hex.
# EXPECT-STDOUT: 0000000000001a6d
# EXPECT-STDOUT: 0000000000000007
# EXPECT-STDOUT: ffffffffffffff80
# EXPECT-STDOUT: 0000000012345678
# EXPECT-STDOUT: 0000000000000063
# EXPECT-STATUS: 0
	.globl _start
_start:
	mov $20, %edi
	call fib
	mov %rax, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char

	# ret $16 drops two pushed arguments
	push $3
	push $4
	call add2
	mov %rax, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char

	# push imm8 is sign-extended to 64 bits; pop into memory
	push $-128
	pop slot(%rip)
	mov slot(%rip), %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char

	# indirect call through memory, indirect jmp through register
	lea give(%rip), %rax
	mov %rax, slot(%rip)
	call *slot(%rip)
	lea 1f(%rip), %rcx
	jmp *%rcx
	mov $1, %edi            # skipped
	call exit
1:	mov %rax, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char

	# jmp through memory; push from memory; leave
	lea 2f(%rip), %rax
	mov %rax, slot(%rip)
	jmp *slot(%rip)
	mov $2, %edi
	call exit
2:	movq $0x63, slot(%rip)
	push %rbp
	mov %rsp, %rbp
	push slot(%rip)
	pop %rdi
	leave
	call put_hex64
	mov $'\n', %edi
	call put_char
	xor %edi, %edi
	call exit

fib:	cmp $2, %rdi
	jae 1f
	mov %rdi, %rax
	ret
1:	push %rbx
	push %rdi
	sub $1, %rdi
	call fib
	mov %rax, %rbx
	pop %rdi
	sub $2, %rdi
	call fib
	add %rbx, %rax
	pop %rbx
	ret

add2:	mov 8(%rsp), %rax
	add 16(%rsp), %rax
	ret $16

give:	mov $0x12345678, %eax
	ret

	.data
slot:	.quad 0
	.text
	.include "lib.inc"
