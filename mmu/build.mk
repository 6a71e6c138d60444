# mmu/: library sources and headers; see mmu/mmu.h for the contract.
LIB_SRCS += $(wildcard mmu/*.c)
HEADERS += $(wildcard mmu/*.h)
