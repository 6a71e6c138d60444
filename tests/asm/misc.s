# ENTER (levels 0, 1 and 3; 64- and 16-bit) and LEAVE, LAHF/SAHF, LOOP,
# LOOPE, LOOPNE and JRCXZ (also with ECX through a 67 prefix), what CPUID
# promises any x86-64 program (FPU, TSC, CX8, CMOV, MMX, FXSR, SSE, SSE2,
# long mode, SYSCALL), and RDTSC/RDTSCP never going backwards. Expected
# output from the host CPU.
# EXPECT-STATUS: 0
	.globl _start
	.include "show.inc"

# rsp and rbp as offsets from stack_top, then the 8 qwords below it.
.macro FRAME
	lea stack_top(%rip), %rbx
	mov %rsp, %r8
	sub %rbx, %r8
	mov %rbp, %r9
	sub %rbx, %r9
	mov %r12, %rsp           # back to the real stack for the helpers
	SHOW r8
	SHOW r9
	NL
	lea stack_top(%rip), %rbx
	mov $-64, %r10
1:	mov (%rbx,%r10), %rdi
	call put_hex64
	add $8, %r10
	jnz 1b
	NL
.endm

# A fake outer frame chain below stack_top, then ENTER.
.macro ENTER_ size, level, prefix
	mov %rsp, %r12
	lea stack_top(%rip), %rbx
	lea -64(%rbx), %rdi
	mov $0, %eax
	mov $8, %ecx
	rep stosq
	lea stack_top-16(%rip), %rsp
	lea stack_top-8(%rip), %rbp
	movq $0x1111, -8(%rbx)   # what rbp points at
	movq $0x2222, -16(%rbx)
	\prefix enter $\size, $\level
	FRAME
.endm

_start:
	ENTER_ 0, 0
	ENTER_ 24, 0
	ENTER_ 8, 1
	ENTER_ 0, 3
	ENTER_ 4, 2, data16
	# leave undoes enter
	mov %rsp, %r12
	lea stack_top-16(%rip), %rsp
	lea stack_top-8(%rip), %rbp
	enter $32, $0
	leave
	FRAME

	# lahf/sahf: AH <-> SF ZF AF PF CF
	mov $0x0000, %eax
	sahf
	lahf
	SHOW rax
	mov $0xff00, %eax
	sahf
	lahf
	SHOW rax
	mov $0xd500, %eax
	stc
	sahf
	pushfq
	pop %rdi
	and $0x8d5, %rdi
	call put_hex64
	NL

	# loop counts rcx down to 0; ecx with 67
	mov $5, %ecx
	xor %eax, %eax
1:	add $1, %eax
	loop 1b
	SHOW rax
	SHOW rcx
	mov $0xffffffff00000003, %rcx
	xor %eax, %eax
2:	add $1, %eax
	addr32 loop 2b
	SHOW rax
	SHOW rcx
	NL
	# loope stops when ZF clears, loopne when it sets
	mov $10, %ecx
	xor %eax, %eax
3:	add $1, %eax
	cmp $4, %eax
	loopne 3b
	SHOW rax
	SHOW rcx
	mov $10, %ecx
	xor %eax, %eax
4:	add $1, %eax
	cmp %eax, %eax
	loope 4b
	SHOW rax
	SHOW rcx
	NL
	xor %ecx, %ecx
	mov $'y', %edi
	jrcxz 5f
	mov $'n', %edi
5:	call put_char
	mov $0x100000000, %rcx
	mov $'y', %edi
	addr32 jrcxz 6f          # jecxz: ECX is 0
	mov $'n', %edi
6:	call put_char
	mov $'y', %edi
	jrcxz 7f
	jmp 8f
7:	mov $'n', %edi
8:	call put_char
	NL

	# cpuid: the baseline every x86-64 CPU reports
	xor %eax, %eax
	cpuid
	cmp $1, %eax
	setae %dil
	add $'0', %edi
	call put_char
	mov $1, %eax
	cpuid
	and $0x07808111, %edx
	cmp $0x07808111, %edx
	sete %dil
	add $'0', %edi
	call put_char
	mov $0x80000000, %eax
	cpuid
	cmp $0x80000001, %eax
	setae %dil
	add $'0', %edi
	call put_char
	mov $0x80000001, %eax
	cpuid
	and $0x20000800, %edx
	cmp $0x20000800, %edx
	sete %dil
	add $'0', %edi
	call put_char
	NL

	# rdtsc, rdtscp: never backwards; the upper halves are clear
	rdtsc
	shl $32, %rdx
	or %rax, %rdx
	mov %rdx, %r13
	mov $0x1234567812345678, %rax
	rdtscp
	mov %rax, %r14
	shr $32, %r14
	shl $32, %rdx
	or %rax, %rdx
	cmp %r13, %rdx
	setae %dil
	add $'0', %edi
	call put_char
	cmp $0, %r14
	sete %dil
	add $'0', %edi
	call put_char
	NL
	xor %edi, %edi
	call exit

	.data
	.balign 16
stack:	.space 256
stack_top:
	.space 16
	.text
	.include "lib.inc"
