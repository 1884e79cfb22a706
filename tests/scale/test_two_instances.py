"""Two app servers, one database, one Redis: nothing one server needs is in the other's memory.

Each server is a real `gunicorn keitai.wsgi:app` process, as production runs them, behind which
the test plays the reverse proxy (the only trusted proxy) and the handsets: real User-Agents,
the carrier gateway's addresses and terminal-id headers, cookies only where the handset keeps
them. Needs KEITAI_TEST_DATABASE_URL (PostgreSQL) and KEITAI_TEST_REDIS_URL, as CI sets both;
when they are set, a server or a store that does not answer fails the test.
"""
from __future__ import annotations

import html
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from sqlalchemy import select, text

from keitai import create_app, kv, migrations
from keitai.db import db
from keitai.features.diary import feed
from keitai.members import create_member
from keitai.models import Base, Friendship, Member
from keitai.passwords import hash_password
from tests.conftest import PG_URL, REDIS_URL
from tests.handsets import GATEWAY_ADDRESS, OUTSIDE_ADDRESS, PROFILES, SUBSCRIBER_IDS, Profile

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (PG_URL and REDIS_URL),
                       reason="needs KEITAI_TEST_DATABASE_URL and KEITAI_TEST_REDIS_URL"),
]

CHECKOUT = Path(__file__).resolve().parents[2]
PASSWORD = "kaeru2007"
SECRET_KEY = secrets.token_urlsafe(32)  # one key for every server, as production requires


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """One gunicorn process serving keitai.wsgi:app."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        """Return what the server logged."""
        return self.log.read_text(errors="replace")


def start_server(name: str, env: dict[str, str], run_dir: Path) -> Server:
    """Start gunicorn with one worker on a free port, logging to a file."""
    port = _free_port()
    log = run_dir / f"{name}.log"
    with log.open("wb") as out:  # the server keeps its own copy of the file
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
             "--access-logfile", "-", "keitai.wsgi:app"],
            cwd=run_dir, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Server(name, f"http://127.0.0.1:{port}", process, log)


def wait_until_serving(server: Server) -> None:
    """Wait until the server answers /handset, or fail with its log."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(server.url + "/handset", timeout=5):
                return
        except (urllib.error.URLError, ConnectionError):
            if server.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{server.name} did not serve:\n{server.output()}") \
                    from None
            time.sleep(0.2)


@dataclass
class Site:
    """The two servers, and the store they share."""

    a: Server
    b: Server
    redis_prefix: str


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Start two servers on one migrated PostgreSQL database and one Redis; empty both after."""
    assert PG_URL is not None and REDIS_URL is not None
    migrations.upgrade(PG_URL)
    run_dir = tmp_path_factory.mktemp("servers")
    prefix = f"keitai-test:{secrets.token_hex(8)}:"
    env = {**os.environ,
           "PYTHONPATH": os.pathsep.join([str(CHECKOUT), os.environ.get("PYTHONPATH", "")]),
           "KEITAI_DATABASE_URL": PG_URL, "KEITAI_REDIS_URL": REDIS_URL,
           "KEITAI_REDIS_PREFIX": prefix, "KEITAI_SECRET_KEY": SECRET_KEY,
           "KEITAI_TRUSTED_PROXIES": "127.0.0.1/32", "KEITAI_INSTANCE_DIR": str(run_dir),
           "KEITAI_BASE_URL": "http://keitai.test", "KEITAI_ARGON2_TIME_COST": "1",
           "KEITAI_ARGON2_MEMORY_KIB": "1024", "KEITAI_SMTP_URL": f"smtp://127.0.0.1:{_free_port()}"}
    servers = [start_server(name, env, run_dir) for name in ("a", "b")]
    try:
        for server in servers:
            wait_until_serving(server)
        yield Site(servers[0], servers[1], prefix)
    finally:
        for server in servers:
            server.process.terminate()
        for server in servers:
            server.process.wait(timeout=30)
        app = create_app({"DATABASE_URL": PG_URL, "REDIS_URL": REDIS_URL,
                          "REDIS_PREFIX": prefix, "SECRET_KEY": SECRET_KEY})
        keyvalue = kv.keyvalue(app)
        assert keyvalue is not None
        keyvalue.delete_all()
        with app.app_context(), db.engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
        with app.app_context():
            db.dispose()


def add_member(address: str, nickname: str) -> None:
    """Add a member who logs in with PASSWORD to the shared database."""
    app = create_app({"DATABASE_URL": PG_URL, "REDIS_URL": None,
                      "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024})
    with app.app_context():
        create_member(email=address, nickname=nickname, password_hash=hash_password(PASSWORD))
        db.session.commit()
        db.session.remove()
        db.dispose()


@pytest.fixture()
def member(site: Site) -> Iterator[str]:
    """Add a member to the shared database; return their login address."""
    address = f"taro{secrets.token_hex(4)}@example.com"
    add_member(address, "たろう")
    yield address


def kept(site: Site) -> dict[str, int]:
    """Count what the servers keep: session and counter rows, and their keys in Redis."""
    app = create_app({"DATABASE_URL": PG_URL, "REDIS_URL": REDIS_URL,
                      "REDIS_PREFIX": site.redis_prefix})
    keyvalue = kv.keyvalue(app)
    assert keyvalue is not None
    with app.app_context():
        rows = {table: int(db.session.scalar(text(f"SELECT count(*) FROM {table}")) or 0)
                for table in ("web_sessions", "rate_counters")}
        db.session.remove()
        db.dispose()
    keys = {kind: sum(1 for _ in keyvalue.client.scan_iter(keyvalue.key(kind, "*")))
            for kind in ("session", "rate")}
    keyvalue.client.close()
    return {**rows, **{f"redis {kind}": count for kind, count in keys.items()}}


@dataclass
class Answer:
    """What a server sent back."""

    status: int
    headers: dict[str, str]
    cookies: list[str]
    text: str

    def forms(self) -> list[tuple[str, dict[str, str]]]:
        """Return each POST form's action and hidden fields."""
        found = []
        for attrs, inner in re.findall(r"<form\s([^>]*)>(.*?)</form>", self.text, re.S | re.I):
            if 'method="post"' not in attrs.lower():
                continue
            action = html.unescape(re.search(r'action="([^"]*)"', attrs).group(1))
            fields = {html.unescape(name): html.unescape(value) for name, value in re.findall(
                r'<input type="hidden" name="([^"]+)" value="([^"]*)"', inner)}
            found.append((action, fields))
        return found

    def link(self, label: str) -> str:
        """Return the href of the link whose text has label."""
        for href, shown in re.findall(r'<a\s[^>]*href="([^"]*)"[^>]*>(.*?)</a>', self.text, re.S):
            if label in shown:
                return html.unescape(href)
        raise AssertionError(f"no link {label!r}:\n{self.text}")


