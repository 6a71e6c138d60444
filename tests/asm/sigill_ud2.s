# UD2 raises SIGILL: the process dies as a shell sees it, 128 + 4.
# EXPECT-STATUS: 132
	.globl _start
_start:
	ud2
