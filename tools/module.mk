# Command-line tools: shmib-dump, shmib-fakeseg (one .c file each).
TOOLS := shmib-dump shmib-fakeseg
BINS  += $(addprefix $(BIN)/,$(TOOLS))

$(BIN)/shmib-%: $(OBJ)/tools/%.o $(CATALOGUE_LIB) $(SHM_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(BSD_LIBS)
