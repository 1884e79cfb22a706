"""Build the phone screen's HTML for a page: the converted page plus what the UI shows of it."""
from __future__ import annotations

import html
import re
from typing import Any

from flask import render_template, url_for

from simulator.browser import Page
from simulator.decode import MARKER
from simulator.profiles import Profile
from simulator.rewrite import render_screen
from simulator.state import Exchange

#: the screen's font size bounds in CSS pixels
FONT_PX = (10, 32)
DEFAULT_FONT_PX = 16
_DOCOMO_COLUMNS = re.compile(r"[;/(]W([0-9]{1,3})H[0-9]{1,3}")
_COLUMN_HEADERS = (("x-up-devcap-screenchars", ","), ("x-s-display-info", "/"))


class PageUrls:
    """Point a page's links, forms and resources back at the simulator."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def link(self, index: int) -> str:
        """Return the URL that follows link index."""
        return url_for("phone.link", page_id=self.page.id, index=index)

    def form(self, index: int) -> str:
        """Return the URL that sends form index."""
        return url_for("phone.form", page_id=self.page.id, index=index)

    def resource(self, url: str) -> str:
        """Return the URL that fetches a resource as the handset."""
        return url_for("phone.resource", u=url)

    def open(self, url: str) -> str:
        """Return the URL that opens url as the handset."""
        return url_for("phone.open", u=url)


def columns(profile: Profile) -> int | None:
    """Return the half-width characters a line of the handset's screen holds, if known."""
    found = _DOCOMO_COLUMNS.search(profile.user_agent)
    if found:
        return int(found.group(1))
    headers = {name.lower(): value for name, value in profile.headers.items()}
    for name, separator in _COLUMN_HEADERS:
        value = headers.get(name, "")
        if separator == "/":
            value = value.split("/")[1] if value.count("/") >= 1 else ""
        digits = re.match(r"\s*([0-9]{1,3})", value.replace("*", ","))
        if digits:
            return int(digits.group(1))
    return None


def font_px(profile: Profile) -> int:
    """Return a font size that fits the handset's characters per line into its width."""
    count = columns(profile)
    if not count:
        return DEFAULT_FONT_PX
    return max(FONT_PX[0], min(FONT_PX[1], round(profile.screen[0] * 2 / count)))


def sent_user_agent(exchange: Exchange) -> str | None:
    """Return the User-Agent header a request went out with (the gateway may have changed
    the profile's: a serial added, or taken out), None when it sent none."""
    return next((value for name, value in exchange.request_headers
                 if name.lower() == "user-agent"), None)


def page_info(page: Page) -> dict[str, Any]:
    """Return what the UI shows beside the screen: address, size meter, charset, title."""
    return {
        "page": page.id, "url": page.url, "status": page.exchange.status,
        "reason": page.exchange.reason, "size": page.size, "limit": page.limit,
        "packets": page.packets, "over": page.over_limit, "charset": page.charset,
        "content_type": page.header("Content-Type") or "", "title": page.document.title,
        "emoji": len(page.decoded.emoji), "bad_chars": page.decoded.bad_chars,
        "redirects": [f"{status} {url}" for status, url in page.exchange.redirects],
        "handset": page.profile.name, "raw": url_for("phone.raw", page_id=page.id),
        "user_agent": sent_user_agent(page.exchange),
    }


def screen_page(page: Page) -> str:
    """Return the whole phone-screen document for a page."""
    body, _document = render_screen(page.decoded, page.url, page.profile.handset,
                                    PageUrls(page))
    return render_template("phone_screen.html", body=body, info=page_info(page),
                           font=font_px(page.profile))


#: bytes of a page the raw view dumps in hex
DUMP_BYTES = 8192


def raw_context(page: Page) -> dict[str, Any]:
    """Return the raw view's source text (emoji as their carrier code) and hex dump."""
    pieces = MARKER.split(page.decoded.text)
    for index in range(1, len(pieces), 2):
        emoji = page.decoded.emoji[int(pieces[index])]
        pieces[index] = (f'<span class="emoji-hex" title="{html.escape(emoji.title)}">'
                         f"[{html.escape(emoji.code)}]</span>")
    pieces[::2] = [html.escape(text) for text in pieces[::2]]
    return {"source": "".join(pieces), "hexdump": hexdump(page.exchange.body[:DUMP_BYTES]),
            "dump_bytes": min(DUMP_BYTES, page.size)}


def hexdump(data: bytes) -> str:
    """Return data as offset, hex and ASCII columns, 16 bytes a line."""
    lines = []
    for offset in range(0, len(data), 16):
        chunk = data[offset:offset + 16]
        text = "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in chunk)
        lines.append(f"{offset:08x}  {chunk.hex(' '):<47}  {text}")
    return "\n".join(lines)
