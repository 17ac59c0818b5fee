# make install: binaries, snmpd modules ($(PREFIX)/lib/shmib), man
# pages, the object catalogue, the snmp_exporter configuration, config
# examples, systemd units and sysvinit scripts.  PREFIX and DESTDIR as
# usual; SYSCONFDIR (default /etc) holds init.d and default; units go
# to $(PREFIX)/lib/systemd/system, which systemd reads for /usr and
# /usr/local alike.  Files in $(SYSCONFDIR)/default are the operator's:
# an existing one is left as it is.

SYSCONFDIR ?= /etc
SBINDIR    ?= $(PREFIX)/sbin
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/shmib
DOCDIR     ?= $(PREFIX)/share/doc/shmib
MANDIR     ?= $(PREFIX)/share/man
UNITDIR    ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
MODULEDIR  ?= $(PREFIX)/lib/shmib

# Installed are the programs the build has (each part adds its own to
# BINS): a checkout with some parts missing still installs the rest.
DAEMONS     := shmib-dataplane shmib-interface shmib-pseudowire shmib-exporter
INSTALL_SBIN = $(filter $(addprefix $(BIN)/,$(DAEMONS)),$(BINS))
INSTALL_BIN  = $(filter $(addprefix $(BIN)/,shmib-dump shmib-fakeseg),$(BINS))
INSTALL_MODULES = $(filter %.so,$(BINS))
MAN_PAGES   := $(wildcard docs/man/*.[18])
EXAMPLES    := $(wildcard config/examples/*)
# snmp_exporter's modules of the exporter's series, and their generator input.
PROMETHEUS  := $(wildcard config/prometheus/*.yml)
INSTALL_DOCS := README.md $(wildcard docs/*.md)

# How each daemon's init script passes its options (see init.d/shmib.in).
INIT_ARGS_shmib-dataplane  := $$EAL_OPTS -- $$OPTIONS
INIT_ARGS_shmib-interface  := $$OPTIONS
INIT_ARGS_shmib-pseudowire := $$OPTIONS
INIT_ARGS_shmib-exporter   := $$OPTIONS
INIT_DESC_shmib-dataplane  := shmib DPDK dataplane
# The signal of the init script's reload action; none: it refuses.
INIT_RELOAD_shmib-dataplane  := HUP
INIT_RELOAD_shmib-interface  := HUP
INIT_RELOAD_shmib-pseudowire := HUP
INIT_DESC_shmib-interface  := shmib interface subagent
INIT_DESC_shmib-pseudowire := shmib pseudowire subagent
INIT_DESC_shmib-exporter   := shmib Prometheus exporter

# Paths the units and scripts name, filled in at install time.
SUBST = sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g'

# Unit, init script and (unless one is there) default file of daemon $1.
define install_daemon
	$(SUBST) config/systemd/$1.service >$(DESTDIR)$(UNITDIR)/$1.service
	$(SUBST) -e 's|@NAME@|$1|g' -e 's|@DESC@|$(INIT_DESC_$1)|g' \
		-e 's|@ARGS@|$(INIT_ARGS_$1)|g' -e 's|@RELOAD_SIGNAL@|$(INIT_RELOAD_$1)|g' \
		config/init.d/shmib.in >$(DESTDIR)$(SYSCONFDIR)/init.d/$1
	chmod 0644 $(DESTDIR)$(UNITDIR)/$1.service
	chmod 0755 $(DESTDIR)$(SYSCONFDIR)/init.d/$1
	test -e $(DESTDIR)$(SYSCONFDIR)/default/$1 || \
		install -m 0644 config/default/$1 $(DESTDIR)$(SYSCONFDIR)/default/$1

endef

install: all
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(BINDIR) \
		$(DESTDIR)$(DATADIR)/prometheus $(DESTDIR)$(DOCDIR)/examples \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) \
		$(DESTDIR)$(SYSCONFDIR)/init.d $(DESTDIR)$(SYSCONFDIR)/default
	$(if $(INSTALL_SBIN),install -m 0755 $(INSTALL_SBIN) $(DESTDIR)$(SBINDIR))
	$(if $(INSTALL_BIN),install -m 0755 $(INSTALL_BIN) $(DESTDIR)$(BINDIR))
	$(if $(INSTALL_MODULES),install -d $(DESTDIR)$(MODULEDIR))
	$(if $(INSTALL_MODULES),install -m 0644 $(INSTALL_MODULES) $(DESTDIR)$(MODULEDIR))
	install -m 0644 mibs/catalogue.txt $(DESTDIR)$(DATADIR)
	$(if $(PROMETHEUS),install -m 0644 $(PROMETHEUS) $(DESTDIR)$(DATADIR)/prometheus)
	install -m 0644 $(INSTALL_DOCS) $(DESTDIR)$(DOCDIR)
	install -m 0644 $(EXAMPLES) $(DESTDIR)$(DOCDIR)/examples
	$(if $(filter %.1,$(MAN_PAGES)),install -m 0644 $(filter %.1,$(MAN_PAGES)) $(DESTDIR)$(MANDIR)/man1)
	$(if $(filter %.8,$(MAN_PAGES)),install -m 0644 $(filter %.8,$(MAN_PAGES)) $(DESTDIR)$(MANDIR)/man8)
	install -m 0644 config/systemd/shmib.sysusers $(DESTDIR)$(SYSUSERSDIR)/shmib.conf
	$(foreach d,$(DAEMONS),$(call install_daemon,$d))
