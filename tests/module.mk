# Unit tests: one criterion binary per tests/unit/test_<part>.c, linked
# with what that part needs (UNIT_LIBS_<part>, set by the part's module.mk).
UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_TESTS := $(patsubst tests/unit/test_%.c,$(BUILD)/tests/unit-%,$(UNIT_SRCS))

.PHONY: unit-build
unit-build: $(UNIT_TESTS)

$(BUILD)/tests/unit-%: $(OBJ)/tests/unit/test_%.o $(SHM_LIB) $(CATALOGUE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(UNIT_LIBS_$*) $(CATALOGUE_LIB) $(SHM_LIB) $(CRIT_LIBS) $(BSD_LIBS)

# Fuzz targets of the parsers (clang).
-include tests/fuzz/module.mk

# A segment written through the writer API, for the notification tests.
TEST_TOOLS := $(BUILD)/tests/statuswriter $(BUILD)/tests/counterwriter
unit-build: $(TEST_TOOLS)

$(BUILD)/tests/statuswriter: $(OBJ)/tests/writer/statuswriter.o $(SHM_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^

# Counters and strings changed as fast as possible (reliability_writer.sh).
$(BUILD)/tests/counterwriter: $(OBJ)/tests/writer/counterwriter.o $(SHM_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^
