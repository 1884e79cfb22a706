"""NTT docomo i-mode: the DoCoMo/1.0 (mova) and DoCoMo/2.0 (FOMA) User-Agent grammars.

    DoCoMo/1.0/N505i/c20/TB/W20H10/serXXXXXXXXXXX      mova: "/" fields, ser + 11 characters
    DoCoMo/2.0 P903i(c100;TB;W24H12;serX..15;iccX..20) FOMA: ";" fields in any order

Page limits: a mova handset's cNN is its page limit in KB (5 KB when absent, as on the 501i).
A FOMA c100 handset takes 100 KB with images but at most 30 KB of text including tags
(docomo's own figure), so 30 KB is the limit; c500 (i-mode browser 2.0) takes 500 KB; any
other cNN is taken as it stands. A FOMA User-Agent without cNN (crawlers cut it off) gets the
smallest cache a FOMA handset ever announced, N2001's 10 KB.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from carriers.base import CarrierParser
from carriers.displays import docomo_displays, estimate_screen
from carriers.facts import Fact, characters, colors
from carriers.fields import MAX_CACHE_KB
from carriers.handset import Handset, quick_handset

#: early FOMA models whose browser is i-mode HTML 3.0 (cHTML); every later FOMA does XHTML
HTML3_FOMA_MODELS = frozenset({"N2001", "N2002", "P2002", "D2101V", "P2101V", "SH2101V", "T2101V"})
#: cache of a DoCoMo/1.0 handset that announces none (501i), in KB
MOVA_DEFAULT_CACHE_KB = 5
#: page limit of a FOMA handset that announces no cache (N2001's c10)
FOMA_UNKNOWN_LIMIT = 10 * 1024
#: text-including-tags limit docomo set for c100 FOMA handsets
FOMA_C100_LIMIT = 30 * 1024
#: cache from which a handset runs i-mode browser 2.0 (cookies, 500 KB pages)
BROWSER2_CACHE_KB = 500
#: models announced under another name: SH505i units that call themselves SH505i2
MODEL_ALIASES = {"SH505i2": "SH505i"}
#: the most characters a line, and lines a page, believed from WnnHnn
_MOST_CHARS = 99

_MODEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]{0,31}")
#: the fields read, each a whole field (between separators): cache (cNN: group 1 holds up to 9
#: digits, none holds more, which are never believed), characters (WnnHnn, groups 2 and 3),
#: serial (ser..., 4) and FOMA card (icc..., 5). One search finds them all: mova fields follow
#: "/" as they stand, FOMA fields ";" with blanks around them
_CACHE_CHARS = r"c(?:([0-9]{1,9})|[0-9]{10,12})|W([0-9]{1,3})H([0-9]{1,3})"
_MOVA_FIELDS = re.compile(rf"/(?:{_CACHE_CHARS}|ser([0-9A-Za-z]{{11}}))(?=/|\Z)")
_FOMA_FIELDS = re.compile(
    rf";\s*(?:{_CACHE_CHARS}|ser([0-9A-Za-z]{{15}})|icc([0-9A-Za-z]{{20}}))\s*(?=;|\Z)")
_FOMA = re.compile(r"DoCoMo/2\.0 +([^\s(]{1,64})(?:\(([^)]{0,256}))?")


class DocomoParser(CarrierParser):
    """i-mode handsets: model, cache, terminal ids and screen from the User-Agent alone."""

    carrier = "docomo"
    prefixes = ("DoCoMo/",)
    subscriber_header = "x-dcmguid"

    def parse(self, user_agent: str, headers: Mapping[str, str]) -> Handset:
        """Return the i-mode handset the User-Agent describes."""
        foma = _FOMA.match(user_agent)
        if foma is not None:
            return _foma(foma.group(1), foma.group(2) or "")
        head = user_agent.split(None, 1)[0].split("/", 3)
        return _mova(head[2] if len(head) > 2 else None, head[3] if len(head) > 3 else "")


def is_foma(user_agent: str) -> bool:
    """Return True for a FOMA (3G) handset's User-Agent, whose SIM card has an id of its own."""
    return user_agent.startswith("DoCoMo/2.0")


