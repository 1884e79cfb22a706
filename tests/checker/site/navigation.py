"""Fixture pages for the navigation rules."""
from __future__ import annotations

from tests.checker.site import ALL, FixturePage, chtml, handsets

#: handsets with a keypad: accesskeys and return links matter to them
KEITAI = handsets(lambda p: p.handset.is_keitai)
_TOP = '<hr><a href="/" accesskey="0">top</a>'


def page(body: str, head: str = "<title>fixture</title>") -> bytes:
    """Return a Shift_JIS page with exactly this head and body."""
    return f"<html><head>{head}</head><body>{body}</body></html>".encode("cp932")


PAGES = [
    FixturePage("/nav/accesskey-twice",
                chtml('<a href="/plain" accesskey="1">one</a><br>'
                      '<a href="/nav/keys" accesskey="1">two</a>'),
                expect={"nav.accesskey-duplicate": KEITAI},
                note="two links on key 1"),
    FixturePage("/nav/accesskey-letter", chtml('<a href="/plain" accesskey="a">a</a>'),
                expect={"nav.accesskey-invalid": KEITAI},
                note="a key the keypad does not have"),
    FixturePage("/nav/keys",
                chtml('<a href="/plain" accesskey="*">star</a><br>'
                      '<a href="/plain" accesskey="#">hash</a><br>'
                      '<form action="/plain"><input name="q" accesskey="9"></form>'),
                note="control: every key of the keypad may be used once, by links and fields"),
    FixturePage("/nav/untitled", page("no title" + _TOP, head=""),
                expect={"nav.title-missing": ALL}, note="no <title> in the head"),
    FixturePage("/nav/empty-title", page("empty title" + _TOP, head="<title> </title>"),
                expect={"nav.title-missing": ALL}, note="a <title> of white space"),
    FixturePage("/nav/dead-end", page('<a href="/plain">next</a>'),
                expect={"nav.no-way-home": KEITAI},
                note="links on, but never back to the top"),
    FixturePage("/nav/home-with-session",
                page('<a href="/?ksid=AB12CD34EF56&amp;guid=ON#top" accesskey="0">top</a>'),
                note="control: a link to the top with the session and guid=ON is a way home"),
    FixturePage("/nav/index-home", page('<a href="/index.html">top</a>'),
                note="control: /index.html is the top too"),
    FixturePage("/nav/tel-spaces", chtml('<a href="tel:03 1234 5678">call</a>'),
                expect={"nav.tel-syntax": ALL}, note="spaces in a phone number"),
    FixturePage("/nav/tel-words", chtml('<a href="tel:call-us">call</a>'),
                expect={"nav.tel-syntax": ALL}, note="a word for a number"),
    FixturePage("/nav/mailto-double-at", chtml('<a href="mailto:info@@example.jp">mail</a>'),
                expect={"nav.mailto-syntax": ALL}, note="two @ in the address"),
    FixturePage("/nav/mailto-query", chtml('<a href="mailto:info@example.jp?subject=a?body=b">'
                                           'mail</a>'),
                expect={"nav.mailto-syntax": ALL}, note="a second ? where & belongs"),
    FixturePage("/nav/dial-and-mail",
                chtml('<a href="tel:03-1234-5678">call</a><br>'
                      '<a href="tel:+81312345678">call</a><br>'
                      '<a href="tel:%2A31%23">code</a><br>'
                      '<a href="mailto:taro..yamada.@docomo.ne.jp">mail</a><br>'
                      '<a href="mailto:?subject=hi&amp;body=http%3A%2F%2Ffixture.test%2F">'
                      'tell a friend</a><br>'
                      '<a href="mailto:a@example.jp,b@example.jp?cc=c@example.jp">all</a>'),
                note="control: numbers with hyphens, +, escaped * and #; a docomo address with "
                     "dots before the @; a mail with a body and no address; several addresses"),
    FixturePage("/nav/gone", chtml("this page is gone"), status=404,
                expect={"nav.http-error": ALL}, note="a link of the site that answers 404"),
]
