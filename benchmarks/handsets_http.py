"""Handsets over real HTTP, as their carriers' gateways present them (stdlib http.client).

A docomo FOMA keeps no cookies: its session rides in our links (`ksid=`) beside `guid=ON`,
on which its gateway adds the i-mode ID. An au WAP 2.0 handset keeps the session cookie and
its gateway adds the subscriber number on every request. Both come from an address inside
their carrier's published gateway ranges, passed on by the trusted proxy (the benchmark
itself, on 127.0.0.1) in X-Forwarded-For.
"""
from __future__ import annotations

import html
import http.client
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

_FORM = re.compile(r'<form action="([^"]*)" method="post">(.*?)</form>', re.S)
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


@dataclass(frozen=True)
class Handset:
    """A handset model as its carrier's gateway presents it."""

    name: str
    user_agent: str
    #: an address inside the carrier's gateway ranges (carriers/data/gateway_ranges.txt)
    gateway_address: str
    cookies: bool
    #: the gateway's header with the terminal id, and any other headers it adds
    id_header: str
    headers: dict[str, str] = field(default_factory=dict)
    #: what our links carry for it besides the session token ("guid=ON" on docomo)
    query: str = ""
    #: text the /handset page shows for it (the model as the site detected it)
    model: str = ""


DOCOMO = Handset("docomo P903i", "DoCoMo/2.0 P903i(c100;TB;W24H12)", "210.153.84.10",
                 cookies=False, id_header="X-DCMGUID", query="guid=ON", model="P903i")
AU = Handset("au W53CA", "KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0", "210.230.128.230",
             cookies=True, id_header="X-UP-SUBNO", model="CA39",
             headers={"X-UP-DEVCAP-MAX-PDU": "131072", "X-UP-DEVCAP-SCREENPIXELS": "240,348",
                      "X-UP-DEVCAP-SCREENDEPTH": "16,RGB565", "X-UP-DEVCAP-CC": "1"})


class Phone:
    """One handset in someone's hand: its terminal id, its cookie or its session token."""

    def __init__(self, host: str, port: int, handset: Handset, terminal_id: str) -> None:
        self.host, self.port, self.handset = host, port, handset
        self.terminal_id = terminal_id
        self.cookies: dict[str, str] = {}
        self.token: str | None = None

    def headers(self) -> dict[str, str]:
        """Return the headers every request of this handset carries through the gateway."""
        found = {"User-Agent": self.handset.user_agent,
                 "X-Forwarded-For": self.handset.gateway_address,
                 self.handset.id_header: self.terminal_id, **self.handset.headers}
        if self.cookies:
            found["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return found

    def path(self, path: str) -> str:
        """Return path with what our links carry for this handset (guid=ON, the token)."""
        extra = [part for part in (self.handset.query,
                                   f"ksid={self.token}" if self.token else "") if part]
        if not extra:
            return path
        return path + ("&" if "?" in path else "?") + "&".join(extra)

    def request(self, method: str, path: str, body: str | None = None
                ) -> tuple[int, http.client.HTTPMessage, bytes]:
        """Send one request; keep any cookie the answer sets (when the handset keeps them)."""
        headers = self.headers()
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
        finally:
            connection.close()
        if self.handset.cookies:
            for cookie in answer.headers.get_all("Set-Cookie") or []:
                name, _, value = cookie.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value.strip()
        return answer.status, answer.headers, data

    def get(self, path: str) -> bytes:
        """Fetch a page of ours (as one of our links would name it); fail unless served."""
        status, _headers, data = self.request("GET", self.path(path))
        if status != 200:
            raise RuntimeError(f"{self.handset.name} GET {path}: status {status}")
        return data

    def log_in(self, email: str, password: str) -> None:
        """Log in with the login form, as the member would type it."""
        page = self.get("/login").decode("cp932", "replace")
        found = _FORM.search(page)
        if found is None:
            raise RuntimeError(f"{self.handset.name}: no login form on /login:\n{page}")
        action = html.unescape(found.group(1))
        fields = {name: html.unescape(value) for name, value in _HIDDEN.findall(found.group(2))}
        body = urlencode({**fields, "email": email, "password": password})
        status, headers, data = self.request("POST", action, body)
        if status != 302:
            raise RuntimeError(f"{self.handset.name}: login answered {status}:\n"
                               f"{data.decode('cp932', 'replace')[:600]}")
        query = dict(parse_qsl(urlsplit(headers.get("Location", "")).query))
        self.token = query.get("ksid") if not self.handset.cookies else None
        if not self.handset.cookies and not self.token:
            raise RuntimeError(f"{self.handset.name}: no session token after login")
