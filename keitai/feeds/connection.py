"""HTTP connections pinned to an address that was checked, and the reading of one answer.

http.client would look the host name up again when it connects; these connections connect to
the very address the fetcher checked (so a DNS answer that changes in between, "DNS
rebinding", cannot send the fetch inside) while sending the host name in Host and, for https,
in SNI with the certificate verified against that name.
"""
from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import zlib

from keitai.feeds.addresses import IPAddress


class PinnedHTTPConnection(http.client.HTTPConnection):
    """An http connection to host:port made to one checked address."""

    def __init__(self, host: str, port: int, address: IPAddress, deadline: float) -> None:
        super().__init__(host, port, timeout=max(deadline - time.monotonic(), 0.001))
        self.address = address
        #: time.monotonic() by which everything must be over
        self.deadline = deadline
        #: the raw socket, kept after http.client lets go of it (timeouts, the watchdog)
        self.raw: socket.socket | None = None

    def connect(self) -> None:
        """Connect to the checked address (no name look-up)."""
        self.sock = self.raw = _connect(self.address, self.port, self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An https connection to one checked address, verifying the certificate for host."""

    def __init__(self, host: str, port: int, address: IPAddress, deadline: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=max(deadline - time.monotonic(), 0.001),
                         context=self.tls)
        self.address = address
        self.deadline = deadline
        self.raw: socket.socket | None = None

    def connect(self) -> None:
        """Connect to the checked address, then TLS with SNI and verification on host (a
        handshake that drags on is cut at the deadline too)."""
        sock = _connect(self.address, self.port, self.timeout)
        try:
            tls = self.tls.wrap_socket(sock, server_hostname=self.host,
                                       do_handshake_on_connect=False)
        except BaseException:
            sock.close()
            raise
        try:
            with Watchdog(tls, self.deadline - time.monotonic()):
                tls.do_handshake()
        except BaseException:
            tls.close()
            raise
        self.sock = self.raw = tls


def _connect(address: IPAddress, port: int, timeout: float | None) -> socket.socket:
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect((str(address), port))
    except BaseException:
        sock.close()
        raise
    return sock


class Watchdog:
    """Cut a connection off at the deadline, whatever it is blocked on (a server that sends
    its headers one byte a second is stopped too)."""

    def __init__(self, sock: socket.socket | None, seconds: float) -> None:
        self.sock = sock
        self.timer = threading.Timer(max(seconds, 0.0), self.cut)
        self.timer.daemon = True

    def __enter__(self) -> Watchdog:
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()

    def cut(self) -> None:
        """Shut the socket down (the blocked read then ends)."""
        if self.sock is not None:
            try:  # the TCP socket's own shutdown, under TLS too (SSLSocket's drops its state)
                socket.socket.shutdown(self.sock, socket.SHUT_RDWR)
            except OSError:
                pass


class TooLarge(Exception):
    """The body is larger than allowed."""


class DeadlinePassed(Exception):
    """The whole fetch took longer than allowed."""


class CutOff(Exception):
    """The connection ended before the body did."""


class UnknownEncoding(Exception):
    """The server compressed the body in a way we do not read."""


def read_body(response: http.client.HTTPResponse, sock: socket.socket | None,
              deadline: float, limit: int) -> bytes:
    """Read at most limit bytes of the body before the deadline (decompressed if the server
    compressed it although asked not to); raise TooLarge or DeadlinePassed."""
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        inflater: zlib._Decompress | None = zlib.decompressobj(wbits=zlib.MAX_WBITS | 32)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    elif encoding in ("identity", ""):
        inflater = None
    else:
        raise UnknownEncoding(encoding)
    chunks: list[bytes] = []
    total = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise DeadlinePassed()
        if sock is not None:
            sock.settimeout(left)
        chunk = response.read1(64 * 1024)
        if not chunk:
            break
        if inflater is not None:
            chunk = inflater.decompress(chunk, limit + 1 - total)
            if inflater.unconsumed_tail:
                raise TooLarge("inflated body")
        total += len(chunk)
        if total > limit:
            raise TooLarge("body read")
        chunks.append(chunk)
    if time.monotonic() >= deadline:
        raise DeadlinePassed()  # the watchdog cut the connection: no end of body
    if response.length:  # the server said more was coming and hung up
        raise CutOff(f"{total} bytes, {response.length} missing")
    return b"".join(chunks)
