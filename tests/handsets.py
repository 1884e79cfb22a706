"""Real handset profiles for tests, and a WebTest client that browses as one of them."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from flask import Flask
from webtest import TestApp, TestResponse

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

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


def _load_shared() -> dict[str, Profile]:
    profiles: dict[str, Profile] = {}
    for item in json.loads((SHARED / "data/handsets/handsets.json").read_text()):
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


PROFILES: dict[str, Profile] = _load_shared()
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

#: one profile per markup family and generation, for page tests parametrized over handsets
PAGE_PROFILES = ["docomo-N505i", "docomo-P903i", "docomo-N06A", "au-W53CA", "au-C5001T",
                 "softbank-930SH", "softbank-J-SH51", "softbank-V602T", "willcom-WX310SA",
                 "smartphone-iPhone", "pc-Firefox"]


class HandsetClient(TestApp):  # type: ignore[misc]
    """A WebTest client that sends a handset's User-Agent, gateway headers and ids."""

    def __init__(self, app: Flask, profile: Profile, *, via_gateway: bool = True,
                 send_ids: bool = True, remote_addr: str | None = None) -> None:
        self.profile = profile
        address = remote_addr or (GATEWAY_ADDRESS.get(profile.carrier, OUTSIDE_ADDRESS)
                                  if via_gateway else OUTSIDE_ADDRESS)
        environ = {"HTTP_USER_AGENT": profile.user_agent, "REMOTE_ADDR": address,
                   "HTTP_HOST": "keitai.test"}
        for name, value in profile.headers.items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        self.send_ids = send_ids
        super().__init__(app, extra_environ=environ)

    def do_request(self, req: Any, status: Any = None, expect_errors: Any = None) -> TestResponse:
        """Add the ids the carrier's gateway would add, and drop cookies where none are kept."""
        carrier, ident = self.profile.carrier, SUBSCRIBER_IDS.get(self.profile.carrier)
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


def client_for(app: Flask, name: str, **kwargs: Any) -> HandsetClient:
    """Return a client browsing the app as the named handset profile."""
    return HandsetClient(app, PROFILES[name], **kwargs)
