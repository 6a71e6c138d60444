/* xed/: bytes -> one decoded x86-64 instruction.
 *
 * Promise: xed_decode() is a pure function of the bytes it is given and the
 * CPU mode. It never touches guest state or guest memory, allocates nothing,
 * and reads at most XED_MAX_LEN bytes. What it knows of each opcode stands
 * in one table per opcode map (onebyte.inc, twobyte.inc, groups.inc), with
 * operand forms in forms.inc and operation names in ops.inc; core/ binds
 * its handlers to the operation names, the disassembler prints them.
 *
 * Invariants of a successful decode: 1 <= len <= 15; reg, rm, base and index
 * already include the REX extension bits; osz is the operand size in bytes
 * after prefixes, REX.W and the opcode's default (1 for byte forms); imm is
 * sign-extended to 64 bits except for the Iw forms (RET Iw, ENTER).
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

/* Opcode maps. */
enum { XED_MAP_1BYTE, XED_MAP_0F, XED_MAP_0F38, XED_MAP_0F3A };

/* Attributes from the opcode tables. */
#define XED_A_D64 0x01 /* operand size defaults to 64 bits */
#define XED_A_F64 0x02 /* operand size is always 64 bits */
#define XED_A_I64 0x04 /* invalid in 64-bit mode */
#define XED_A_BR 0x08  /* may change RIP: ends a decoded block */

/* Prefix and encoding facts, in xed_insn.flags. */
#define XED_F_LOCK 0x0001
#define XED_F_OSZ 0x0002   /* 66 seen */
#define XED_F_ASZ 0x0004   /* 67 seen */
#define XED_F_REX 0x0008   /* an effective REX byte: SPL..DIL, not AH..BH */
#define XED_F_MODRM 0x0010 /* has a ModRM byte */
#define XED_F_MEM 0x0020   /* ModRM names memory (mod != 3) */
#define XED_F_RIPREL 0x0040

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
  u16 op;    /* enum xed_op */
  u8 form;   /* enum xed_form */
  u8 attr;   /* XED_A_* */
  u8 len;    /* bytes, prefixes included */
  u8 map;    /* XED_MAP_* */
  u8 opcode; /* the byte that selected the row */
  u8 osz;    /* operand size in bytes: 1, 2, 4 or 8 */
  u8 asz;    /* address size in bytes: 4 or 8 */
  u8 rex;    /* the effective REX byte, or 0 */
  u8 rep;    /* the last of F2/F3 seen, or 0 */
  u8 seg;    /* XED_SEG_* override */
  u16 flags; /* XED_F_* */
  u8 modrm;  /* raw ModRM byte, when XED_F_MODRM */
  u8 mod;    /* ModRM.mod */
  u8 reg;    /* ModRM.reg + REX.R, or the opcode's register + REX.B */
  u8 rm;     /* ModRM.rm + REX.B, for register operands */
  u8 base;   /* memory: base register, XED_REG_RIP or XED_REG_NONE */
  u8 index;  /* memory: index register or XED_REG_NONE */
  u8 scale;  /* memory: log2 of the index scale */
  u8 imm2;   /* second immediate (ENTER's nesting level) */
  i64 disp;  /* displacement; moffs forms: the absolute offset */
  u64 imm;   /* immediate or relative branch displacement */
};

/* Decodes the instruction at bytes[0..avail). Returns enum xed_error. */
int xed_decode(struct xed_insn *x, const u8 *bytes, size_t avail,
               enum xed_mode mode);

const char *xed_mnemonic(int op);

/* Writes Intel-syntax text for x, decoded at address pc, to buf. */
int xed_disassemble(char *buf, size_t size, const struct xed_insn *x, u64 pc);

#endif /* BLINK_XED_H_ */
