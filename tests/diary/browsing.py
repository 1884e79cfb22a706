"""A member browsing on a handset: logged in through the login form, the session carried as
the handset carries it (a cookie, or the ksid token in every URL and form)."""
from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote_from_bytes, urlsplit

from flask import Flask
from webtest import TestResponse

from carriers import detect
from keitai.db import db
from keitai.features.diary import feed
from keitai.members import create_member
from keitai.models.block import Block
from keitai.models.friendship import Friendship
from keitai.passwords import hash_password
from tests.handsets import (
    PROFILES,
    HandsetClient,
    as_our_links_carry,
    assert_fits_handset,
    client_for,
    page_forms,
)

PASSWORD = "kaeru2007"
#: a ☀ as each handset sends it and shows it: docomo/WILLCOM Shift_JIS F89F, au F660,
#: SoftBank 3G U+E04A in UTF-8, J-PHONE the web code ESC $ G j SI, smartphones and PCs ☀
SUN = {"docomo": b"\xf8\x9f", "willcom": b"\xf8\x9f", "au": b"\xf6\x60",
       "softbank-3g": "\ue04a".encode(), "softbank-jphone": b"\x1b$Gj\x0f",
       "smartphone": "☀".encode(), "pc": "☀".encode()}
_TOKEN = re.compile(r"ksid=([A-Za-z0-9_-]+)")


def handset_of(name: str) -> Any:
    """Return what the site detects about a profile (charset, page limit, ...)."""
    profile = PROFILES[name]
    return detect(profile.user_agent, profile.headers, "210.153.84.10")


def sun_bytes(name: str) -> bytes:
    """Return how the named handset sends and shows ☀."""
    handset = handset_of(name)
    if handset.carrier == "softbank":
        return SUN["softbank-3g" if handset.charset == "utf-8" else "softbank-jphone"]
    return SUN[handset.carrier]


def charset_of(response: TestResponse) -> str:
    """Return the Python codec of a page's charset."""
    charset = (response.charset or "utf-8").lower()
    return "cp932" if charset in ("shift_jis", "sjis") else charset


class Browser:
    """A logged-in member on a handset, following the site's own links and forms."""

    def __init__(self, client: HandsetClient, token: str | None) -> None:
        self.client = client
        self.token = token
        self.name = client.profile.name
        self.handset = handset_of(self.name)

    def url(self, path: str) -> str:
        """Return path as a link on one of our pages would carry it for this handset."""
        base, _mark, query = path.partition("?")
        query = as_our_links_carry(query, self.handset, self.token)
        return f"{base}?{query}" if query else base

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        """Open a page of the site."""
        return self.client.get(self.url(path), **kwargs)

    def text(self, response: TestResponse) -> str:
        """Decode a page as the handset does."""
        return response.body.decode(charset_of(response))

    def submit(self, page: TestResponse, fields: dict[str, str | bytes], index: int = 0,
               **kwargs: Any) -> TestResponse:
        """Send form `index` of a page: text in the page's charset, bytes as the handset typed."""
        form = page_forms(page)[index]
        charset = charset_of(page)
        values = {**filled_in(self.text(page), index), **form.fields, **fields}
        body = "&".join(
            f"{quote_from_bytes(k.encode(charset))}="
            f"{quote_from_bytes(v if isinstance(v, bytes) else v.encode(charset))}"
            for k, v in values.items())
        return self.client.post(form.action, body,
                                content_type="application/x-www-form-urlencoded", **kwargs)

    def location(self, response: TestResponse) -> str:
        """Return the path a redirect leads to (without the session token)."""
        assert response.status_int in (301, 302, 303), response.status
        return urlsplit(response.headers["Location"]).path


