"""Charset: the page declares one charset, its bytes are text in it, the handset reads it, and
it holds no character the carrier refuses.

Shift_JIS here is what handsets speak, cp932-style: JIS X 0208, NEC row 13, the IBM extension
rows and the user-defined area F040–F9FC where carrier emoji live (emoji are the emoji rules'
business, never a decoding error).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from simulator.charsets import normalise
from simulator.checker.findings import Finding, shorten
from simulator.checker.page import CheckedPage
from simulator.checker.rules import Rule, rule

#: carriers that refuse the Shift_JIS extension rows on their pages (docomo's content rules:
#: "no Shift_JIS extension characters, rows 13, 89–92, 115–119")
REFUSE_EXTENSION_ROWS = frozenset({"docomo"})
#: two-byte Shift_JIS codes of the extension rows: NEC special characters (row 13),
#: NEC-selected IBM extensions (rows 89–92) and IBM extensions (rows 115–119)
EXTENSION_ROWS = ((0x8740, 0x879C), (0xED40, 0xEEFC), (0xFA40, 0xFC4B))
#: characters named in a finding at most
NAMED_CHARS = 12
#: characters cp932 decodes from one byte (a U+FFFD stands for one bad byte)
_SINGLE_BYTE = re.compile("[\x00-\x80\uff61-\uff9f\uf8f0-\uf8f3\ufffd]")
_UTF8_SEQUENCE = re.compile(rb"[\xe0-\xef][\x80-\xbf]{2}")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: charset names as findings write them
DISPLAY_NAMES = {"shift_jis": "Shift_JIS", "utf-8": "UTF-8", "euc_jp": "EUC-JP",
                 "iso2022_jp": "ISO-2022-JP"}


def display_name(charset: str) -> str:
    """Return a charset (a Python codec name) as a reviewer knows it: "Shift_JIS", "UTF-8"."""
    return DISPLAY_NAMES.get(charset, charset.upper().replace("_", "-"))


def in_extension_rows(code: int) -> bool:
    """Tell whether a two-byte Shift_JIS code is in an extension row."""
    return any(first <= code <= last for first, last in EXTENSION_ROWS)


def _codes(first: int, last: int) -> Iterator[int]:
    for code in range(first, last + 1):
        if 0x40 <= code & 0xFF <= 0xFC and code & 0xFF != 0x7F:
            yield code


@cache
def _extension_chars() -> tuple[str, str]:
    """Return what the extension rows decode to, and those with no code outside them."""
    decoded: set[str] = set()
    only: set[str] = set()
    for first, last in EXTENSION_ROWS:
        for code in _codes(first, last):
            try:
                char = code.to_bytes(2, "big").decode("cp932")
            except UnicodeDecodeError:
                continue
            decoded.add(char)
            if in_extension_rows(int.from_bytes(char.encode("cp932"), "big")):
                only.add(char)
    return "".join(sorted(decoded)), "".join(sorted(only))


@cache
def _sjis_candidates() -> re.Pattern[str]:
    """Match the characters whose Shift_JIS bytes the rules read: user-defined area (emoji)
    and everything an extension row decodes to."""
    return re.compile("[\ue000-\ue757" + re.escape(_extension_chars()[0]) + "]")


@cache
def _refused_chars() -> re.Pattern[str]:
    return re.compile("[" + re.escape(_extension_chars()[1]) + "]")


def sjis_codes(page: CheckedPage) -> tuple[tuple[int, int], ...]:
    """Return (two-byte code, index in page.text) of each user-defined or extension-row
    character of a Shift_JIS page, read from the bytes (≒ of row 13 and of row 2 decode
    alike)."""
    return _read_codes(page.body, page.text)


@lru_cache(maxsize=16)
def _read_codes(body: bytes, text: str) -> tuple[tuple[int, int], ...]:
    found = []
    offset = last = 0
    for match in _sjis_candidates().finditer(text):
        at = match.start()
        offset += 2 * (at - last) - len(_SINGLE_BYTE.findall(text, last, at))
        last = at
        pair = body[offset:offset + 2]
        if pair.decode("cp932", "replace") == match.group():
            found.append((int.from_bytes(pair, "big"), at))
    return tuple(found)


def looks_utf8(body: bytes) -> bool:
    """Tell whether bytes are UTF-8 with Japanese-style three-byte characters in them."""
    if _UTF8_SEQUENCE.search(body) is None:
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def declarations(page: CheckedPage) -> list[tuple[str, str]]:
    """Return (where, label) of each charset the page declares."""
    found = [("Content-Type", page.header_charset), ("XML declaration", page.xml_charset),
             ("<meta>", page.meta_charset)]
    return [(where, label) for where, label in found if label]


def text_around(page: CheckedPage, at: int, shown: str, length: int = 1, width: int = 30) -> str:
    """Return the page's text around text[at:at + length], written there as shown."""
    text, end = page.text, at + length
    return shorten(f"{text[max(0, at - width):at]}‹{shown}›{text[end:end + width]}")


