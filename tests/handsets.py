"""Real handset profiles for tests, and a WebTest client that browses as one of them."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote_from_bytes, urlencode, urlsplit

from flask import Flask
from webtest import TestApp, TestResponse

#: the real handset facts the tests are written against (see tests/data/handsets/README.md)
HANDSET_FACTS = Path(__file__).resolve().parent / "data" / "handsets"

#: an address inside each carrier's published gateway ranges (carriers/data/gateway_ranges.txt)
GATEWAY_ADDRESS = {"docomo": "210.153.84.10", "au": "210.230.128.230",
                   "softbank": "123.108.237.10"}
OUTSIDE_ADDRESS = "198.51.100.7"


@dataclass(frozen=True)
class Profile:
    """A handset as its carrier's gateway presents it to the site."""

    name: str
    carrier: str
    user_agent: str
    headers: dict[str, str] = field(default_factory=dict)
    cookies: bool = True
    #: terminal ids the gateway adds: guid (docomo, only on guid=ON), subno (au), uid (SoftBank)
    subscriber_id: str | None = None


def _load_facts() -> dict[str, Profile]:
    profiles: dict[str, Profile] = {}
    for item in json.loads((HANDSET_FACTS / "handsets.json").read_text(encoding="utf-8")):
        carrier = item["carrier"]
        if "iPhone" in item["model"]:
            carrier = "smartphone"
        name = f"{carrier}-{item['model'].replace(' ', '')}"
        if name in profiles:
            continue
        headers = {k: v for k, v in (item.get("gateway_headers") or {}).items()
                   if k.lower() not in ("accept", "accept-charset")}
        profiles[name] = Profile(name, carrier, item["user_agent"], headers,
                                 bool(item.get("cookies")))
    return profiles