_FORM = re.compile(r"<form\s[^>]*>(.*?)</form>", re.S)
# PCs and smartphones (html5) give a field an id before its name, and an address, a web
# address or a search its own type
_ID = r'(?: id="[^"]*")?'
_TEXT_INPUT = re.compile(r'<input type="(?:text|email|url|search)"' + _ID
                         + r' name="([^"]+)" value="([^"]*)"')
_TEXTAREA = re.compile(r'<textarea' + _ID + r' name="([^"]+)"[^>]*>(.*?)</textarea>', re.S)
_SELECT = re.compile(r'<select' + _ID + r' name="([^"]+)">(.*?)</select>', re.S)
_SELECTED = re.compile(r'<option value="([^"]*)" selected')


def filled_in(text: str, index: int) -> dict[str, str]:
    """Return what form `index` sends untouched: text fields, text areas, chosen options."""
    form = _FORM.findall(text)[index]
    values = {name: html.unescape(value) for name, value in _TEXT_INPUT.findall(form)}
    values.update((name, html.unescape(value)) for name, value in _TEXTAREA.findall(form))
    for name, options in _SELECT.findall(form):
        chosen = _SELECTED.search(options)
        if chosen:
            values[name] = html.unescape(chosen.group(1))
    return values


def log_in(app: Flask, name: str, email: str) -> Browser:
    """Log in on the named handset with the login form; return the browser."""
    client = client_for(app, name)
    page = client.get("/login")
    done = client.submit(page, {"email": email, "password": PASSWORD})
    assert done.status_int == 302, done.text
    found = _TOKEN.search(done.headers["Location"])
    return Browser(client, found.group(1) if found else None)


def add_member(app: Flask, nickname: str, email: str) -> int:
    """Add a member who can log in with PASSWORD; return the id."""
    with app.app_context():
        member = create_member(email=email, nickname=nickname,
                               password_hash=hash_password(PASSWORD))
        db.session.commit()
        return member.id


def befriend(app: Flask, a: int, b: int) -> None:
    """Make a and b friends (both directions, as accepting a request does)."""
    with app.app_context():
        db.session.add_all([Friendship(member_id=a, friend_id=b),
                            Friendship(member_id=b, friend_id=a)])
        db.session.flush()
        feed.refresh_all()
        db.session.commit()


def block(app: Flask, blocker: int, blocked: int) -> None:
    """Record that blocker blocked blocked."""
    with app.app_context():
        db.session.add(Block(blocker_id=blocker, blocked_id=blocked))
        db.session.commit()


def check_page(browser: Browser, response: TestResponse) -> str:
    """Assert what every page must be for the handset (see assert_fits_handset); return its text."""
    text = browser.text(response)
    assert_fits_handset(browser.handset, response, text)
    return text


def parts(browser: Browser, path: str) -> list[bytes]:
    """Follow a split page's next-part links (the # key) and return every part."""
    bodies, url = [], browser.url(path)
    while True:
        response = browser.client.get(url)
        check_page(browser, response)
        bodies.append(response.body)
        found = re.search(r'<a href="([^"]+)" accesskey="#">', browser.text(response))
        if not found:
            return bodies
        url = found.group(1).replace("&amp;", "&")
        assert len(bodies) < 20


def whole_page(browser: Browser, path: str) -> str:
    """Return the text of every part of a page (split at a comfortable size), in order."""
    charset = "cp932" if browser.handset.charset == "shift_jis" else browser.handset.charset
    return "".join(body.decode(charset) for body in parts(browser, path))


def access_key(text: str, key: str, label: str) -> bool:
    """Return True when the page has a link on `key` whose text ends with label."""
    pattern = rf'accesskey="{re.escape(key)}">(?:(?!</a>).)*{re.escape(label)}</a>'
    return re.search(pattern, text, re.S) is not None


def rows_per_page(browser: Browser) -> int:
    """Return how many rows a list page shows this handset: 10 on small ones, else 20."""
    limit = browser.handset.page_limit_bytes
    return 10 if limit is not None and limit <= 12 * 1024 else 20
