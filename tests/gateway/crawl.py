"""A crawler that reads our pages as a handset would and checks every link and form on them.

It parses each page with lxml (strict XML for the XHTML families), resolves every link and
form against the page's address, and follows same-site links breadth first. What it checks
is what the gateway promises (README, "Links and forms"): the session where the handset
needs it (in the URL for cookie-less handsets, never there for the others), guid=ON on
docomo, the CSRF secret of the session in every POST form (a visitor's token, valid for this
handset, when there is no session), and the exit page before any other site.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urljoin, urlsplit

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
from flask import Flask
from webtest import TestResponse  # type: ignore[import-untyped]

import carriers
from carriers.markup import markup_for
from keitai import visitor_csrf
from keitai.db import db
from keitai.gateway.sessions import PRE_COOKIE, binding_for, hash_token, terminal_mark
from keitai.session_store import session_store
from tests.handsets import SUBSCRIBER_IDS, HandsetClient, page_text

HOST = "keitai.test"
#: schemes and addresses a link may carry that lead nowhere a session could go
_NOWHERE = ("#", "mailto:", "tel:", "tel-av:", "javascript:", "data:", "device:")
#: parameters the gateway adds, and the split page's part: not part of what a page is
_OURS = frozenset(("ksid", "guid", "pp"))


@dataclass
class Form:
    """A form as a browser would send it."""

    #: the address the form is sent to (the page's own when it has no action)
    url: str
    method: str
    #: hidden fields by name, each with every value it has
    hidden: dict[str, list[str]]


@dataclass
class Page:
    """One page as the handset read it."""

    url: str
    links: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)


def _local(element: lxml.etree._Element) -> str:
    return str(lxml.etree.QName(element).localname).lower()


def read_page(response: TestResponse, url: str, xml: bool) -> Page:
    """Parse a page with lxml as its markup family requires; return its links and forms."""
    text = re.sub(r"^<\?xml[^>]*\?>", "", page_text(response))  # lxml reads str undeclared
    if xml:  # XHTML must be well-formed XML: a strict parse, no recovery
        root = lxml.etree.fromstring(text, lxml.etree.XMLParser(recover=False))
    else:
        root = lxml.html.document_fromstring(text)
    page = Page(url)
    for element in root.iter(lxml.etree.Element):
        name = _local(element)
        if name in ("a", "area") and element.get("href") is not None:
            page.links.append(element.get("href", ""))
        elif name == "form":
            action = element.get("action")
            hidden: dict[str, list[str]] = {}
            for field_element in element.iter(lxml.etree.Element):
                if (_local(field_element) == "input"
                        and (field_element.get("type") or "").lower() == "hidden"):
                    hidden.setdefault(field_element.get("name", ""), []).append(
                        field_element.get("value", ""))
            page.forms.append(Form(urljoin(url, action) if action else url,
                                   (element.get("method") or "get").lower(), hidden))
        elif name == "base":
            raise AssertionError(f"{url}: a <base> would move every relative link")
    return page


def leads_nowhere(href: str) -> bool:
    """Return True for a fragment, mail, phone or script link."""
    return href.strip().lower().startswith(_NOWHERE)


def is_ours(url: str) -> bool:
    """Return True when an absolute URL is on our host."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == HOST


def query_of(url: str) -> dict[str, list[str]]:
    """Return the query parameters of a URL."""
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def shape(url: str) -> str:
    """Return what kind of page a URL shows: its path with numbers as N and its query names."""
    parts = urlsplit(url)
    names = sorted({name for name in query_of(url) if name not in _OURS})
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(names)


