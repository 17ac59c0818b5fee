#!/usr/bin/env python3
"""A client of DPDK's telemetry socket for the tests.

telemetry.py SOCKET CMD...     one line a command: its reply (JSON)
telemetry.py SOCKET --macs VPLS [MAC...]  pages through /shmib/macs,VPLS:
        prints "ENTRIES PAGES LONGEST-REPLY DISTINCT LIMIT", then the
        entries of the MACs given, one a line, in the order given
"""
import json
import socket
import sys


def connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.connect(path)
    info = json.loads(s.recv(16384).decode())
    return s, info["max_output_len"]


def ask(s, cmd):
    s.send(cmd.encode())
    raw = s.recv(1 << 20)
    return raw, json.loads(raw.decode())


def pages(s, limit, vpls, wanted):
    start, n, longest, macs = 0, 0, 0, {}
    while start >= 0:
        raw, reply = ask(s, "/shmib/macs,%s,%d" % (vpls, start))
        page = reply["/shmib/macs"]
        longest = max(longest, len(raw))
        macs.update((line.split()[0], line) for line in page["macs"])
        n += 1
        start = page["next"]
    print(page["entries"], n, longest, len(macs), limit)
    for mac in wanted:
        print(macs.get(mac, mac + " missing"))


def main():
    s, limit = connect(sys.argv[1])
    if sys.argv[2] == "--macs":
        pages(s, limit, sys.argv[3], sys.argv[4:])
        return
    for cmd in sys.argv[2:]:
        raw, _ = ask(s, cmd)
        print(raw.decode())


main()
