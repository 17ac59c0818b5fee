# The pseudowire subagent (shmib-pseudowire): its table definitions and
# indexers, the id files and the persistent index allocator.
PW_DIR  := subagents/pseudowire
PW_FILE_OBJS := $(OBJ)/$(PW_DIR)/lines.o $(OBJ)/$(PW_DIR)/idfile.o \
	$(OBJ)/$(PW_DIR)/indexstate.o

UNIT_LIBS_idfile     := $(OBJ)/$(PW_DIR)/idfile.o $(OBJ)/$(PW_DIR)/lines.o
UNIT_LIBS_indexstate := $(OBJ)/$(PW_DIR)/indexstate.o $(OBJ)/$(PW_DIR)/lines.o
$(BUILD)/tests/unit-idfile: $(UNIT_LIBS_idfile)
$(BUILD)/tests/unit-indexstate: $(UNIT_LIBS_indexstate)
