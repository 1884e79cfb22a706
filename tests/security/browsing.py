"""A handset that logs in through the real login form and keeps its session as it would."""
from __future__ import annotations

import re
from typing import Any

from flask import Flask
from webtest import TestResponse

import carriers
from tests.accounts.conftest import PASSWORD, log_in
from tests.handsets import PROFILES, HandsetClient

_KSID = re.compile(r"ksid=([A-Za-z0-9_-]+)")


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

    def do_request(self, req: Any, status: Any = None, expect_errors: Any = None) -> Any:
        """Add the token of a cookie-less handset to the query, unless the URL names one."""
        query = req.environ.get("QUERY_STRING", "")
        if self.token and "ksid=" not in query:
            req.environ["QUERY_STRING"] = "&".join(q for q in (query, f"ksid={self.token}")
                                                   if q)
        return super().do_request(req, status=status, expect_errors=expect_errors)


def member_on(app: Flask, name: str, email: str | None = None) -> Member:
    """Return the named handset, logged in as the member with that address when one is given."""
    member = Member(app, PROFILES[name])
    if email is not None:
        member.log_in(email)
    return member
