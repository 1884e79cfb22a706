"""Fixture pages for the markup rules: media type, doctype, well-formedness, elements,
attributes and CSS, each broken for the handsets whose browser the data says it breaks on.

Some pages are sent the way a real site sends them, varying per handset: XHTML (as
application/xhtml+xml) to the handsets the site thinks read it, cHTML (as text/html) to the
rest.
"""
from __future__ import annotations

from collections.abc import Callable

import carriers
from tests.checker.site import ALL, FixturePage, carrier, chtml, handsets

HTML = "text/html; charset=Shift_JIS"
XHTML = "application/xhtml+xml; charset=Shift_JIS"
XHTML_DOCTYPE = ('<!DOCTYPE html PUBLIC "-//WAPFORUM//DTD XHTML Mobile 1.0//EN" '
                 '"http://www.wapforum.org/DTD/xhtml-mobile10.dtd">')

#: every handset with a carrier's keitai browser (not WILLCOM's full browsers)
KEITAI = carrier("docomo", "au", "softbank")
#: J-PHONE (SoftBank 2G) handsets: C, P and W types
JPHONE = handsets(lambda p: p.handset.carrier == "softbank" and p.handset.markup == "chtml")
#: handsets whose browser reads cHTML only (no XHTML media type): mova i-mode and J-PHONE C/P
CHTML_ONLY = frozenset({"docomo-D501i", "docomo-N505i"}) | (JPHONE - {"softbank-V801SA"})
#: SoftBank 3G handsets
SOFTBANK_3G = handsets(lambda p: p.handset.carrier == "softbank" and p.handset.markup != "chtml")
#: browsers that read any HTML: WILLCOM, smartphones, PCs
FULL = carrier("willcom", "smartphone", "pc")
#: handsets that read a page sent as text/html as i-mode HTML without CSS
NO_CSS = frozenset({"docomo-D501i", "docomo-N505i", "docomo-P903i"}) | JPHONE


def xhtml(body: str, head: str = "", doctype: str = XHTML_DOCTYPE) -> bytes:
    """Return a well-formed XHTML Mobile Profile page (Shift_JIS) with the same clean parts
    as chtml(): a title, the body, a rule and a link to the top on key 0."""
    return (f'<?xml version="1.0" encoding="Shift_JIS"?>\n{doctype}\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>fixture</title>{head}'
            f'</head><body>{body}<hr /><a href="/" accesskey="0">top</a></body></html>'
            ).encode("cp932")


def xhtml_for(markups: frozenset[str], body: str, head: str = "", html_body: str | None = None,
              doctype: str = XHTML_DOCTYPE) -> tuple[Callable[[carriers.Handset], bytes],
                                                     Callable[[carriers.Handset], str]]:
    """Return (body, content type) of a page a site sends as XHTML to handsets of some markup
    families and as cHTML (text/html) to the rest."""
    def page(handset: carriers.Handset) -> bytes:
        if handset.markup in markups:
            return xhtml(body, head, doctype)
        return chtml(body if html_body is None else html_body, head=head)

    def content_type(handset: carriers.Handset) -> str:
        return XHTML if handset.markup in markups else HTML

    return page, content_type


FOMA_XHTML = frozenset({"ixhtml"})
DOCOMO_ISTYLE = '<input type="text" name="q" istyle="1" />'
PLAIN_INPUT = '<input type="text" name="q" />'


def istyle_for_docomo(handset: carriers.Handset) -> bytes:
    """Return the page of a site that writes istyle for every docomo handset (XHTML to FOMA)."""
    if handset.markup in FOMA_XHTML:
        return xhtml(DOCOMO_ISTYLE)
    return chtml(DOCOMO_ISTYLE if handset.carrier == "docomo" else PLAIN_INPUT)

BROKEN = "改行<br>を閉じていない"
LINK_AND_DIV = "<![CDATA[ a:link { color: #ff0000 } div { color: #0000ff } ]]>"

_broken_strict = xhtml_for(frozenset({"ixhtml", "html5"}), BROKEN, html_body="閉じていない")
_broken_unknown = xhtml_for(frozenset({"xhtml_mp"}), BROKEN, html_body="閉じていない")
_no_doctype = xhtml_for(frozenset({"ixhtml", "xhtml_mp"}), "文書型がありません", doctype="")
_sheet = xhtml_for(FOMA_XHTML, "外部スタイル",
                   head='<link rel="stylesheet" type="text/css" href="/markup/site.css" />')
_style = xhtml_for(FOMA_XHTML, "<div>色</div>",
                   head=f'<style type="text/css">{LINK_AND_DIV}</style>')

