"""Every route, as every kind of handset, logged in or not, with hostile input: never a 500,
never a page the handset cannot read, never a write that a refused request should not make.

The examples are derandomized, so CI runs the same requests every time. To look harder,
set KEITAI_FUZZ_EXAMPLES (e.g. 5000): the examples are then random, and more of them.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

from flask import Flask
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from webob.request import BaseRequest
from webtest import TestResponse
from werkzeug.routing import Rule

from keitai.features.profile.images import CONTENT_TYPES, WIDTHS
from keitai.gateway.sessions import PRE_COOKIE
from tests.security import hostile
from tests.security.browsing import NoCookies
from tests.security.oracle import check_headers, check_page, check_writes, refused, watching
from tests.security.world import ID_KINDS, Actor, Dump, World, build, dump, restore

EXAMPLES = int(os.environ.get("KEITAI_FUZZ_EXAMPLES", "400"))
_KSID = re.compile(r"ksid=([A-Za-z0-9_-]+)")
#: a route argument, as <int:diary_id> or <key>
_ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
#: photo variants, and names that are none
_VARIANTS = tuple(f"{fmt}{gray}-{width}" for fmt in CONTENT_TYPES for gray in ("", "g")
                  for width in WIDTHS) + ("jpeg-", "-240", "jpeg-0", "jpeg-999999999999",
                                          "jpeg-240x", "jpegg", "gif-96/x", "%00", "jpeg-\u00b2",
                                          "gif-\u2460", "jpeg-２４０")


@dataclass
class Plan:
    """One request, as drawn."""

    method: str
    #: PATH_INFO: the path's bytes, as a WSGI server gives them (latin-1 text)
    path: str
    query: str
    body: hostile.Body
    headers: dict[str, str] = field(default_factory=dict)
    #: the session token the handset carries (None: none)
    token: str | None = None
    #: the CSRF secret sent is one of a session's
    csrf_of_a_session: bool = False

    def __repr__(self) -> str:
        return (f"Plan({self.method} {self.path[:120]!r}?{self.query[:300]!r}, "
                f"body={self.body.data[:300]!r} ({len(self.body.data)} bytes, "
                f"{self.body.content_type!r}), headers={_short(self.headers)}, "
                f"token={self.token!r}, csrf_of_a_session={self.csrf_of_a_session})")

    def _repr_pretty_(self, printer: Any, _cycle: bool) -> None:
        printer.text(repr(self))


def _short(headers: dict[str, str]) -> dict[str, str]:
    return {name: value[:80] for name, value in headers.items()}


def _path_value(draw: st.DrawFn, world: World, converter: str | None, name: str) -> str:
    if converter == "int":
        kind = ID_KINDS.get(name, "member")
        return str(draw(st.sampled_from(world.ids[kind]))) if draw(st.integers(0, 3)) \
            else draw(st.sampled_from(hostile.NUMBERS))
    if name == "key":
        return draw(st.sampled_from(world.photo_keys) | st.sampled_from(hostile.PLAUSIBLE))
    if name == "variant":
        return draw(st.sampled_from(_VARIANTS))
    return draw(st.sampled_from(hostile.PLAUSIBLE + hostile.HOSTILE[:40]))


@st.composite
def _path(draw: st.DrawFn, world: World, rule: Rule) -> str:
    def value(match: re.Match[str]) -> str:
        return _path_value(draw, world, match.group(1), match.group(2))

    path = _ARGUMENT.sub(value, rule.rule)
    if draw(st.integers(0, 19)) == 0:
        path += draw(st.sampled_from(("/", "//", "/x", "?", "%2F", "/../", ";x")))
    return path.encode("utf-8", "surrogatepass").decode("latin-1")


@st.composite
def plans(draw: st.DrawFn, world: World, actor: Actor, rules: list[Rule]) -> Plan:
    """Draw a request to one of the app's routes, as this handset might (or might not) send."""
    charset = "cp932" if actor.client.handset.charset == "shift_jis" else "utf-8"
    if draw(st.integers(0, 19)) == 0:
        charset = "utf-8" if charset == "cp932" else "cp932"
    extra = (*world.mail_tokens, *(str(i) for ids in world.ids.values() for i in ids))
    query = draw(hostile.raw_query(draw(hostile.fields(charset, extra))))
    form = draw(hostile.fields(charset, extra))
    fill_in = draw(st.integers(0, 2)) > 0
    if fill_in:  # one of our forms, filled in, from its page's session
        endpoint = draw(st.sampled_from(sorted(world.forms)))
        spec = draw(st.sampled_from(world.forms[endpoint]))
        path = spec.action.encode("utf-8").decode("latin-1")
        method = spec.method.upper()
        if method == "GET":
            query = draw(hostile.filled(spec.fields, charset, extra)).urlencoded()
        else:
            form = draw(hostile.filled(spec.fields, charset, extra))
            query = query if draw(st.integers(0, 4)) == 0 else ""
    else:
        rule = draw(st.sampled_from(rules))
        path = draw(_path(world, rule))
        methods = sorted((rule.methods or set()) & {"GET", "POST"})
        method = draw(st.sampled_from(methods)) if draw(st.integers(0, 9)) else \
            draw(st.sampled_from(("GET", "POST")))
    csrf = draw(st.sampled_from(("own",) * (45 if fill_in else 12)
                                + ("none", "empty", "junk", "other")))
    secrets = {a.csrf for a in world.actors}
    sent = {"own": actor.csrf, "empty": "", "junk": "x" * 32,
            "other": draw(st.sampled_from(sorted(secrets - {actor.csrf})))}.get(csrf)
    if sent is not None:
        form.pairs.insert(0, (b"csrf_token", sent.encode()))
    body = draw(hostile.body(form)) if method == "POST" or draw(st.integers(0, 19)) == 0 \
        else hostile.Body()
    headers = {}
    if draw(st.integers(0, 14)) == 0:
        headers["User-Agent"] = draw(st.sampled_from(hostile.USER_AGENTS))
    if draw(st.integers(0, 4)) == 0:
        for name in draw(st.lists(st.sampled_from(sorted(hostile.HEADER_JUNK)), max_size=2)):
            headers[name] = draw(st.sampled_from(hostile.HEADER_JUNK[name]))
    if draw(st.integers(0, 14)) == 0:
        headers["Host"] = draw(st.sampled_from(hostile.HOSTS))
    session = draw(st.sampled_from(("own",) * (57 if fill_in else 17) + ("none", "other", "junk")))
    token = {"own": actor.token, "junk": "junk" * 8,
             "other": draw(st.sampled_from(sorted({a.token for a in world.actors}
                                                  - {actor.token})))}.get(session)
    return Plan(method, path, query, body, headers, token, sent in secrets)


