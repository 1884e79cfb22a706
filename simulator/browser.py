"""Browse as one simulated handset: requests through the gateway, redirects, cookies, pages."""
from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, replace
from functools import cached_property
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from simulator.charsets import page_charset
from simulator.cookies import HandsetJar
from simulator.decode import Decoded, decode_body
from simulator.document import Document, parse_document
from simulator.forms import Pairs, encode_pairs, form_target, masked
from simulator.profiles import Profile
from simulator.proxy import FORM_TYPE, Response, build_request
from simulator.state import Exchange, Sent, State
from simulator.transport import Transport

#: redirects followed for one request, as handset browsers did
MAX_REDIRECTS = 10
#: bytes in one packet, the unit handset users paid for
PACKET_BYTES = 128
#: query parameters that carry a session in the address (the site's is ksid)
SESSION_PARAMETERS = frozenset({"ksid", "sid", "phpsessid", "jsessionid", "sessionid"})


@dataclass
class Page:
    """A page as the handset received it, and what it makes of it."""

    profile: Profile
    exchange: Exchange

    @property
    def id(self) -> int:
        """Return the page's id in the simulator's state."""
        return self.exchange.id or 0

    @property
    def url(self) -> str:
        """Return the page's final URL."""
        return self.exchange.url

    def header(self, name: str) -> str | None:
        """Return a response header (case-insensitive), or None."""
        wanted = name.lower()
        return next((v for k, v in self.exchange.response_headers if k.lower() == wanted), None)

    @cached_property
    def charset(self) -> str:
        """Return the charset the page is read in."""
        return page_charset(self.header("Content-Type"), self.exchange.body,
                            self.profile.handset.charset)

    @cached_property
    def decoded(self) -> Decoded:
        """Return the page's text with the carrier's emoji marked."""
        return decode_body(self.exchange.body, self.profile.handset.carrier, self.charset)

    @cached_property
    def document(self) -> Document:
        """Return the links, forms and text the handset user meets."""
        return parse_document(self.decoded, self.url, self.profile.handset)

    @property
    def size(self) -> int:
        """Return the page's size in bytes, as the handset counts it against its limit."""
        return len(self.exchange.body)

    @property
    def limit(self) -> int | None:
        """Return the largest page the handset shows, None for no limit."""
        return self.profile.handset.page_limit_bytes

    @property
    def over_limit(self) -> bool:
        """Return True when the page is bigger than the handset can show."""
        return self.limit is not None and self.size > self.limit

    @property
    def packets(self) -> int:
        """Return the packets the page cost the handset user."""
        return math.ceil(self.size / PACKET_BYTES)


class Browser:
    """One handset's browser: every request leaves as the handset through its gateway."""

    def __init__(self, profile: Profile, transport: Transport, state: State,
                 target: str) -> None:
        self.profile = profile
        self.transport = transport
        self.state = state
        self.target = target.rstrip("/") + "/"
        self.jar = HandsetJar(state, profile.name) if profile.cookies else None

    def resolve(self, url: str, base: str | None = None) -> str:
        """Return url made absolute against base, else against the target site."""
        return urljoin(base or self.target, url)

    def fetch(self, method: str, url: str, body: bytes | None = None, *,
              serials: bool = False, follow: bool = True,
              content_type: str = FORM_TYPE) -> Exchange:
        """Send a request as the handset, following redirects; store nothing but cookies."""
        redirects: list[tuple[int, str]] = []
        while True:
            cookie = self.jar.header(url) if self.jar else None
            request = build_request(self.profile, method, url, body, content_type=content_type,
                                    serials=serials, cookie=cookie)
            response = self.transport.send(request)
            if self.jar is not None:
                self.jar.take(request.url, response)
            location = response.header("Location")
            if not follow or response.status not in (301, 302, 303, 307, 308) or not location:
                return _exchange(request.method, request.url, request.headers, response,
                                 redirects)
            if len(redirects) >= MAX_REDIRECTS:
                raise RedirectLoop(f"more than {MAX_REDIRECTS} redirects from {url}")
            redirects.append((response.status, url))
            url = urljoin(request.url, location)
            if response.status in (301, 302, 303) and method != "HEAD":
                method, body = "GET", None
            serials = False  # the handset confirmed one request, not where it leads

    def open(self, url: str, method: str = "GET", pairs: Pairs | None = None, *,
             charset: str | None = None, serials: bool = False,
             secret: Collection[str] = ()) -> Page:
        """Request a page as the handset, show it on the screen and return it; a form's
        pairs are kept with the page for the history, the secret fields' values masked."""
        url = self.resolve(url)
        body = None
        sent = None
        if pairs is not None:
            data = encode_pairs(pairs, self.profile.handset.carrier,
                                charset or self.profile.handset.charset)
            url, body = form_target(url, method, data)
            sent = Sent(method.upper(), url, masked(pairs, secret))
        exchange = replace(self.fetch(method, url, body, serials=serials), sent=sent)
        page_id = self.state.add_page(self.profile.name, exchange)
        return Page(self.profile, self.state.page(page_id) or exchange)

    def page(self, page_id: int) -> Page | None:
        """Return a stored page of this handset."""
        exchange = self.state.page(page_id)
        if exchange is None or exchange.profile != self.profile.name:
            return None
        return Page(self.profile, exchange)

    def current(self) -> Page | None:
        """Return the page on the screen, or None before the first."""
        page_id = self.state.current(self.profile.name)
        return self.page(page_id) if page_id is not None else None

    def back(self) -> Page | None:
        """Go back to the previous page (shown again from the handset's memory, not fetched)."""
        page_id = self.state.back(self.profile.name)
        return self.page(page_id) if page_id is not None else None

    def forget_session(self) -> None:
        """Throw away the handset's cookies and the pages it holds (their links carry its
        session in the address): what it opens next starts logged out."""
        if self.jar is not None:
            self.jar.clear()
        else:
            self.state.set_cookie_jar(self.profile.name, [])
        self.state.forget(self.profile.name)

    def clear_session(self) -> Page:
        """Forget the session (forget_session) and open the page shown without the session in
        its address (the site's top page when none was shown): it comes logged out."""
        shown = self.current()
        self.forget_session()
        return self.open(without_session(shown.url) if shown is not None else "/")


def without_session(url: str) -> str:
    """Return url without the session parameters of its query."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if name.lower() not in SESSION_PARAMETERS]
    if len(kept) == len(pairs):
        return url
    return urlunsplit(parts._replace(query=urlencode(kept)))


class RedirectLoop(RuntimeError):
    """A page redirected more often than a handset follows."""


def _exchange(method: str, url: str, headers: list[tuple[str, str]], response: Response,
              redirects: list[tuple[int, str]]) -> Exchange:
    return Exchange(method, url, headers, response.status, response.reason,
                    list(response.headers), response.body, redirects)