PAGES = [
    FixturePage("/markup/xhtml-to-every-handset", xhtml("XHTMLのページ"), content_type=XHTML,
                expect={"markup.media-type": CHTML_ONLY},
                note="XHTML sent as application/xhtml+xml to everyone: cHTML-only browsers "
                     "(mova i-mode, J-PHONE C and P types) do not show it"),
    FixturePage("/markup/no-content-type", chtml("no header"), content_type="",
                expect={"markup.media-type": KEITAI},
                note="no Content-Type header: keitai gateways and browsers need one (ASCII "
                     "only, so that no charset is needed to read it)"),
    FixturePage("/markup/xhtml-doctype-as-html", xhtml("HTMLとして送信"), content_type=HTML,
                expect={"markup.doctype": frozenset({"docomo-P903i"})},
                note="an XHTML page sent as text/html: the i-mode browser 1.0 FOMA reads it "
                     "as i-mode HTML 7.0; mova ignores the DOCTYPE, au and SoftBank read both"),
    FixturePage("/markup/xhtml-without-doctype", _no_doctype[0], content_type=_no_doctype[1],
                expect={"markup.doctype": handsets(
                    lambda p: p.handset.markup in ("ixhtml", "xhtml_mp"))},
                note="sent as XHTML to FOMA, au and SoftBank 3G without an XHTML DOCTYPE"),
    FixturePage("/markup/not-well-formed", _broken_strict[0], content_type=_broken_strict[1],
                expect={"markup.not-well-formed": frozenset({"docomo-P903i", "docomo-N06A"})
                        | carrier("smartphone", "pc")},
                note="an unclosed <br> in XHTML sent to FOMA, smartphones and PCs, whose XML "
                     "parsers stop there"),
    FixturePage("/markup/not-well-formed-lenient", _broken_unknown[0],
                content_type=_broken_unknown[1],
                expect={"markup.not-well-formed-unconfirmed": SOFTBANK_3G},
                note="the same page sent as XHTML to au (a lenient parser: nothing to report) "
                     "and SoftBank 3G (strictness unknown: info)"),
    FixturePage("/markup/video", chtml('<video src="/markup/movie.3gp">ムービー</video>'),
                expect={"markup.element": KEITAI},
                note="<video> is HTML5: no keitai browser plays it"),
    FixturePage("/markup/section", chtml("<section>節</section>"),
                expect={"markup.element-ignored": KEITAI},
                note="<section> is HTML5: keitai browsers show its text but ignore it"),
    FixturePage("/markup/select", chtml('<select name="s"><option value="1">一</option>'
                                        "</select>"),
                expect={"markup.element-unconfirmed": frozenset({"docomo-D501i"})},
                note="select/option in i-mode HTML 1.0: docomo's tag list and koshigoe's table "
                     "disagree, so unknown (info), never an error"),
    FixturePage("/markup/istyle", istyle_for_docomo,
                content_type=lambda h: XHTML if h.markup in FOMA_XHTML else HTML,
                expect={"markup.attribute": frozenset({"docomo-D501i", "docomo-P903i",
                                                       "docomo-N06A"})},
                note="istyle written for every docomo handset: i-mode HTML 1.0 predates it and "
                     "i-XHTML ignores it; mova 2.0 on (N505i) reads it"),
    FixturePage("/markup/textarea-accesskey",
                chtml('<textarea name="t" accesskey="1"></textarea>'),
                expect={"markup.attribute-unconfirmed": frozenset({
                    "docomo-D501i", "docomo-N505i", "docomo-P903i"})},
                note="docomo's tag list spells textarea's key attribute 'accesschar': unknown "
                     "on i-mode HTML (P903i reads text/html as i-mode HTML)"),
    FixturePage("/markup/style-attribute", chtml('<div style="color:#ff0000">赤</div>'),
                expect={"markup.css-ignored": NO_CSS},
                note="style attributes: ignored by i-mode HTML and J-PHONE"),
    FixturePage("/markup/external-css", _sheet[0], content_type=_sheet[1],
                expect={"markup.css-ignored": NO_CSS},
                note="an external style sheet: not loaded by i-mode browser 1.0 (P903i, sent "
                     "XHTML) nor by cHTML browsers; browser 2.0 (N06A) loads it"),
    FixturePage("/markup/style-element", _style[0], content_type=_style[1],
                expect={"markup.css-ignored": NO_CSS},
                note="<style> with a div rule: i-mode browser 1.0 applies only a:link, "
                     "a:visited and a:focus; cHTML and J-PHONE ignore <style>"),
]

assert all(names <= ALL for page in PAGES for names in page.expect.values())