@dataclass
class Handset:
    """A handset behind its carrier's gateway, reaching whichever server the proxy picks."""

    profile: Profile
    address: str
    subscriber_id: str | None = None
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, server: Server, path: str, form: dict[str, str] | None = None) -> Answer:
        """Send a GET (or a POST of form) for path to server, as the proxy forwards it."""
        headers = {"User-Agent": self.profile.user_agent, "X-Forwarded-For": self.address,
                   "Host": "keitai.test", **self.profile.headers}
        query = urlsplit(path).query
        carrier = self.profile.carrier
        if self.subscriber_id and carrier == "au":
            headers["X-UP-SUBNO"] = self.subscriber_id
        if self.subscriber_id and carrier == "docomo" and "guid=ON" in query:
            headers["X-DCMGUID"] = self.subscriber_id
        if self.profile.cookies and self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        charset = "cp932" if carrier in ("docomo", "au") else "utf-8"
        data = None
        if form is not None:
            data = urlencode({k: v.encode(charset) for k, v in form.items()}).encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(urljoin(server.url, path), data=data, headers=headers)
        opener = urllib.request.build_opener(NoRedirects)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            body = response.read()
            cookies = response.headers.get_all("Set-Cookie") or []
            answer = Answer(response.status, dict(response.headers), cookies,
                            body.decode(charset, errors="replace"))
        if self.profile.cookies:
            for cookie in cookies:
                for name, morsel in SimpleCookie(cookie).items():
                    self.cookies[name] = morsel.value
        return answer

    def log_in(self, form_server: Server, post_server: Server, email: str,
               password: str = PASSWORD) -> Answer:
        """Open the top page and the login form on one server, send the form to another."""
        top = self.request(form_server, "/")
        page = self.request(form_server, top.link("ログイン"))
        [(action, fields)] = [(a, f) for a, f in page.forms() if a.startswith("/login")]
        return self.request(post_server, action,
                            {**fields, "email": email, "password": password})


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand redirects back to the test, which decides which server follows them."""

    def redirect_request(self, *_args: object, **_kwargs: object) -> None:
        return None


def au_handset() -> Handset:
    """Return an au WIN handset (keeps cookies) behind au's gateway, sending its subscriber id."""
    return Handset(PROFILES["au-W53CA"], GATEWAY_ADDRESS["au"], SUBSCRIBER_IDS["au"])


def docomo_handset() -> Handset:
    """Return a docomo FOMA handset without cookies behind docomo's gateway (i-mode ID on
    guid=ON)."""
    return Handset(PROFILES["docomo-P903i"], GATEWAY_ADDRESS["docomo"], SUBSCRIBER_IDS["docomo"])


