# The subagents: one core (subagents/common, libshmib-agent.a) and one
# definition per agent (subagents/<name>/*.c -> build/bin/shmib-<name>).
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

# Unit tests of the core.
AGENT_UNIT_TESTS := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_subagent*.c tests/unit/test_ifmap.c))
$(foreach t,$(AGENT_UNIT_TESTS),$(eval UNIT_LIBS_$(t) := $(AGENT_CORE_LIB) $(SNMP_LIBS)))
$(addprefix $(BUILD)/tests/unit-,$(AGENT_UNIT_TESTS)): $(AGENT_CORE_LIB)

# Each agent's own fragment, where it has one (objects of its unit tests).
-include $(sort $(wildcard subagents/*/module.mk))
