"""Privacy: a session token that reaches another site lets that site act as the user; a
terminal id lets every site it reaches follow the user. docomo sends its i-mode ID only on
links that ask with guid=ON."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import parse_qsl, unquote_plus, urljoin, urlsplit

from simulator.checker.context import SESSION_PARAMETERS, HandsetContext, looks_like_token
from simulator.checker.findings import Finding
from simulator.checker.page import CheckedPage, Element, Link, tag_name
from simulator.checker.rules import Rule, rule

#: parameters that name a terminal id (the carriers' header names among them)
ID_PARAMETERS = frozenset({"uid", "subno", "ser", "serial", "icc", "dcmguid", "x-dcmguid",
                           "x-up-subno", "x-jphone-uid"})
#: uid=NULLGWDOCOMO asks docomo's gateway for the user id of an official site; not an id
NULL_UID = "nullgwdocomo"
#: values shaped like a terminal id whatever they are called
ID_VALUES = (
    ("docomo serial number", re.compile(r"ser(?=[0-9A-Za-z]*[0-9])(?:[0-9A-Za-z]{11}|"
                                        r"[0-9A-Za-z]{15})")),
    ("FOMA card id", re.compile(r"icc[0-9A-Za-z]{20}")),
    ("au subscriber id", re.compile(r"[0-9]{14}_[0-9a-z]{2}\.ezweb\.ne\.jp")),
)
#: name=value pairs anywhere in an address, nested addresses (mailto: bodies) included
_PARAMETER = re.compile(r"(?:^|[?&;])([A-Za-z_][A-Za-z0-9_.\-]*)=([^&;#?\s\"'<>]*)")
#: how a page sends the handset to an address, by link kind
_HOW = {"a": "a link", "form": "a form", "img": "a picture", "link": "a linked file",
        "meta-refresh": "a refresh", "object": "an object"}


@dataclass(frozen=True)
class Leak:
    """A secret on its way off the site."""

    #: what the secret is ("session token (ksid)", "terminal id (uid)")
    what: str
    session: bool
    excerpt: str


@dataclass
class Outbound:
    """Somewhere the page sends the handset, or its data, off the site."""

    url: str
    #: "a link", "a form", "a redirect", "a mail link", ...
    how: str
    excerpt: str
    #: whether the handset tells the destination the page's address (Referer)
    referer: bool = True
    #: what a form sends with it: (name, value, excerpt)
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    leaks: list[Leak] = field(default_factory=list)

    @property
    def where(self) -> str:
        """Return where it goes, for a message."""
        return urlsplit(self.url).netloc or "whoever reads the mail"


def parameters(text: str) -> list[tuple[str, str]]:
    """Return the name=value pairs of an address, as sent and decoded."""
    found = _PARAMETER.findall(text)
    decoded = unquote_plus(text)
    return found + _PARAMETER.findall(decoded) if decoded != text else found


def named_leaks(name: str, value: str) -> Iterator[tuple[str, bool]]:
    """Yield what a parameter leaks by its name or the shape of its value."""
    lowered = name.lower()
    if lowered in SESSION_PARAMETERS and looks_like_token(value):
        yield f"session token ({name})", True
    elif lowered in ID_PARAMETERS and value and value.lower() not in (NULL_UID, "on"):
        yield f"terminal id ({name})", False
    for what, shape in ID_VALUES:
        if shape.fullmatch(value):
            yield what, False


def secrets_leaked(text: str, excerpt: str, context: HandsetContext) -> list[Leak]:
    """Return the secrets an address or a value carries: the learnt ones and those named or
    shaped like one, each value once."""
    decoded = unquote_plus(text)
    found: dict[str, Leak] = {}
    for value, what in context.secrets.items():
        if value in text or value in decoded:
            found.setdefault(value, Leak(what, context.is_session(what), excerpt))
    for name, value in parameters(text):
        for what, session in named_leaks(name, value):
            found.setdefault(value, Leak(what, session, excerpt))
    return list(found.values())


def form_fields(page: CheckedPage, form: Element) -> list[tuple[str, str, str]]:
    """Return the name, value and excerpt of each field a form sends untouched."""
    fields = []
    for element in form.iter():
        if not isinstance(element.tag, str) or not element.get("name"):
            continue
        name = tag_name(element)
        if name == "input" and (element.get("type") or "text").lower() not in ("file", "reset"):
            fields.append((element.get("name"), element.get("value") or "", page.excerpt(element)))
        elif name == "textarea":
            fields.append((element.get("name"), "".join(element.itertext()),
                           page.excerpt(element)))
    return fields


def off_site(page: CheckedPage, link: Link) -> Outbound | None:
    """Return a link as an Outbound when it leaves the site, else None."""
    scheme = urlsplit(link.url).scheme.lower()
    if scheme == "mailto":
        return Outbound(link.url, "a mail link", page.excerpt(link.element), referer=False)
    if scheme not in ("http", "https") or page.same_site(link.url):
        return None
    fields = form_fields(page, link.element) if link.kind == "form" else []
    return Outbound(link.url, _HOW.get(link.kind, "a link"), page.excerpt(link.element),
                    fields=fields)


def redirects_off(page: CheckedPage) -> list[Outbound]:
    """Return the redirects of the page (and its own Location) that leave the site."""
    hops = [(urljoin(hop.url, hop.location), hop.location) for hop in page.redirects]
    location = page.header("Location")
    if not hops and 300 <= page.status < 400 and location:
        hops.append((urljoin(page.url, location), location))
    return [Outbound(target, "a redirect", f"Location: {location}", referer=False)
            for target, location in hops if not page.same_site(target)]


def outbound(page: CheckedPage) -> list[Outbound]:
    """Return everywhere the page sends the handset off the site, with what each leaks
    (computed once per page and shared by the privacy rules)."""
    cached = page.context.notes.get("privacy")
    if cached is not None and cached[0] is page:
        return cached[1]  # type: ignore[no-any-return]
    learn_own(page)
    found = redirects_off(page)
    if page.is_document:
        found += [target for target in (off_site(page, link) for link in page.links) if target]
    for target in found:
        target.leaks = secrets_leaked(target.url, target.excerpt, page.context)
        for name, value, excerpt in target.fields:
            target.leaks += secrets_leaked(f"{name}={value}", excerpt, page.context)
    page.context.notes["privacy"] = (page, found)
    return found


def learn_own(page: CheckedPage) -> None:
    """Learn the session tokens the page gives its own links and forms."""
    if not page.is_document:
        return
    for link in page.links:
        if page.same_site(link.url):
            page.context.learn_session(link.url)
            if link.kind == "form":
                page.context.learn_parameters(
                    (name, value) for name, value, _ in form_fields(page, link.element))


class LeakRule(Rule):
    """A secret of one kind leaves the site."""

    #: True for sessions, False for terminal ids
    session: ClassVar[bool]
    any_content = True

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Report every off-site address that carries a secret of the rule's kind."""
        for target in outbound(page):
            leaks = [leak for leak in target.leaks if leak.session == self.session]
            if leaks:
                what = ", ".join(dict.fromkeys(leak.what for leak in leaks))
                yield self.found(page, f"{what} goes to {target.where} in {target.how}",
                                 leaks[0].excerpt)


