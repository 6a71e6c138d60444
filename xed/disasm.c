/* A small Intel-syntax disassembler over the decoder's output, for logs
 * and (later) the debugger. It reads only struct xed_insn. */
#include "xed/xed.h"

#include <stdarg.h>

static const char *const kReg64[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp",
                                       "rsi", "rdi", "r8",  "r9",  "r10", "r11",
                                       "r12", "r13", "r14", "r15"};
static const char *const kReg32[16] = {
    "eax", "ecx", "edx",  "ebx",  "esp",  "ebp",  "esi",  "edi",
    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
static const char *const kReg16[16] = {
    "ax",  "cx",  "dx",   "bx",   "sp",   "bp",   "si",   "di",
    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
static const char *const kReg8Rex[16] = {
    "al",  "cl",  "dl",   "bl",   "spl",  "bpl",  "sil",  "dil",
    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
static const char *const kReg8Legacy[8] = {"al", "cl", "dl", "bl",
                                           "ah", "ch", "dh", "bh"};
static const char *const kCond[16] = {"o",  "no", "b",  "ae", "e", "ne",
                                      "be", "a",  "s",  "ns", "p", "np",
                                      "l",  "ge", "le", "g"};

struct out {
  char *p;
  size_t n, len;
};

static void emit(struct out *o, const char *fmt, ...) {
  va_list va;
  int k;
  va_start(va, fmt);
  k = vsnprintf(o->p + o->len, o->len < o->n ? o->n - o->len : 0, fmt, va);
  va_end(va);
  if (k > 0) o->len += (size_t)k;
}

static const char *reg_name(const struct xed_insn *x, int r, int size) {
  switch (size) {
    case 1:
      return (x->flags & XED_F_REX) || r >= 8 ? kReg8Rex[r] : kReg8Legacy[r];
    case 2: return kReg16[r];
    case 4: return kReg32[r];
    default: return kReg64[r];
  }
}

static void emit_mem(struct out *o, const struct xed_insn *x, int size,
                     u64 pc) {
  const char *const *regs = x->asz == 4 ? kReg32 : kReg64;
  int any = 0;
  switch (size) {
    case 1: emit(o, "byte ptr "); break;
    case 2: emit(o, "word ptr "); break;
    case 4: emit(o, "dword ptr "); break;
    case 8: emit(o, "qword ptr "); break;
    default: break;
  }
  if (x->seg == XED_SEG_FS) emit(o, "fs:");
  if (x->seg == XED_SEG_GS) emit(o, "gs:");
  if (x->base == XED_REG_RIP) {
    emit(o, "[rip%+lld] # 0x%llx", (long long)x->disp,
         (unsigned long long)(pc + x->len + x->disp));
    return;
  }
  emit(o, "[");
  if (x->base != XED_REG_NONE) emit(o, "%s", regs[x->base]), any = 1;
  if (x->index != XED_REG_NONE) {
    emit(o, "%s%s*%d", any ? "+" : "", regs[x->index], 1 << x->scale);
    any = 1;
  }
  if (x->disp || !any) {
    if (any)
      emit(o, "%+lld", (long long)x->disp);
    else
      emit(o, "0x%llx", (unsigned long long)x->disp);
  }
  emit(o, "]");
}

static void emit_moffs(struct out *o, const struct xed_insn *x, int size) {
  static const char *const kSize[9] = {"", "byte", "word", "",     "dword",
                                       "", "",     "",     "qword"};
  emit(o, "%s ptr %s[0x%llx]", kSize[size],
       x->seg == XED_SEG_FS   ? "fs:"
       : x->seg == XED_SEG_GS ? "gs:"
                              : "",
       (unsigned long long)x->disp);
}

static void emit_e(struct out *o, const struct xed_insn *x, int size, u64 pc) {
  if (x->flags & XED_F_MEM)
    emit_mem(o, x, size, pc);
  else
    emit(o, "%s", reg_name(x, x->rm, size));
}

static void emit_imm(struct out *o, const struct xed_insn *x) {
  emit(o, "0x%llx",
       (unsigned long long)(x->osz == 8
                                ? x->imm
                                : x->imm & ((1ull << (8 * x->osz)) - 1)));
}

int xed_disassemble(char *buf, size_t size, const struct xed_insn *x, u64 pc) {
  struct out o = {buf, size, 0};
  int v = x->osz;
  if (size) buf[0] = 0;
  if (x->flags & XED_F_LOCK) emit(&o, "lock ");
  if (x->rep == 0xf3 && x->op >= XED_OP_MOVS && x->op <= XED_OP_OUTS)
    emit(&o, "rep ");
  if (x->op >= XED_OP_PSHIFTW && x->op <= XED_OP_PSHIFTQ) {
    /* 0F 71..73: the shift groups name the operation in ModRM.reg. */
    static const char *const kShift[3][8] = {
        {"", "", "psrlw", "", "psraw", "", "psllw", ""},
        {"", "", "psrld", "", "psrad", "", "pslld", ""},
        {"", "", "psrlq", "psrldq", "", "", "psllq", "pslldq"}};
    emit(&o, "%s", kShift[x->op - XED_OP_PSHIFTW][(x->modrm >> 3) & 7]);
  } else {
    emit(&o, "%s", xed_mnemonic(x->op));
  }
  if (x->op == XED_OP_JCC || x->op == XED_OP_SETCC || x->op == XED_OP_CMOVCC)
    emit(&o, "%s", kCond[x->opcode & 15]);
  switch (x->form) {
    case XED_FORM_EbGb:
    case XED_FORM_EvGv:
      emit(&o, " "), emit_e(&o, x, v, pc);
      emit(&o, ", %s", reg_name(x, x->reg, v));
      break;
    case XED_FORM_GbEb:
    case XED_FORM_GvEv:
      emit(&o, " %s, ", reg_name(x, x->reg, v)), emit_e(&o, x, v, pc);
      break;
    case XED_FORM_GvM:
      emit(&o, " %s, ", reg_name(x, x->reg, v)), emit_mem(&o, x, 0, pc);
      break;
    case XED_FORM_GvEb:
    case XED_FORM_GvEw:
    case XED_FORM_GvEd:
      emit(&o, " %s, ", reg_name(x, x->reg, v));
      emit_e(&o, x,
             x->form == XED_FORM_GvEb   ? 1
             : x->form == XED_FORM_GvEw ? 2
                                        : 4,
             pc);
      break;
    case XED_FORM_ALIb:
    case XED_FORM_rAXIb:
    case XED_FORM_rAXIz:
      emit(&o, " %s, ", reg_name(x, 0, v)), emit_imm(&o, x);
      break;
    case XED_FORM_Zv: emit(&o, " %s", reg_name(x, x->reg, v)); break;
    case XED_FORM_rAXZv:
      if (x->op == XED_OP_XCHG)
        emit(&o, " %s, %s", reg_name(x, x->reg, v), reg_name(x, 0, v));
      break;
    case XED_FORM_ZbIb:
    case XED_FORM_ZvIv:
      emit(&o, " %s, ", reg_name(x, x->reg, v)), emit_imm(&o, x);
      break;
    case XED_FORM_EbIb:
    case XED_FORM_EvIz:
    case XED_FORM_EvIb:
      emit(&o, " "), emit_e(&o, x, v, pc), emit(&o, ", "), emit_imm(&o, x);
      break;
    case XED_FORM_Eb:
    case XED_FORM_Ev: emit(&o, " "), emit_e(&o, x, v, pc); break;
    case XED_FORM_Eb1:
    case XED_FORM_Ev1:
      emit(&o, " "), emit_e(&o, x, v, pc), emit(&o, ", 1");
      break;
    case XED_FORM_EbCL:
    case XED_FORM_EvCL:
      emit(&o, " "), emit_e(&o, x, v, pc), emit(&o, ", cl");
      break;
    case XED_FORM_Jb:
    case XED_FORM_Jz:
      emit(&o, " 0x%llx", (unsigned long long)(pc + x->len + x->imm));
      break;
    case XED_FORM_Ib:
    case XED_FORM_Iz:
    case XED_FORM_Iw: emit(&o, " "), emit_imm(&o, x); break;
    case XED_FORM_GvEvIz:
    case XED_FORM_GvEvIb:
      emit(&o, " %s, ", reg_name(x, x->reg, v)), emit_e(&o, x, v, pc);
      emit(&o, ", "), emit_imm(&o, x);
      break;
    case XED_FORM_IwIb:
      emit(&o, " 0x%llx, 0x%x", (unsigned long long)x->imm, x->imm2);
      break;
    case XED_FORM_ALOb:
    case XED_FORM_rAXOv:
      emit(&o, " %s, ", reg_name(x, 0, v));
      emit_moffs(&o, x, v);
      break;
    case XED_FORM_ObAL:
    case XED_FORM_OvrAX:
      emit(&o, " ");
      emit_moffs(&o, x, v);
      emit(&o, ", %s", reg_name(x, 0, v));
      break;
    case XED_FORM_MODRM:
    case XED_FORM_MODRM_IB:
    case XED_FORM_M:
      if (x->flags & XED_F_MEM) emit(&o, " "), emit_mem(&o, x, 0, pc);
      break;
    default: break;
  }
  return (int)o.len;
}
