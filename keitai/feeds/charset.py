"""Turn the bytes of a feed (or a page) into text, whatever its charset.

The declared charset is honoured first (a byte order mark, then the XML declaration or the
page's <meta>, then the Content-Type header), with the Japanese names mapped to the supersets
real sites write: Shift_JIS means Windows-31J (cp932: ①, ㈱, 髙...), EUC-JP means the EUC
form of the same set (eucJP-ms/CP51932, see `keitai.feeds.eucjp`), then EUC-JIS-2004. When the
declared one fails or is missing, cchardet guesses. Only when nothing decodes cleanly is the
best candidate decoded with 〓 in place of the bytes it could not read, and `problem` says so.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass

import cchardet

from keitai.feeds.eucjp import decode_eucjp_ms

#: the names real feeds declare, mapped to what we decode them with
ALIASES = {
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "x-sjis", "s-jis", "windows-31j",
                     "ms_kanji", "csshiftjis", "cswindows31j", "cp932", "ms932", "x-ms-cp932",
                     "ibm-943", "shift_jisx0213", "shift_jis_2004"), "cp932"),
    **dict.fromkeys(("euc-jp", "euc_jp", "eucjp", "x-euc-jp", "x-euc", "ujis", "eucjp-win",
                     "eucjp-ms", "eucjp-open", "x-eucjp-open", "cp51932", "ms51932",
                     "cseucpkdfmtjapanese", "euc-jis-2004", "euc-jisx0213"), "euc-jp"),
    **dict.fromkeys(("iso-2022-jp", "iso2022jp", "csiso2022jp", "iso-2022-jp-1",
                     "iso-2022-jp-2", "iso-2022-jp-3", "iso-2022-jp-2004", "cp50220",
                     "cp50221", "cp50222"), "iso-2022-jp"),
}
#: charsets in which any bytes decode (so a wrong declaration of one hides mojibake)
_ANY_BYTES = {"iso8859-1", "iso8859-15", "cp1252", "ascii"}
#: the Japanese charsets, tried before a guess of any other (a short EUC-JP text is easily
#: taken for Big5)
_JAPANESE = ("utf-8", "euc-jp", "cp932", "iso-2022-jp")

#: codecs that map 〜 ‖ − ¢ £ ¬ as JIS does; the same bytes written by a Windows or PHP site
#: (and in the cp932 and eucJP-ms forms) mean the fullwidth forms: one character for one
#: code whichever way it was read
_JIS_MAPPED = frozenset({"euc_jp", "eucjp-ms", "euc_jis_2004", "shift_jis_2004", "iso2022_jp_ext",
                         "iso2022_jp_2004"})
_AS_WINDOWS = str.maketrans({"\u301c": "\uff5e", "\u2016": "\u2225", "\u2212": "\uff0d",
                             "\u00a2": "\uffe0", "\u00a3": "\uffe1", "\u00ac": "\uffe2"})

REPLACEMENT = "〓"
PROBLEM = "一部の文字が読めませんでした"

_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_META = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Decoded:
    """The text of a document and how it was read."""

    text: str
    #: the Python codec (or "eucjp-ms") that read it
    charset: str
    #: None, or a short Japanese note that some bytes could not be read
    problem: str | None = None


def declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    """Return the charsets the document declares, the document's own declaration first."""
    found: list[str] = []
    head = body[:2048]
    match = _XML_DECLARATION.match(head) or _META.search(head)
    if match:
        found.append(match.group(1).decode("ascii"))
    if content_type:
        header = _CHARSET.search(content_type)
        if header:
            found.append(header.group(1))
    return found


def decode(body: bytes, content_type: str | None = None) -> Decoded:
    """Return body's text, read with the declared charset, else a guessed one."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return _forced(body, name)
    if body[:4] in (b"<\x00?\x00", b"<\x00\x00\x00"):
        return _forced(body, "utf-16-le" if body[:4] == b"<\x00?\x00" else "utf-32-le")
    if body[:4] in (b"\x00<\x00?", b"\x00\x00\x00<"):
        return _forced(body, "utf-16-be" if body[:4] == b"\x00<\x00?" else "utf-32-be")
    candidates: list[str] = []
    for name in declared_charsets(body, content_type):
        codec = _codec(name)
        if codec in _ANY_BYTES and "utf-8" not in candidates:
            candidates.append("utf-8")
        if codec is not None and codec not in candidates:
            candidates.append(codec)
    guessed = _codec(cchardet.detect(body).get("encoding"))
    ordered = (guessed, *_JAPANESE) if guessed in _JAPANESE else (*_JAPANESE, guessed)
    for codec in ordered:
        if codec is not None and codec not in candidates:
            candidates.append(codec)
    for codec in candidates:
        for decoder_name, decoder in _decoders(codec):
            try:
                text = decoder(body)
            except UnicodeError:
                continue
            if decoder_name in _JIS_MAPPED:
                text = text.translate(_AS_WINDOWS)
            return Decoded(text, decoder_name)
    # nothing reads it cleanly: the first candidate, with 〓 for what it cannot read
    first = next((name for name in candidates if name not in _ANY_BYTES), "utf-8")
    lenient = _decoders(first)[0][0]
    text = body.decode(lenient if lenient != "eucjp-ms" else "euc_jp", "replace")
    return Decoded(text.replace("\ufffd", REPLACEMENT), lenient, PROBLEM)


def _forced(body: bytes, codec: str) -> Decoded:
    try:
        return Decoded(body.decode(codec), codec)
    except UnicodeError:
        text = body.decode(codec, "replace").replace("\ufffd", REPLACEMENT)
        return Decoded(text, codec, PROBLEM)


def _codec(name: str | None) -> str | None:
    """Return the codec name for a charset name, or None when Python knows no such codec."""
    if not name:
        return None
    lowered = name.strip().lower()
    if lowered in ALIASES:
        return ALIASES[lowered]
    try:
        return codecs.lookup(lowered).name
    except LookupError:
        return None


def _decoders(codec: str) -> list[tuple[str, Callable[[bytes], str]]]:
    """Return the strict decoders to try, in order, for a codec (supersets first)."""
    def strict(name: str) -> Callable[[bytes], str]:
        return lambda data: data.decode(name)

    if codec == "cp932":
        return [("cp932", strict("cp932")), ("shift_jis_2004", strict("shift_jis_2004"))]
    if codec == "euc-jp":
        return [("euc_jp", strict("euc_jp")), ("eucjp-ms", decode_eucjp_ms),
                ("euc_jis_2004", strict("euc_jis_2004"))]
    if codec == "iso-2022-jp":
        return [("iso2022_jp_ext", strict("iso2022_jp_ext")),
                ("iso2022_jp_2004", strict("iso2022_jp_2004"))]
    return [(codec, strict(codec))]


def declare_utf8(text: str) -> str:
    """Return text (an XML document) without BOM and declaring encoding="utf-8"."""
    text = text.removeprefix("\ufeff")
    return re.sub(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2", r"\1\2utf-8\2", text,
                  count=1)
