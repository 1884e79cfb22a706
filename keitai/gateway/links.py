"""Rewrite our own links and forms for the handset; send external links via the exit page."""
from __future__ import annotations

import html
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import quote, unquote, urlsplit

from keitai.gateway.tags import Attribute, Tag, attributes, find_tags, first_href

_LEAVE_ALONE = ("#", "mailto:", "tel:", "tel-av:", "javascript:", "data:", "device:")

#: path of the page that shows an external address before the member leaves the site
EXIT_PATH = "/exit"
#: own pages that lead off the site: a URL to them never carries a session token
OFF_SITE_PATHS = frozenset((EXIT_PATH,))
#: what a browser strips from both ends of a URL before reading it: C0 controls and space
_URL_TRIM = "".join(map(chr, range(0x21)))
#: what a browser deletes anywhere in a URL
_URL_DROP = dict.fromkeys(map(ord, "\t\n\r"))


class LinkPlan(NamedTuple):
    """What to add to our own links and forms in one response (a tuple: one is made for
    every page)."""

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


def _leave_alone(url: str) -> bool:
    """Return True for an address the gateway never touches: a fragment, mail, phone, script."""
    return as_browser_reads(url).lower().startswith(_LEAVE_ALONE)


def _with_params(raw: str, query: str) -> str:
    """Add the link parameters (HTML-escaped) a URL does not carry yet, before its fragment."""
    base = raw.partition("#")[0]
    if "?" in base:
        present = {item.split("=", 1)[0].lower()
                   for item in html.unescape(base.partition("?")[2]).split("&")}
        query = "&amp;".join(item for item in query.split("&amp;")
                             if item and item.split("=", 1)[0].lower() not in present)
    return add_query(raw, query)


def rewrite_url(raw: str, plan: LinkPlan, query: str) -> str:
    """Rewrite one attribute value (HTML-escaped) for the handset."""
    if not raw:
        return raw
    return _rewritten(raw, plan.host, plan.external_ok, query)


@lru_cache(maxsize=4096)
def _rewritten(raw: str, host: str, external_ok: str | None, query: str) -> str:
    """Rewrite one attribute value: the same every time for the same link, host and query
    (most of a page's links are the same on every page and for every member)."""
    kind, url, exit_link = _destination(raw, host)
    if kind == "exit":
        return raw if url == external_ok else exit_link
    if kind == "leave":
        return raw
    return _with_params(raw, query)


@lru_cache(maxsize=4096)
def _destination(raw: str, host: str) -> tuple[str, str, str]:
    """Tell where a link (an attribute value, HTML-escaped) leads, the same every time:
    ("leave", "", "") for one left as written (a fragment, mail, phone, script, our exit page),
    ("exit", the address, its exit-page link, HTML-escaped) for another site's,
    ("own", "", "") for our own pages."""
    url = html.unescape(raw) if "&" in raw else raw
    if _leave_alone(url):
        return "leave", "", ""
    if not is_own_url(url, host):
        return "exit", url, html.escape(exit_url(url))
    if request_path(url) in OFF_SITE_PATHS:
        return "leave", "", ""
    return "own", "", ""


def _quoted(value: str) -> str:
    return '"' + value.replace('"', "&quot;") + '"'


def link_tags(page: str) -> list[Tag]:
    """Return the link and form start tags of a page, to rewrite or look at."""
    return list(find_tags(page))


def _posts_to_us(attrs: dict[str, list[Attribute]], host: str) -> bool | None:
    """Tell whether a form's attributes make it post to our own site; None when it leaves."""
    action = attrs.get("action")
    if action is not None and action[0][0] and leads_off_site(
            html.unescape(action[0][0]), host):
        return None
    method = attrs.get("method")
    return method is not None and html.unescape(method[0][0]).lower() == "post"


def has_own_post_form(page: str, tags: list[Tag], host: str) -> bool:
    """Return True when the page has a form that posts to our own site."""
    return any(tag.name == "form" and _posts_to_us(attributes(page, tag), host)
               for tag in tags)


def rewrite_html(page: str, plan: LinkPlan, tags: list[Tag] | None = None) -> str:
    """Add session and guid parameters to own links and forms; route external links out.

    Every <a> and <area> href and every <form> is found as a browser reads it, whatever
    its quoting and case (see keitai.gateway.tags); a value that changes is written back in
    double quotes. Nothing is added twice: a parameter a link already carries, or hidden
    fields already right after the form's start tag, stay as they are.
    """
    out: list[str] = []
    pos = 0
    for tag in find_tags(page) if tags is None else tags:
        edits: list[tuple[int, int, str]] = []
        extra = ""
        if tag.name != "form":
            quick = first_href(page, tag)
            if quick is not None:  # nearly every link: one href, written first
                raw, start, end = quick
                value = rewrite_url(raw, plan, plan.link_query)
                if value != raw:
                    out.append(page[pos:start])
                    out.append(_quoted(value))
                    pos = end
                continue
            hrefs = attributes(page, tag).get("href", ())
            for raw, start, end in hrefs:
                value = rewrite_url(raw, plan, plan.link_query)
                if value != raw:
                    edits.append((start, end, _quoted(value)))
        else:
            attrs = attributes(page, tag)
            post = _posts_to_us(attrs, plan.host)
            if post is None:
                continue  # another site's form gets neither the session nor the CSRF secret
            if post:
                action = attrs.get("action")
                if action is not None and action[0][0] and plan.post_action_query:
                    first = action[0]
                    value = _with_params(first[0], plan.post_action_query)
                    if value != first[0]:
                        edits.append((first[1], first[2], _quoted(value)))
                extra = plan.post_fields()
            else:
                extra = plan.get_fields
            if extra and page.startswith(extra, tag.end):
                extra = ""
        if not edits and not extra:
            continue
        for start, end, text in edits:
            out.append(page[pos:start])
            out.append(text)
            pos = end
        out.append(page[pos:tag.end])
        out.append(extra)
        pos = tag.end
    if not out:
        return page
    out.append(page[pos:])
    return "".join(out)


def rewrite_location(location: str, host: str, query: str) -> str:
    """Add the link parameters to a redirect to our own site (plain, not HTML-escaped)."""
    if not query or leads_off_site(location, host):
        return location
    return add_query(location, query, separator="&")
