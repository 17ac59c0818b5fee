# The object catalogue: mibs/catalogue.txt compiled into a table; the
# segment profiles: mibs/profiles.txt, with the catalogue's types.
CATALOGUE_OBJS := $(OBJ)/mibs/catalogue.o $(OBJ)/catalogue.o $(OBJ)/profiles.o
PROFILES_H     := $(GEN)/profiles.h
CATALOGUE_LIB  := $(BUILD)/lib/libshmib-mibs.a

$(GEN)/catalogue.c: mibs/catalogue.txt mibs/gen-catalogue.awk
	@mkdir -p $(dir $@)
	LC_ALL=C sort -k1,1 mibs/catalogue.txt | grep -v '^#' | awk -f mibs/gen-catalogue.awk > $@.tmp
	mv $@.tmp $@

$(CATALOGUE_LIB): $(CATALOGUE_OBJS)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

# Every object may include profiles.h: the Makefile's pattern rules
# wait for it.
$(GEN)/profiles.c $(PROFILES_H) &: mibs/profiles.txt mibs/catalogue.txt shm/shm.h mibs/gen-profiles.awk
	@mkdir -p $(GEN)
	awk -v header=$(PROFILES_H).tmp -f mibs/gen-profiles.awk shm/shm.h mibs/catalogue.txt mibs/profiles.txt > $(GEN)/profiles.c.tmp
	mv $(PROFILES_H).tmp $(PROFILES_H)
	mv $(GEN)/profiles.c.tmp $(GEN)/profiles.c