@rule
class TokenToOtherHost(LeakRule):
    """A session token in an address of another site."""

    id = "privacy.token-to-other-host"
    severity = "error"
    title = "Session token sent to another site"
    why = ("Whoever holds a cookie-less handset's session token is logged in as its user: a "
           "token in a link, form or redirect to another site hands the account to that site.")
    fix = ("Add the session token to the site's own links and forms only; link out through an "
           "exit page of the site that drops it.")
    session = True


@rule
class TerminalIdToOtherHost(LeakRule):
    """A terminal id (subscriber id, serial, FOMA card id) in an address of another site."""

    id = "privacy.terminal-id-to-other-host"
    severity = "error"
    title = "Terminal id sent to another site"
    why = ("A subscriber id or serial number names the handset for ever and on every site; "
           "sites that receive it can follow the user, and sites that log in by it can be "
           "entered with it.")
    fix = "Never put a terminal id in an address or a form field that leaves the site."
    session = False


@rule
class RefererLeak(Rule):
    """A page whose own address carries a secret links straight to another site."""

    id = "privacy.referer-leak"
    severity = "warning"
    title = "Secret in the address of a page that links out"
    why = ("Browsers tell the next site the address of the page the user came from (Referer): "
           "au, SoftBank, i-mode browser 2.0, smartphones and PCs send it, and i-mode browser "
           "1.0 does not promise not to. A session token or terminal id in that address "
           "reaches the other site.")
    fix = ("Send links to other sites through an exit page without the token in its address, "
           "or do not put secrets in the page's address.")
    any_content = True

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Read the page's own address, then its links to other sites."""
        if not page.is_document:
            return
        secrets = secrets_leaked(page.url, "", page.context)
        if not secrets:
            return
        secure = urlsplit(page.url).scheme == "https"
        out = [t for t in outbound(page) if t.referer and not t.leaks
               and (not secure or urlsplit(t.url).scheme == "https")]
        if out:
            what = ", ".join(dict.fromkeys(leak.what for leak in secrets))
            yield self.found(page, f"the page's address carries the {what}, and {len(out)} "
                                   f"link(s) go straight to other sites, e.g. {out[0].where}",
                             out[0].excerpt)