def send(actor: Actor, plan: Plan) -> TestResponse:
    """Send the request as the handset: its User-Agent, gateway headers and ids, its session."""
    client = actor.client
    client.cookiejar = NoCookies()
    request = BaseRequest.blank("/")
    environ = request.environ
    environ.pop("HTTP_HOST")
    environ.update(REQUEST_METHOD=plan.method, PATH_INFO=plan.path, QUERY_STRING=plan.query)
    if plan.body.data or plan.method == "POST":
        request.body = plan.body.data
    if plan.body.content_type is not None:
        environ["CONTENT_TYPE"] = plan.body.content_type
    cookies = client.handset.cookies
    client.token = plan.token if plan.token and not cookies else ""
    if cookies:  # the session's cookie, and a visitor's pre-session cookie
        sent_cookies = ([f"ksid={plan.token}"] if plan.token else []) + (
            [f"{PRE_COOKIE}={actor.pre}"] if actor.pre else [])
        if sent_cookies:
            environ["HTTP_COOKIE"] = "; ".join(sent_cookies)
    for name, value in plan.headers.items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    for name, value in client.extra_environ.items():
        environ.setdefault(name, value)
    sent = client.RequestClass(environ)
    sent.url_encoding = "latin-1"  # the path's bytes need not be UTF-8; WebTest reads its URL
    return client.do_request(sent, expect_errors=True)