PROFILES: dict[str, Profile] = _load_facts()
PROFILES.update({p.name: p for p in (
    Profile("docomo-N06A", "docomo", "DoCoMo/2.0 N06A(c500;TB;W24H16)", cookies=True),
    Profile("docomo-D501i", "docomo", "DoCoMo/1.0/D501i", cookies=False),
    Profile("au-HI01", "au", "UP.Browser/3.01-HI01 UP.Link/3.4.5.2"),
    Profile("willcom-WX310SA", "willcom",
            "Mozilla/3.0(WILLCOM;SANYO/WX310SA/2;1/1/C128) NetFront/3.3,61.198.142.127"),
    Profile("smartphone-iPhone", "smartphone",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"),
    Profile("smartphone-Android", "smartphone",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0.0.0 Mobile Safari/537.36"),
    Profile("pc-Firefox", "pc",
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"),
)})
SUBSCRIBER_IDS = {"docomo": "AbC1234", "au": "05001234567890_ab.ezweb.ne.jp",
                  "softbank": "a1b2c3d4e5f6g7h8"}
#: what a docomo handset appends to its User-Agent after a utn form: mova, FOMA
MOVA_SERIAL = "/serMOVA1234567"
FOMA_SERIAL = ";serFOMA12345678901;iccCARD1234567890123456"

_FORM = re.compile(r"<form\s([^>]*)>(.*?)</form>", re.S | re.I)
_INPUT = re.compile(r"<input\s([^>]*?)/?>", re.I)
_ATTR = re.compile(r'([a-zA-Z_:-]+)(?:="([^"]*)")?')


@dataclass
class Form:
    """A form as a handset sees it on a page."""

    action: str
    method: str
    #: the form has docomo's utn attribute (the handset sends its serial)
    utn: bool
    #: hidden fields, and fields with a value, as the page wrote them
    fields: dict[str, str]


def page_text(response: TestResponse) -> str:
    """Decode a page the way the handset does (Shift_JIS is read as cp932)."""
    charset = (response.charset or "utf-8").lower()
    return response.body.decode("cp932" if charset in ("shift_jis", "sjis") else charset)


def main_part(text: str) -> str:
    """Return the page itself: what is inside <main> on a PC or smartphone, whose layout
    puts the member's menu, friends and communities around it; a handset's whole page."""
    start = text.find("<main")
    return text[start:text.index("</main>", start)] if start >= 0 else text


def page_forms(response: TestResponse) -> list[Form]:
    """Return the forms of a page."""
    forms = []
    for attrs, inner in _FORM.findall(page_text(response)):
        tag = {k.lower(): html.unescape(v or "") for k, v in _ATTR.findall(attrs)}
        fields = {}
        for input_attrs in _INPUT.findall(inner):
            found = {k.lower(): html.unescape(v or "") for k, v in _ATTR.findall(input_attrs)}
            if found.get("type") == "hidden" and "name" in found:
                fields[found["name"]] = found.get("value", "")
        forms.append(Form(tag.get("action", ""), tag.get("method", "get").lower(),
                          "utn" in tag, fields))
    return forms

#: one profile per markup family and generation, for page tests parametrized over handsets
PAGE_PROFILES = ["docomo-N505i", "docomo-P903i", "docomo-N06A", "au-W53CA", "au-C5001T",
                 "softbank-930SH", "softbank-J-SH51", "softbank-V602T", "willcom-WX310SA",
                 "smartphone-iPhone", "pc-Firefox"]


class HandsetClient(TestApp):  # type: ignore[misc]
    """A WebTest client that sends a handset's User-Agent, gateway headers and ids."""

    def __init__(self, app: Flask, profile: Profile, *, via_gateway: bool = True,
                 send_ids: bool = True, remote_addr: str | None = None,
                 host: str = "keitai.test", subscriber_id: str | None = None) -> None:
        self.profile = profile
        self.subscriber_id = subscriber_id
        address = remote_addr or (GATEWAY_ADDRESS.get(profile.carrier, OUTSIDE_ADDRESS)
                                  if via_gateway else OUTSIDE_ADDRESS)
        environ = {"HTTP_USER_AGENT": profile.user_agent, "REMOTE_ADDR": address,
                   "HTTP_HOST": host}
        for name, value in profile.headers.items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        self.send_ids = send_ids
        super().__init__(app, extra_environ=environ)

    def do_request(self, req: Any, status: Any = None, expect_errors: Any = None) -> TestResponse:
        """Add the ids the carrier's gateway would add, and drop cookies where none are kept."""
        carrier = self.profile.carrier
        ident = self.subscriber_id or SUBSCRIBER_IDS.get(carrier)
        query = dict((k.lower(), v) for k, v in parse_qsl(urlsplit(req.url).query))
        if self.send_ids and ident:
            if carrier == "au":
                req.headers["X-UP-SUBNO"] = ident
            elif carrier == "softbank" and not self.profile.user_agent.startswith(
                    ("J-PHONE/2", "J-PHONE/3")):
                req.headers["X-JPHONE-UID"] = ident
            elif carrier == "docomo" and query.get("guid", "").upper() == "ON":
                req.headers["X-DCMGUID"] = ident
        if not self.profile.cookies:
            self.cookiejar.clear()
            req.headers.pop("Cookie", None)
        response = super().do_request(req, status=status, expect_errors=expect_errors)
        if not self.profile.cookies:
            self.cookiejar.clear()
        return response

    def text(self, response: TestResponse) -> str:
        """Decode a page as this handset does."""
        return page_text(response)

    def with_serial(self) -> str:
        """Return the User-Agent as a docomo handset sends it after a utn form."""
        agent = self.profile.user_agent
        if agent.startswith("DoCoMo/1.0"):
            return agent + MOVA_SERIAL
        return agent[:-1] + FOMA_SERIAL + ")" if agent.endswith(")") else agent

    def send(self, page: TestResponse, fields: dict[str, str | bytes], index: int = 0,
             **kwargs: Any) -> TestResponse:
        """POST form `index` of a page: text in the page's charset, bytes as they are typed."""
        form = page_forms(page)[index]
        charset = "cp932" if (page.charset or "").lower() in ("shift_jis", "sjis") else "utf-8"
        values = {**form.fields, **fields}
        body = "&".join(
            f"{quote_from_bytes(k.encode(charset))}="
            f"{quote_from_bytes(v if isinstance(v, bytes) else v.encode(charset))}"
            for k, v in values.items())
        return self.post(form.action, body, content_type="application/x-www-form-urlencoded",
                         **kwargs)

    def click(self, response: TestResponse, label: str, **kwargs: Any) -> TestResponse:
        """Follow the first link of a page whose text contains label."""
        for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', page_text(response),
                                     re.S):
            if label in text:
                return self.get(html.unescape(href), **kwargs)
        raise AssertionError(f"no link {label!r} on the page")

    def submit(self, response: TestResponse, fields: dict[str, str] | None = None,
               index: int = 0, *, send_serial: bool = True, **kwargs: Any) -> TestResponse:
        """Fill in and send form number index of a page, as the handset would.

        Values are encoded in the handset's charset; hidden fields (session token, CSRF
        secret) are sent as the page gave them; a utn form sends the docomo serial unless
        the user declines (send_serial=False).
        """
        form = page_forms(response)[index]
        charset = "cp932" if (response.charset or "").lower() in ("shift_jis", "sjis") \
            else "utf-8"
        values = {**form.fields, **(fields or {})}
        body = urlencode([(k.encode(charset), v.encode(charset)) for k, v in values.items()])
        headers = dict(kwargs.pop("headers", {}))
        if form.utn and send_serial and self.profile.carrier == "docomo":
            headers["User-Agent"] = self.with_serial()
        if form.method != "post":
            return self.get(form.action, params=body, headers=headers, **kwargs)
        return self.post(form.action, body, headers=headers,
                         content_type="application/x-www-form-urlencoded", **kwargs)


def as_our_links_carry(query: str, handset: Any, token: str | None) -> str:
    """Return a query as a link on one of our pages carries it for this handset: guid=ON for
    docomo (so its gateway adds the i-mode ID, which the session is bound to), and the token
    of a cookie-less handset."""
    items = [item for item in query.split("&") if item]
    if handset.wants_guid and not any(item.startswith("guid=") for item in items):
        items.append("guid=ON")
    if token and not handset.cookies and not any(item.startswith("ksid=") for item in items):
        items.append(f"ksid={token}")
    return "&".join(items)


def client_for(app: Flask, name: str, **kwargs: Any) -> HandsetClient:
    """Return a client browsing the app as the named handset profile."""
    return HandsetClient(app, PROFILES[name], **kwargs)


def assert_fits_handset(handset: Any, response: TestResponse, text: str) -> None:
    """Assert what every page must be for a handset: its media type and charset, within its
    byte limit, and well-formed XML when its markup is XHTML."""
    from xml.dom import minidom

    from carriers.markup import markup_for

    assert response.status_int == 200, response.status
    markup = markup_for(handset)
    assert response.headers["Content-Type"] == markup.content_type(handset.charset)
    if handset.page_limit_bytes is not None:
        assert len(response.body) <= handset.page_limit_bytes
    if markup.xml:
        minidom.parseString(re.sub(r"^<\?xml[^>]*\?>", "", text).encode("utf-8"))
