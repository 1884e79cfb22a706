"""Crawl a site as one handset: breadth first, same site only, GET links and GET forms, never
a POST form (except the site's own login form with --login), the session kept the way the
handset keeps it (cookies where it has them, else only the token in the site's URLs)."""
from __future__ import annotations

import email.message
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.cookiejar import CookieJar
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from carriers.markup_support import support_for
from simulator.checker.context import HandsetContext
from simulator.checker.findings import HandsetRun, PageRecord
from simulator.checker.page import CheckedPage, Element, Link, Redirect, tag_name
from simulator.checker.rules import Rule, all_rules, check_page
from simulator.forms import encode_pairs, form_target
from simulator.profiles import Profile
from simulator.proxy import OutgoingRequest, Response, build_request
from simulator.transport import Transport

#: redirects followed for one request, as handset browsers did
MAX_REDIRECTS = 10
#: pages crawled per handset unless --max-pages says otherwise
DEFAULT_MAX_PAGES = 200
#: words in a link that would end the session: not followed while logged in
_LOGOUT_WORDS = ("logout", "log_out", "log-out", "signout", "sign_out", "ログアウト")
#: words that mark the way to a login form
_LOGIN_WORDS = ("login", "log_in", "signin", "sign_in", "ログイン")
#: links of the start page tried when it has no login form itself
LOGIN_LINKS_TRIED = 5
#: what a handset's progress is reported to: (handset, pages done, pages queued)
Progress = Callable[[str, int, int], None]


class Unreachable(OSError):
    """The site did not answer at all (connection refused, name unknown, timeout)."""


class LoginFailed(RuntimeError):
    """The site's login form was not found, or the site did not accept the login."""


@dataclass(frozen=True)
class Login:
    """Credentials for the site's own login form."""

    email: str
    password: str