@dataclass
class Crawler:
    """Browse the site as one handset, checking every page on the way."""

    app: Flask
    client: HandsetClient
    #: pages of one shape opened at most, and pages opened at most in all
    per_shape: int = 3
    limit: int = 120
    #: the session token, once the member has logged in
    token: str | None = None
    #: links followed: the shape of the page they were on, and their own
    seen: dict[str, int] = field(default_factory=dict)
    opened: list[str] = field(default_factory=list)

    @property
    def handset(self) -> carriers.Handset:
        """Return the handset as the site detects it."""
        profile = self.client.profile
        return carriers.detect(profile.user_agent, profile.headers)

    def open(self, url: str) -> tuple[TestResponse, str]:
        """Open a URL, following redirects on our own site; return the page and its URL."""
        url = urljoin(f"http://{HOST}/", url)
        for _ in range(5):
            response = self.client.get(url, expect_errors=True)
            if response.status_int not in (301, 302, 303):
                return response, url
            location = urljoin(url, response.headers["Location"])
            assert is_ours(location), f"{url} redirects off the site to {location}"
            self.check_url(location, f"redirect from {url}", self.token)
            url = location
        raise AssertionError(f"{url}: too many redirects")

    def session_token(self, page: Page) -> str | None:
        """Return the token of the session this page was made in, as the handset holds it."""
        if self.handset.cookies:
            token = self.client.cookies.get("ksid")
            return str(token) if token else None
        values = {value for link in self.own_links(page) for value in query_of(link).get(
            "ksid", [])}
        values |= {value for form in page.forms for value in form.hidden.get("ksid", [])}
        assert len(values) <= 1, f"{page.url}: the page names several sessions {values}"
        return values.pop() if values else None

    def own_links(self, page: Page) -> list[str]:
        """Return the same-site links of a page, as absolute URLs."""
        return [urljoin(page.url, href) for href in page.links
                if not leads_nowhere(href) and is_ours(urljoin(page.url, href))]

    def check_url(self, url: str, where: str, token: str | None = None) -> None:
        """Check what a same-site URL carries for this handset."""
        handset, query = self.handset, query_of(url)
        if urlsplit(url).path == "/exit":
            assert "ksid" not in query, f"{where}: the exit link carries the session: {url}"
            return
        if handset.wants_guid:
            assert query.get("guid") == ["ON"], f"{where}: no guid=ON in {url}"
        if handset.cookies:
            assert "ksid" not in query, f"{where}: a cookie handset's URL has the session: {url}"
        elif token is not None:
            assert query.get("ksid") == [token], f"{where}: {url} loses the session"

    def check_page(self, page: Page) -> None:
        """Check every link and form of a page."""
        handset = self.handset
        token = self.session_token(page)
        if not handset.cookies and self.token is not None:
            assert token == self.token, f"{page.url}: the page lost the member's session"
        exit_to = query_of(page.url).get("url", [None])[0] \
            if urlsplit(page.url).path == "/exit" else None
        for href in page.links:
            if leads_nowhere(href):
                continue
            url = urljoin(page.url, href)
            if is_ours(url):
                self.check_url(url, f"link on {page.url}", token)
            else:
                assert href == exit_to, f"{page.url}: {href} leaves without the exit page"
        csrf = self.csrf_secret(token)
        for form in page.forms:
            where = f"form on {page.url}"
            if not is_ours(form.url):
                raise AssertionError(f"{where} is sent to another site: {form.url}")
            if form.method == "post" and token is None:  # a visitor: no session, no write
                sent = form.hidden.get("csrf_token", [""])
                assert len(sent) == 1 and self.visitor_token_valid(sent[0]), \
                    f"{where}: a visitor's POST form without a valid visitor token: {sent}"
                assert "ksid" not in form.hidden, f"{where}: a visitor's form names a session"
                self.check_url(form.url, where)
            elif form.method == "post":
                assert csrf is not None, f"{where}: a POST form but no session"
                assert form.hidden.get("csrf_token") == [csrf], f"{where}: no CSRF secret"
                self.check_url(form.url, where)  # guid=ON must sit in the action
                if not handset.cookies:
                    assert form.hidden.get("ksid") == [token], f"{where}: no session field"
            else:
                assert "csrf_token" not in form.hidden, f"{where}: a GET form shows the secret"
                if handset.wants_guid:
                    assert form.hidden.get("guid") == ["ON"], f"{where}: no guid field"
                if handset.cookies:
                    assert "ksid" not in form.hidden, f"{where}: the session in a field"
                elif token is not None:
                    assert form.hidden.get("ksid") == [token], f"{where}: no session field"

    def csrf_secret(self, token: str | None) -> str | None:
        """Return the CSRF secret of the session the token names."""
        if token is None:
            return None
        with self.app.app_context():
            row = session_store().load(hash_token(token))
            secret = row.csrf_token if row is not None else None
            db.session.remove()
        return secret

    def visitor_token_valid(self, sent: str) -> bool:
        """Return True when the site would take sent from this handset as a visitor's token
        (bound to the id its gateway sends, if the page was made with one)."""
        handset = self.handset
        ident = self.client.subscriber_id or SUBSCRIBER_IDS.get(handset.carrier or "")
        pre = str(self.client.cookies.get(PRE_COOKIE, "")) if handset.cookies else ""
        with self.app.app_context():
            marks = [None] + ([terminal_mark(replace(handset, subscriber_id=ident))]
                              if ident and self.client.send_ids else [])
            return any(visitor_csrf.check(sent, binding_for(handset), mark, pre,
                                          self.app.config["SESSION_IDLE_SECONDS"],
                                          int(time.time())) for mark in marks)

    def crawl_one(self, response: TestResponse, url: str) -> Page:
        """Read and check one page the handset has opened."""
        assert response.status_int == 200, f"{url}: {response.status}"
        page = read_page(response, url, markup_for(self.handset).xml)
        self.check_page(page)
        return page

    def crawl(self, *starts: str) -> list[Page]:
        """Open the start pages and the same-site pages reachable from them; check each.

        Pages of a shape not seen yet come first; then a shape linked from a page of a shape
        that has not linked to it yet (a diary from the member's own list is not a friend's),
        until the crawl has opened `limit` pages.
        """
        pending: list[tuple[str, str]] = [("", start) for start in starts]
        shapes: set[str] = set()
        pages: list[Page] = []
        opened = 0
        while pending and opened < self.limit:
            index = next((i for i, (_, url) in enumerate(pending) if shape(url) not in shapes),
                         None)
            if index is None:
                index = next((i for i, (came_from, url) in enumerate(pending)
                              if f"{came_from} -> {shape(url)}" not in self.seen), None)
                if index is None:
                    break
            came_from, url = pending.pop(index)
            kind = shape(url)
            shapes.add(kind)
            self.seen[f"{came_from} -> {kind}"] = 1
            response, url = self.open(url)
            self.opened.append(url)
            opened += 1
            if self.token is not None:
                assert urlsplit(url).path != "/login", f"{url}: the member was logged out"
            if response.content_type not in ("text/html", "application/xhtml+xml"):
                assert response.status_int == 200, f"{url}: {response.status}"
                continue
            page = self.crawl_one(response, url)
            pages.append(page)
            pending.extend((kind, link) for link in self.own_links(page))
        return pages
