"""Emoji: only the handset's own carrier's emoji, only those its browser shows, and never a
private-use code point where the handset does not read one.

Every emoji on the page is found once, with the carrier tables that own its code: Shift_JIS
codes overlap between carriers (docomo F941–F9ED is also SoftBank's), so a code is "another
carrier's" only when the handset's own table lacks it. The forms read: two-byte Shift_JIS
codes, SoftBank web codes (ESC $ G … SI), private-use characters in a Unicode page, numeric
references (&#xE63E;) and au's <img localsrc="N">.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import carriers
from emoji_maps.charsets import repertoire
from emoji_maps.tables import CarrierCode, tables
from simulator.checker.findings import Finding
from simulator.checker.page import CheckedPage
from simulator.checker.rules import Rule, rule
from simulator.checker.rules.charset import sjis_codes, text_around

#: carrier table -> the carrier's name in findings
CARRIER_NAMES = {"docomo": "docomo", "kddi": "au", "softbank": "SoftBank"}
#: Shift_JIS user-defined area, where carrier emoji live (cp932 reads it as private use)
USER_DEFINED = range(0xF040, 0xF9FD)
#: Google's private-use emoji block (U+FE000 + emoji4unicode id)
GOOGLE = range(0xFE000, 0xFF000)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010fffd]")
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")
_WEB_CODE = re.compile("\x1b\\$([GEFOPQ])([\x21-\x7a]*)\x0f?")
_NOTE = "emoji.on-page"


@dataclass(frozen=True)
class Occurrence:
    """One emoji (or would-be emoji) on a page, and whose it is."""

    #: "sjis", "webcode", "pua" (a private-use character), "ref" (&#…;), "localsrc", "google"
    kind: str
    #: how the page wrote it, e.g. "F89F", "ESC $Gj", "U+E63E", "localsrc 44"
    form: str
    #: carrier table -> its emoji with this code (the tables that own it)
    codes: dict[str, CarrierCode] = field(default_factory=dict)
    #: carrier tables whose code range holds it (for codes no table knows)
    ranges: frozenset[str] = frozenset()
    #: cp932 reads the code as an IBM kanji (row FB): an emoji on SoftBank handsets only
    kanji: bool = False
    excerpt: str = ""

    @property
    def owners(self) -> frozenset[str]:
        """Return the carrier tables that know this code as an emoji."""
        return frozenset(self.codes)

    def label(self, only: str | None = None) -> str:
        """Return the form with whose emoji it is (only one table's, if given), e.g.
        "F89F (docomo 晴れ)"."""
        whose = "; ".join(f"{carrier_name(t)} {_name(c)}" for t, c in sorted(self.codes.items())
                          if only in (None, t))
        return f"{self.form} ({whose})" if whose else self.form


def carrier_name(table: str) -> str:
    """Return the carrier a table belongs to, as findings name it."""
    return CARRIER_NAMES.get(table, table)


def own_table(handset: carriers.Handset) -> str:
    """Return the emoji table of the handset's carrier ("unicode" for smartphones and PCs)."""
    return repertoire(handset.carrier, "utf-8")


def _name(code: CarrierCode) -> str:
    if code.name_ja:
        return code.name_ja
    entry = tables().by_key.get(code.canonical)
    return entry.name.lower() if entry else ""


@dataclass(frozen=True)
class _Index:
    sjis: dict[int, dict[str, CarrierCode]]
    pua: dict[int, dict[str, CarrierCode]]
    web: dict[int, CarrierCode]
    localsrc: dict[int, CarrierCode]
    #: table -> (first, last) per lead byte (Shift_JIS) or high byte (private use)
    sjis_spans: dict[str, list[tuple[int, int]]]
    pua_spans: dict[str, list[tuple[int, int]]]


def _spans(codes: list[int]) -> list[tuple[int, int]]:
    blocks: dict[int, list[int]] = {}
    for code in codes:
        blocks.setdefault(code >> 8, []).append(code)
    return [(min(block), max(block)) for block in blocks.values()]


@cache
def _index() -> _Index:
    index = _Index({}, {}, {}, {}, {}, {})
    for table, codes in tables().codes.items():
        for code in codes.values():
            index.sjis.setdefault(code.sjis, {})[table] = code
            index.pua.setdefault(code.pua, {})[table] = code
            if table == "kddi" and code.alt is not None:
                index.pua.setdefault(code.alt, {})[table] = code
            elif code.alt is not None:
                index.web[code.alt] = code
            if table == "kddi" and code.number is not None:
                index.localsrc[code.number] = code
        index.sjis_spans[table] = _spans([c.sjis for c in codes.values()])
        index.pua_spans[table] = _spans(
            [c.pua for c in codes.values()] + [c.alt for c in codes.values()
                                                if table == "kddi" and c.alt is not None])
    return index


def _in_spans(code: int, spans: dict[str, list[tuple[int, int]]]) -> frozenset[str]:
    return frozenset(t for t, found in spans.items() if any(a <= code <= b for a, b in found))


def emoji_on(page: CheckedPage) -> list[Occurrence]:
    """Return every emoji on the page (found once per page, shared by the emoji rules)."""
    kept = page.context.notes.get(_NOTE)
    if kept is None or kept[0] is not page:
        kept = page.context.notes[_NOTE] = (page, list(_scan(page)))
    return kept[1]


def _scan(page: CheckedPage) -> Iterator[Occurrence]:
    if page.charset == "shift_jis":
        yield from _binary_codes(page)
    else:
        for match in _PRIVATE_USE.finditer(page.text):
            yield _private_use(page, ord(match.group()), "pua", match.start())
    yield from _web_codes(page)
    for match in _REFERENCE.finditer(page.text):
        hexa, decimal = match.groups()
        point = int(hexa, 16) if hexa else int(decimal)
        if _PRIVATE_USE.fullmatch(chr(point) if point <= 0x10FFFF else ""):
            yield _private_use(page, point, "ref", match.start(), match.group())
    yield from _localsrc(page)


def _binary_codes(page: CheckedPage) -> Iterator[Occurrence]:
    index = _index()
    for code, at in sjis_codes(page):
        owned = index.sjis.get(code, {})
        if code not in USER_DEFINED and not owned:
            continue
        form = f"{code:04X}"
        yield Occurrence("sjis", form, dict(owned),
                         _in_spans(code, index.sjis_spans) if code in USER_DEFINED else
                         frozenset(), kanji=code not in USER_DEFINED,
                         excerpt=text_around(page, at, form))


def _private_use(page: CheckedPage, point: int, kind: str, at: int,
                 written: str = "") -> Occurrence:
    form = written or f"U+{point:04X}"
    excerpt = text_around(page, at, form, len(written) or 1)
    if point in GOOGLE:
        return Occurrence("google", form, excerpt=excerpt)
    index = _index()
    return Occurrence(kind, form, dict(index.pua.get(point, {})),
                      _in_spans(point, index.pua_spans), excerpt=excerpt)


def _web_codes(page: CheckedPage) -> Iterator[Occurrence]:
    if "\x1b" not in page.text:
        return
    web = _index().web
    for match in _WEB_CODE.finditer(page.text):
        letter, payload = match.group(1), match.group(2)
        for char in payload:
            code = web.get(ord(letter) << 8 | ord(char))
            form = f"ESC ${letter}{char}"
            yield Occurrence("webcode", form, {"softbank": code} if code else {},
                             frozenset({"softbank"}),
                             excerpt=text_around(page, match.start(), form,
                                                 len(match.group())))


def _localsrc(page: CheckedPage) -> Iterator[Occurrence]:
    numbers = _index().localsrc
    for element in page.elements("img"):
        value = (element.get("localsrc") or "").strip()
        if value.isdigit():
            code = numbers.get(int(value))
            yield Occurrence("localsrc", f"localsrc {value}", {"kddi": code} if code else {},
                             frozenset({"kddi"}), excerpt=page.excerpt(element))


#: emoji named in a finding at most
NAMED = 8
#: the first of docomo's 76 extended emoji (F9B1), shown from i-mode HTML 4.0 on
DOCOMO_EXTENDED_FIRST = 0xE70C
#: the last SoftBank emoji a C-type handset (J-PHONE/2.x, 3.x) shows
C_TYPE_LAST = 0xE257
#: J-PHONE browser versions: below 4.0 a C type; SoftBank's 2G handsets are all "J-PHONE"
C_TYPE_BELOW = 4.0


class EmojiSet:
    """What one carrier's handsets make of its own emoji."""

    #: carrier tables whose Shift_JIS emoji the carrier's gateway converts into its own
    converts: frozenset[str] = frozenset()
    #: the carrier's UTF-8 pages show its private-use emoji
    utf8_private_use = True

    def lacks(self, found: Occurrence, code: CarrierCode, page: CheckedPage) -> str | None:
        """Return why the handset does not show its own carrier's emoji, None if it does."""
        return None


class DocomoSet(EmojiSet):
    """i-mode: 176 basic emoji everywhere, 76 extended from i-mode HTML 4.0; 30 more codes
    (tickets, "ぴ", F-D-S-C-R marks) are in the carrier's table but never in the web set."""

    def lacks(self, found: Occurrence, code: CarrierCode, page: CheckedPage) -> str | None:
        """Refuse codes outside the 252 web emoji, and extended ones on older browsers."""
        if not code.web:
            return "not one of i-mode's 252 web emoji"
        if code.pua >= DOCOMO_EXTENDED_FIRST and not page.support.extended_emoji:
            return "an extended emoji (i-mode HTML 4.0 and later)"
        return None


class AuSet(EmojiSet):
    """EZweb: emoji as Shift_JIS codes or <img localsrc>; its gateway turns docomo's Shift_JIS
    emoji into au's (not those written as &#x…; references)."""

    converts = frozenset({"docomo"})
    utf8_private_use = False


class SoftbankSet(EmojiSet):
    """J-PHONE handsets read web codes (ESC $ … SI) only, C types pages G, E and F up to
    E257; 3G handsets read binary Shift_JIS codes and UTF-8 private use as well."""

    def lacks(self, found: Occurrence, code: CarrierCode, page: CheckedPage) -> str | None:
        """Refuse binary codes on J-PHONE handsets and later pages on C types."""
        version = jphone_version(page.handset.browser)
        if version is None:
            return None
        if version < C_TYPE_BELOW and code.pua > C_TYPE_LAST:
            return "C-type handsets show SoftBank emoji E001–E257 only"
        if found.kind == "sjis":
            return "J-PHONE handsets read SoftBank emoji as web codes (ESC $ … SI) only"
        return None


#: carrier table -> what its handsets make of its emoji
SETS: dict[str, EmojiSet] = {"docomo": DocomoSet(), "kddi": AuSet(), "softbank": SoftbankSet()}


def jphone_version(browser: str | None) -> float | None:
    """Return the J-PHONE browser version of a 2G SoftBank handset, None for any other."""
    name, _, version = (browser or "").partition(" ")
    if name != "J-PHONE":
        return None
    try:
        return float(version)
    except ValueError:
        return None


def _named(found: list[Occurrence], only: str | None = None) -> str:
    labels = list(dict.fromkeys(each.label(only) for each in found))
    return ", ".join(labels[:NAMED]) + (" …" if len(labels) > NAMED else "")


def _converted(found: Occurrence, own: str) -> bool:
    """Tell whether the handset's gateway turns another carrier's Shift_JIS emoji into its own."""
    emoji_set = SETS.get(own)
    if emoji_set is None or found.kind != "sjis":
        return False
    for table in found.owners & emoji_set.converts:
        entry = tables().by_key.get(found.codes[table].canonical)
        if entry is not None and own in entry.codes:
            return True
    return False


@rule
class OtherCarrier(Rule):
    """Another carrier's emoji: bytes, private use or <img localsrc> the handset does not show."""

    id = "emoji.other-carrier"
    severity = "error"
    title = "Another carrier's emoji"
    why = ("Each carrier has its own emoji codes: another carrier's show as nothing, a blank "
           "box or an unrelated character, and a wrong byte pair can garble the text after it.")
    fix = ("Keep emoji in one neutral form and write each handset's own codes on output "
           "(emoji_maps.encode), with a text fallback where the carrier has no equivalent.")

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Report emoji that only other carriers' tables know."""
        own = own_table(page.handset)
        found = [each for each in emoji_on(page)
                 if each.owners and own not in each.owners and not each.kanji
                 and not _converted(each, own)]
        if found:
            yield self.found(page, f"{len(found)} emoji of another carrier, which "
                                   f"{page.profile.name} does not show: {_named(found)}",
                             found[0].excerpt)


@rule
class OutsideSet(Rule):
    """The handset's own carrier's emoji, but one this handset does not show."""

    id = "emoji.outside-set"
    severity = "error"
    title = "Emoji the handset does not show"
    why = ("Carriers added emoji over the years and changed how pages carry them: an older "
           "browser shows nothing (or a blank box) for an emoji it does not know.")
    fix = ("Write only the emoji of the handset's set (docomo's extended emoji from i-mode "
           "HTML 4.0, SoftBank web codes on J-PHONE), with a text fallback for the others.")

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Ask the carrier's set about each of its emoji; report codes no table knows."""
        own = own_table(page.handset)
        emoji_set = SETS.get(own)
        if emoji_set is None:
            return
        reasons: dict[str, list[Occurrence]] = {}
        for each in emoji_on(page):
            if own in each.owners:
                reason = emoji_set.lacks(each, each.codes[own], page)
            elif not each.owners and own in each.ranges:
                reason = f"no {carrier_name(own)} emoji has this code"
            else:
                continue
            if reason:
                reasons.setdefault(reason, []).append(each)
        for reason, found in reasons.items():
            yield self.found(page, f"{len(found)} emoji {page.profile.name} does not show "
                                   f"({reason}): {_named(found, own)}", found[0].excerpt)


@rule
class PrivateUseInUtf8(Rule):
    """Private-use emoji where the handset reads none: Google's anywhere, and a Shift_JIS
    carrier's own in a UTF-8 page."""

    id = "emoji.pua-in-utf8"
    severity = "error"
    title = "Private-use emoji code points"
    why = ("Google's private-use emoji (U+FE000 on) are an internal code that no handset or "
           "browser draws; au handsets show emoji from Shift_JIS codes and <img localsrc>, "
           "not from private-use characters in a UTF-8 page.")
    fix = ("Convert emoji on output: the carrier's Shift_JIS codes (au, docomo), SoftBank's "
           "private use on 3G, standard Unicode for smartphones and PCs.")

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Report Google's code points, and the handset's carrier's in UTF-8 where it has none."""
        own = own_table(page.handset)
        emoji_set = SETS.get(own)
        found = [each for each in emoji_on(page)
                 if each.kind == "google"
                 or (each.kind == "pua" and own in each.owners and emoji_set is not None
                     and not emoji_set.utf8_private_use)]
        if found:
            yield self.found(page, f"{len(found)} private-use emoji that "
                                   f"{page.profile.name} does not draw: {_named(found, own)}",
                             found[0].excerpt)
