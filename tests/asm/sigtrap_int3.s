# INT3 raises SIGTRAP: 128 + 5.
# EXPECT-STATUS: 133
	.globl _start
_start:
	int3