def _describe(plan: Plan, response: TestResponse) -> str:
    return (f"{plan.method} {plan.path!r}?{plan.query[:200]!r} -> {response.status}\n"
            f"{response.body[:600]!r}")


def following(plan: Plan, response: TestResponse, actor: Actor,
              viewer: Actor) -> tuple[Actor, Plan] | None:
    """Return who opens the page a redirect to our own site names, and that GET.

    The handset that was redirected follows it with the session it now has (a login gives a
    new one); otherwise the page is opened by viewer, the same member on another handset
    (or another visitor), as the page that shows what was just written.
    """
    location = urlsplit(response.headers.get("Location", ""))
    if not 300 <= response.status_int < 400 or location.netloc not in ("", "keitai.test"):
        return None
    path = unquote_to_bytes(location.path).decode("latin-1")
    cookie = _KSID.search(response.headers.get("Set-Cookie", ""))
    linked = _KSID.search(location.query)
    if cookie or (linked and linked.group(1) != plan.token) or viewer is actor:
        headers = {name: value for name, value in plan.headers.items()
                   if name in ("User-Agent", "Host")}
        return actor, Plan("GET", path, location.query, hostile.Body(), headers,
                           cookie.group(1) if cookie else plan.token)
    query = "&".join(item for item in location.query.split("&")
                     if not item.startswith(("ksid=", "guid=")))
    return viewer, Plan("GET", path, query, hostile.Body(), {}, viewer.token)


class Exchange:
    """Send requests as an actor and check each answer against the oracle."""

    def __init__(self, app: Flask, actor: Actor, tally: Counter[str]) -> None:
        self.app, self.actor, self.tally = app, actor, tally

    def check(self, plan: Plan, before: Dump) -> tuple[TestResponse, Dump]:
        """Send the request; assert no 500, a page the handset reads, only allowed writes."""
        with watching(self.app) as seen:
            response = send(self.actor, plan)
        after = dump(self.app)
        message = _describe(plan, response)
        self.tally[f"{plan.method} {response.status_int}"] += 1
        self.tally[f"  {seen[-1].endpoint if seen else None} {response.status_int}"] += 1
        assert len(seen) == 1 and seen[0].handset is not None, (seen, message)
        assert response.status_int < 500, f"{message}\n{seen[0].crash}"
        check_headers(response)
        check_page(seen[0].handset, response)
        check_writes(before, after, method=plan.method, endpoint=seen[0].endpoint,
                     was_refused=refused(seen[0], response),
                     shows_post_form=b'method="post"' in response.body,
                     csrf_of_a_session=plan.csrf_of_a_session)
        return response, after


def test_no_request_to_any_route_breaks_a_page_or_writes_when_refused(
        app: Flask, create_member, mailbox) -> None:  # type: ignore[no-untyped-def]
    world = build(app, create_member, mailbox)
    rules = sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))
    seeded = "KEITAI_FUZZ_EXAMPLES" not in os.environ
    tally: Counter[str] = Counter()

    # the time a request takes is the app's, not the strategies': no deadline, and no health
    # check that times generation on a machine other tests share
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=seeded, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=st.data())
    def one_request(data: st.DataObject) -> None:
        actor = data.draw(st.sampled_from(world.actors), label="actor")
        plan = data.draw(plans(world, actor, rules), label="plan")
        viewer = data.draw(st.sampled_from([a for a in world.actors
                                            if a.member == actor.member]), label="viewer")
        note(f"{actor.name} as {'the member' if actor.member else 'a visitor'}")
        clean = False
        try:
            response, after = Exchange(app, actor, tally).check(plan, world.baseline)
            follow = following(plan, response, actor, viewer)
            if follow is not None:  # the page that shows what was written, or the refusal
                note(f"then {follow[0].name}: {follow[1]!r}")
                _response, after = Exchange(app, follow[0], tally).check(follow[1], after)
            clean = after == world.baseline
        finally:
            if not clean:  # the next example starts from the same database
                restore(app, world.baseline)

    one_request()
    if not seeded:  # what was tried: shown with pytest -s
        print("\n".join(f"{count:6d} {what}" for what, count in sorted(tally.items())))
