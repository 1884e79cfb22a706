"""A small site for the crawler's own behaviour: what it follows, what it never sends, how it
logs in and keeps the session as each handset would. Every request is written down."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from flask import Flask, Response, redirect, request

import carriers

PASSWORD = "crawl-pass-2004"
EMAIL = "reviewer@example.jp"


@dataclass
class Hit:
    """One request the site answered."""

    method: str
    path: str
    query: str
    cookie: str
    user_agent: str


@dataclass
class CrawlSite:
    """The site and what it saw."""

    app: Flask
    hits: list[Hit] = field(default_factory=list)
    #: session token -> logged in
    sessions: dict[str, bool] = field(default_factory=dict)

    def paths(self, method: str = "GET") -> list[str]:
        """Return the paths requested with a method, in order."""
        return [h.path for h in self.hits if h.method == method]


def _page(title: str, body: str) -> Response:
    html = (f"<html><head><title>{title}</title></head><body>{body}"
            f'<hr><a href="/" accesskey="0">top</a></body></html>')
    return Response(html.encode("cp932"), content_type="text/html; charset=Shift_JIS")


def create_crawl_site(deep: int = 30) -> CrawlSite:
    """Build the site; /deep/N chains `deep` pages."""
    app = Flask(__name__)
    site = CrawlSite(app)

    @app.before_request
    def note() -> None:
        site.hits.append(Hit(request.method, request.path, request.query_string.decode(),
                             request.headers.get("Cookie", ""),
                             request.headers.get("User-Agent", "")))

    def session_token() -> str | None:
        token = request.args.get("sid") or request.cookies.get("sid")
        return token if token and site.sessions.get(token) else None

    def own(path: str) -> str:
        """Return a link to path carrying the session the way this handset needs it."""
        token = session_token()
        handset = carriers.detect(request.headers.get("User-Agent", ""))
        if token and not handset.cookies:
            return f"{path}{'&' if '?' in path else '?'}sid={token}"
        return path

    @app.get("/")
    def top() -> Response:
        return _page("top", (
            '<a href="/a">a</a><a href="/a#part">a again</a>'
            '<a href="/b" rel="nofollow">b</a><a href="http://other.test/x">out</a>'
            '<a href="mailto:info@example.jp">mail</a><a href="tel:0312345678">tel</a>'
            '<a href="/login">ログイン</a><a href="/deep/1">deep</a><a href="/sub/">sub</a>'
            '<form action="/search" method="get"><input name="q" value="猫">'
            '<input type="submit" value="go"></form>'
            '<form action="/post" method="post"><input name="x" value="1">'
            '<input type="submit" value="write"></form>'))

    @app.get("/a")
    def page_a() -> Response:
        return _page("a", '<a href="/">top</a><a href="/redirect">moved</a>')

    @app.get("/b")
    def page_b() -> Response:
        return _page("b", "nofollow target")

    @app.get("/redirect")
    def moved() -> Response:
        return redirect("/moved-here")  # type: ignore[return-value]

    @app.get("/moved-here")
    def moved_here() -> Response:
        return _page("moved", "here")

    @app.get("/search")
    def search() -> Response:
        return _page("search", f"q={request.args.get('q', '')}")

    @app.post("/post")
    def post() -> Response:
        return _page("posted", "written")

    @app.get("/deep/<int:number>")
    def deep_page(number: int) -> Response:
        more = f'<a href="/deep/{number + 1}">next</a>' if number < deep else ""
        return _page(f"deep {number}", more)

    @app.get("/sub/")
    def sub() -> Response:
        return _page("sub", '<a href="/sub/inner">inner</a><a href="/outside">outside</a>')

    @app.get("/sub/inner")
    def sub_inner() -> Response:
        return _page("inner", "under the prefix")

    @app.get("/outside")
    def outside() -> Response:
        return _page("outside", "not under the prefix")

    @app.get("/login")
    def login_form() -> Response:
        return _page("login", '<form action="/login" method="post">'
                              '<input name="email"><input type="password" name="password">'
                              '<input type="submit" value="login"></form>')

    @app.post("/login")
    def login() -> Response:
        if request.form.get("email") != EMAIL or request.form.get("password") != PASSWORD:
            return login_form()
        token = secrets.token_hex(12)
        site.sessions[token] = True
        handset = carriers.detect(request.headers.get("User-Agent", ""))
        if handset.cookies:
            answer = redirect("/home")
            answer.set_cookie("sid", token)
            return answer  # type: ignore[return-value]
        return redirect(f"/home?sid={token}")  # type: ignore[return-value]

    @app.get("/home")
    def home() -> Response:
        if session_token() is None:
            return redirect("/login")  # type: ignore[return-value]
        return _page("home", f'<a href="{own("/private")}">private</a>'
                             f'<a href="{own("/logout")}">ログアウト</a>')

    @app.get("/private")
    def private() -> Response:
        if session_token() is None:
            return _page("refused", "please log in")
        return _page("private", "members only")

    @app.get("/logout")
    def logout() -> Response:
        token = session_token()
        if token:
            site.sessions[token] = False
        return _page("bye", "logged out")

    return site
