#!/usr/bin/env python3
"""Numbered Ethernet frames for the capture tests.

frames.py send IFACE ETHERTYPE FIRST N [LEN]   sends frames FIRST..FIRST+N-1
frames.py hex ETHERTYPE FIRST N [LEN]          prints them, hex, one a line

Frame K: to 02:00:00:00:00:01 from 02:00:00:00:00:02, ETHERTYPE (hex),
K as 4 bytes, then byte K % 256 up to LEN bytes (default 60): every
frame differs, so order and content are visible.
"""
import socket
import sys


def frame(ethertype, k, length):
    head = bytes.fromhex("020000000001" "020000000002" + ethertype) + k.to_bytes(4, "big")
    return head + bytes([k % 256]) * (length - len(head))


def main():
    what, args = sys.argv[1], sys.argv[2:]
    if what == "send":
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        s.bind((args[0], 0))
        args = args[1:]
    ethertype, first, n = args[0], int(args[1]), int(args[2])
    length = int(args[3]) if len(args) > 3 else 60
    for k in range(first, first + n):
        f = frame(ethertype, k, length)
        if what == "send":
            s.send(f)
        else:
            print(f.hex())


main()
