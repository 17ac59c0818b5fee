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

# The profiles' unit tests: test_profile checks them against the
# catalogue (as the tools map its types); test_profile_recipe follows
# the recipe of shm/profile.h, one more column (profile-extra.txt),
# compiled as the real profiles are.
EXERCISE := $(GEN)/exercise
UNIT_LIBS_profile := $(OBJ)/tools/mibtype.o
$(BUILD)/tests/unit-profile: $(OBJ)/tools/mibtype.o
$(EXERCISE)/profiles.c $(EXERCISE)/profiles.h &: mibs/profiles.txt tests/unit/profile-extra.txt mibs/catalogue.txt shm/shm.h mibs/gen-profiles.awk
	@mkdir -p $(EXERCISE)
	awk -v header=$(EXERCISE)/profiles.h -f mibs/gen-profiles.awk shm/shm.h mibs/catalogue.txt mibs/profiles.txt tests/unit/profile-extra.txt > $(EXERCISE)/profiles.c.tmp
	mv $(EXERCISE)/profiles.c.tmp $(EXERCISE)/profiles.c
UNIT_LIBS_profile_recipe := $(OBJ)/exercise/profiles.o
$(BUILD)/tests/unit-profile_recipe: $(OBJ)/exercise/profiles.o
$(OBJ)/tests/unit/test_profile_recipe.o: $(EXERCISE)/profiles.h
