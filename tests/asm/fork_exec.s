# fork, execve and wait4: the child gets a copy of memory (its store is
# not seen by the parent), execve of a missing file fails with ENOENT and
# the guest goes on, then the child execs argv[1] (exit42) and the parent
# reaps it and exits with the child's status. Prints a letter per check.
# ARGS: o/guest/asm/exit42
# EXPECT-STDOUT: abc
# EXPECT-STATUS: 42
	.globl _start
_start:
	mov 16(%rsp), %r12      # argv[1]
	mov $57, %eax           # fork
	syscall
	test %rax, %rax
	jz child
	js fail
	mov %rax, %r13
	lea status(%rip), %rsi  # wait4(pid, &status, 0, NULL)
	mov %r13, %rdi
	xor %edx, %edx
	xor %r10d, %r10d
	mov $61, %eax
	syscall
	cmp %r13, %rax
	jne fail
	mov $'a', %edi
	call put_char
	cmpq $0, shared(%rip)   # the child's store stayed in the child
	jne fail
	mov $'b', %edi
	call put_char
	cmpb $0, status(%rip)   # exited, not signalled
	jne fail
	mov $'c', %edi
	call put_char
	mov $'\n', %edi
	call put_char
	movzbl status+1(%rip), %edi
	call exit

child:	movq $1, shared(%rip)
	lea nowhere(%rip), %rdi # execve("/nonexistent", ...) = -ENOENT
	lea args(%rip), %rsi
	xor %edx, %edx
	mov $59, %eax
	syscall
	cmp $-2, %rax
	jne fail
	mov %r12, args(%rip)    # execve(argv[1], {argv[1], NULL}, NULL)
	mov %r12, %rdi
	lea args(%rip), %rsi
	xor %edx, %edx
	mov $59, %eax
	syscall
fail:	mov $1, %edi
	call exit

	.data
status:	.long 0
shared:	.quad 0
args:	.quad 0, 0
nowhere: .asciz "/nonexistent/program"
	.text
	.include "lib.inc"
