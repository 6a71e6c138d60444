# CLFLUSH (SSE2 cacheability control) checks its byte like a load: fine on
# read-only memory, SIGSEGV on a page without access. "ok" shows that the
# flushes before it did not fault.
# EXPECT-STDOUT: ok
# EXPECT-STATUS: 139
	.include "macros.inc"
	.globl _start
_start:
	clflush buf+5(%rip)
	clflush _start(%rip)
	SYS 9, $0, $4096, $1, $0x22, $-1, $0   # mmap PROT_READ
	mov %rax, %rbx
	clflush 100(%rbx)
	SYS 10, %rbx, $4096, $0                 # mprotect PROT_NONE
	SYS 1, $1, $msg, $3
	clflush 100(%rbx)
	SYS 231, $0
	.data
buf:	.space 8
msg:	.ascii "ok\n"
