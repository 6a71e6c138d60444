# The initial stack: argc, then argv[] strings; prints each argument on its
# own line and exits with argc.
# ARGS: one two three
# EXPECT-STDOUT: one
# EXPECT-STDOUT: two
# EXPECT-STDOUT: three
# EXPECT-STATUS: 4
	.globl _start
_start:
	mov (%rsp), %r12        # argc
	mov $1, %r13            # index: skip argv[0]
next:	cmp %r12, %r13
	jge done
	mov 8(%rsp,%r13,8), %rsi
	call strlen
	mov %rax, %rdx
	mov $1, %edi
	mov $1, %eax
	syscall
	lea nl(%rip), %rsi
	mov $1, %edx
	mov $1, %edi
	mov $1, %eax
	syscall
	inc %r13
	jmp next
done:	mov %r12, %rdi
	mov $231, %eax
	syscall

# strlen(rsi) -> rax
strlen:	xor %eax, %eax
1:	cmpb $0, (%rsi,%rax)
	je 2f
	inc %rax
	jmp 1b
2:	ret
	.section .rodata
nl:	.ascii "\n"