@dataclass(frozen=True)
class Fetched:
    """A response after the redirects on the site were followed."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    redirects: list[Redirect]


class HandsetCrawl:
    """One handset's crawl of one site."""

    def __init__(self, profile: Profile, start: str, transport: Transport, *,
                 max_pages: int = DEFAULT_MAX_PAGES, same_prefix: bool = False,
                 login: Login | None = None, rules: list[Rule] | None = None,
                 progress: Progress | None = None) -> None:
        self.profile = profile
        self.transport = transport
        self.max_pages = max_pages
        self.login = login
        self.rules = all_rules() if rules is None else rules
        self.progress = progress
        self.jar = CookieJar() if profile.cookies else None
        self.context = HandsetContext(profile, start, same_prefix=same_prefix,
                                      fetch=self._fetch_resource)
        for kind, value in profile.ids.items():
            if profile.send_ids:
                self.context.add_secret(value, f"terminal id ({kind})")
        self.logged_in = False

    # -- fetching ------------------------------------------------------------------------

    def send(self, method: str, url: str, body: bytes | None = None) -> Response:
        """Send one request as the handset through its gateway; keep its cookies."""
        cookie = self._cookie_header(url)
        request = build_request(self.profile, method, url, body, cookie=cookie)
        response = self.transport.send(request)
        self._take_cookies(request, response)
        return response

    def fetch(self, url: str, method: str = "GET", body: bytes | None = None) -> Fetched:
        """Fetch url, following redirects while they stay on the site."""
        redirects: list[Redirect] = []
        while True:
            response = self.send(method, url, body)
            location = response.header("Location")
            if response.status not in (301, 302, 303, 307, 308) or not location:
                break
            target = urljoin(url, location)
            redirects.append(Redirect(url, response.status, location))
            if not self.context.same_site(target) or len(redirects) > MAX_REDIRECTS:
                break
            if response.status in (301, 302, 303):
                method, body = "GET", None
            url = target
        self.context.learn_session(url)
        return Fetched(url, response.status, list(response.headers), response.body, redirects)

    def _fetch_resource(self, url: str) -> tuple[int, list[tuple[str, str]], bytes]:
        fetched = self.fetch(url)
        return fetched.status, fetched.headers, fetched.body

    def _cookie_header(self, url: str) -> str | None:
        if self.jar is None:
            return None
        request = urllib.request.Request(url)
        self.jar.add_cookie_header(request)
        return request.get_header("Cookie")

    def _take_cookies(self, request: OutgoingRequest, response: Response) -> None:
        if self.jar is None or not response.header_list("Set-Cookie"):
            return
        message = email.message.Message()
        for name, value in response.headers:
            message[name] = value
        answer: Any = _Answer(message)
        self.jar.extract_cookies(answer, urllib.request.Request(request.url))
        self.context.learn_session("", [(c.name, c.value or "") for c in self.jar])

    def page(self, fetched: Fetched, requested: str = "") -> CheckedPage:
        """Return a fetched response as a page the rules read."""
        return CheckedPage(self.profile, fetched.url, fetched.status, fetched.headers,
                           fetched.body, self.context, fetched.redirects,
                           requested or fetched.url)

    def page_of(self, url: str, status: int, headers: list[tuple[str, str]],
                body: bytes, redirects: list[Redirect] | None = None) -> CheckedPage:
        """Return a response received elsewhere (the simulator's screen) as a page."""
        hops = redirects or []
        return self.page(Fetched(url, status, headers, body, hops),
                         hops[0].url if hops else url)

    # -- the crawl -----------------------------------------------------------------------

    def run(self) -> HandsetRun:
        """Crawl the site and return the pages and findings."""
        handset = self.context.handset
        run = HandsetRun(self.profile.name, self.profile.label, handset.carrier,
                         support_for(handset).generation)
        try:
            first = self.fetch(self.context.start)
        except OSError as error:
            raise Unreachable(f"{self.context.start}: {error}") from error
        if self.login is not None:
            try:
                first = self._log_in(first)
            except LoginFailed as error:
                run.problem = str(error)
                return run
        queue: deque[str] = deque([first.url])
        seen = {_key(first.url)}
        prefetched: dict[str, Fetched] = {_key(first.url): first}
        while queue and len(run.pages) < self.max_pages:
            url = queue.popleft()
            try:
                fetched = prefetched.pop(_key(url), None) or self.fetch(url)
            except OSError as error:
                run.problem = f"the site stopped answering at {url}: {error}"
                break
            page = self.page(fetched, url)
            run.findings.extend(check_page(page, self.rules))
            run.pages.append(PageRecord(page.url, self.profile.name, page.status,
                                        len(page.body), page.handset.page_limit_bytes,
                                        page.content_type, sum(page.image_sizes.values())))
            for target in self.follow(page):
                key = _key(target)
                if key not in seen:
                    seen.add(key)
                    queue.append(target)
            if self.progress is not None:
                self.progress(self.profile.name, len(run.pages), len(queue))
        run.left = len(queue)
        for each in self.rules:
            run.findings.extend(each.finish(self.context))
        return run

    def follow(self, page: CheckedPage) -> list[str]:
        """Return the URLs the crawl goes on to from a page."""
        if not page.is_document:
            return []
        found: list[str] = []
        for link in page.links:
            if link.kind == "form" and link.method == "GET":
                target = form_url(link, page)
            elif link.kind in ("a", "meta-refresh") and not link.nofollow:
                target = urldefrag(link.url).url
            else:
                continue
            if self.context.in_scope(target) and not (self.logged_in and _ends_session(link)):
                found.append(target)
        return found

    # -- logging in ----------------------------------------------------------------------

    def _log_in(self, first: Fetched) -> Fetched:
        """Log in through the site's own form, found on the start page or one link away."""
        assert self.login is not None
        page = self.page(first)
        form = login_form(page)
        if form is None:
            for link in [x for x in page.links if x.kind == "a" and _leads_to_login(x)][
                    :LOGIN_LINKS_TRIED]:
                if self.context.same_site(link.url):
                    page = self.page(self.fetch(urldefrag(link.url).url))
                    form = login_form(page)
                    if form is not None:
                        break
        if form is None:
            raise LoginFailed("no login form (a form with a password field) was found on the "
                              "start page or the pages its login links lead to")
        pairs = fill_login(form, self.login)
        data = encode_pairs(pairs, page.handset.carrier, page.charset)
        action = form.get("action")
        url = page.resolve(action) if action else page.url
        method = (form.get("method") or "get").upper()
        target, body = form_target(url, method, data)
        answer = self.fetch(target, "POST" if method == "POST" else "GET", body)
        if answer.status >= 400 or login_form(self.page(answer)) is not None:
            raise LoginFailed(f"the site did not accept the login of {self.login.email} "
                              f"(HTTP {answer.status} at {answer.url})")
        self.logged_in = True
        return answer


