/* xed/: bytes -> one decoded x86-64 instruction.
 *
 * Promise: xed_decode() is a pure function of the bytes it is given and the
 * CPU mode. It never touches guest state or guest memory, allocates nothing,
 * and reads at most XED_MAX_LEN bytes. What it knows of each opcode stands
 * in one table per opcode map: onebyte.inc, twobyte.inc (0F) with
 * groups.inc, sse0f.inc (the 0F rows split by mandatory prefix, for legacy,
 * VEX and EVEX encodings), map0f38.inc, map0f3a.inc, fp16.inc (EVEX maps 5
 * and 6), xop.inc (AMD's XOP maps) and x87.inc; operand forms are in
 * forms.inc and operation names in ops.inc. core/ binds its handlers to the
 * operation names, the disassembler prints them. tests/zydis holds the
 * decoder to Zydis and the host CPU over real binaries and random bytes.
 *
 * Invariants of a successful decode: 1 <= len <= 15; reg, rm, base and index
 * already include the REX extension bits; osz is the operand size in bytes
 * after prefixes, REX.W and the opcode's default (1 for byte forms); imm is
 * sign-extended to 64 bits except for the Iw forms (RET Iw, ENTER).
 * For VEX, EVEX and XOP the R, X and B bits extend reg/rm/base/index the
 * same way (EVEX.R' and EVEX.X/V' give registers 16..31 for vectors; a
 * general register in rm ignores EVEX.X as the CPU does, so use rm & 15
 * there) and rex stays 0; vex_w is their W bit.
 *
 * Validity: xed_decode() answers XED_ERR_INVALID where a CPU that has
 * every extension raises #UD for the encoding itself (unknown opcode, a
 * register form where only memory is allowed, LOCK on anything but a
 * lockable read-modify-write of memory, a VEX field the row forbids, ...).
 * Instructions blink does not execute still decode with their length: the
 * interpreter raises SIGILL for them. Vector rows carry generic operations
 * (SSE, AVX, AVX512, ...) for now; core dispatches them on (map, mprefix,
 * opcode), which the rows name in their comments.
 *
 *   struct xed_insn x;
 *   if (xed_decode(&x, bytes, avail, XED_MODE_64) == XED_OK)
 *     printf("%s, %d bytes\n", xed_mnemonic(x.op), x.len);
 */
#ifndef BLINK_XED_H_
#define BLINK_XED_H_

#include "types.h"

#define XED_MAX_LEN 15

enum xed_mode { XED_MODE_64 };

enum xed_op {
#define XED_OP(name, mnemonic) XED_OP_##name,
#include "xed/ops.inc"
#undef XED_OP
  XED_OP_COUNT
};

enum xed_form {
#define XED_FORM(name, modrm, imm, byte) XED_FORM_##name,
#include "xed/forms.inc"
#undef XED_FORM
  XED_FORM_COUNT
};

/* Opcode maps. VEX uses 0F..0F3A (its mmmmm 1..3); EVEX adds maps 5 and 6
 * (AVX512-FP16); XOP has 8, 9 and 10; 3DNow! (0F 0F) has its own. */
enum {
  XED_MAP_1BYTE,
  XED_MAP_0F,
  XED_MAP_0F38,
  XED_MAP_0F3A,
  XED_MAP_EVEX5,
  XED_MAP_EVEX6,
  XED_MAP_3DNOW,
  XED_MAP_XOP8,
  XED_MAP_XOP9,
  XED_MAP_XOPA
};

/* Attributes from the opcode tables. */
#define XED_A_D64 0x01 /* operand size defaults to 64 bits */
#define XED_A_F64 0x02 /* operand size is always 64 bits */
#define XED_A_I64 0x04 /* invalid in 64-bit mode */
#define XED_A_BR 0x08  /* may change RIP: ends a decoded block */
#define XED_A_VEC 0x10 /* works on MMX/XMM/YMM/ZMM or mask registers */

