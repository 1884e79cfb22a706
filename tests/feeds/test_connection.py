"""The connection itself: https verified on the host name, and one deadline for everything
(a server that answers one byte at a time is cut off as well)."""
from __future__ import annotations

import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from keitai.feeds import messages as say
from keitai.feeds.fetch import FetchFailed, fetch
from tests.feedserver import FeedServer

RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
HOST = "feeds.example.jp"


class Dribbler:
    """A server on 127.0.0.1 that answers head, then one byte every 0.05 s for 10 s when it
    drips, then tail, and hangs up."""

    def __init__(self, head: bytes, *, drip: bool = True, tail: bytes = b"") -> None:
        self.head = head
        self.drip = drip
        self.tail = tail
        #: whether the client hung up before the whole answer was sent
        self.hung_up = False
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        """Answer one client, slowly."""
        client, _ = self.listener.accept()
        with client:
            client.recv(65536)
            client.sendall(self.head)
            deadline = time.monotonic() + (10 if self.drip else 0)
            try:
                while not self.stopped.is_set() and time.monotonic() < deadline:
                    client.sendall(b"x")
                    time.sleep(0.05)
                client.sendall(self.tail)
            except OSError:
                self.hung_up = True

    def stop(self) -> None:
        """Stop dribbling and close."""
        self.stopped.set()
        self.listener.close()


@pytest.fixture()
def dribbler() -> Iterator[Callable[..., Dribbler]]:
    """Return a factory of dribbling servers, stopped after the test."""
    made: list[Dribbler] = []

    def make(head: bytes, *, drip: bool = True, tail: bytes = b"") -> Dribbler:
        made.append(Dribbler(head, drip=drip, tail=tail))
        return made[-1]

    yield make
    for server in made:
        server.stop()


def test_headers_sent_one_byte_at_a_time_are_cut_at_the_deadline(
        fetching: Flask, dribbler: Callable[..., Dribbler]) -> None:
    # a whole answer in the end, which a fetch that waited for it would take
    server = dribbler(b"HTTP/1.1 200 OK\r\nX-Slow: ",
                      tail=b"\r\nContent-Length: 6\r\n\r\n<rss/>")
    fetching.config["FETCH_ALLOW_FOR_TESTS"] = [f"127.0.0.1:{server.port}"]
    fetching.config["FETCH_TIMEOUT_SECONDS"] = 1
    with pytest.raises(FetchFailed) as failed:
        fetch(f"http://127.0.0.1:{server.port}/feed.xml")
    assert failed.value.reason == say.TIMEOUT
    assert not failed.value.permanent
    server.thread.join(15)
    assert server.hung_up  # the fetch let go at its deadline, not when the server was done


def test_a_body_sent_one_byte_at_a_time_is_cut_at_the_deadline(
        fetching: Flask, dribbler: Callable[..., Dribbler]) -> None:
    server = dribbler(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n<rss>")
    fetching.config["FETCH_ALLOW_FOR_TESTS"] = [f"127.0.0.1:{server.port}"]
    fetching.config["FETCH_TIMEOUT_SECONDS"] = 1
    with pytest.raises(FetchFailed) as failed:
        fetch(f"http://127.0.0.1:{server.port}/feed.xml")
    assert failed.value.reason == say.TIMEOUT
    server.thread.join(15)
    assert server.hung_up


def test_a_tls_handshake_sent_one_byte_at_a_time_is_cut_at_the_deadline(
        fetching: Flask, dribbler: Callable[..., Dribbler]) -> None:
    server = dribbler(b"\x16\x03\x03\x40\x00")  # a 16 KB handshake record, slowly
    fetching.config["FETCH_ALLOW_FOR_TESTS"] = [f"127.0.0.1:{server.port}"]
    fetching.config["FETCH_TIMEOUT_SECONDS"] = 1
    with pytest.raises(FetchFailed) as failed:
        fetch(f"https://127.0.0.1:{server.port}/feed.xml")
    assert failed.value.reason == say.TIMEOUT
    server.thread.join(15)
    assert server.hung_up


def test_a_body_cut_short_fails_for_a_while(fetching: Flask,
                                           dribbler: Callable[..., Dribbler]) -> None:
    server = dribbler(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>", drip=False)
    fetching.config["FETCH_ALLOW_FOR_TESTS"] = [f"127.0.0.1:{server.port}"]
    with pytest.raises(FetchFailed) as failed:
        fetch(f"http://127.0.0.1:{server.port}/feed.xml")
    assert failed.value.reason == say.CUT_OFF
    assert not failed.value.permanent


@pytest.fixture()
def tls_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedServer]:
    """A feed server speaking https with a certificate for feeds.example.jp (made here with
    openssl), which records the names clients ask for in SNI."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={HOST}",
                    "-addext", f"subjectAltName=DNS:{HOST}"],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = FeedServer()
    server.sni = []  # type: ignore[attr-defined]
    context.sni_callback = lambda sock, name, ctx: server.sni.append(name)  # type: ignore
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    server.start()
    server.cert = cert  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.stop()


def test_https_is_verified_on_the_host_name_given_in_sni(
        fetching: Flask, tls_server: FeedServer, monkeypatch: pytest.MonkeyPatch,
        dns: Callable[[dict[str, list[str]]], list[str]]) -> None:
    dns({HOST: ["127.0.0.1"]})
    tls_server.allow(fetching)
    tls_server.serve("/feed.xml", RSS)
    url = f"https://{HOST}:{tls_server.port}/feed.xml"
    with pytest.raises(FetchFailed) as untrusted:  # a certificate nobody vouches for
        fetch(url)
    assert untrusted.value.reason == say.BAD_CERTIFICATE
    assert tls_server.sni == [HOST]  # type: ignore[attr-defined]
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_server.cert))  # type: ignore[attr-defined]
    got = fetch(url)
    assert (got.status, got.body) == (200, RSS)
    assert tls_server.requests[0].headers["host"] == f"{HOST}:{tls_server.port}"
    with pytest.raises(FetchFailed) as mismatch:  # the same server by its address
        fetch(f"https://127.0.0.1:{tls_server.port}/feed.xml")
    assert mismatch.value.reason == say.BAD_CERTIFICATE
    assert len(tls_server.requests) == 1
