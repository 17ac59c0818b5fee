# Benchmarks (make bench): the AgentX floor subagent and the SNMP
# latency probe, and the runner that executes every bench/*.sh and
# collects their result lines into bench/RESULTS.md.  Not installed.
BENCH_TOOLS := bench-agentx-floor bench-snmp-latency
BINS += $(addprefix $(BIN)/,$(BENCH_TOOLS))
EXTRA_CFLAGS_bench := $(SNMP_CFLAGS)

$(BIN)/bench-agentx-floor: $(OBJ)/bench/agentx_floor.o $(CATALOGUE_LIB) $(SHM_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(SNMP_LIBS)

$(BIN)/bench-snmp-latency: $(OBJ)/bench/snmp_latency.o
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(SNMP_LIBS)

bench: all
	@SHMIB_BUILD=$(BUILD) bench/run --out bench/RESULTS.md
