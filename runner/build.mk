# runner/: main() stays out of libblink.a so unit tests can link the rest.
LIB_SRCS += $(filter-out runner/main.c,$(wildcard runner/*.c))
MAIN_SRCS += runner/main.c
HEADERS += $(wildcard runner/*.h)
