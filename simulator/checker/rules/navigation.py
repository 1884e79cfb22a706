"""Navigation: the keys, titles, return links and phone and mail links a handset user moves
around the site with, and the links that lead nowhere."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from http import HTTPStatus
from urllib.parse import unquote, urldefrag, urlsplit

from simulator.checker.findings import Finding
from simulator.checker.page import CheckedPage
from simulator.checker.rules import Rule, rule

#: the keys a handset's keypad has (x-Servlet's manual; carriers/data/markup_support.json)
ACCESS_KEYS = frozenset("0123456789*#")
#: media types whose pages have a <title> (WML and HDML name their cards otherwise)
TITLED_TYPES = frozenset({"text/html", "application/xhtml+xml",
                          "application/vnd.wap.xhtml+xml"})
#: a dialable number: digits, * and #, a leading +, hyphens, and p, w or a comma to pause
_DIALABLE = re.compile(r"\+?[0-9*#][0-9*#\-pPwW,]*")
#: one address of a mailto: link; keitai addresses may hold dots anywhere before the @
_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]+"
                      r"@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
#: mailto: fields that hold addresses
_ADDRESS_FIELDS = frozenset({"to", "cc", "bcc"})
#: file names a directory's address stands for
_INDEX = re.compile(r"(?:^|/)index\.(?:html?|php|cgi|jsp|aspx?|do)$", re.IGNORECASE)


def is_titled(page: CheckedPage) -> bool:
    """Tell whether a page is an HTML page the handset shows (answered 2xx)."""
    media = page.media_type or ("text/html" if page.is_document else "")
    return 200 <= page.status < 300 and media in TITLED_TYPES


def keyed(page: CheckedPage) -> list[tuple[str, str]]:
    """Return the value and the excerpt of every accesskey of the page."""
    return [(str(element.get("accesskey")), page.excerpt(element))
            for element in page.all_elements if element.get("accesskey") is not None]


@rule
class AccesskeyDuplicate(Rule):
    """Two links or fields on one page answer the same key."""

    id = "nav.accesskey-duplicate"
    severity = "error"
    title = "The same accesskey twice on a page"
    why = ("A keitai user jumps to a link by its number key; when two elements share a key, "
           "the handset follows only one of them and the other cannot be reached by key.")
    fix = "Give every accesskey on a page its own key, 0 for the way back to the top."

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Count the page's accesskeys by value."""
        if not page.handset.is_keitai:
            return
        keys = keyed(page)
        counts = Counter(value for value, _ in keys)
        for value, count in counts.items():
            if count > 1:
                excerpts = [excerpt for key, excerpt in keys if key == value]
                yield self.found(page, f'accesskey "{value}" is used {count} times',
                                 " / ".join(excerpts[:2]))


@rule
class AccesskeyInvalid(Rule):
    """An accesskey the handset's keypad does not have."""

    id = "nav.accesskey-invalid"
    severity = "error"
    title = "An accesskey the keypad does not have"
    why = ("Handset keypads have the keys 0 to 9, * and # only: an accesskey of a letter or "
           "of several characters cannot be pressed, so the link has no key.")
    fix = 'Use one of 0-9, "*" or "#" as the accesskey.'

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Find accesskeys other than one keypad key."""
        if not page.handset.is_keitai:
            return
        for value, excerpt in keyed(page):
            if value not in ACCESS_KEYS:
                yield self.found(page, f'accesskey "{value}" is not a key of the keypad '
                                       f'(0-9, *, #)', excerpt)


@rule
class TitleMissing(Rule):
    """A page without a title."""

    id = "nav.title-missing"
    severity = "error"
    title = "Page without a <title>"
    why = ("The handset saves the title as the bookmark's name and shows it at the top of the "
           "screen: without one, the bookmark is an unreadable address.")
    fix = "Give every page a short <title> that names it."

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Read the page's <title>."""
        if is_titled(page) and not page.title:
            message = "the page has no <title>" if page.title is None else "the <title> is empty"
            yield self.found(page, message, page.text[:80])


def top_paths(page: CheckedPage) -> frozenset[str]:
    """Return the paths that are the site's top: the root, the directory the crawl started
    in, and the start address itself."""
    context = page.context
    return frozenset({"/", context.prefix, directory(urlsplit(context.start).path or "/")})


def directory(path: str) -> str:
    """Return a path with a trailing index file name dropped (/m/index.html -> /m/)."""
    found = _INDEX.search(path)
    return path[:found.start() + 1] if found else path


