"""What the site calls a handset's kind, markup family, charset and terminal ids, in Japanese.

Data for pages that describe the handset in hand (/handset): a view asks kind_name(handset)
and never compares carrier names itself. The technical name a user would search for is kept
in parentheses.
"""
from __future__ import annotations

from carriers.handset import Handset
from carriers.markup import CHARSET_LABELS

#: the kind of handset of each carrier
KIND_NAMES = {
    "docomo": "ドコモの携帯電話(iモード)",
    "au": "auの携帯電話(EZweb)",
    "softbank": "ソフトバンクの携帯電話(Yahoo!ケータイ)",
    "willcom": "ウィルコムのPHS",
    "smartphone": "スマートフォン",
    "pc": "パソコン",
}
#: (carrier, markup family) whose kind is not its carrier's: the overseas feature phones that
#: carriers.web serves XHTML MP
KIND_BY_MARKUP = {("smartphone", "xhtml_mp"): "海外の携帯電話"}
#: markup family names as their documents spell them
MARKUP_NAMES = {"chtml": "cHTML", "ixhtml": "i-XHTML", "xhtml_mp": "XHTML Mobile Profile",
                "html5": "HTML5"}
#: what each kind of terminal id (Handset.terminal_ids) is called
ID_NAMES = {"subscriber_id": "契約者固有ID (subscriber_id)", "serial": "製造番号 (serial)",
            "card_id": "FOMAカードの製造番号 (icc)"}


def kind_name(handset: Handset) -> str:
    """Return what kind of handset this is, in Japanese."""
    return KIND_BY_MARKUP.get((handset.carrier, handset.markup)) or KIND_NAMES.get(
        handset.carrier, KIND_NAMES["pc"])


def markup_name(handset: Handset) -> str:
    """Return the name of the markup family the handset's pages are written in."""
    return MARKUP_NAMES.get(handset.markup, handset.markup)


def charset_name(handset: Handset) -> str:
    """Return the handset's charset as Content-Type spells it (Shift_JIS, UTF-8)."""
    return CHARSET_LABELS.get(handset.charset, handset.charset)


def id_name(kind: str) -> str:
    """Return what a kind of terminal id is called."""
    return ID_NAMES.get(kind, kind)
