"""A handset that logs in through the real login form and keeps its session as it would."""
from __future__ import annotations

import re
from http.cookiejar import CookieJar
from typing import Any

from flask import Flask
from webtest import TestResponse

import carriers
from tests.accounts.conftest import PASSWORD, log_in
from tests.handsets import PROFILES, HandsetClient, as_our_links_carry

_KSID = re.compile(r"ksid=([A-Za-z0-9_-]+)")


class NoCookies(CookieJar):
    """A cookie jar that keeps nothing (WebTest cannot read cookies set for an odd Host)."""

    def add_cookie_header(self, request: Any) -> None:
        """Add nothing."""

    def extract_cookies(self, response: Any, request: Any) -> None:
        """Keep nothing."""


class Member(HandsetClient):  # type: ignore[misc]
    """A handset; once logged in, a cookie-less one carries its token in every URL."""

    #: the session token of a cookie-less handset ("" before login)
    token: str = ""

    @property
    def handset(self) -> carriers.Handset:
        """Return what the site detects about this handset."""
        return carriers.detect(self.profile.user_agent, self.profile.headers)

    def log_in(self, email: str, password: str = PASSWORD) -> TestResponse:
        """Log in through the login form; keep the new token of a cookie-less handset."""
        self.token = ""
        done = log_in(self, email, password)
        assert done.status_int == 302, done.status
        if not self.handset.cookies:
            found = _KSID.search(done.headers["Location"])
            assert found is not None, done.headers["Location"]
            self.token = found.group(1)
        return done

    def send_raw(self, method: str, url: str, body: bytes = b"",
                 content_type: str | None = None, *, query: str | None = None,
                 expect_errors: bool = False) -> TestResponse:
        """Send a body exactly as given (WebTest would parse and rebuild a multipart one),
        and the query string, when given, as raw as a WSGI server passes it on."""
        req = self.RequestClass.blank(url, method=method, body=body)
        if content_type is not None:
            req.environ["CONTENT_TYPE"] = content_type
        if query is not None:
            req.environ["QUERY_STRING"] = query
        req.environ.pop("HTTP_HOST", None)  # the handset's host, as for every other request
        for name, value in self.extra_environ.items():
            req.environ.setdefault(name, value)
        return self.do_request(req, expect_errors=expect_errors)

    def do_request(self, req: Any, status: Any = None, expect_errors: Any = None) -> Any:
        """Send guid=ON and a cookie-less token as our links do, unless the URL names them."""
        req.environ["QUERY_STRING"] = as_our_links_carry(req.environ.get("QUERY_STRING", ""),
                                                         self.handset, self.token)
        return super().do_request(req, status=status, expect_errors=expect_errors)


def member_on(app: Flask, name: str, email: str | None = None) -> Member:
    """Return the named handset, logged in as the member with that address when one is given."""
    member = Member(app, PROFILES[name])
    if email is not None:
        member.log_in(email)
    return member


def multipart(fields: list[tuple[str, bytes]], boundary: bytes = b"keitai-b0undary"
              ) -> tuple[bytes, str]:
    """Return a multipart/form-data body of text fields (bytes as given) and its type."""
    lines: list[bytes] = []
    for name, value in fields:
        lines += [b"--" + boundary,
                  f'Content-Disposition: form-data; name="{name}"'.encode(), b"", value]
    body = b"\r\n".join([*lines, b"--" + boundary + b"--", b""])
    return body, f"multipart/form-data; boundary={boundary.decode()}"
