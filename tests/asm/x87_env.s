# The x87 environment and state images: FNSTENV and FNSAVE in the 28/108
# byte layouts and, with a 66 prefix, the 14/94 byte ones (FCW/FSW/FTW
# words, the full tag word computed from the registers, FOP, FIP and FDP
# naming the last non-control instruction, FNSTENV masking every
# exception, FNSAVE re-initialising); FLDENV and FRSTOR of edited images
# (tags from the image decide empty; TOP from FSW); FXSAVE and FXSAVE64
# (abridged tags, MXCSR, ST(i) in 16-byte slots, XMM registers, bytes
# 416..511 left alone) and FXRSTOR of an edited image. The selectors,
# and FIP/FDP in FXSAVE, are not printed: CPUs differ there.
# Expected output from the host CPU (x87_env.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.globl _start

# prints the low 16 bits of the dword at buf+\off, or the whole dword
.macro W32 off
	mov buf+\off(%rip), %edi
	call put_hex64
	mov $' ', %edi
	call put_char
.endm
.macro W16 off
	movzwl buf+\off(%rip), %edi
	call put_hex64
	mov $' ', %edi
	call put_char
.endm
.macro NL
	mov $'\n', %edi
	call put_char
.endm
# 'y' if the quadword (or the dword, sized by \n) at buf+\off equals \val
.macro SAME off, val, n=4
	lea \val, %rax
	.if \n == 2
	movzwl buf+\off(%rip), %ecx
	and $0xffff, %eax
	.else
	mov buf+\off(%rip), %ecx
	.endif
	mov $'n', %edi
	cmp %rax, %rcx
	jne 9f
	mov $'y', %edi
9:	call put_char
	mov $' ', %edi
	call put_char
.endm

.macro SETUP
	fninit
	fldcw cw(%rip)
	fldz
	fld1
	fldt den(%rip)
	fldt nan(%rip)
	ffree %st(1)
	fdivs four(%rip)
.endm

_start:
	# FNSTENV (32-bit layout).
	SETUP
1:	fadds four(%rip)
	fnstenv buf(%rip)
	W32 0
	W32 4
	W32 8
	mov buf+16(%rip), %edi
	shr $16, %edi
	call put_hex64		# FOP (and the bits above it)
	mov $' ', %edi
	call put_char
	SAME 12, 1b(%rip)
	SAME 20, four(%rip)
	NL
	fnstcw buf(%rip)	# now all masked
	W16 0
	NL
	# The same 16-bit.
	SETUP
2:	fadds four(%rip)
	data16 fnstenv buf(%rip)
	W16 0
	W16 2
	W16 4
	SAME 6, 2b(%rip), 2
	SAME 10, four(%rip), 2
	NL
	# FNSAVE (32-bit), then the state it leaves.
	SETUP
	fnsave buf(%rip)
	W32 0
	W32 4
	W32 8
	NL
	lea buf+28(%rip), %rsi
	call regs
	call x87_dump
	# FRSTOR of that image with FSW's TOP and the tags edited.
	movw $0x1000, buf+4(%rip)	# TOP 2
	movw $0x5555, buf+8(%rip)	# every register zero: none empty
	frstor buf(%rip)
	call x87_dump
	movw $0xfff0, buf+8(%rip)	# R0 and R1 in use
	frstor buf(%rip)
	call x87_dump
	# 16-bit FNSAVE and FRSTOR.
	SETUP
	data16 fnsave buf(%rip)
	W16 0
	W16 2
	W16 4
	NL
	lea buf+14(%rip), %rsi
	call regs
	data16 frstor buf(%rip)
	call x87_dump
	# FLDENV: control word, status with flags and TOP, tags.
	SETUP
	fnstenv buf(%rip)
	movw $0x0c7f, buf(%rip)
	movw $0x4721, buf+4(%rip)	# C3 C2 C0, TOP 0, PE IE
	movw $0xaaaa, buf+8(%rip)
	fldenv buf(%rip)
	call x87_dump
	fninit

	# FXSAVE: x87 state, MXCSR, XMM.
	SETUP
	lea xmmval(%rip), %rax
	movdqu (%rax), %xmm0
	movdqu 16(%rax), %xmm15
	lea fx(%rip), %rbx
	mov $64, %ecx
	mov $0x5a5a5a5a5a5a5a5a, %rax
3:	mov %rax, -8(%rbx,%rcx,8)
	loop 3b
	fxsave fx(%rip)
	call fxshow
	fxsave64 fx(%rip)
	call fxshow
	# FXRSTOR an edited image: FCW, FSW (TOP 5), tags, a register, MXCSR.
	movw $0x0b7f, fx(%rip)
	movw $0x2800, fx+2(%rip)
	movb $0xe1, fx+4(%rip)
	mov $0x123456789abcdef0, %rax
	mov %rax, fx+32(%rip)
	movl $0x3f80, fx+24(%rip)
	movq $7, fx+160(%rip)
	fxrstor fx(%rip)
	call x87_dump
	fxsave fx2(%rip)
	mov fx2+24(%rip), %edi	# MXCSR
	call put_hex64
	mov fx2+160(%rip), %rdi	# XMM0 low
	call put_hex64
	NL
	xor %edi, %edi
	call exit

# regs(rsi): eight 10-byte registers in a line.
regs:	mov $8, %ecx
1:	movzwl 8(%rsi), %edi
	call put_hex64
	mov $':', %edi
	call put_char
	mov (%rsi), %rdi
	call put_hex64
	mov $' ', %edi
	call put_char
	add $10, %rsi
	loop 1b
	NL
	ret

# fxshow: the FXSAVE image at fx, the pointer fields (8..23) left out and
# MXCSR_MASK cut to its low 16 bits.
fxshow:	movzwl fx(%rip), %edi
	call put_hex64
	mov $' ', %edi
	call put_char
	movzwl fx+2(%rip), %edi
	call put_hex64
	mov $' ', %edi
	call put_char
	movzbl fx+4(%rip), %edi
	call put_hex64
	mov $' ', %edi
	call put_char
	movzbl fx+5(%rip), %edi
	call put_hex64
	mov $' ', %edi
	call put_char
	mov fx+24(%rip), %edi
	call put_hex64
	mov $' ', %edi
	call put_char
	movzwl fx+28(%rip), %edi
	call put_hex64
	NL
	lea fx+32(%rip), %rsi
	mov $8, %ecx
1:	mov 8(%rsi), %rdi
	call put_hex64
	mov $':', %edi
	call put_char
	mov (%rsi), %rdi
	call put_hex64
	mov $' ', %edi
	call put_char
	add $16, %rsi
	loop 1b
	NL
	mov fx+160(%rip), %rdi
	call put_hex64
	mov fx+168(%rip), %rdi
	call put_hex64
	mov fx+400(%rip), %rdi
	call put_hex64
	mov fx+408(%rip), %rdi
	call put_hex64
	NL
	lea fx+416(%rip), %rsi
	mov $12, %ecx
1:	mov (%rsi), %rdi
	call put_hex64
	add $8, %rsi
	loop 1b
	NL
	ret

	.include "lib.inc"
	.include "x87_show.inc"

	.data
	.balign 16
buf:	.space 112
fx:	.space 512
fx2:	.space 512
	.section .rodata
	.balign 16
xmmval:	.quad 0x0123456789abcdef, 0xfedcba9876543210
	.quad 0x1111111122222222, 0x3333333344444444
cw:	.short 0x0a7b
four:	.long 0x40800000
den:	.byte 1,0,0,0,0,0,0,0,0,0
nan:	.byte 0,0,0,0,0,0,0,0xc0,0xff,0x7f
