# The segment library (libshmib-shm.a): writer, reader, index parser.
SHM_SRCS := $(wildcard shm/*.c)
SHM_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(SHM_SRCS))
SHM_LIB  := $(BUILD)/lib/libshmib-shm.a

$(SHM_LIB): $(SHM_OBJS)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^
