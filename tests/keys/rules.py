"""Read a page's links as the handset shows them and tell what breaks the site's key map.

A link is its access key, its visible label (the text without the key's keycap, emoji or
[key] label the handset is shown before it) and its target (our address without the
session, guid and the split page's part, which the handset holds on its own).

The rules (README, "Access keys"):

- 0 is トップ and leads to the top page; every page but the top page has it.
- BACK (9) is only ever a back link, whatever it says (…に戻る, 戻る, ○○さんのページ, the
  name of the page it goes up to): see back_problems. A link that says …戻る is on BACK.
- 前へ/次へ (the list pager) are on PREV/NEXT (4/6) and those keys say nothing else but a
  step through like things (前の写真/次の写真); the split page's ▲前/▼次 are on
  PART_PREV/PART_NEXT (*/#) and those keys say nothing else.
- The page's main write action (the first link that writes: …を書く, …を作成, 返信する …) is
  on WRITE (1).
- No key is on two links with different targets.
- Labels: no two links with the same label and different targets, among the links with an
  access key and the navigation links (トップ, 前へ, 次へ, ▲前, ▼次, …戻る) with or without
  one. A link without a key that acts on one row of a list (削除 beside each comment, もっと
  見る under each list, a member's name) is read with its row and may repeat its label.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from keitai.gateway import keymap

#: what the handset is shown before a link's text for its key: a keycap (with or without the
#: emoji selector), a carrier emoji (a private-use character, or a SoftBank web code), [key]
_KEY_MARK = re.compile(r"^(?:[0-9#*]\ufe0f?\u20e3|\[[0-9#*]\]|[\ue000-\uf8ff]+"
                       r"|[\U000f0000-\U0010ffff]+|\x1b\$[^\x0f]*\x0f)+")
#: the session's and the gateway's parameters: not part of where a link goes
_NOT_TARGET = frozenset(("ksid", "guid", "pp"))
#: labels of the links that move about the site, never a row's own action
NAVIGATION = frozenset((keymap.HOME_LABEL, keymap.PREV_LABEL, keymap.NEXT_LABEL,
                        keymap.PART_PREV_LABEL, keymap.PART_NEXT_LABEL))
#: a page's main create action: 日記を書く, トピックを作成, 返信する, 書き込む ...
_WRITES = re.compile(r"(?:を書く|を作成|を作る|を投稿|返信する|コメントする|書き込む)$")


@dataclass(frozen=True)
class Link:
    """One link as the handset shows it."""

    key: str | None
    label: str
    target: str
    #: the target with the split page's part: two parts of one page are different pages
    part_target: str


def is_navigation(label: str) -> bool:
    """Tell whether a label moves about the site (and so must be unique on a page)."""
    return label in NAVIGATION or label.endswith("戻る")


def _target(url: str, keep: frozenset[str] = frozenset()) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k not in _NOT_TARGET or k in keep]
    return (parts.path or "/") + ("?" + urlencode(query) if query else "")


def links_of(text: str, url: str, xml: bool) -> list[Link]:
    """Return the links of a decoded page, in page order, with their keys and labels."""
    text = re.sub(r"^<\?xml[^>]*\?>", "", text)
    if xml:
        root = lxml.etree.fromstring(text, lxml.etree.XMLParser(recover=False))
    else:
        root = lxml.html.document_fromstring(text)
    found = []
    for element in root.iter(lxml.etree.Element):
        name = str(lxml.etree.QName(element).localname).lower()
        href = element.get("href")
        if name != "a" or href is None or href.startswith(("#", "mailto:", "tel:")):
            continue
        label = _KEY_MARK.sub("", html.unescape("".join(element.itertext())).strip()).strip()
        absolute = urljoin(url, href)
        found.append(Link(element.get("accesskey"), label, _target(absolute),
                          _target(absolute, frozenset(("pp",)))))
    return found


def problems(links: list[Link], here: str) -> list[str]:
    """Return what breaks the key map on the page at address `here` (nothing when it keeps
    it)."""
    found: list[str] = []
    keyed = [link for link in links if link.key]
    for link in keyed:
        if link.key == keymap.HOME and (link.label != keymap.HOME_LABEL or link.target != "/"):
            found.append(f"0 is {link.label!r} to {link.target}, not トップ to /")
        for key, labels in ((keymap.PREV, (keymap.PREV_LABEL, "前の")),
                            (keymap.NEXT, (keymap.NEXT_LABEL, "次の")),
                            (keymap.PART_PREV, (keymap.PART_PREV_LABEL,)),
                            (keymap.PART_NEXT, (keymap.PART_NEXT_LABEL,))):
            if (link.key == key) != (link.label == labels[0]
                                     or len(labels) > 1 and link.label.startswith(labels[1])):
                found.append(f"{link.label!r} is on {link.key}: {labels[0]!r} goes on {key}, "
                             "which says nothing else")
    for link in links:
        if link.label.endswith("戻る") and link.key != keymap.BACK:
            found.append(f"the back link {link.label!r} is on {link.key}, not {keymap.BACK}")
        if link.label in (keymap.PREV_LABEL, keymap.NEXT_LABEL, keymap.PART_PREV_LABEL,
                          keymap.PART_NEXT_LABEL, keymap.HOME_LABEL) and not link.key:
            found.append(f"{link.label!r} has no access key")
    writes = [link for link in keyed if _WRITES.search(link.label)]
    if writes and writes[0].key != keymap.WRITE:
        found.append(f"the main write action {writes[0].label!r} is on {writes[0].key}, "
                     f"not {keymap.WRITE}")
    if _target(urljoin("http://keitai.test/", here)) != "/" \
            and not any(link.key == keymap.HOME for link in keyed):
        found.append("no トップ on 0")
    found += _clashes(keyed, lambda link: link.key or "", "key")
    found += _clashes([link for link in links if link.key or is_navigation(link.label)],
                      lambda link: link.label, "label")
    return found


def _clashes(links: list[Link], by: Callable[[Link], str], what: str) -> list[str]:
    """Return the values of `by` that two links with different targets share."""
    targets: dict[str, set[str]] = {}
    for link in links:
        targets.setdefault(by(link), set()).add(link.part_target)
    return [f"{what} {value!r} leads to {sorted(seen)}" for value, seen in targets.items()
            if len(seen) > 1]



def shape(target: str) -> str:
    """Return the kind of page an address shows: its path with numbers as N."""
    return re.sub(r"\d+", "N", urlsplit(target).path)


def back_problems(pages: dict[str, list[Link]]) -> dict[str, list[str]]:
    """Return, by page (`visitor <address>` or `member <address>`), the BACK links that do
    not go up to the page this one belongs to.

    A page's BACK link goes up when the page it leads to links down to pages of this kind
    (asked when the crawl opened that very page), and pages of its kind do not themselves go
    back to pages of this kind (the friend list from a profile links back to the profile: the
    profile's link to it is a way down, not back). Kinds the crawl did not open, and pages
    split into parts (whose way down may be in a part it did not open), are taken on trust.
    """
    links_from: dict[str, set[str]] = {}
    back_from: dict[str, set[str]] = {}
    #: pages split into parts: a part shows only some of the page's links
    split: set[str] = set()
    for address, links in pages.items():
        who, here = address.split(" ", 1)
        kind = f"{who} {shape(here)}"
        whole = f"{who} {_target(urljoin('http://keitai.test/', here))}"
        links_from.setdefault(whole, set()).update(f"{who} {shape(link.target)}"
                                                   for link in links)
        if any(link.key in (keymap.PART_PREV, keymap.PART_NEXT) for link in links):
            split.add(whole)
        back_from.setdefault(kind, set()).update(f"{who} {shape(link.target)}"
                                                 for link in links if link.key == keymap.BACK)
    found: dict[str, list[str]] = {}
    for address, links in pages.items():
        who, here = address.split(" ", 1)
        kind = f"{who} {shape(here)}"
        for link in links:
            up = f"{who} {shape(link.target)}"
            if link.key != keymap.BACK or up not in back_from:
                continue
            # a split page's links are those of every part the crawl opened; the way down
            # may sit in a part it did not open, so a split page is taken on trust
            down = None if f"{who} {link.target}" in split else links_from.get(
                f"{who} {link.target}")
            if down is not None and kind not in down or kind in back_from[up]:
                found.setdefault(address, []).append(
                    f"BACK ({keymap.BACK}) {link.label!r} to {link.target} goes down, not up")
    return found
