"""Fixtures of the feed fetcher's tests: the app's context with exactly the feed server let
through, a second server on the same machine that must stay out of reach, a stand-in DNS."""
from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask

from tests.feedserver import FeedServer


@pytest.fixture()
def fetching(app: Flask, feed_server: FeedServer) -> Iterator[Flask]:
    """Give the app, in its context, allowed to reach the feed server and nothing else."""
    feed_server.allow(app)
    with app.app_context():
        yield app


@pytest.fixture()
def other_server() -> Iterator[FeedServer]:
    """A second feed server on 127.0.0.1, which no setting lets through."""
    server = FeedServer().start()
    server.serve("/feed.xml", b"<rss version='2.0'><channel><title>x</title></channel></rss>")
    try:
        yield server
    finally:
        server.stop()


Answers = dict[str, list[str]]


@pytest.fixture()
def dns(monkeypatch: pytest.MonkeyPatch) -> Callable[[Answers], list[str]]:
    """Return a function that makes the given names resolve to the given addresses (a stand-in
    for DNS: other names and literal addresses resolve for real); it returns the list of the
    names looked up."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def install(answers: Answers) -> list[str]:
        def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            name = host.decode() if isinstance(host, bytes) else str(host)
            asked.append(name)
            if name not in answers:
                return real(host, port, *args, **kwargs)
            results = []
            for address in answers[name]:
                if ":" in address:
                    results.append((socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "",
                                    (address, int(port), 0, 0)))
                else:
                    results.append((socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "",
                                    (address, int(port))))
            return results

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        return asked

    return install