def with_serial(user_agent: str, serial: str, card_id: str | None = None) -> str:
    """Return the User-Agent as the handset sends it after the user confirms a utn link or form:
    mova appends "/ser" and the serial, FOMA adds ";ser" (and ";icc" with the card id) inside
    its parentheses."""
    if not is_foma(user_agent):
        return f"{user_agent}/ser{serial}"
    fields = f";ser{serial}" + (f";icc{card_id}" if card_id else "")
    if user_agent.endswith(")"):
        return user_agent[:-1] + fields + ")"
    return f"{user_agent}({fields[1:]})"


def _mova(model: str | None, fields: str) -> Handset:
    kb, chars, serial, _card = _fields(_MOVA_FIELDS.finditer("/" + fields))
    kb = kb or MOVA_DEFAULT_CACHE_KB
    return _handset(_model(model), kb, chars, serial, None, False, kb * 1024)


def _foma(raw_model: str, fields: str) -> Handset:
    # "MST_v_SH2101V": a prefix joined with "_" comes before the real model name
    model = _model(raw_model.rsplit("_", 1)[-1])
    kb, chars, serial, card_id = _fields(_FOMA_FIELDS.finditer(";" + fields))
    if kb is None:
        limit = FOMA_UNKNOWN_LIMIT
    elif kb == 100:
        limit = FOMA_C100_LIMIT
    else:
        limit = kb * 1024
    return _handset(model, kb, chars, serial, card_id, model not in HTML3_FOMA_MODELS, limit)


_Fields = tuple[int | None, tuple[int, int] | None, str | None, str | None]


def _fields(found_fields: Iterator[re.Match[str]]) -> _Fields:
    """Return the cache in KB, characters (W x H), serial and FOMA card id of the fields found
    by _MOVA_FIELDS or _FOMA_FIELDS; where a kind comes twice, the later field counts."""
    kb: int | None = None
    chars: tuple[int, int] | None = None
    serial = card_id = None
    for found in found_fields:
        kind = found.lastindex
        if kind == 1 or kind is None:  # cNN: 1 KB to MAX_CACHE_KB believed, as cache_kb()
            kb = int(found[1]) if kind else None
            if kb is not None and not 1 <= kb <= MAX_CACHE_KB:
                kb = None
        elif kind == 3:  # WnnHnn: 1 to 99 of each believed
            columns, lines = int(found[2]), int(found[3])
            chars = (columns, lines) if 0 < columns <= _MOST_CHARS and 0 < lines <= (
                _MOST_CHARS) else None
        elif kind == 4:
            serial = found[4]
        else:
            card_id = found[5]
    return kb, chars, serial, card_id


def _handset(model: str | None, kb: int | None, chars: tuple[int, int] | None,
             serial: str | None, card_id: str | None, xhtml: bool, page_limit: int) -> Handset:
    browser2 = kb is not None and kb >= BROWSER2_CACHE_KB
    display = docomo_displays().get(model.upper()) if model else None  # docomo_display()
    extras: tuple[Fact, ...] = (characters(*chars),) if chars else ()
    if display is None:
        screen, color = estimate_screen(*chars) if chars else None, True
    else:
        screen, color = display.screen, display.color
        extras += colors(display.colors)
    return quick_handset(
        carrier="docomo", model=model, cache_kb=kb, serial=serial, card_id=card_id,
        screen=screen, cookies=browser2, markup="ixhtml" if xhtml else "chtml",
        charset="shift_jis", page_limit_bytes=page_limit,
        browser="i-mode 2.0" if browser2 else "i-mode 1.0", color=color, extras=extras,
    )


def _model(name: str | None) -> str | None:
    if name is None or not _MODEL.fullmatch(name):
        return None
    return MODEL_ALIASES.get(name, name)