def test_a_cookie_session_started_on_one_server_goes_on_on_the_other(site: Site,
                                                                     member: str) -> None:
    phone = au_handset()
    done = phone.log_in(site.a, site.a, member)
    assert done.status == 302, done.text
    assert any(cookie.startswith("ksid=") for cookie in done.cookies)
    home = phone.request(site.b, "/")
    assert "たろうさんのホーム" in home.text
    stored = kept(site)  # in Redis, not in the database
    assert stored["web_sessions"] == 0 and stored["redis session"] >= 1
    logout_page = phone.request(site.b, home.link("ログアウト"))
    [(action, fields)] = logout_page.forms()
    assert phone.request(site.a, action, fields).status == 302  # logged out on a
    assert "たろうさんのホーム" not in phone.request(site.b, "/").text  # and so on b


def test_a_url_session_started_on_one_server_goes_on_on_the_other(site: Site,
                                                                  member: str) -> None:
    phone = docomo_handset()
    done = phone.log_in(site.a, site.b, member)  # the visitor's form token from a, sent to b
    assert done.status == 302, done.text
    location = done.headers["Location"]
    assert "ksid=" in location and "guid=ON" in location
    path = urlsplit(location)._replace(scheme="", netloc="").geturl()
    assert "たろうさんのホーム" in phone.request(site.a, path).text
    home = phone.request(site.b, path)
    assert "たろうさんのホーム" in home.text
    settings = phone.request(site.a, home.link("設定"))  # links made on b work on a
    assert settings.status == 200 and "ksid=" in settings.link("トップ")
    stranger = Handset(PROFILES["docomo-P903i"], GATEWAY_ADDRESS["docomo"], "ZzZ9876")
    assert "たろうさんのホーム" not in stranger.request(site.b, path).text  # bound to its id


def test_login_attempts_split_between_the_servers_are_counted_together(site: Site,
                                                                       member: str) -> None:
    statuses = []
    for attempt in range(7):
        pc = Handset(PROFILES["pc-Firefox"], f"{OUTSIDE_ADDRESS[:-1]}{attempt + 10}")
        server = (site.a, site.b)[attempt % 2]
        statuses.append(pc.log_in(server, server, member, "wrong-guess").status)
    assert statuses == [200] * 5 + [429] * 2  # the account's limit: 5, wherever they came
    stored = kept(site)  # counted in Redis, not in the database
    assert stored["rate_counters"] == 0 and stored["redis rate"] >= 8
    owner = au_handset()  # its carrier vouches for its id: its own count, not locked out
    assert owner.log_in(site.b, site.a, member).status == 302


# --- Caches shared by the servers ---------------------------------------------------------


def befriend(first: str, second: str) -> None:
    """Make the members with these addresses friends, as an accepted request does."""
    app = create_app({"DATABASE_URL": PG_URL, "REDIS_URL": None})
    with app.app_context():
        ids = [db.session.scalar(select(Member.id).where(Member.email == address))
               for address in (first, second)]
        a, b = (int(member_id or 0) for member_id in ids)
        db.session.add_all([Friendship(member_id=a, friend_id=b),
                            Friendship(member_id=b, friend_id=a)])
        db.session.flush()
        feed.friendship_made([(a, b), (b, a)])
        db.session.commit()
        db.session.remove()
        db.dispose()


def cached_feeds(site: Site) -> int:
    """Count the friends' feeds the servers keep in Redis."""
    app = create_app({"DATABASE_URL": PG_URL, "REDIS_URL": REDIS_URL,
                      "REDIS_PREFIX": site.redis_prefix})
    keyvalue = kv.keyvalue(app)
    assert keyvalue is not None
    count = sum(1 for _ in keyvalue.client.scan_iter(keyvalue.key("cache", "feed2:*")))
    keyvalue.client.close()
    return count


def test_a_friends_diary_shows_at_once_on_both_servers_that_kept_the_feed(
        site: Site, member: str) -> None:
    friend = member.replace("taro", "hanako")
    add_member(friend, "はなこ")
    befriend(member, friend)
    viewer, writer = au_handset(), docomo_handset()
    assert viewer.log_in(site.a, site.a, member).status == 302
    for server in (site.a, site.b):  # each server's home fills the shared cache or reads it
        assert "まだありません" in viewer.request(server, "/").text
    assert cached_feeds(site) >= 1

    done = writer.log_in(site.b, site.b, friend)
    home = urlsplit(done.headers["Location"])._replace(scheme="", netloc="").geturl()
    new = writer.request(site.b, writer.request(site.b, home).link("日記を書く"))
    [(action, fields)] = new.forms()
    posted = writer.request(site.b, action, {**fields, "title": "はなこの新しい日記",
                                             "body": "書きました", "visibility": "friends"})
    assert posted.status == 302, posted.text
    for server in (site.a, site.b):
        assert "はなこの新しい日記" in viewer.request(server, "/").text
