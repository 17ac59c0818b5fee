# The subagents: one core (subagents/common, libshmib-agent.a) and one
# definition per agent (subagents/<name>/*.c -> build/bin/shmib-<name>),
# and the same agent as an snmpd module (build/lib/shmib_<name>.so):
# the same sources compiled position-independent, exporting only
# init_shmib_<name> and deinit_shmib_<name> (AGENT_MODULE in agent.h).
AGENT_CORE_SRCS := $(wildcard subagents/common/*.c)
AGENT_CORE_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(AGENT_CORE_SRCS))
AGENT_CORE_LIB  := $(BUILD)/lib/libshmib-agent.a
AGENT_LIBS      := $(AGENT_CORE_LIB) $(SHM_LIB) $(CATALOGUE_LIB) $(SNMP_LIBS) $(BSD_LIBS) $(MNL_LIBS)
AGENTS          := $(sort $(filter-out common,$(notdir $(patsubst %/,%,$(dir $(wildcard subagents/*/*.c))))))
BINS            += $(addprefix $(BIN)/shmib-,$(AGENTS))
EXTRA_CFLAGS_subagents := $(SNMP_CFLAGS)

$(AGENT_CORE_LIB): $(AGENT_CORE_OBJS)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

define AGENT_BIN
$(BIN)/shmib-$(1): $(patsubst %.c,$(OBJ)/%.o,$(wildcard subagents/$(1)/*.c)) $(AGENT_CORE_LIB) $(SHM_LIB) $(CATALOGUE_LIB)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(ALL_LDFLAGS) -o $$@ $$(filter %.o,$$^) $$(AGENT_LIBS)
endef
$(foreach a,$(AGENTS),$(eval $(call AGENT_BIN,$(a))))

MODULE_CORE_OBJS := $(patsubst %.c,$(PIC)/%.o,$(AGENT_CORE_SRCS) $(SHM_SRCS) mibs/catalogue.c) \
		    $(PIC)/catalogue.o $(PIC)/profiles.o
AGENT_MODULES    := $(patsubst %,$(BUILD)/lib/shmib_%.so,$(AGENTS))
BINS             += $(AGENT_MODULES)

define AGENT_SO
$(BUILD)/lib/shmib_$(1).so: $(patsubst %.c,$(PIC)/%.o,$(wildcard subagents/$(1)/*.c)) $(MODULE_CORE_OBJS)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(ALL_LDFLAGS) -shared -Wl,--no-undefined -Wl,-z,defs -o $$@ $$^ $$(SNMP_LIBS) $$(BSD_LIBS) $$(MNL_LIBS)
endef
$(foreach a,$(AGENTS),$(eval $(call AGENT_SO,$(a))))

# Unit tests of the core.
AGENT_UNIT_TESTS := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_subagent*.c tests/unit/test_ifmap.c))
$(foreach t,$(AGENT_UNIT_TESTS),$(eval UNIT_LIBS_$(t) := $(AGENT_CORE_LIB) $(SNMP_LIBS) $(BSD_LIBS)))
$(addprefix $(BUILD)/tests/unit-,$(AGENT_UNIT_TESTS)): $(AGENT_CORE_LIB)

# Each agent's own fragment, where it has one (objects of its unit tests).
-include $(sort $(wildcard subagents/*/module.mk))
