# shmib-pseudowire: the binary is built by subagents/module.mk from every
# .c file here; this fragment only links the unit tests of the id files
# and of the index allocator with the objects they test.
PW_OBJ := $(OBJ)/subagents/pseudowire

UNIT_LIBS_idfile     := $(PW_OBJ)/idfile.o $(OBJ)/subagents/common/lines.o
UNIT_LIBS_indexstate := $(PW_OBJ)/indexstate.o $(OBJ)/subagents/common/lines.o
$(BUILD)/tests/unit-idfile: $(UNIT_LIBS_idfile)
$(BUILD)/tests/unit-indexstate: $(UNIT_LIBS_indexstate)
