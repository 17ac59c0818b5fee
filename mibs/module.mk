# The object catalogue: mibs/catalogue.txt compiled into a table.
CATALOGUE_OBJS := $(OBJ)/mibs/catalogue.o $(OBJ)/catalogue.o
CATALOGUE_LIB  := $(BUILD)/lib/libshmib-mibs.a

$(GEN)/catalogue.c: mibs/catalogue.txt mibs/gen-catalogue.awk
	@mkdir -p $(dir $@)
	LC_ALL=C sort -k1,1 mibs/catalogue.txt | grep -v '^#' | awk -f mibs/gen-catalogue.awk > $@.tmp
	mv $@.tmp $@

$(CATALOGUE_LIB): $(CATALOGUE_OBJS)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^
