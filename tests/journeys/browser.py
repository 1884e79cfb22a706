"""A member who uses the site as a person on a handset does: opens the top page, logs in with
the login form, and from then on only follows links, submits forms and goes where a redirect
sends the handset. Nothing is carried by hand: no ksid, no guid, no CSRF secret is added by
the test; the session lives where the handset keeps it (a cookie, or the links and forms
of the pages, which the gateway rewrites)."""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, quote_from_bytes, urljoin, urlsplit

from flask import Flask

import carriers
import emoji_maps
from tests.accounts.conftest import PASSWORD
from tests.handsets import PROFILES, HandsetClient, assert_fits_handset, page_text

__all__ = ["PASSWORD", "Journey", "JourneyFactory", "MemberFactory", "COOKIELESS",
           "WITH_COOKIES"]

#: a factory of members: member(nickname, email) -> id
MemberFactory = Callable[[str, str], int]
#: a factory of journeys: journey(profile name) -> a person on that handset
JourneyFactory = Callable[[str], "Journey"]

#: cookie-less docomo i-mode handsets (session in the URL, guid=ON) and cookie handsets
COOKIELESS = ["docomo-P903i", "docomo-N505i"]
WITH_COOKIES = ["au-W53CA", "softbank-930SH", "smartphone-iPhone"]


@dataclass
class Control:
    """One control of a form as the page wrote it."""

    kind: str
    name: str
    value: str
    #: a check box or radio button is checked, an option chosen
    checked: bool = False
    label: str = ""


@dataclass
class PageForm:
    """A form of a page, with every control the handset would send from it."""

    action: str
    method: str
    enctype: str
    utn: bool
    controls: list[Control] = field(default_factory=list)

    def buttons(self) -> list[Control]:
        """Return the submit buttons."""
        return [c for c in self.controls if c.kind == "submit"]


@dataclass
class Link:
    """A link of a page: where it goes, its visible text and its access key."""

    href: str
    text: str
    key: str | None


