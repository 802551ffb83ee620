"""Loopback ceiling for the S3 GET benchmark: serves files from one directory over HTTP/1.1
keep-alive with sendfile(2) (no user-space copy), one connection at a time. Not part of Haneul.
    python3 sendfile_server.py DIR PORT
"""
import os
import socket
import sys

root, port = sys.argv[1], int(sys.argv[2])
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(8)
while True:
    conn, _ = server.accept()
    reader = conn.makefile("rb")
    target = None
    while True:
        line = reader.readline()
        if not line:
            break
        if target is None:
            target = line.split()[1].decode().lstrip("/")
        elif line in (b"\r\n", b"\n"):
            path = os.path.join(root, os.path.basename(target))
            size = os.path.getsize(path)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % size)
            with open(path, "rb") as f:
                conn.sendfile(f)
            target = None
    conn.close()
