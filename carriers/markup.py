"""Markup families: what a page must look like for each kind of browser."""
from __future__ import annotations

from dataclasses import dataclass

from carriers.handset import Handset

#: charset names as they are written in Content-Type and XML declarations
CHARSET_LABELS = {"shift_jis": "Shift_JIS", "utf-8": "UTF-8"}


@dataclass(frozen=True, slots=True)
class Markup:
    """One markup family: doctype, media type and which presentational tools work."""

    #: one of carriers.handset.MARKUPS
    name: str
    #: DOCTYPE line, empty where the browser wants none
    doctype: str
    #: media type of the page
    media_type: str
    #: XHTML: an XML declaration opens the page and the page must be well-formed XML
    xml: bool
    #: style="" attributes work (i-mode cHTML and J-PHONE ignore them)
    inline_css: bool
    #: <font color> works
    font_color: bool
    #: number access keys are shown to the user beside the link
    shows_access_keys: bool

    def content_type(self, charset: str) -> str:
        """Return the Content-Type header for a page in this family."""
        return f"{self.media_type}; charset={CHARSET_LABELS.get(charset, charset)}"

    def prolog(self, charset: str) -> str:
        """Return what opens the page: XML declaration and DOCTYPE."""
        label = CHARSET_LABELS.get(charset, charset)
        head = f'<?xml version="1.0" encoding="{label}"?>\n' if self.xml else ""
        return head + self.doctype + "\n" if self.doctype else head


CHTML = Markup(
    name="chtml",
    doctype='<!DOCTYPE HTML PUBLIC "-//W3C//DTD Compact HTML 1.0 Draft//EN">',
    media_type="text/html", xml=False, inline_css=False, font_color=True,
    shows_access_keys=True,
)
IXHTML_1 = Markup(
    name="ixhtml",
    doctype='<!DOCTYPE html PUBLIC "-//i-mode group (ja)//DTD XHTML i-XHTML(Locale/Ver.=ja/1.0)'
    ' 1.0//EN" "i-xhtml_4ja_10.dtd">',
    media_type="application/xhtml+xml", xml=True, inline_css=True, font_color=False,
    shows_access_keys=True,
)
IXHTML_2 = Markup(
    name="ixhtml",
    doctype='<!DOCTYPE html PUBLIC "-//i-mode group (ja)//DTD XHTML i-XHTML(Locale/Ver.=ja/2.3)'
    ' 1.0//EN" "i-xhtml_4ja_10.dtd">',
    media_type="application/xhtml+xml", xml=True, inline_css=True, font_color=False,
    shows_access_keys=True,
)
XHTML_MP = Markup(
    name="xhtml_mp",
    doctype='<!DOCTYPE html PUBLIC "-//WAPFORUM//DTD XHTML Mobile 1.0//EN"'
    ' "http://www.wapforum.org/DTD/xhtml-mobile10.dtd">',
    media_type="application/xhtml+xml", xml=True, inline_css=True, font_color=False,
    shows_access_keys=True,
)
HTML5 = Markup(
    name="html5", doctype="<!DOCTYPE html>", media_type="text/html", xml=False,
    inline_css=True, font_color=False, shows_access_keys=False,
)


#: the families that do not depend on cookies, by Handset.markup
_FAMILIES = {"chtml": CHTML, "xhtml_mp": XHTML_MP}


def markup_for(handset: Handset) -> Markup:
    """Return the markup family a handset's pages are written in."""
    if handset.markup == "ixhtml":
        return IXHTML_2 if handset.cookies else IXHTML_1
    return _FAMILIES.get(handset.markup, HTML5)
