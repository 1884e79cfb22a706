"""A small site built to break the checker's rules: each page breaks exactly one rule for
exactly some handsets (or none: the control pages), and says so in its `expect`.

Pages live in one module per rule area (site/size.py, site/charset.py, ...), each with a
PAGES list. The site answers every handset with the same bytes unless a page's body is a
function of the handset, as a real site's is.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import carriers
from simulator.profiles import Profile, builtin_profiles

#: the areas, one module each
AREAS = ("size", "charset", "markup", "images", "emoji", "navigation", "privacy", "controls")
HOST = "http://fixture.test"

PROFILES: list[Profile] = builtin_profiles()
#: every built-in handset's name
ALL = frozenset(p.name for p in PROFILES)

Body = bytes | Callable[[carriers.Handset], bytes]
#: a Content-Type ("" sends none), or a function of the handset for a site that varies it
ContentType = str | Callable[[carriers.Handset], str]


def handsets(where: Callable[[Profile], bool]) -> frozenset[str]:
    """Return the names of the built-in handsets a test on their profile picks."""
    return frozenset(p.name for p in PROFILES if where(p))


def carrier(*names: str) -> frozenset[str]:
    """Return the names of every built-in handset of those carriers."""
    return handsets(lambda p: p.handset.carrier in names)


@dataclass(frozen=True)
class FixturePage:
    """One page of the fixture site and what the checker must find on it."""

    path: str
    body: Body
    content_type: ContentType = "text/html; charset=Shift_JIS"
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    #: rule id -> the handsets that rule must report on this page (nothing else may be found)
    expect: dict[str, frozenset[str]] = field(default_factory=dict)
    #: what the page shows the reader of the test
    note: str = ""

    def render(self, handset: carriers.Handset) -> bytes:
        """Return the body sent to a handset."""
        return self.body(handset) if callable(self.body) else self.body

    def content_type_for(self, handset: carriers.Handset) -> str:
        """Return the Content-Type sent to a handset ("" for none)."""
        return self.content_type(handset) if callable(self.content_type) else self.content_type

    def expected(self, handset: str) -> set[str]:
        """Return the rule ids the checker must report for one handset."""
        return {rule for rule, names in self.expect.items() if handset in names}


def all_pages() -> list[FixturePage]:
    """Return every page of every area module."""
    pages: list[FixturePage] = []
    for area in AREAS:
        module = importlib.import_module(f"tests.checker.site.{area}")
        pages.extend(module.PAGES)
    paths = [p.path for p in pages]
    duplicates = {p for p in paths if paths.count(p) > 1}
    assert not duplicates, f"two fixture pages at {duplicates}"
    return pages


def chtml(body: str, title: str = "fixture", head: str = "") -> bytes:
    """Return a plain i-mode HTML 1.0 page (Shift_JIS, sent as text/html) that every handset
    reads cleanly: a title, the body, a rule and a link to the top on key 0."""
    return (f"<html><head><title>{title}</title>{head}</head><body>{body}"
            f'<hr><a href="/" accesskey="0">top</a></body></html>').encode("cp932")


class FixtureSite:
    """The fixture site as a WSGI application."""

    def __init__(self, pages: Iterable[FixturePage] | None = None) -> None:
        self.pages = {p.path: p for p in (all_pages() if pages is None else pages)}

    def __call__(self, environ: dict[str, Any],
                 start_response: Callable[..., Any]) -> Iterator[bytes]:
        """Answer one request."""
        path = environ.get("PATH_INFO") or "/"
        query = environ.get("QUERY_STRING") or ""
        page = self.pages.get(f"{path}?{query}" if query else path) or self.pages.get(path)
        if page is None:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return iter([b"not found"])
        headers = {k.removeprefix("HTTP_").replace("_", "-").lower(): v
                   for k, v in environ.items() if k.startswith("HTTP_")}
        handset = carriers.detect(environ.get("HTTP_USER_AGENT", ""), headers)
        body = page.render(handset)
        content_type = page.content_type_for(handset)
        sent = [("Content-Type", content_type), *page.headers] if content_type else list(
            page.headers)
        sent.append(("Content-Length", str(len(body))))
        start_response(f"{page.status} X", sent)
        return iter([body])
