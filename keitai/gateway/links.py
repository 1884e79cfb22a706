"""Rewrite our own links and forms for the handset; send external links via the exit page."""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

_TAG = re.compile(r"<(a|form)(\s[^>]*)>", re.IGNORECASE)
_URL_ATTR = re.compile(r'(\s(?:href|action)\s*=\s*")([^"]*)(")', re.IGNORECASE)
_METHOD_POST = re.compile(r'\smethod\s*=\s*"post"', re.IGNORECASE)
_LEAVE_ALONE = ("#", "mailto:", "tel:", "tel-av:", "javascript:", "data:", "device:")

#: path of the page that shows an external address before the member leaves the site
EXIT_PATH = "/exit"
#: own pages that lead off the site: a URL to them never carries a session token
OFF_SITE_PATHS = frozenset((EXIT_PATH,))
#: what a browser strips from both ends of a URL before reading it: C0 controls and space
_URL_TRIM = "".join(map(chr, range(0x21)))
#: what a browser deletes anywhere in a URL
_URL_DROP = dict.fromkeys(map(ord, "\t\n\r"))


@dataclass(frozen=True, slots=True)
class LinkPlan:
    """What to add to our own links and forms in one response."""

    #: our own host name (with port) as the request named it
    host: str
    #: query parameters every own link carries (session token, guid=ON), already URL-quoted
    link_query: str
    #: query parameters a POST form's action carries (guid=ON must sit in the action URL)
    post_action_query: str
    #: hidden fields every own GET form carries
    get_fields: str
    #: hidden fields every own POST form carries; called only when such a form exists
    post_fields: Callable[[], str]
    #: the one external address the exit page itself may link to
    external_ok: str | None = None


def as_browser_reads(url: str) -> str:
    """Return url as a browser reads it: ends trimmed, tabs and newlines gone, \\ as /."""
    return url.strip(_URL_TRIM).translate(_URL_DROP).replace("\\", "/")


def is_own_url(url: str, host: str) -> bool:
    """Return True when url points at this site (relative, or absolute to our host)."""
    url = as_browser_reads(url)
    if url.startswith("//") or ":" in url.split("/", 1)[0].split("?", 1)[0]:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https", "") and parts.netloc.lower() == host.lower()
    return True


def request_path(url: str) -> str:
    """Return the path our router sees when a browser opens url (a same-site one)."""
    path = unquote(urlsplit(as_browser_reads(url)).path)
    segments: list[str] = []
    for segment in path.split("/")[1:]:
        if segment == "..":
            if segments:
                segments.pop()
        elif segment != ".":
            segments.append(segment)
    trailing = "/" if path.endswith(("/.", "/..")) else ""
    return "/" + "/".join(segments) + trailing


def leads_off_site(url: str, host: str) -> bool:
    """Return True when url is another site's, or one of our pages that leads off the site."""
    return not is_own_url(url, host) or request_path(url) in OFF_SITE_PATHS


def add_query(url: str, query: str, separator: str = "&amp;") -> str:
    """Append query (already quoted) to url, before any fragment."""
    if not query:
        return url
    base, hash_mark, fragment = url.partition("#")
    joiner = separator if "?" in base else "?"
    if base.endswith(("?", "&", separator)):
        joiner = ""
    return f"{base}{joiner}{query}{hash_mark}{fragment}"


def exit_url(url: str) -> str:
    """Return the exit-page link for an external address."""
    return f"{EXIT_PATH}?url={quote(url, safe='')}"


def rewrite_url(raw: str, plan: LinkPlan, query: str) -> str:
    """Rewrite one attribute value (HTML-escaped) for the handset."""
    if not raw or raw.startswith(_LEAVE_ALONE):
        return raw
    url = html.unescape(raw) if "&" in raw else raw
    if not is_own_url(url, plan.host):
        return raw if url == plan.external_ok else html.escape(exit_url(url))
    if request_path(url) in OFF_SITE_PATHS:
        return raw
    return add_query(raw, query)


def rewrite_html(page: str, plan: LinkPlan) -> str:
    """Add session and guid parameters to own links and forms; route external links out."""

    def tag(match: re.Match[str]) -> str:
        name, attrs = match.group(1).lower(), match.group(2)
        if name == "a":
            new_attrs = _URL_ATTR.sub(
                lambda m: m.group(1) + rewrite_url(m.group(2), plan, plan.link_query)
                + m.group(3), attrs, count=1)
            return f"<{match.group(1)}{new_attrs}>"
        post = bool(_METHOD_POST.search(attrs))
        own = True
        url_match = _URL_ATTR.search(attrs)
        if url_match is not None:
            own = not leads_off_site(html.unescape(url_match.group(2)), plan.host)
        if not own:
            return match.group(0)
        if post:
            if url_match is not None:
                attrs = (attrs[: url_match.start(2)]
                         + add_query(url_match.group(2), plan.post_action_query)
                         + attrs[url_match.end(2):])
            return f"<{match.group(1)}{attrs}>" + plan.post_fields()
        return match.group(0) + plan.get_fields

    return _TAG.sub(tag, page)


def rewrite_location(location: str, host: str, query: str) -> str:
    """Add the link parameters to a redirect to our own site (plain, not HTML-escaped)."""
    if not query or leads_off_site(location, host):
        return location
    return add_query(location, query, separator="&")
