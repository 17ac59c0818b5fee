# shmib — top-level build.  Plain GNU make: each part keeps its own
# fragment (<dir>/module.mk) that appends to the lists below; this file
# only holds the flags, the pattern rules and the user-facing targets
# of DESIGN.md (all, test, run, bench, install).

BUILD     ?= build
SANITIZE  ?=
ifeq ($(SANITIZE),1)
BUILD     := build/asan
endif
# One name per tree: a make given the tree by its absolute path (the
# tests do) names targets as a make given the relative one, so the
# dependency files of one apply to the other.
override BUILD := $(patsubst $(CURDIR)/%,%,$(abspath $(BUILD)))
# The sanitizer tree is known by its name, so a make started on it from
# a test (BUILD=.../build/asan) links with the same flags.
ifneq ($(filter 1,$(SANITIZE))$(filter build/asan %/build/asan,$(BUILD)),)
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif

BIN       := $(BUILD)/bin
OBJ       := $(BUILD)/obj
PIC       := $(BUILD)/pic
PIC_FLAGS := -fPIC -fvisibility=hidden
GEN       := $(BUILD)/gen

CC        ?= cc
CFLAGS    ?= -O2 -g
WARN      := -Wall -Wextra -Wno-missing-field-initializers
CPPFLAGS  += -D_GNU_SOURCE -I. -I$(GEN)
ALL_CFLAGS = $(CPPFLAGS) $(WARN) $(CFLAGS) $(SAN_FLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS)

# External libraries, all from Debian packages (tools/install-deps).
pc = $(shell pkg-config $(1) $(2) 2>/dev/null)
SNMP_CFLAGS  := $(call pc,--cflags,netsnmp-agent)
SNMP_LIBS    := $(call pc,--libs,netsnmp-agent)
DPDK_CFLAGS  := $(call pc,--cflags,libdpdk)
DPDK_LIBS    := $(call pc,--libs,libdpdk)
BSD_LIBS     := $(call pc,--libs,libbsd)
MNL_LIBS     := $(call pc,--libs,libmnl)
PCAP_LIBS    := $(call pc,--libs,libpcap)
CRIT_LIBS    := $(call pc,--libs,criterion)

PREFIX    ?= /usr/local
DESTDIR   ?=

# Filled in by the module fragments.
BINS        :=
UNIT_TESTS  :=
FUZZERS     :=
CLEAN_EXTRA :=

.PHONY: all test check unit integration run bench install clean deps fuzz
all:

include mibs/module.mk
include shm/module.mk
include tools/module.mk
-include subagents/module.mk
-include dataplane/module.mk
-include dataplane/l2vpn/module.mk
-include exporter/module.mk
-include bench/module.mk
include tests/module.mk
include tools/install.mk

all: $(BINS)

$(OBJ)/%.o: %.c | $(PROFILES_H)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(EXTRA_CFLAGS_$(firstword $(subst /, ,$<))) -c -o $@ $<

$(OBJ)/%.o: $(GEN)/%.c | $(PROFILES_H)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Objects of shared objects (the snmpd modules): position-independent,
# nothing exported unless marked.
$(PIC)/%.o: %.c | $(PROFILES_H)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PIC_FLAGS) $(EXTRA_CFLAGS_$(firstword $(subst /, ,$<))) -c -o $@ $<

$(PIC)/%.o: $(GEN)/%.c | $(PROFILES_H)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PIC_FLAGS) -c -o $@ $<

deps:
	@tools/install-deps

# make test: dependencies, build, then every test (unit and integration).
test: deps
	@$(MAKE) --no-print-directory all unit-build
	@SHMIB_BUILD=$(BUILD) tests/run $(TESTS)

check: test

# make run: the demo of DESIGN.md; RUN_FOR=SECONDS stops it by itself.
run: deps
	@$(MAKE) --no-print-directory all
	@SHMIB_BUILD=$(BUILD) RUN_FOR=$(RUN_FOR) tools/run-demo

clean:
	rm -rf build $(CLEAN_EXTRA)

-include $(shell find $(BUILD)/obj $(BUILD)/pic -name '*.d' 2>/dev/null)
