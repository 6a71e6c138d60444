# HLT is privileged: #GP, which Linux delivers as SIGSEGV: 128 + 11.
# EXPECT-STATUS: 139
	.globl _start
_start:
	hlt
