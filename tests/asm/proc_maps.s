# /proc/self/maps shows the guest's own mappings: it has a "[stack]" line
# and an executable "r-xp" one (its text). Exit status: 1 if no [stack],
# 2 if no r-xp, 3 if the file could not be read.
# EXPECT-STATUS: 0
	.globl _start
_start:
	mov $2, %eax            # open("/proc/self/maps", O_RDONLY)
	lea path(%rip), %rdi
	xor %esi, %esi
	syscall
	test %rax, %rax
	js bad
	mov %rax, %r12
	xor %r13d, %r13d        # bytes read so far
1:	mov %r12, %rdi          # read until EOF
	lea buf(%rip), %rsi
	add %r13, %rsi
	mov $65536, %edx
	sub %r13, %rdx
	jz 2f
	xor %eax, %eax
	syscall
	test %rax, %rax
	js bad
	jz 2f
	add %rax, %r13
	jmp 1b
2:	lea stack(%rip), %rsi
	mov $7, %edx
	call find
	mov $1, %edi
	test %rax, %rax
	jz out
	lea rxp(%rip), %rsi
	mov $4, %edx
	call find
	mov $2, %edi
	test %rax, %rax
	jz out
	xor %edi, %edi
out:	mov $231, %eax
	syscall
bad:	mov $3, %edi
	jmp out

# find(rsi = needle, rdx = its length) in buf[0, r13): rax = 1 if found.
find:	xor %ecx, %ecx          # position in buf
1:	lea (%rcx,%rdx), %rax
	cmp %r13, %rax
	ja 4f
	xor %r8d, %r8d          # position in needle
2:	cmp %rdx, %r8
	je 3f
	lea buf(%rip), %rax
	add %rcx, %rax
	movzbl (%rax,%r8), %eax
	cmpb %al, (%rsi,%r8)
	jne 5f
	inc %r8
	jmp 2b
5:	inc %rcx
	jmp 1b
3:	mov $1, %eax
	ret
4:	xor %eax, %eax
	ret

	.section .rodata
path:	.asciz "/proc/self/maps"
stack:	.ascii "[stack]"
rxp:	.ascii "r-xp"
	.bss
buf:	.space 65536
