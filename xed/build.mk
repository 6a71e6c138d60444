# xed/: library sources and headers; see xed/xed.h for the contract.
LIB_SRCS += $(wildcard xed/*.c)
HEADERS += $(wildcard xed/*.h)
