"""Search tests: members and what they write put in through the services, the index brought
up to date by the worker as `keitai worker` would, searches made from real handsets."""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote_from_bytes

import pytest
from flask import Flask

from keitai import submit_keys
from keitai.db import db
from keitai.features.diary.service import create_diary
from tests.communities.factories import add_community, add_topic
from tests.outbox import run_jobs
from tests.social.conftest import Browser, logged_in, member, people  # noqa: F401

_HIT = re.compile(r'<div><a href="([^"]*)">(.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def search_url(browser: Browser, q: str | bytes, kind: str = "diaries", **params: object) -> str:
    """Return /search?… as the handset's form sends it: q in its charset (bytes: as typed)."""
    charset = "cp932" if browser.handset.charset == "shift_jis" else "utf-8"
    typed = q if isinstance(q, bytes) else q.encode(charset)
    query = [f"q={quote_from_bytes(typed)}", f"kind={kind}"]
    query += [f"{name}={value}" for name, value in params.items()]
    return "/search?" + "&".join(query)


def search(browser: Browser, q: str | bytes, kind: str = "diaries", **params: object) -> str:
    """Search as the handset does; return the page's text (checked as every page is)."""
    return browser.page(search_url(browser, q, kind, **params))


def hits(page: str) -> list[str]:
    """Return the titles of a results page's hits, their marks taken out."""
    return [html.unescape(_TAG.sub("", title)) for _href, title in _HIT.findall(page)]


def hit_links(page: str) -> list[str]:
    """Return where a results page's hits lead (paths, no session token)."""
    return [html.unescape(href).split("?")[0] for href, _title in _HIT.findall(page)]


@pytest.fixture()
def index(app: Flask) -> Callable[[], None]:
    """Return a helper that runs the worker's due jobs (the index catches up)."""
    return lambda: (run_jobs(app), None)[1]


@pytest.fixture()
def diary(app: Flask) -> Callable[..., int]:
    """Return a factory: diary(author, title, body="", visibility="everyone") -> its id."""

    def make(author: int, title: str, body: str = "本文です。",
             visibility: str = "everyone") -> int:
        with app.app_context():
            diary_id = create_diary(author, title, body, visibility, submit_keys.new_key())
            db.session.commit()
            return diary_id

    return make


@pytest.fixture()
def community(app: Flask) -> Callable[..., int]:
    """Return a factory: community(admin, name, members=(), **rules) -> its id."""
    return lambda admin, name, **rules: add_community(app, admin, name, **rules)


@pytest.fixture()
def topic(app: Flask) -> Callable[..., int]:
    """Return a factory: topic(community, author, title, body=…) -> its id."""
    return lambda community_id, author, title, body="本文です。": add_topic(
        app, community_id, author, title, body)
