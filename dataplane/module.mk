# The DPDK dataplane: shmib-dataplane.  config.c, cfglines.c and cfgkeys.c need
# only rte_cfgfile/rte_pci (no EAL) and are also linked into the unit
# test.
DATAPLANE_SRCS := $(wildcard dataplane/*.c)
DATAPLANE_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(DATAPLANE_SRCS))
DATAPLANE_CONFIG_OBJS := $(OBJ)/dataplane/config.o $(OBJ)/dataplane/cfglines.o $(OBJ)/dataplane/cfgkeys.o
EXTRA_CFLAGS_dataplane := $(DPDK_CFLAGS)
BINS += $(BIN)/shmib-dataplane

$(BIN)/shmib-dataplane: $(DATAPLANE_OBJS) $(SHM_LIB) $(CATALOGUE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $(DATAPLANE_OBJS) $(SHM_LIB) $(CATALOGUE_LIB) $(DPDK_LIBS) $(BSD_LIBS) $(MNL_LIBS)

UNIT_LIBS_dataplane := $(DATAPLANE_CONFIG_OBJS) $(DPDK_LIBS) $(BSD_LIBS)
$(BUILD)/tests/unit-dataplane: $(DATAPLANE_CONFIG_OBJS)