@rule
class MissingCharset(Rule):
    """A page with non-ASCII text that declares no charset anywhere."""

    id = "charset.missing"
    severity = "warning"
    title = "No charset declared"
    why = ("Without a charset in the Content-Type header (or the XML declaration, or a <meta>) "
           "each browser guesses: keitai read Shift_JIS, smartphones and PCs guess from the "
           "bytes, and one wrong guess turns the page into garbage.")
    fix = 'Send "Content-Type: text/html; charset=Shift_JIS" (or the charset the page is in).'

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Look for a declaration when the body is not plain ASCII."""
        if declarations(page) or _NON_ASCII.search(page.body) is None:
            return
        yield self.found(page, f"no charset declared: {page.profile.name} reads the page as "
                               f"{display_name(page.charset)}",
                         f"Content-Type: {page.content_type}" if page.content_type
                         else "no Content-Type")


@rule
class CharsetMismatch(Rule):
    """The header, the XML declaration and the <meta> name different charsets."""

    id = "charset.mismatch"
    severity = "error"
    title = "Charset declarations disagree"
    why = ("Browsers differ in which declaration wins: some follow the header, some the page's "
           "own declaration, so the same page is readable on one handset and garbage on another.")
    fix = "Declare the charset the bytes are really in, the same in every place."

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Compare the declared charsets by their normalised names."""
        declared = declarations(page)
        names = {normalise(label) or label.lower() for _where, label in declared}
        if len(names) > 1:
            said = ", ".join(f"{where} says {label}" for where, label in declared)
            yield self.found(page, f"the charset declarations disagree: {said}",
                             " ".join(_declared_where(page)))


def _declared_where(page: CheckedPage) -> Iterator[str]:
    if page.header_charset:
        yield f"Content-Type: {page.content_type}"
    found = _XML_DECLARATION.match(page.text)
    if page.xml_charset and found:
        yield found.group().strip()
    if page.meta_charset:
        meta = next((element for element in page.elements("meta")
                     if element.get("charset") or
                     (element.get("http-equiv") or "").lower() == "content-type"), None)
        if meta is not None:
            yield page.excerpt(meta)


@rule
class Undecodable(Rule):
    """The bytes are not text in the charset the handset reads them in."""

    id = "charset.undecodable"
    severity = "error"
    title = "Bytes that are not text in the page's charset"
    why = ("The handset shows garbage or nothing where the bytes do not fit the charset, and a "
           "broken double-byte character can swallow the markup after it.")
    fix = "Encode the whole page in the charset it declares (check templates, data and includes)."

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Decode strictly; a Shift_JIS page whose bytes are UTF-8 counts too."""
        if page.charset == "shift_jis" and looks_utf8(page.body):
            sample = page.body.decode("utf-8")
            at = next(i for i, char in enumerate(sample) if ord(char) > 0x7F)
            yield self.found(page, f"{page.profile.name} reads the page as Shift_JIS, but its "
                                   "bytes are UTF-8", shorten(sample[max(0, at - 20):at + 40]))
            return
        bad = _first_bad_byte(page.body, page.codec)
        if bad is not None:
            shown = page.body[bad:bad + 2].hex(" ").upper()
            before = page.body[:bad].decode(page.codec, "replace")[-30:]
            yield self.found(page, f"byte {bad} ({shown}) is not "
                                   f"{display_name(page.charset)} text",
                             shorten(f"{before}‹{shown}›"))


def _first_bad_byte(body: bytes, codec: str) -> int | None:
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        return error.start
    except LookupError:
        return None
    if codec == "cp932":  # cp932 decodes stray bytes 80, A0, FD-FF instead of refusing them
        stray = re.search("[\x80\uf8f0-\uf8f3]", text)
        if stray is not None:
            return 2 * stray.start() - len(_SINGLE_BYTE.findall(text, 0, stray.start()))
    return None


@rule
class UnsupportedCharset(Rule):
    """The page is in a charset the handset's browser does not read."""

    id = "charset.unsupported"
    severity = "error"
    title = "Charset the handset does not read"
    why = ("A browser reads the charsets its maker built in: i-mode cHTML and J-PHONE read "
           "Shift_JIS only; anything else comes out as garbage.")
    fix = "Send Shift_JIS to handsets that read nothing else (convert on output, per handset)."

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Compare the page's charset (and every name it declares) with the handset's."""
        for where, label in declarations(page):
            if normalise(label) is None:
                yield self.found(page, f"{where} names a charset nobody knows: {label!r}", label)
                return
        reads = {normalise(name) for name in page.support.charsets}
        if page.charset not in reads:
            names = " and ".join(sorted(display_name(name) for name in reads if name))
            yield self.found(page, f"the page is {display_name(page.charset)}; "
                                   f"{page.profile.name} reads {names} only",
                             " ".join(_declared_where(page)))


@rule
class ExtensionCharacters(Rule):
    """Characters from the Shift_JIS extension rows, on a carrier that refuses them."""

    id = "charset.extension-chars"
    severity = "error"
    title = "NEC/IBM extension characters"
    why = ("docomo handsets do not show the NEC special characters (row 13: ①, ㈱, ㍻) or the "
           "IBM extension kanji (rows 89–92 and 115–119: 髙, 﨑, ⅰ), and docomo's content "
           "rules refuse them.")
    fix = "Write (1), (株), 平成, 高, 崎 … instead, or an image; convert them on output."

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Find extension-row characters in the bytes (Shift_JIS) or in the text."""
        if page.handset.carrier not in REFUSE_EXTENSION_ROWS:
            return
        if page.charset == "shift_jis":
            found = [(code, at) for code, at in sjis_codes(page) if in_extension_rows(code)]
        else:
            found = [(int.from_bytes(m.group().encode("cp932"), "big"), m.start())
                     for m in _refused_chars().finditer(page.text)]
        if not found:
            return
        chars = list(dict.fromkeys(page.text[at] for _code, at in found))
        named = ", ".join(chars[:NAMED_CHARS]) + (" …" if len(chars) > NAMED_CHARS else "")
        first_code, first = found[0]
        shown = f"{page.text[first]} {first_code:04X}"
        yield self.found(page, f"{len(found)} character(s) from the NEC/IBM extension rows, "
                               f"which {page.handset.carrier} refuses: {named}",
                         text_around(page, first, shown))
