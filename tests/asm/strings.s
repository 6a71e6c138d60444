# String instructions: MOVS, STOS, LODS at every size, forwards and
# backwards (DF), with REP, with a zero count, and with a 67 prefix
# (ESI/EDI/ECX, upper halves cleared); REPE/REPNE CMPS and SCAS stopping
# early and running out; XLAT. Prints the registers and the buffer after
# each. Expected output from the host CPU.
# EXPECT-STATUS: 0
	.globl _start
	.include "show.inc"

# rsi, rdi and rcx as offsets into buf; rax as given.
.macro SETUP si, di, cx
	call reset
	lea buf+\si(%rip), %rsi
	lea buf+\di(%rip), %rdi
	mov $\cx, %rcx
	mov $0x8877665544332211, %rax
.endm

# What moved: registers as offsets from buf, then the buffer, then flags.
.macro RESULT mask
	pushfq
	pop %r11
	cld
	lea buf(%rip), %rbx
	mov %rsi, %r8
	mov %rdi, %r9
	sub %rbx, %r8
	sub %rbx, %r9
	SHOW r8
	SHOW r9
	SHOW rcx
	SHOW rax
	mov %r11, %rdi
	and $\mask, %rdi
	call put_hex64
	mov $'\n', %edi
	call put_char
	call dump
.endm

_start:
	SETUP 0, 64, 5
	rep movsb
	RESULT 0
	SETUP 0, 64, 5
	rep movsw
	RESULT 0
	SETUP 0, 64, 5
	rep movsl
	RESULT 0
	SETUP 0, 64, 5
	rep movsq
	RESULT 0
	SETUP 40, 120, 5
	std
	rep movsq
	RESULT 0
	SETUP 40, 90, 7
	std
	rep movsb
	RESULT 0
	SETUP 0, 64, 0
	rep movsb                # a zero count does nothing
	RESULT 0
	SETUP 0, 64, 1
	movsw                    # no REP: one element, rcx untouched
	RESULT 0
	SETUP 8, 64, 3
	mov $0xffffffff00000003, %rcx
	addr32 rep movsb         # ECX counts; ESI/EDI upper halves cleared
	RESULT 0
	SETUP 0, 64, 4
	rep stosw
	RESULT 0
	SETUP 0, 100, 3
	std
	rep stosl
	RESULT 0
	SETUP 0, 64, 1
	stosq
	RESULT 0
	SETUP 16, 64, 3
	rep lodsb
	RESULT 0
	SETUP 16, 64, 3
	lodsl
	RESULT 0
	SETUP 16, 64, 3
	std
	lodsw
	RESULT 0
	# compares: the second half of buf repeats the first up to byte 70
	SETUP 0, 64, 20
	repe cmpsb
	RESULT 0x8d5
	SETUP 0, 64, 4
	repe cmpsb               # runs out, still equal
	RESULT 0x8d5
	SETUP 0, 64, 20
	repne cmpsb              # stops at once: equal
	RESULT 0x8d5
	SETUP 1, 64, 20
	repne cmpsw              # never equal: runs out
	RESULT 0x8d5
	SETUP 0, 64, 3
	cmpsq
	RESULT 0x8d5
	SETUP 0, 0, 40
	mov $0x09, %al
	repne scasb              # finds the byte 9
	RESULT 0x8d5
	SETUP 0, 0, 40
	mov $0x0100, %ax
	repe scasw
	RESULT 0x8d5
	SETUP 0, 48, 10
	mov $0x100f0e0d, %eax
	std
	repne scasl
	RESULT 0x8d5
	SETUP 0, 0, 0
	lea buf(%rip), %rbx
	mov $0x1234567811, %rax
	xlat                     # al := buf[al]
	SHOW rax
	mov $0xffffffff00000000, %rcx
	lea buf(%rip), %rbx
	mov $200, %eax
	xlat
	SHOW rax
	mov $'\n', %edi
	call put_char
	xor %edi, %edi
	call exit

# buf[i] = i for i < 64, then the first 7 bytes again, then 0xee.
reset:	lea buf(%rip), %rdi
	xor %ecx, %ecx
1:	mov %cl, (%rdi,%rcx)
	add $1, %ecx
	cmp $64, %ecx
	jne 1b
2:	mov %cl, %al
	sub $64, %al
	cmp $71, %ecx
	jb 3f
	mov $0xee, %al
3:	mov %al, (%rdi,%rcx)
	add $1, %ecx
	cmp $256, %ecx
	jne 2b
	ret

# The first 136 bytes of buf, in hex, 8 to a group.
dump:	lea buf(%rip), %rbx
	xor %r10d, %r10d
1:	mov (%rbx,%r10), %rdi
	bswap %rdi
	call put_hex64
	add $8, %r10
	cmp $136, %r10
	jne 1b
	mov $'\n', %edi
	call put_char
	ret

	.data
buf:	.space 256
	.text
	.include "lib.inc"
