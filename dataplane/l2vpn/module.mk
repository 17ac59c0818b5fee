# The L2VPN layer of the dataplane (libshmib-l2vpn.a): tunnel headers,
# encapsulation, pseudowire matching, control channel, learning bridge,
# neighbour discovery, pseudowire and VPLS segments, configuration.
# Its objects get $(EXTRA_CFLAGS_dataplane) (DPDK) by their path; its
# unit tests (tests/unit/test_l2vpn_*.c) get the DPDK flags here.
EXTRA_CFLAGS_dataplane ?= $(DPDK_CFLAGS)

# The tunnel types: the table (tunnel.c) and one file per type.
L2VPN_TUNNEL_SRCS := dataplane/l2vpn/tunnel.c $(wildcard dataplane/l2vpn/tunnels/*.c)
L2VPN_SRCS := $(wildcard dataplane/l2vpn/*.c dataplane/l2vpn/tunnels/*.c)
L2VPN_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(L2VPN_SRCS))
L2VPN_LIB  := $(BUILD)/lib/libshmib-l2vpn.a

$(L2VPN_LIB): $(L2VPN_OBJS)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

L2VPN_UNIT_SRCS  := $(wildcard tests/unit/test_l2vpn_*.c)
L2VPN_UNIT_NAMES := $(patsubst tests/unit/test_%.c,%,$(L2VPN_UNIT_SRCS))

$(OBJ)/tests/unit/test_l2vpn_%.o: EXTRA_CFLAGS_tests += $(DPDK_CFLAGS)
# The configuration objects: the tunnel types parse their keys with them.
$(patsubst %,$(BUILD)/tests/unit-%,$(L2VPN_UNIT_NAMES)): $(L2VPN_LIB) $(DATAPLANE_CONFIG_OBJS)
$(foreach n,$(L2VPN_UNIT_NAMES),$(eval UNIT_LIBS_$(n) := $(DATAPLANE_CONFIG_OBJS) $(L2VPN_LIB) $(DPDK_LIBS)))

# Linked into shmib-dataplane (its configuration part is in
# DATAPLANE_CONFIG_SRCS, dataplane/module.mk).
DATAPLANE_OBJS += $(L2VPN_OBJS)
$(BIN)/shmib-dataplane: $(L2VPN_OBJS)
