# libFuzzer targets (clang only).  They compile the segment library's
# sources (SHM_SRCS) themselves, so they link what it needs (libmnl for
# shm/rtnl.c).  `make fuzz` runs the index parser's
# target for FUZZ_SECONDS from the corpus in tests/data/shm (new inputs
# it finds go to $(BUILD)/fuzz/corpus); under `make test` the script
# tests/integration/shm_fuzz.sh runs it for a fixed number of inputs.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 300
FUZZ_INDEX   := $(BUILD)/fuzz/fuzz-index
FUZZERS      += $(FUZZ_INDEX)

$(FUZZ_INDEX): tests/fuzz/fuzz_index.c $(SHM_SRCS) $(wildcard shm/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -g -O1 $(CPPFLAGS) -fsanitize=fuzzer,address,undefined \
		-o $@ tests/fuzz/fuzz_index.c $(SHM_SRCS) $(MNL_LIBS)

# The ifindex map parser (fuzz_ifmap.sh) and the dataplane's
# configuration parser (fuzz_config.sh), seeds in tests/data/ifmap and
# tests/data/dpconf.
FUZZ_IFMAP  := $(BUILD)/fuzz/fuzz-ifmap
FUZZ_CONFIG := $(BUILD)/fuzz/fuzz-config
FUZZERS     += $(FUZZ_IFMAP) $(FUZZ_CONFIG)
FUZZ_IFMAP_SRCS  := subagents/common/ifmap.c subagents/common/lines.c $(SHM_SRCS)
FUZZ_CONFIG_SRCS := $(patsubst %,dataplane/%.c,config cfglines cfgkeys) \
	$(patsubst %,dataplane/l2vpn/%.c,conf confcheck addr) $(L2VPN_TUNNEL_SRCS) shm/name.c shm/err.c

$(FUZZ_IFMAP): tests/fuzz/fuzz_ifmap.c $(FUZZ_IFMAP_SRCS) $(wildcard subagents/common/*.h shm/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -g -O1 $(CPPFLAGS) -fsanitize=fuzzer,address,undefined \
		-o $@ tests/fuzz/fuzz_ifmap.c $(FUZZ_IFMAP_SRCS) $(MNL_LIBS)

$(FUZZ_CONFIG): tests/fuzz/fuzz_config.c $(FUZZ_CONFIG_SRCS) $(wildcard dataplane/*.h dataplane/l2vpn/*.h shm/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -g -O1 $(CPPFLAGS) $(DPDK_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-o $@ tests/fuzz/fuzz_config.c $(FUZZ_CONFIG_SRCS) $(DPDK_LIBS) $(BSD_LIBS)

# The value conversions of the subagents over a segment's data bytes
# (reliability_fuzz.sh; seeds made by the test).
FUZZ_VALUES := $(BUILD)/fuzz/fuzz-values
FUZZERS     += $(FUZZ_VALUES)
FUZZ_VALUES_SRCS := subagents/common/values.c subagents/common/uptime.c subagents/common/clock.c \
	mibs/catalogue.c $(GEN)/catalogue.c $(SHM_SRCS)

$(FUZZ_VALUES): tests/fuzz/fuzz_values.c $(FUZZ_VALUES_SRCS) $(wildcard subagents/common/*.h shm/*.h mibs/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -g -O1 $(CPPFLAGS) $(SNMP_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined \
		-o $@ tests/fuzz/fuzz_values.c $(FUZZ_VALUES_SRCS) $(SNMP_LIBS) $(MNL_LIBS)

# Built with the unit tests when clang is there.
ifneq ($(shell command -v $(FUZZ_CC) 2>/dev/null),)
unit-build: $(FUZZERS)
endif

fuzz: $(FUZZ_INDEX)
	@mkdir -p $(BUILD)/fuzz/corpus
	$(FUZZ_INDEX) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		$(BUILD)/fuzz/corpus tests/data/shm
