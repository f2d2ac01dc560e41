#!/usr/bin/env python3
"""A TLS peer on Python's ssl module, for the interop tests.

  py_peer.py client PORT CAFILE [--cert F --key F] [--alpn a,b] [--sni NAME]
      sends an HTTP/1.0 request to 127.0.0.1:PORT, prints what was
      negotiated and the reply.
  py_peer.py server PORT CERT KEY [--ca F] [--alpn a,b]
      serves one successful connection on 127.0.0.1:PORT: reads a request,
      answers with a line describing the connection, closes cleanly.
"""
import argparse
import socket
import ssl
import sys


def describe(s):
    name, _, _ = s.cipher()
    peer = s.getpeercert()
    subject = ""
    if peer:
        subject = ",".join("%s=%s" % kv for rdn in peer["subject"] for kv in rdn)
    return "version=%s cipher=%s alpn=%s peer=%s" % (
        s.version(), name, s.selected_alpn_protocol(), subject)


def client(a):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.load_verify_locations(a.cafile)
    ctx.check_hostname = a.sni is not None
    if a.cert:
        ctx.load_cert_chain(a.cert, a.key)
    if a.alpn:
        ctx.set_alpn_protocols(a.alpn.split(","))
    with socket.create_connection(("127.0.0.1", a.port), timeout=20) as raw:
        with ctx.wrap_socket(raw, server_hostname=a.sni) as s:
            print(describe(s))
            s.sendall(b"GET / HTTP/1.0\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            sys.stdout.write(data.decode("latin-1"))
    return 0


def server(a):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.load_cert_chain(a.cert, a.key)
    if a.ca:
        ctx.load_verify_locations(a.ca)
        ctx.verify_mode = ssl.CERT_REQUIRED
    if a.alpn:
        ctx.set_alpn_protocols(a.alpn.split(","))
    names = []
    ctx.sni_callback = lambda sock, name, c: names.append(name)
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", a.port))
    lsock.listen(8)
    print("ACCEPT", flush=True)
    lsock.settimeout(60)
    while True:  # a port probe or a failed handshake does not count
        raw, _ = lsock.accept()
        raw.settimeout(20)
        try:
            s = ctx.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError) as e:
            print("handshake failed:", e, flush=True)
            raw.close()
            continue
        req = b""
        while b"\r\n\r\n" not in req:
            chunk = s.recv(4096)
            if not chunk:
                break
            req += chunk
        line = describe(s) + " sni=%s\n" % (names[-1] if names else None)
        print(line, end="", flush=True)
        s.sendall(b"HTTP/1.0 200 ok\r\nContent-type: text/plain\r\n\r\n" + line.encode())
        try:
            s.unwrap()
        except (ssl.SSLError, OSError):
            pass
        s.close()
        return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["client", "server"])
    p.add_argument("port", type=int)
    p.add_argument("files", nargs="+")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--ca")
    p.add_argument("--alpn")
    p.add_argument("--sni")
    a = p.parse_args()
    if a.mode == "client":
        a.cafile = a.files[0]
        return client(a)
    a.cert, a.key = a.files[0], a.files[1]
    return server(a)


if __name__ == "__main__":
    sys.exit(main())
