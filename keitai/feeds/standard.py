"""Text fetched from other sites, made fit for every handset before it is stored.

Feeds are written on PCs, in Windows' Shift_JIS (cp932) or its EUC-JP twin, and freely use its
extension rows, the 機種依存文字 (machine-dependent characters) docomo handsets refuse. News
items and blog entries are stored with those written in standard characters, as keitai
sites did; the parser itself (keitai.feeds.parse) keeps them, faithfully.
"""
from __future__ import annotations

import unicodedata

#: Shift_JIS codes of the extension rows docomo handsets refuse: NEC row 13 (①, ㈱, ㍻), the
#: NEC-selected IBM extensions and the IBM extensions (髙, 﨑, ⅰ)
_EXTENSION_ROWS = ((0x8740, 0x879F), (0xED40, 0xEEFC), (0xFA40, 0xFC4B))
#: the common extension kanji and their standard forms (names in the news: 髙橋, 山﨑)
_KANJI = str.maketrans({"髙": "高", "﨑": "崎", "德": "徳", "瀨": "瀬", "栁": "柳", "淸": "清",
                        "黑": "黒"})


def _extension(char: str) -> bool:
    """Tell whether a character is written in a Shift_JIS extension row."""
    try:
        code = int.from_bytes(char.encode("cp932"), "big")
    except UnicodeEncodeError:
        return False
    return any(low <= code <= high for low, high in _EXTENSION_ROWS)


def standard_characters(text: str) -> str:
    """Write the machine-dependent characters (機種依存文字) of feed text in standard ones, as
    keitai sites did: ① as (1), ㈱ as (株), ㍻ as 平成, ⅰ as i, 髙 as 高. An extension kanji
    without a standard form is left as it is."""
    if text.isascii():
        return text
    out = []
    for char in text.translate(_KANJI):
        if not _extension(char):
            out.append(char)
        elif "①" <= char <= "⑳":
            out.append(f"({ord(char) - ord('①') + 1})")
        else:
            folded = unicodedata.normalize("NFKC", char)
            out.append(folded if folded != char and not any(map(_extension, folded)) else char)
    return "".join(out)