class _Answer:
    def __init__(self, message: email.message.Message) -> None:
        self._message = message

    def info(self) -> email.message.Message:
        return self._message


def _key(url: str) -> str:
    return urldefrag(url).url


def _ends_session(link: Link) -> bool:
    text = (link.url + " " + "".join(link.element.itertext())).lower()
    return any(word in text for word in _LOGOUT_WORDS)


def _leads_to_login(link: Link) -> bool:
    text = (urlsplit(link.url).path + " " + "".join(link.element.itertext())).lower()
    return any(word in text for word in _LOGIN_WORDS)


def _controls(form: Element) -> list[Element]:
    return [e for e in form.iter() if isinstance(e.tag, str)
            and tag_name(e) in ("input", "select", "textarea")]


def login_form(page: CheckedPage) -> Element | None:
    """Return the page's form with a password field, None when there is none."""
    for form in page.elements("form"):
        if any(tag_name(e) == "input" and (e.get("type") or "").lower() == "password"
               for e in _controls(form)):
            return form
    return None


def default_pairs(form: Element) -> list[tuple[str, str]]:
    """Return what a form sends untouched: hidden and text values, checked boxes, the first
    option of each select, and the first submit button."""
    pairs: list[tuple[str, str]] = []
    button = False
    for control in _controls(form):
        name = control.get("name")
        if not name:
            continue
        tag = tag_name(control)
        kind = (control.get("type") or "text").lower() if tag == "input" else tag
        if kind in ("checkbox", "radio"):
            if control.get("checked") is not None:
                pairs.append((name, control.get("value") or "on"))
        elif kind == "select":
            options = [o for o in control.iter() if isinstance(o.tag, str)
                       and tag_name(o) == "option"]
            chosen = [o for o in options if o.get("selected") is not None] or options[:1]
            if chosen:
                value = chosen[0].get("value")
                pairs.append((name, value if value is not None else
                              "".join(chosen[0].itertext()).strip()))
        elif kind == "textarea":
            pairs.append((name, "".join(control.itertext())))
        elif kind in ("submit", "image"):
            if not button:
                button = True
                pairs.append((name, control.get("value") or ""))
        elif kind not in ("reset", "button", "file"):
            pairs.append((name, control.get("value") or ""))
    return pairs


def fill_login(form: Element, login: Login) -> list[tuple[str, str]]:
    """Return the login form's pairs with the address and the password filled in."""
    pairs: list[tuple[str, str]] = []
    kinds = {c.get("name"): (c.get("type") or "text").lower() for c in _controls(form)
             if tag_name(c) == "input"}
    address_done = False
    for name, value in default_pairs(form):
        kind = kinds.get(name, "")
        if kind == "password":
            value = login.password
        elif kind in ("text", "email", "") and not address_done:
            value, address_done = login.email, True
        pairs.append((name, value))
    return pairs


def form_url(link: Link, page: CheckedPage) -> str:
    """Return the URL a GET form leads to when sent with its default values."""
    data = encode_pairs(default_pairs(link.element), page.handset.carrier, page.charset)
    url, _ = form_target(link.url, "GET", data)
    return url
