# Command-line tools: shmib-dump, shmib-fakeseg (one .c file each, plus
# the SMI type mapping they share).
TOOLS := shmib-dump shmib-fakeseg
BINS  += $(addprefix $(BIN)/,$(TOOLS))

$(BIN)/shmib-%: $(OBJ)/tools/%.o $(OBJ)/tools/mibtype.o $(SHM_LIB) $(CATALOGUE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(BSD_LIBS)
