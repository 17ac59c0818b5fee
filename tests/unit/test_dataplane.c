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

#include "dataplane/capreq.h"
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
	cr_assert_str_eq(c.capture_dir, DP_DEFAULT_CAPTURE_DIR);
	cr_assert_eq(c.capture_max_mb, DP_DEFAULT_CAPTURE_MAX_MB);
}

Test(dataplane_config, publish_off_and_empty_alias)
{
	static struct dp_config c;
	struct shmib_err err;

	write_conf("[global]\npublish_interval = 0\nmbufs = 4095\n"
		   "capture_dir = /srv/cap\ncapture_max_mb = 2048\n"
		   "[port a]\ndevice = net_null0\nalias =\nname = xe-0/0/1\n");
	cr_assert_eq(dp_config_load(path, &c, &err), 0, "%s", err.msg);
	cr_assert_eq(c.publish_ms, 0);
	cr_assert_eq(c.mbufs, 4095);
	cr_assert_str_eq(c.capture_dir, "/srv/cap");
	cr_assert_eq(c.capture_max_mb, 2048);
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

/* Capture requests (dataplane/capreq.c), as /shmib/capture_start takes
 * them. */
TestSuite(capture_request);

Test(capture_request, defaults)
{
	struct capreq r;
	struct shmib_err err;

	cr_assert_eq(capreq_parse("  up   x.pcapng ", &r, &err), 0, "%s", err.msg);
	cr_assert_str_eq(r.port, "up");
	cr_assert_str_eq(r.file, "x.pcapng");
	cr_assert_eq(r.dir, CAPREQ_BOTH);
	cr_assert_eq(r.count, 0);
	cr_assert_eq(r.snaplen, CAPREQ_SNAPLEN_MAX);
	cr_assert_str_eq(r.filter, "");
}

Test(capture_request, options_and_a_filter_with_spaces)
{
	struct capreq r;
	struct shmib_err err;

	cr_assert_eq(capreq_parse("0000:01:00.1 f count=10 dir=tx snaplen=96 "
				  "filter=ip6 proto 47 and (ip6[44:4] = 0x1234)  ",
				  &r, &err), 0, "%s", err.msg);
	cr_assert_str_eq(r.port, "0000:01:00.1");
	cr_assert_eq(r.dir, CAPREQ_TX);
	cr_assert_eq(r.count, 10);
	cr_assert_eq(r.snaplen, 96);
	cr_assert_str_eq(r.filter, "ip6 proto 47 and (ip6[44:4] = 0x1234)");
	cr_assert_str_eq(capreq_dir_name(r.dir), "tx");
}

Test(capture_request, errors_say_what)
{
	static const struct { const char *req, *msg; } bad[] = {
		{ "", "expected " CAPREQ_USAGE },
		{ "up", "expected " CAPREQ_USAGE },
		{ "up a/b", "'a/b': the file name may not hold '/' (captures go into capture_dir)" },
		{ "up ..", "'..' is not a file name" },
		{ "up f dir=in", "dir=in: rx, tx or both" },
		{ "up f count=-1", "count=-1: a number of frames (0: no limit)" },
		{ "up f snaplen=0", "snaplen=0: a number of bytes in 1..262144" },
		{ "up f snaplen=262145", "snaplen=262145: a number of bytes in 1..262144" },
		{ "up f filter=  ", "filter= is empty" },
		{ "up f speed=9", "unknown option 'speed=9' (" CAPREQ_USAGE ")" },
		{ "up f dir", "unknown option 'dir' (" CAPREQ_USAGE ")" },
	};
	struct capreq r;
	struct shmib_err err;
	char req[400];

	memset(req, 'x', sizeof(req) - 1);
	req[sizeof(req) - 1] = 0;
	cr_assert_eq(capreq_parse(req, &r, &err), -1);
	cr_assert_str_eq(err.msg, "the port name is longer than 255 bytes");
	memcpy(req, "up ", 3);
	cr_assert_eq(capreq_parse(req, &r, &err), -1);
	cr_assert_str_eq(err.msg, "the file name is longer than 127 bytes");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(capreq_parse(bad[i].req, &r, &err), -1, "%s", bad[i].req);
		cr_assert_str_eq(err.msg, bad[i].msg, "%s", bad[i].req);
	}
}