@rule
class NoWayHome(Rule):
    """A page with no link back to the top of the site."""

    id = "nav.no-way-home"
    severity = "warning"
    title = "No link back to the top"
    why = ("A keitai browser has no address bar to edit and going back is page by page: a "
           "page without a link to the top is a dead end.")
    fix = 'Link every page to the top, by convention on key 0: <a href="/" accesskey="0">.'

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Look for a same-site link to the top (its query, e.g. a session, does not matter);
        the root and the start directory are the top themselves."""
        if not page.handset.is_keitai or not is_titled(page):
            return
        here = urlsplit(page.url).path or "/"
        if directory(here) in ("/", page.context.prefix):
            return
        tops = top_paths(page)
        for link in page.links:
            if link.kind == "a" and page.same_site(link.url):
                path = urlsplit(link.url).path or "/"
                if path != here and directory(path) in tops:
                    return
        yield self.found(page, "no link leads back to the top of the site")


def tel_problem(number: str) -> str | None:
    """Return what is wrong with the number of a tel: link, None when it can be dialled."""
    if _BAD_ESCAPE.search(number):
        return "the tel: link has a % that is not an escape"
    dialled = unquote(number)
    if not dialled:
        return "the tel: link has no number"
    if not _DIALABLE.fullmatch(dialled) or not any(c.isdigit() for c in dialled):
        return f'"{dialled}" is not a number the handset can dial (digits, +, -, *, #)'
    return None


@rule
class TelSyntax(Rule):
    """A tel: link the handset cannot dial."""

    id = "nav.tel-syntax"
    severity = "error"
    title = "A tel: link that is not a phone number"
    why = ("The handset hands the number of a tel: link to its dialler: spaces, brackets or "
           "words in it make the call fail or dial a wrong number.")
    fix = 'Write the number with digits and hyphens only: <a href="tel:0312345678">.'

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Read the number of every tel: link."""
        for link in page.links:
            if link.kind == "a" and link.url.lower().startswith("tel:"):
                problem = tel_problem(link.url[4:])
                if problem:
                    yield self.found(page, problem, page.excerpt(link.element))


def mailto_problem(target: str) -> str | None:
    """Return what is wrong with what follows mailto:, None when the handset can mail it."""
    if _BAD_ESCAPE.search(target):
        return "a % that is not an escape"
    addresses, _, query = target.partition("?")
    if "?" in query:
        return "a second ? in the query (fields are separated by &)"
    fields: list[tuple[str, str]] = []
    for part in query.split("&") if query else []:
        name, equals, value = part.partition("=")
        if not equals or not name:
            return f'the field "{unquote(part)}" has no name=value'
        fields.append((unquote(name).lower(), unquote(value)))
    lists = [unquote(addresses)] + [value for name, value in fields if name in _ADDRESS_FIELDS]
    for address in (a.strip() for listed in lists for a in listed.split(",")):
        if address and not _ADDRESS.fullmatch(address):
            return f'"{address}" is not a mail address'
    if not any(a.strip() for listed in lists for a in listed.split(",")) and not fields:
        return "no address and no fields"
    return None


@rule
class MailtoSyntax(Rule):
    """A mailto: link the handset's mailer cannot use."""

    id = "nav.mailto-syntax"
    severity = "error"
    title = "A mailto: link with a bad address or query"
    why = ("The handset opens its mailer with the link's address, subject and body: a bad "
           "address or a broken query leaves the user with a mail that cannot be sent.")
    fix = ("Write mailto:name@example.jp?subject=...&body=..., the subject and body "
           "percent-encoded in the page's charset.")

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Read the address and fields of every mailto: link."""
        for link in page.links:
            if link.kind == "a" and link.url.lower().startswith("mailto:"):
                problem = mailto_problem(link.url[7:])
                if problem:
                    yield self.found(page, f"mailto: link with {problem}",
                                     page.excerpt(link.element))


@rule
class HttpError(Rule):
    """A link of the site leads to an error page."""

    id = "nav.http-error"
    severity = "error"
    title = "A link to an error page"
    why = ("A broken link costs a keitai user a slow, paid request for nothing, and the error "
           "page it lands on is often too big or unreadable for the handset.")
    fix = "Fix or remove the link; when a page moved, answer its old address with a redirect."
    any_content = True

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Report an answer of 400 or above, with the link that led there when known."""
        referrers: dict[str, tuple[str, str]] = page.context.notes.setdefault(self.id, {})
        if page.status >= 400:
            yield self.error(page, referrers)
        elif page.is_document:
            for link in page.links:
                if link.kind in ("a", "meta-refresh") and page.same_site(link.url):
                    referrers.setdefault(urldefrag(link.url).url,
                                         (page.url, page.excerpt(link.element)))

    def error(self, page: CheckedPage, referrers: dict[str, tuple[str, str]]) -> Finding:
        """Return the finding for an error answer."""
        try:
            reason = f" {HTTPStatus(page.status).phrase}"
        except ValueError:
            reason = ""
        referrer = referrers.get(urldefrag(page.requested or page.url).url)
        if referrer is None:
            return self.found(page, f"the site answered HTTP {page.status}{reason}")
        return self.found(page, f"the site answered HTTP {page.status}{reason} to a link on "
                                f"{referrer[0]}", referrer[1])
