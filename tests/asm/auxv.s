# Walks past argv and envp to the auxiliary vector and checks the entries
# every static program needs: AT_PAGESZ = 4096, AT_ENTRY = _start,
# AT_PHENT = 56, AT_PHNUM > 0, AT_PHDR pointing at the program headers
# (first p_type readable), AT_RANDOM pointing at 16 readable bytes, and
# AT_EXECFN, AT_PLATFORM = "x86_64" and AT_UID present. Prints a letter per
# entry found in order of the checks; exits 0 if all matched.
# EXPECT-STDOUT: PEHNRXLU
# EXPECT-STATUS: 0
	.globl _start
_start:
	mov (%rsp), %rcx
	lea 16(%rsp,%rcx,8), %rbx   # envp
1:	cmpq $0, (%rbx)
	lea 8(%rbx), %rbx
	jne 1b                      # rbx = auxv
	xor %r15d, %r15d            # failures
	mov $6, %edi                # AT_PAGESZ
	call getaux
	cmp $4096, %rax
	setne %r14b
	or %r14, %r15
	mov $'P', %edi
	call put
	mov $9, %edi                # AT_ENTRY
	call getaux
	lea _start(%rip), %rdx
	cmp %rdx, %rax
	setne %r14b
	or %r14, %r15
	mov $'E', %edi
	call put
	mov $4, %edi                # AT_PHENT
	call getaux
	cmp $56, %rax
	setne %r14b
	or %r14, %r15
	mov $'H', %edi
	call put
	mov $5, %edi                # AT_PHNUM
	call getaux
	test %rax, %rax
	sete %r14b
	or %r14, %r15
	mov $3, %edi                # AT_PHDR: first entry's p_type is nonzero
	call getaux
	mov (%rax), %eax
	test %eax, %eax
	sete %r14b
	or %r14, %r15
	mov $'N', %edi
	call put
	mov $25, %edi               # AT_RANDOM
	call getaux
	mov 8(%rax), %rax           # readable
	mov $'R', %edi
	call put
	mov $31, %edi               # AT_EXECFN
	call getaux
	movzbl (%rax), %eax
	test %eax, %eax
	sete %r14b
	or %r14, %r15
	mov $'X', %edi
	call put
	mov $15, %edi               # AT_PLATFORM = "x86_64\0"
	call getaux
	cmpl $0x5f363878, (%rax)    # "x86_"
	setne %r14b
	or %r14, %r15
	cmpl $0x0034365f, 3(%rax)   # "_64\0"
	setne %r14b
	or %r14, %r15
	mov $'L', %edi
	call put
	mov $11, %edi               # AT_UID: present (any value)
	call getaux
	mov $'U', %edi
	call put
	mov $'\n', %edi
	call put
	mov %r15, %rdi
	mov $231, %eax
	syscall

# getaux(edi = key) -> rax = value; exits 100 + key if absent.
getaux:	mov %rbx, %rsi
1:	mov (%rsi), %rax
	test %rax, %rax
	jz 3f
	cmp %rdi, %rax
	je 2f
	add $16, %rsi
	jmp 1b
2:	mov 8(%rsi), %rax
	ret
3:	add $100, %edi
	mov $231, %eax
	syscall

# put(edi = character): one byte to stdout.
put:	push %rdi
	mov %rsp, %rsi
	mov $1, %edx
	mov $1, %edi
	mov $1, %eax
	syscall
	pop %rdi
	ret
