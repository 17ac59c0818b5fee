# The DPDK dataplane: shmib-dataplane.  Its configuration, the
# dataplane's sections and the L2VPN's, needs only rte_cfgfile/rte_pci
# (no EAL), as does the parser of capture requests: those sources,
# listed here once, are also linked into the unit test and the fuzz
# target (tests/fuzz/module.mk).
DATAPLANE_SRCS := $(wildcard dataplane/*.c)
DATAPLANE_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(DATAPLANE_SRCS))
DATAPLANE_CONFIG_SRCS := $(patsubst %,dataplane/%.c,config cfglines cfgkeys capreq) \
	$(patsubst %,dataplane/l2vpn/%.c,conf confcheck addr tunnel) \
	$(wildcard dataplane/l2vpn/tunnels/*.c)
DATAPLANE_CONFIG_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(DATAPLANE_CONFIG_SRCS))
EXTRA_CFLAGS_dataplane := $(DPDK_CFLAGS)
BINS += $(BIN)/shmib-dataplane

$(BIN)/shmib-dataplane: $(DATAPLANE_OBJS) $(SHM_LIB) $(CATALOGUE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $(DATAPLANE_OBJS) $(CATALOGUE_LIB) $(SHM_LIB) $(DPDK_LIBS) $(BSD_LIBS) $(MNL_LIBS) $(PCAP_LIBS)

UNIT_LIBS_dataplane := $(DATAPLANE_CONFIG_OBJS) $(DPDK_LIBS) $(BSD_LIBS)
$(BUILD)/tests/unit-dataplane: $(DATAPLANE_CONFIG_OBJS)
