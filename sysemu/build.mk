# sysemu/: library sources and headers; see sysemu/sysemu.h for the contract.
LIB_SRCS += $(wildcard sysemu/*.c)
HEADERS += $(wildcard sysemu/*.h)
