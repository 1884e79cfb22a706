"""Links in members' text: web addresses, mail addresses and phone numbers become links.

``linked_text(line)`` is what ``s.lines`` shows of each line a member wrote (a diary, a
comment, a topic, a message): the line HTML-escaped, with

- ``http://``, ``https://`` and ``www.`` addresses as links: another site's as written (the
  gateway sends it through the exit page and adds no session to it, keitai.gateway.links),
  one of our own site's as a same-site address (the gateway adds the session where the
  handset needs it);
- mail addresses as ``mailto:`` links;
- Japanese phone numbers written with hyphens (03-1234-5678, 090-1234-5678, 0120-123-456)
  as links that dial, in the scheme the handset's browser dials with (carriers.dialling), or
  as text where it has none.

Only ASCII is part of an address, so 、。）」 after one are not, and neither are trailing
. , ; : ! ? ' or a closing bracket that opens nowhere inside it. A line that already is
HTML (a Markup) is shown as it is: its links are its own, and nothing is linked inside one.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from flask import current_app, g, has_request_context, request
from markupsafe import Markup, escape

from carriers import Handset
from carriers.dialling import dial_scheme

_URL = r"(?<![A-Za-z0-9@.\-])(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
_MAIL = (r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
         r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9\-])")
_PHONE = r"(?<![0-9\-])0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}(?![0-9\-])"
_FOUND = re.compile(rf"(?P<url>{_URL})|(?P<mail>{_MAIL})|(?P<phone>{_PHONE})", re.I)
#: a line without one of these holds nothing to link: it is only escaped
_HINTS = frozenset(":@-")
#: what ends a sentence rather than an address
_TRAILING = ".,;:!?'"
_PAIRS = {")": "(", "]": "["}
#: what a request without a detected handset is served as
_PC = Handset()
#: digits a Japanese phone number has, area code included
_PHONE_DIGITS = (10, 11)


def linked_text(line: str) -> Markup:
    """Return one line of a member's text escaped, its addresses and numbers as links."""
    if isinstance(line, Markup):
        return line
    if not _HINTS.intersection(line) and "www." not in line.lower():
        return escape(line)
    out: list[str] = []
    pos = 0
    for found in _FOUND.finditer(line):
        start, text = found.start(), found.group(0)
        if found.lastgroup == "url":
            text = _trimmed(text)
            link = _web_link(text)
        elif found.lastgroup == "mail":
            link = "mailto:" + text
        else:
            scheme = dial_scheme(g.get("handset") or _PC)
            digits = text.replace("-", "")
            link = scheme + digits if scheme and len(digits) in _PHONE_DIGITS else None
        if link is None:
            continue
        out.append(escape(line[pos:start]))
        out.append(f'<a href="{escape(link)}">{escape(text)}</a>')
        pos = start + len(text)
    out.append(escape(line[pos:]))
    return Markup("".join(out))


def _trimmed(url: str) -> str:
    """Return a found address without the punctuation after it that ends the sentence."""
    while url:
        last = url[-1]
        if last in _TRAILING or (last in _PAIRS and url.count(last) > url.count(_PAIRS[last])):
            url = url[:-1]
        else:
            break
    return url


def _web_link(text: str) -> str | None:
    """Return the address a found web address links to (ours as a same-site one)."""
    url = text if "://" in text else "http://" + text
    parts = urlsplit(url)
    if not parts.hostname:
        return None
    own = {urlsplit(current_app.config["BASE_URL"]).netloc.lower()}
    if has_request_context():
        own.add(request.host.lower())
    if parts.netloc.lower() in own:
        return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    return url
