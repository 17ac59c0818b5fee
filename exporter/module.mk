# shmib-exporter: the segments served to Prometheus over HTTP
# (libmicrohttpd).  It links the net-snmp-free parts of the subagents —
# the segment scanner, value rules, clock, ifindex map, id files, index state,
# the escaping of logged text, notes, the kernel's interfaces (libmnl) and
# the computed columns — and no SNMP library.
EXPORTER_SRCS := $(wildcard exporter/*.c)
EXPORTER_SHARED := $(addprefix $(OBJ)/subagents/, common/scan.o common/values.o common/clock.o \
	common/ifmap.o common/lines.o common/logtext.o common/notes.o \
	interface/columns.o interface/kernif.o \
	pseudowire/columns.o pseudowire/idfile.o pseudowire/indexstate.o)
MHD_LIBS := $(call pc,--libs,libmicrohttpd)
EXTRA_CFLAGS_exporter := $(SNMP_CFLAGS) $(call pc,--cflags,libmicrohttpd)
BINS += $(BIN)/shmib-exporter

$(BIN)/shmib-exporter: $(patsubst %.c,$(OBJ)/%.o,$(EXPORTER_SRCS)) $(EXPORTER_SHARED) $(SHM_LIB) $(CATALOGUE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(CATALOGUE_LIB) $(SHM_LIB) $(MHD_LIBS) $(BSD_LIBS) $(MNL_LIBS)

# Unit test of the output buffer and the content negotiation.
UNIT_LIBS_exporter := $(OBJ)/exporter/text.o $(OBJ)/exporter/accept.o
$(BUILD)/tests/unit-exporter: $(UNIT_LIBS_exporter)
