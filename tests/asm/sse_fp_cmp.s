# SSE/SSE2 compares: CMPPS/PD/SS/SD with each of the eight predicates
# (and an imm8 above 7, whose upper bits the legacy forms ignore), from a
# register and from memory, and COMISS/COMISD/UCOMISS/UCOMISD with the
# EFLAGS they leave (CF PF AF ZF SF OF, starting from all set). The same
# operand pairs as sse_fp_arith, under DAZ for half of the COMIS runs.
# Each line: the result (or the flags) and the MXCSR after. Expected
# output from the host CPU (sse_fp_cmp.stdout).
# EXPECT-STATUS: 0
	.include "macros.inc"
	.include "ssefp.inc"
	.globl _start

.macro CMPOP insn, pred, scalar=0
	lea csrs(%rip), %r14
	movaps (%r12), %xmm0
	movaps 16(%r12), %xmm1
	UNDER \insn $\pred, %xmm1, %xmm0
	SHOWXM xmm0
	movaps (%r12), %xmm2
	.if \scalar
	movdqu 16(%r12), %xmm3
	movdqu %xmm3, mis+1(%rip)
	UNDER \insn $\pred, mis+1(%rip), %xmm2
	.else
	UNDER \insn $\pred, 16(%r12), %xmm2
	.endif
	SHOWXM xmm2
.endm

# COMI insn: the low lanes of the pair, then lane 1 of the first against
# memory, under the default MXCSR and under DAZ.
.macro COMI insn
	lea csrs(%rip), %r14
	.rept 2
	movaps (%r12), %xmm0
	movaps 16(%r12), %xmm1
	push $0x8d7
	popf
	UNDER \insn %xmm1, %xmm0
	call flags
	push $0x8d7
	popf
	UNDER \insn 4(%r12), %xmm1
	call flags
	add $4, %r14
	.endr
.endm

_start:
	lea pairs(%rip), %r12
	mov $9, %r13d
next:	.irp p, 0,1,2,3,4,5,6,7,12
	CMPOP cmpps, \p
	CMPOP cmppd, \p
	CMPOP cmpss, \p, 1
	CMPOP cmpsd, \p, 1
	.endr
	.irp op, comiss,comisd,ucomiss,ucomisd
	COMI \op
	.endr
	add $32, %r12
	dec %r13d
	jnz next
	xor %edi, %edi
	call exit

# flags: prints EFLAGS as the COMIS left them (the six arithmetic flags
# were all set before) and the MXCSR.
flags:	pushf
	pop %rdi
	and $0x8d5, %edi
	call put_hex64
	call put_mxcsr
	ret

	.section .rodata
	.balign 4
csrs:	.long 0x1f80, 0x1fc0
	.balign 16
pairs:	# binary32 lanes
	.long 0x3f800000, 0xc0200000, 0x7f61b1e6, 0x006ce3ee
	.long 0x40400000, 0x3dcccccd, 0x7f61b1e6, 0x800ae398
	.long 0x00000000, 0x80000000, 0x7f800000, 0x7fc00001
	.long 0x80000000, 0x80000000, 0xff800000, 0x7f800001
	.long 0xff800005, 0x00000001, 0x7f7fffff, 0x00800000
	.long 0x7fc12345, 0x3f000000, 0x7f7fffff, 0x3f7fffff
	.long 0xbf800000, 0x40000000, 0x41800000, 0x3f800001
	.long 0x00000000, 0x80000000, 0x00400000, 0x33800000
	# binary64 lanes
	.quad 0x3ff0000000000000, 0xbfb999999999999a
	.quad 0x4008000000000000, 0x000012688b70e62b
	.quad 0x7fefffffffffffff, 0x0010000000000000
	.quad 0x7fefffffffffffff, 0xbfe0000000000000
	.quad 0x7ff0000000000000, 0x7ff8000000000001
	.quad 0xfff0000000000000, 0x7ff0000000000001
	.quad 0x3ff0000000000001, 0x8000000000000000
	.quad 0x3ca0000000000000, 0x0000000000000000
	.quad 0x0008000000000000, 0x001fffffffffffff
	.quad 0x3fe0000000000000, 0x3fe0000000000001
	.data
mis:	.space 24
	.text
	.include "lib.inc"
	.include "ssefp_lib.inc"