/* Prefix and encoding facts, in xed_insn.flags. */
#define XED_F_LOCK 0x0001
#define XED_F_OSZ 0x0002   /* 66 seen */
#define XED_F_ASZ 0x0004   /* 67 seen */
#define XED_F_REX 0x0008   /* an effective REX byte: SPL..DIL, not AH..BH */
#define XED_F_MODRM 0x0010 /* has a ModRM byte */
#define XED_F_MEM 0x0020   /* ModRM names memory (mod != 3) */
#define XED_F_RIPREL 0x0040
#define XED_F_VEX 0x0080    /* C4/C5 prefix: vl, vreg and vex_w are set */
#define XED_F_EVEX 0x0100   /* 62 prefix: also mask, EVEX.z and EVEX.b */
#define XED_F_XOP 0x0200    /* AMD's 8F prefix (maps 8..10) */
#define XED_F_EVEX_Z 0x0400 /* EVEX.z: zeroing rather than merging */
#define XED_F_EVEX_B 0x0800 /* EVEX.b: broadcast, rounding or SAE */

/* Register numbers: 0..15 are RAX..R15 (in encoding order). */
#define XED_REG_NONE 0xff
#define XED_REG_RIP 0xfe

enum {
  XED_SEG_NONE,
  XED_SEG_ES,
  XED_SEG_CS,
  XED_SEG_SS,
  XED_SEG_DS,
  XED_SEG_FS,
  XED_SEG_GS
};

enum xed_error {
  XED_OK,
  XED_ERR_SHORT,   /* ran out of bytes: the fetch crossed into a hole */
  XED_ERR_LONG,    /* more than 15 bytes: #GP on real hardware */
  XED_ERR_INVALID, /* #UD */
};

struct xed_insn {
  u16 op;     /* enum xed_op */
  u8 form;    /* enum xed_form */
  u8 attr;    /* XED_A_* */
  u8 len;     /* bytes, prefixes included */
  u8 map;     /* XED_MAP_* */
  u8 opcode;  /* the byte that selected the row */
  u8 osz;     /* operand size in bytes: 1, 2, 4 or 8 */
  u8 asz;     /* address size in bytes: 4 or 8 */
  u8 rex;     /* the effective REX byte, or 0 */
  u8 rep;     /* the last of F2/F3 seen, or 0 */
  u8 seg;     /* XED_SEG_* override */
  u16 flags;  /* XED_F_* */
  u8 modrm;   /* raw ModRM byte, when XED_F_MODRM */
  u8 mod;     /* ModRM.mod */
  u8 reg;     /* ModRM.reg + REX.R, or the opcode's register + REX.B */
  u8 rm;      /* ModRM.rm + REX.B, for register operands */
  u8 base;    /* memory: base register, XED_REG_RIP or XED_REG_NONE */
  u8 index;   /* memory: index register or XED_REG_NONE; for gathers and
                 scatters (VSIB) the vector index register, 0..31 */
  u8 scale;   /* memory: log2 of the index scale */
  u8 imm2;    /* second immediate (ENTER's nesting level, EXTRQ) */
  u8 mprefix; /* mandatory prefix that chose the row: 0, 0x66, 0xf3, 0xf2;
                 for VEX/EVEX/XOP the one their pp field implies */
  u8 vl;      /* vector length: 0 = 128, 1 = 256, 2 = 512 bits */
  u8 vreg;    /* VEX/EVEX/XOP vvvv (and EVEX.V') as a register number */
  u8 mask;    /* EVEX.aaa: the opmask register, 0 for none */
  u8 vex_w;   /* VEX/EVEX/XOP .W */
  i64 disp;   /* displacement; moffs forms: the absolute offset */
  u64 imm;    /* immediate or relative branch displacement */
};

/* Decodes the instruction at bytes[0..avail). Returns enum xed_error. */
int xed_decode(struct xed_insn *x, const u8 *bytes, size_t avail,
               enum xed_mode mode);

const char *xed_mnemonic(int op);

/* Writes Intel-syntax text for x, decoded at address pc, to buf. */
int xed_disassemble(char *buf, size_t size, const struct xed_insn *x, u64 pc);

#endif /* BLINK_XED_H_ */