class _PageParser(HTMLParser):
    """Collect the links and forms of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.forms: list[PageForm] = []
        self._link: Link | None = None
        self._form: PageForm | None = None
        self._text: Control | None = None  # a textarea or option being read
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name.lower(): value or "" for name, value in attrs}
        if tag == "a" and "href" in found:
            self._link = Link(found["href"], "", found.get("accesskey"))
        elif tag == "form":
            self._form = PageForm(found.get("action", ""), found.get("method", "get").lower(),
                                  found.get("enctype", ""), "utn" in found)
            self.forms.append(self._form)
        elif self._form is not None:
            self._control(tag, found)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _control(self, tag: str, found: dict[str, str]) -> None:
        assert self._form is not None
        if tag == "input":
            kind = found.get("type", "text").lower()
            self._form.controls.append(Control(kind, found.get("name", ""),
                                               found.get("value", ""), "checked" in found,
                                               found.get("value", "")))
        elif tag == "textarea":
            self._text = Control("textarea", found.get("name", ""), "")
            self._form.controls.append(self._text)
        elif tag == "select":
            self._select = found.get("name", "")
        elif tag == "option" and self._select is not None:
            self._text = Control("option", self._select, found.get("value", ""),
                                 "selected" in found)
            self._form.controls.append(self._text)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self._link.text = self._link.text.strip()
            self.links.append(self._link)
            self._link = None
        elif tag == "form":
            self._form = None
        elif tag in ("textarea", "option"):
            self._text = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.text += data
        if self._text is not None:
            if self._text.kind == "textarea":
                self._text.value += data
            else:
                self._text.label += data


class Journey:
    """A person on a handset who only follows what the pages offer."""

    def __init__(self, app: Flask, profile: str) -> None:
        self.client = HandsetClient(app, PROFILES[profile])
        self.handset = carriers.detect(self.client.profile.user_agent,
                                       self.client.profile.headers)
        self.response: Any | None = None
        self.url = ""
        #: the path of every page the journey has seen, in order
        self.trail: list[str] = []
        self._history: list[tuple[Any, str]] = []
        #: the journey is logged in: every page must keep it so
        self.logged_in = False

    # -- what the person sees ------------------------------------------------------------

    @property
    def text(self) -> str:
        """Return the page on the screen, as the handset decodes it."""
        assert self.response is not None, "no page is open"
        return page_text(self.response)

    def sees(self, words: str) -> bool:
        """Return True when the page on the screen shows words (markup aside)."""
        return words in self.text or words in html.unescape(self.text)

    def links(self) -> list[Link]:
        """Return the links of the page on the screen."""
        parser = _PageParser()
        parser.feed(self.text)
        return parser.links

    def forms(self) -> list[PageForm]:
        """Return the forms of the page on the screen."""
        parser = _PageParser()
        parser.feed(self.text)
        return parser.forms

    # -- what the person does ------------------------------------------------------------

    def open(self, url: str) -> Journey:
        """Type an address (the top page) or open a mailed link; never a session's URL."""
        assert "ksid=" not in url and "csrf" not in url, url
        if not self.handset.cookies:
            self.logged_in = False  # a typed address carries no session without cookies
        return self._arrive(self.client.get(url, expect_errors=True), url)

    def click(self, label: str | None = None, *, key: str | None = None) -> Journey:
        """Follow the first link whose visible text contains label, or that is on key."""
        for link in self.links():
            if (label is None or label in link.text) and (key is None or link.key == key):
                target = urljoin(self.url, link.href)
                return self._arrive(self.client.get(target, expect_errors=True), target)
        shown = [(link.text, link.key) for link in self.links()]
        raise AssertionError(f"no link {label!r} (key {key}) on {self.url}: {shown}")

    def submit(self, button: str | None = None, fields: dict[str, str] | None = None, *,
               form: int | None = None, files: dict[str, tuple[str, bytes]] | None = None,
               send_serial: bool = True) -> Journey:
        """Fill in fields and press the button of a form (the first form with it, or the
        form with that number); send what the page put in the form, as the handset does."""
        chosen, pressed = self._form_with(button, form)
        fields = dict(fields or {})
        values: list[tuple[str, str]] = []
        for control in chosen.controls:
            if not control.name or control.kind in ("submit", "file", "reset", "button"):
                continue
            if control.name in fields:
                if control.kind in ("radio", "option") and control.value != fields[control.name]:
                    continue
                if control.kind in ("checkbox",) and fields[control.name] != control.value:
                    continue
                values.append((control.name, fields.pop(control.name)))
            elif control.kind in ("checkbox", "radio", "option"):
                if control.checked:
                    values.append((control.name, control.value))
            else:
                values.append((control.name, control.value))
        values += self._first_options(chosen, values)
        assert not fields, f"the form has no field {sorted(fields)}"
        if pressed is not None and pressed.name:
            values.append((pressed.name, pressed.value))
        action = urljoin(self.url, chosen.action or self.url)
        headers = {}
        if chosen.utn and send_serial and self.handset.carrier == "docomo":
            headers["User-Agent"] = self.client.with_serial()
        if chosen.method != "post":
            query = self._encode(values)
            target = f"{action}{'&' if '?' in action else '?'}{query}" if query else action
            return self._arrive(self.client.get(target, headers=headers, expect_errors=True),
                                target)
        if "multipart" in chosen.enctype:
            uploads = [(name, filename, data) for name, (filename, data) in
                       (files or {}).items()]
            response = self.client.post(action, params=values, upload_files=uploads,
                                        headers=headers, expect_errors=True,
                                        content_type="multipart/form-data")
        else:
            response = self.client.post(action, self._encode(values), headers=headers,
                                        content_type="application/x-www-form-urlencoded",
                                        expect_errors=True)
        return self._arrive(response, action)

    def back(self) -> Journey:
        """Press the back key: the handset shows the page before this one again (from its
        cache, with the links it had)."""
        assert len(self._history) >= 2, "no page to go back to"
        self._history.pop()
        self.response, self.url = self._history[-1]
        self.trail.append("(back)")
        return self

    def fetch(self, src: str) -> Any:
        """Load what a page points at that is no page (an image, a photo), as given."""
        return self.client.get(urljoin(self.url, html.unescape(src)), expect_errors=True)

    def log_in(self, email: str, password: str = PASSWORD) -> Journey:
        """From the top page, take the login link and log in with the form."""
        self.open("/")
        self.click("ログイン")
        self.submit("ログイン", {"email": email, "password": password})
        assert self.sees("さんのホーム"), self.text
        self.logged_in = True
        return self

    def go_home(self) -> Journey:
        """Go back to the home page the way the pages offer: key 0 (トップ)."""
        if not any(link.key == "0" for link in self.links()):
            self.click("この端末の情報")  # on the home page itself: out and back
        return self.click(key="0")

    def assert_still_logged_in(self, nickname: str) -> None:
        """Go home by the pages' own link and see the member's home page."""
        self.go_home()
        assert self.sees(f"{nickname}さんのホーム"), self.text
        assert self.sees("ログアウト")

    # -- the handset's side --------------------------------------------------------------

    def _form_with(self, button: str | None, index: int | None) -> tuple[PageForm,
                                                                         Control | None]:
        forms = self.forms()
        if index is not None:
            chosen = forms[index]
            pressed = next((b for b in chosen.buttons() if button is None or b.value == button),
                           None)
            return chosen, pressed
        for candidate in forms:
            for pressed in candidate.buttons():
                if button is None or pressed.value == button:
                    return candidate, pressed
        shown = [[b.value for b in f.buttons()] for f in forms]
        raise AssertionError(f"no button {button!r} on {self.url}: {shown}")

    @staticmethod
    def _first_options(chosen: PageForm, values: list[tuple[str, str]]) -> list[
            tuple[str, str]]:
        """A select with no chosen option sends its first one."""
        sent = {name for name, _ in values}
        extra: list[tuple[str, str]] = []
        for control in chosen.controls:
            if control.kind == "option" and control.name not in sent:
                extra.append((control.name, control.value))
                sent.add(control.name)
        return extra

    def _encode(self, values: list[tuple[str, str]]) -> str:
        """Return the form body as the handset sends it: its charset, an emoji typed as the
        handset's own code (☀ is F89F on docomo, F660 on au)."""
        charset = "cp932" if self.handset.charset == "shift_jis" else "utf-8"
        carrier = self.handset.carrier or "pc"
        return "&".join(f"{quote_from_bytes(k.encode(charset))}="
                        f"{quote_from_bytes(emoji_maps.encode(v, carrier, self.handset.charset))}"
                        for k, v in values)

    def _arrive(self, response: Any, url: str) -> Journey:
        """Go where redirects send the handset; check the page it ends on."""
        hops = 0
        while response.status_int in (301, 302, 303) and hops < 5:
            url = urljoin(url, response.headers["Location"])
            response = self.client.get(url, expect_errors=True)
            hops += 1
        self.response, self.url = response, url
        self._history.append((response, url))
        path = urlsplit(url).path
        self.trail.append(path)
        assert response.status_int == 200, f"{path}: {response.status}\n{self.text[:600]}"
        assert_fits_handset(self.handset, response, self.text)
        if self.logged_in:
            assert path != "/login", f"the session was lost on the way: {self.trail}"
            self._assert_links_carry_the_session()
        return self

    def _assert_links_carry_the_session(self) -> None:
        """On a cookie-less handset, every own link must carry the session (and guid=ON on
        docomo): the gateway's work, which the next click depends on."""
        for link in self.links():
            parts = urlsplit(link.href)
            if parts.netloc and parts.netloc != "keitai.test":
                continue
            query = dict(parse_qsl(parts.query))
            if not self.handset.cookies:
                assert query.get("ksid"), f"{link.href} on {self.url} loses the session"
            if self.handset.wants_guid:
                assert query.get("guid") == "ON", f"{link.href} on {self.url} lacks guid=ON"

    def __repr__(self) -> str:
        return f"Journey({self.client.profile.name}, {self.trail})"

