/*
 * The dataplane's configuration parser (dataplane/config.c): what a
 * good file turns into.  Every rejected file is covered, with its exact
 * message, by tests/integration/dataplane_config.sh.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dataplane/config.h"

static char path[64];

static const char *write_conf(const char *text)
{
	int fd;

	strcpy(path, "/tmp/shmib-unit-dp.XXXXXX");
	fd = mkstemp(path);
	cr_assert(fd >= 0);
	cr_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void cleanup(void)
{
	if (*path)
		unlink(path);
}

TestSuite(dataplane_config, .fini = cleanup);

Test(dataplane_config, example_virtual_conf)
{
	static struct dp_config c;
	struct shmib_err err;

	cr_assert_eq(dp_config_load("config/examples/virtual.conf", &c, &err), 0, "%s", err.msg);
	cr_assert_eq(c.nports, 2);
	cr_assert_str_eq(c.port[0].name, "null0");
	cr_assert_str_eq(c.port[0].descr, "net_null0");
	cr_assert_str_eq(c.port[0].alias, "virtual port A");
	cr_assert_eq(c.port[0].xconnect, 1);
	cr_assert_eq(c.port[1].xconnect, 0, "cross-connects are mutual");
	cr_assert_eq(c.publish_ms, 1000);
	cr_assert_not(c.port[0].pci);
}

Test(dataplane_config, defaults_and_pci_forms)
{
	static struct dp_config c;
	struct shmib_err err;

	write_conf("# comment\n[port up]\ndevice = 01:00.1   # short form\n"
		   "[port down]\ndevice=net_pcap0,rx_pcap=/tmp/in.pcap\n"
		   "[global]\npublish_interval = 0.25\n");
	cr_assert_eq(dp_config_load(path, &c, &err), 0, "%s", err.msg);
	cr_assert_str_eq(c.port[0].descr, "0000:01:00.1");
	cr_assert_str_eq(c.port[0].device, "0000:01:00.1");
	cr_assert(c.port[0].pci);
	cr_assert_str_eq(c.port[0].ifname, "up", "ifName defaults to the port name");
	cr_assert_eq(c.port[0].mtu, DP_DEFAULT_MTU);
	cr_assert_eq(c.port[0].xconnect, DP_NO_PORT);
	cr_assert_str_eq(c.port[1].descr, "net_pcap0", "ifDescr drops device arguments");
	cr_assert_str_eq(c.port[1].device, "net_pcap0,rx_pcap=/tmp/in.pcap");
	cr_assert_eq(c.publish_ms, 250);
	cr_assert_eq(c.mbufs, DP_DEFAULT_MBUFS);
	cr_assert_str_eq(c.shmem_dir, DP_DEFAULT_SHMEM_DIR);
}

Test(dataplane_config, publish_off_and_empty_alias)
{
	static struct dp_config c;
	struct shmib_err err;

	write_conf("[global]\npublish_interval = 0\nmbufs = 4095\n"
		   "[port a]\ndevice = net_null0\nalias =\nname = xe-0/0/1\n");
	cr_assert_eq(dp_config_load(path, &c, &err), 0, "%s", err.msg);
	cr_assert_eq(c.publish_ms, 0);
	cr_assert_eq(c.mbufs, 4095);
	cr_assert_str_eq(c.port[0].alias, "");
	cr_assert_str_eq(c.port[0].ifname, "xe-0/0/1");
}

Test(dataplane_config, error_names_file_line_section_key)
{
	static struct dp_config c;
	struct shmib_err err;
	char want[SHMIB_ERR_MAX];

	write_conf("[port a]\ndevice = net_null0\n\nmtu = 10\n");
	cr_assert_eq(dp_config_load(path, &c, &err), -1);
	snprintf(want, sizeof(want), "%s:4: [port a] mtu: '10' is not an MTU (68..9600)", path);
	cr_assert_str_eq(err.msg, want);
}