def asks_guid(url: str) -> bool:
    """Tell whether an address has guid=ON in its query (in any case)."""
    return any(name.lower() == "guid" and value.lower() == "on"
               for name, value in parse_qsl(urlsplit(url).query, keep_blank_values=True))


def guid_state(page: CheckedPage, link: Link) -> bool | None:
    """Tell whether a link to the site sends the i-mode ID; None when the link does not
    count (another site, https where no ID is sent, a jump within the page, a picture)."""
    element = link.element
    href = element.get("href") or ""
    if (link.kind not in ("a", "form", "meta-refresh") or not page.same_site(link.url)
            or urlsplit(link.url).scheme != "http" or href.startswith("#")):
        return None
    if asks_guid(link.url):
        return True
    if link.kind == "form" and link.method == "GET":
        return any(name.lower() == "guid" and value.lower() == "on"
                   for name, value, _ in form_fields(page, element))
    return False


@dataclass
class GuidNotes:
    """What the crawl has seen of guid=ON on one docomo handset."""

    #: some link of the site asks for the i-mode ID
    asked: bool = False
    #: findings held until the site is seen to ask
    pending: list[Finding] = field(default_factory=list)


@rule
class GuidMissing(Rule):
    """A docomo link to the site without guid=ON, where the site asks for i-mode IDs."""

    id = "privacy.guid-missing"
    severity = "warning"
    title = "Own link without guid=ON"
    why = ("docomo handsets send the i-mode ID only to addresses whose query has guid=ON: a "
           "site that identifies its users by it loses them (logged out, easy login refused) "
           "on every link that lacks it.")
    fix = ("Add guid=ON to every own link and GET form for docomo handsets, and to the action "
           "address of POST forms (a hidden field is not enough there).")

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Sort the page's own links into those that ask and those that do not."""
        if not page.handset.wants_guid or not page.is_document:
            return
        notes: GuidNotes = page.context.notes.setdefault(self.id, GuidNotes())
        states = [(link, guid_state(page, link)) for link in page.links]
        notes.asked = notes.asked or any(state for _, state in states)
        missing = [link for link, state in states if state is False]
        if not missing:
            return
        finding = self.found(page, f"{len(missing)} own link(s) or form(s) lack guid=ON, so "
                                   f"the handset sends no i-mode ID there",
                             page.excerpt(missing[0].element))
        if notes.asked:
            yield finding
        else:
            notes.pending.append(finding)

    def finish(self, context: HandsetContext) -> Iterator[Finding]:
        """Report the pages held back, once some page of the site asked for the ID."""
        notes = context.notes.get(self.id)
        if isinstance(notes, GuidNotes) and notes.asked:
            yield from notes.pending
