"""A simulated handset's cookie jar: http.cookiejar rules, kept in the simulator's state file."""
from __future__ import annotations

import email.message
import urllib.request
from http.cookiejar import Cookie, CookieJar
from typing import Any

from simulator.proxy import Response
from simulator.state import State

_FIELDS = ("version", "name", "value", "port", "port_specified", "domain", "domain_specified",
           "domain_initial_dot", "path", "path_specified", "secure", "expires", "discard",
           "comment", "comment_url")


class _Answer:
    """The little of urllib's response that CookieJar.extract_cookies reads."""

    def __init__(self, response: Response) -> None:
        self._message = email.message.Message()
        for name, value in response.headers:
            self._message[name] = value

    def info(self) -> email.message.Message:
        return self._message


class HandsetJar:
    """The cookies one profile keeps; loaded from and saved to the state file."""

    def __init__(self, state: State, profile: str) -> None:
        self.state = state
        self.profile = profile
        self.jar = CookieJar()
        for data in state.cookie_jar(profile):
            self.jar.set_cookie(_cookie(data))

    def header(self, url: str) -> str | None:
        """Return the Cookie header the handset sends to url, or None."""
        request = urllib.request.Request(url)
        self.jar.add_cookie_header(request)
        return request.get_header("Cookie")

    def take(self, url: str, response: Response) -> None:
        """Keep the cookies a response sets, and save the jar."""
        if not response.header_list("Set-Cookie"):
            return
        answer: Any = _Answer(response)
        self.jar.extract_cookies(answer, urllib.request.Request(url))
        self.state.set_cookie_jar(self.profile, [_data(c) for c in self.jar])

    def clear(self) -> None:
        """Forget every cookie."""
        self.jar.clear()
        self.state.set_cookie_jar(self.profile, [])


def _data(cookie: Cookie) -> dict[str, Any]:
    data = {name: getattr(cookie, name) for name in _FIELDS}
    data["rest"] = dict(getattr(cookie, "_rest", {}))  # where http.cookiejar keeps HttpOnly
    return data


def _cookie(data: dict[str, Any]) -> Cookie:
    arguments: dict[str, Any] = {name: data.get(name) for name in _FIELDS}
    return Cookie(**arguments, rest=data.get("rest") or {})
