"""What templates ask of the handset: markup family, input modes, access keys and labels."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple, cast

from flask import Flask, current_app, g, request, url_for
from markupsafe import Markup, escape
from werkzeug.local import LocalProxy

from carriers import Handset
from carriers.handset import per_handset
from carriers.inputmodes import input_mode_attrs
from carriers.markup import Markup as MarkupFamily
from carriers.markup import markup_for
from carriers.markup_support import BrowserSupport, support_for
from keitai.gateway.autolink import linked_text
from keitai.gateway.emoji_markup import emoji
from keitai.gateway.keymap import KEYS
from keitai.mail.compose import quote_member_text

#: what a request without a detected handset is served as
_PC = Handset()
#: keys that have a keycap emoji; the others are shown in brackets
_KEYCAPS = frozenset("0123456789#")
#: the site's colour: headings and rules
BRAND = "#ff6600"
#: what colored() writes on each kind of handset: nothing, <font color> or a styled <span>
_PLAIN, _FONT, _SPAN = range(3)


def key_label(key: str) -> str:
    """Return how an access key is shown beside its link: a keycap emoji or [key]."""
    handset = _handset()
    if not markup_for(handset).shows_access_keys:
        return ""
    return f"{key}\u20e3" if key in _KEYCAPS else f"[{key}]"


def link(href: str, text: str, key: str | None = None) -> Markup:
    """Return a link, with its access key and the key's label when it has one (every page
    has many: this is markup.html's `link`, written here to cost a call, not a macro's)."""
    if not key:
        return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')
    return Markup(f'<a href="{escape(href)}" accesskey="{escape(key)}">'
                  f"{escape(key_label(key))}{escape(text)}</a>")


def menu_item(href: str, text: str, key: str | None = None) -> Markup:
    """Return a link on a line of its own (markup.html's `menu_item`)."""
    return link(href, text, key) + Markup("<br />")


#: one line of a menu: the endpoint of a page that takes no values, the text, the access key
MenuLine = tuple[str, str, str | None]


def menu(*lines: MenuLine) -> Markup:
    """Return menu lines, each a link on a line of its own, to pages that take no values.

    Such a block is the same on every page and for every member that shows it: it is built
    once per site (its URL map and script root) and per whether the handset shows access keys.
    """
    shows_keys = markup_for(_handset()).shows_access_keys
    return _menu(lines, current_app.url_map, request.script_root, shows_keys)


@lru_cache(maxsize=256)
def _menu(lines: tuple[MenuLine, ...], _url_map: object, _script_root: str,
          _shows_keys: bool) -> Markup:
    """Build menu lines (the arguments after lines are what they depend on, as cache keys)."""
    return Markup("\n").join(menu_item(url_for(endpoint), text, key)
                             for endpoint, text, key in lines)


class _Style(NamedTuple):
    """How a handset is shown the site's colours."""

    #: what goes before and after a heading's text
    heading: tuple[str, str]
    #: a horizontal rule
    rule: str
    #: how coloured text is written: _PLAIN, _FONT or _SPAN
    colors: int
    #: what goes before and after a section's title
    section: tuple[str, str]
    #: whether coloured text is darkened until it reads on a white page (PCs, smartphones)
    darken: bool


@per_handset
def _style(handset: Handset) -> _Style:
    """Choose, once per handset, the markup of headings, rules and coloured text it shows:
    inline CSS where the family reads it, else <font color>, and no colour on a monochrome
    screen (asked of the markup family, never of a carrier name)."""
    markup = markup_for(handset)
    colour = handset.color
    if markup.name == "html5":
        heading = ("<h1>", "</h1>")
    elif markup.inline_css and colour:
        heading = (f'<div style="background-color:{BRAND};color:#ffffff;text-align:center;">',
                   "</div>")
    elif markup.font_color and colour:
        heading = (f'<div align="center"><font color="{BRAND}">', "</font></div>")
    else:
        heading = ('<div align="center">', "</div>")
    if markup.inline_css and markup.name != "html5" and colour:
        rule = f'<hr style="border-color:{BRAND};background-color:{BRAND};" />'
    elif markup.font_color and colour:
        rule = f'<hr color="{BRAND}" />'
    else:
        rule = "<hr />"
    colors = _PLAIN if not colour else _FONT if markup.font_color else _SPAN
    # a PC's or smartphone's page title is the <h1>: its sections are <h2>; a handset keeps
    # the line it always had
    html5 = markup.name == "html5"
    section = ("<h2>", "</h2>") if html5 else ("<div>", "</div>")
    return _Style(heading, rule, colors, section, html5)


def heading(text: str) -> Markup:
    """Return the page's heading in the site's colours (markup.html's `heading`)."""
    start, end = _style(_handset()).heading
    return Markup(f"{start}{escape(text)}{end}")


def section(text: str) -> Markup:
    """Return a section's title (markup.html's `section`): <h2> on PCs and smartphones, whose
    page title is the <h1>; on a handset the line it always was, <div>text</div>."""
    start, end = _style(_handset()).section
    return Markup(f"{start}{escape(text)}{end}")


def rule() -> Markup:
    """Return a horizontal rule in the site's colour (markup.html's `rule`)."""
    return Markup(_style(_handset()).rule)


def colored(text: str, color: str) -> Markup:
    """Return text in a colour, where the handset shows colours (markup.html's `colored`).

    A PC or smartphone (html5) gets the colour darkened until it reads on a white page
    (WCAG's contrast for text, with room for a tinted background); a handset gets it as the
    template names it, the bright colours its small screen shows well.
    """
    style = _style(_handset())
    if style.colors == _PLAIN:
        return escape(text)
    if style.colors == _FONT:
        return Markup(f'<font color="{escape(color)}">{escape(text)}</font>')
    if style.darken:
        color = readable(color)
    return Markup(f'<span style="color:{escape(color)};">{escape(text)}</span>')


#: the contrast against white a PC or smartphone's coloured text has at least (WCAG AA asks
#: 4.5:1 of text; the rest leaves room for a light grey or tinted background)
TEXT_CONTRAST = 5.5


def _luminance(rgb: tuple[float, ...]) -> float:
    """Return the relative luminance of a colour (channels 0..1), as WCAG defines it."""
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@lru_cache(maxsize=64)
def readable(color: str) -> str:
    """Return a #rrggbb colour darkened (its hue kept) until text in it has TEXT_CONTRAST
    against white; a colour that has it already, or is no #rgb/#rrggbb, is returned as is."""
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    try:
        channels = tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return color
    if len(digits) != 6:
        return color
    scale = 1.0
    while 1.05 / (_luminance(tuple(c * scale for c in channels)) + 0.05) < TEXT_CONTRAST:
        scale -= 0.01
    r, g, b = (round(c * scale * 255) for c in channels)
    return f"#{r:02x}{g:02x}{b:02x}"


#: the colour of the words a search found, where the handset shows no bold
MARK_COLOR = "#ff6600"


def marked(pieces: Iterable[tuple[str, bool]]) -> Markup:
    """Return text whose marked pieces stand out: bold where the browser reads <b>, else in
    colour, else plain (a search result's found words)."""
    bold = support_for(_handset()).element("b") == "yes"
    out: list[str] = []
    for text, mark in pieces:
        if not mark:
            out.append(escape(text))
        elif bold:
            out.append(f"<b>{escape(text)}</b>")
        else:
            out.append(colored(text, MARK_COLOR))
    return Markup("".join(out))


def message(text: str) -> Markup:
    """Return a notice in red on a line of its own, or nothing (markup.html's `message`)."""
    return Markup(f"<div>{colored(text, '#ff0000')}</div>") if text else Markup("")


def input_attrs(mode: str) -> Markup:
    """Return the input-mode attributes of a text field, ready to put in a tag (none that
    the browser is known not to read: istyle came with i-mode HTML 2.0)."""
    handset = _handset()
    browser = support_for(handset)
    pairs = [(name, value) for name, value in input_mode_attrs(handset, mode)
             if browser.attribute("input", name) != "no"]
    return Markup("".join(f' {name}="{escape(value)}"' for name, value in pairs))


def _handset() -> Handset:
    found: Handset = g.get("handset") or _PC
    return found


#: the request's handset, its markup family and what its browser reads, as globals: the
#: macros of _macros/markup.html read them so, which lets one module of those macros serve
#: every page (a module imported with the page's context is made again for every page)
HANDSET: Handset = cast(Handset, LocalProxy(_handset))
MARKUP: MarkupFamily = cast(MarkupFamily, LocalProxy(lambda: markup_for(_handset())))
BROWSER: BrowserSupport = cast(BrowserSupport, LocalProxy(lambda: support_for(_handset())))


#: the macro files every template has, by the name it knows them by
SHARED_MACROS = {"m": "_macros/markup.html", "s": "_social.html", "p": "_people.html"}


def template_context() -> dict[str, Any]:
    """Give every template the handset, its markup family and what its browser reads."""
    handset = _handset()
    return {"handset": handset, "markup": markup_for(handset), "browser": support_for(handset)}


def init_app(app: Flask) -> None:
    """Register the template helpers."""
    app.context_processor(template_context)
    app.jinja_env.globals.update(key_label=key_label, input_attrs=input_attrs, emoji=emoji,
                                 link_markup=link, menu_item_markup=menu_item, menu_markup=menu,
                                 heading_markup=heading, section_markup=section,
                                 rule_markup=rule,
                                 colored_markup=colored, message_markup=message, marked=marked,
                                 linked_text=linked_text,
                                 handset=HANDSET, markup=MARKUP, browser=BROWSER,
                                 keys=KEYS)  # the site's access-key map: keys.back, ...
    app.jinja_env.filters["quoted"] = quote_member_text  # member-written text in mail
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # every template's `m` (the markup macros), `s` (the diary and message pieces) and `p`
    # (the people pieces): each made once (edits to them need a restart), and compiled as
    # every template is, so their block tags leave no blank lines. A module imported with a
    # page's context would be made again for every page.
    for name, source in SHARED_MACROS.items():
        app.jinja_env.globals[name] = app.jinja_env.get_template(source).module
