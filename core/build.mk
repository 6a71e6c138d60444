# core/: library sources and headers; see core/core.h for the contract.
LIB_SRCS += $(wildcard core/*.c)
HEADERS += $(wildcard core/*.h)
