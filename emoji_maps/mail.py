"""Handset mail text: carrier emoji in ISO-2022-JP, Shift_JIS and UTF-8 mail, both ways.

Mail is not the web. The charset comes from the mail (Content-Type or an encoded word), the emoji
table from the sender's carrier, which only the sender's domain tells (the codes of docomo and
SoftBank overlap, au's are invalid JIS): see carriers.mail_domains.

- docomo (and WILLCOM, which shows docomo's emoji): Shift_JIS mail uses the web codes F89F–F9FC;
  WILLCOM also puts those raw bytes inside ISO-2022-JP.
- au: ISO-2022-JP mail has emoji as JIS codes in rows 75–7B, Shift_JIS mail as the same codes
  turned into Shift_JIS (EB40–EE93); both are shifted onto the web codes (data/mail_codes.tsv).
  Web codes in Shift_JIS mail are read too.
- SoftBank: Shift_JIS mail uses the binary codes of its 3G handsets (F741–FBDE), UTF-8 mail its
  private use U+E001–U+E53E.
- UTF-8 mail from any carrier's smartphone: that carrier's private use, standard emoji as they are.

Decoding never raises: bytes that are no text in the charset become 〓 and are logged.
"""
from __future__ import annotations

import logging
import re
from functools import cache
from typing import Literal

from emoji_maps import jis
from emoji_maps.charsets import DecodeError
from emoji_maps.decoding import GETA, decoder, from_carrier_pua
from emoji_maps.encoding import encode
from emoji_maps.mail_tables import DATA_DIR
from emoji_maps.tables import tables

log = logging.getLogger("emoji_maps")

Family = Literal["jis", "sjis", "utf8"]
#: whose emoji a mail carrier's handsets write (carriers.mail_domains names); None: not a handset
EMOJI_CARRIER = {"docomo": "docomo", "au": "au", "softbank": "softbank", "willcom": "willcom",
                 "emobile": "smartphone", None: "pc"}
_FAMILIES: dict[str, Family] = {
    **dict.fromkeys(("iso-2022-jp", "iso-2022-jp-1", "iso-2022-jp-2", "iso-2022-jp-3",
                     "iso-2022-jp-2004", "iso-2022-jp-ms", "iso-2022-jp-kddi", "csiso2022jp",
                     "iso2022jp", "iso2022_jp", "cp50220", "cp50221", "cp50222", "jis",
                     "x-iso-2022-jp-kddi", "x-iso-2022-jp-airh"), "jis"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "x-sjis", "s-jis", "cp932", "ms932",
                     "windows-31j", "ms_kanji", "csshiftjis", "cswindows31j", "x-ms-cp932",
                     "shift_jis-2004", "shift_jisx0213", "x-sjis-docomo", "x-sjis-kddi",
                     "x-sjis-softbank", "x-sjis-imode", "x-sjis-ezweb"), "sjis"),
    **dict.fromkeys(("utf-8", "utf8", "utf_8", "x-utf8-docomo", "x-utf8-kddi",
                     "x-utf8-softbank"), "utf8"),
}
_ASCII_NAMES = frozenset(("us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "7bit", ""))
_MAIL_SJIS = re.compile(rb"[\x81-\x9f\xe0-\xea\xef-\xfc][\x40-\x7e\x80-\xfc]"
                        rb"|([\xeb-\xee][\x40-\x7e\x80-\xfc])")
_MAX_BAD = 64
#: what plain cp932 gives for bytes that are no text (80, A0, FD-FF, bad pairs) or for emoji
_NOT_TEXT = re.compile("[\x80\ufffd\ue000-\uf8ff]")


def family(charset: str | None) -> Family | None:
    """Return which mail decoder a charset name needs (None: ASCII, unknown or absent)."""
    return _FAMILIES.get((charset or "").strip().strip('"').lower())


@cache
def au_mail_codes() -> tuple[dict[int, int], dict[int, int]]:
    """Return au's mail codes: JIS code -> web Shift_JIS, mail Shift_JIS -> web Shift_JIS."""
    by_jis, by_sjis = {}, {}
    for line in (DATA_DIR / "mail_codes.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        _carrier, _pua, web, mail_jis, mail_sjis = line.split("\t")
        by_jis[int(mail_jis, 16)] = by_sjis[int(mail_sjis, 16)] = int(web, 16)
    return by_jis, by_sjis


def decode_mail(data: bytes, carrier: str | None, charset: str | None) -> str:
    """Decode a mail's text (a body part or a header's bytes) into canonical text.

    carrier is the sender's mail carrier (carriers.mail_domains), None for other senders;
    charset as the mail declares it. Without a charset it is told from the bytes: escapes mean
    ISO-2022-JP, valid UTF-8 means UTF-8, anything else is read as Shift_JIS.
    """
    web = EMOJI_CARRIER.get(carrier, "pc")
    name = (charset or "").strip().strip('"').lower()
    found = _FAMILIES.get(name)
    if found is None:
        if name not in _ASCII_NAMES and not data.isascii():
            try:
                return data.decode(name, "replace").replace("\ufffd", GETA)
            except (LookupError, ValueError, TypeError):  # no such codec, or not for text
                pass
        found = guess(data)
    if found == "utf8":
        text = data.decode("utf-8", "replace").replace("\ufffd", GETA)
        return from_carrier_pua(text, web)
    if found == "jis":
        data = jis.to_sjis(data, au_mail_codes()[0] if web == "au" else {})
    elif web == "au":
        data = _MAIL_SJIS.sub(_au_web_code, data)
    return _lenient(data, web)


def guess(data: bytes) -> Family:
    """Tell the charset of bytes that do not name one."""
    if b"\x1b$" in data or b"\x1b(" in data:
        return "jis"
    if data.isascii():
        return "jis"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "sjis"
    return "utf8"


def _au_web_code(match: re.Match[bytes]) -> bytes:
    if match.group(1) is None:
        return match.group()
    web = au_mail_codes()[1].get(int.from_bytes(match.group(1), "big"))
    return match.group() if web is None else web.to_bytes(2, "big")


def _lenient(data: bytes, carrier: str) -> str:
    """Decode Shift_JIS with the carrier's emoji; bytes that are no text become 〓."""
    decode = decoder(carrier, "shift_jis")
    budget = _MAX_BAD

    def read(chunk: bytes) -> str:
        nonlocal budget
        pieces: list[str] = []
        while True:
            try:
                return "".join(pieces) + decode(chunk)
            except DecodeError as exc:
                budget -= 1
                if budget <= 0:
                    log.warning("mail text from %s: too many bad bytes; read as plain cp932",
                                carrier)
                    return "".join(pieces) + _NOT_TEXT.sub(GETA, chunk.decode("cp932", "replace"))
                log.warning("mail text from %s: %s became 〓", carrier, exc.reason)
                start = exc.offset
                # the prefix may hold bad bytes too (SoftBank's decoder looks for ESC first)
                pieces += [read(chunk[:start]) if start else "", GETA]
                chunk = chunk[start + _bad_width(chunk, start):]

    return read(data)


def _bad_width(data: bytes, start: int) -> int:
    """Return how many bytes a bad character takes: a lead byte and a trail byte, or one."""
    lead = data[start]
    pair = (0x81 <= lead <= 0x9F or 0xE0 <= lead <= 0xFC) and len(data) > start + 1
    return 2 if pair and 0x40 <= data[start + 1] <= 0xFC and data[start + 1] != 0x7F else 1


def encode_mail(text: str, carrier: str | None, charset: str) -> bytes:
    """Encode canonical text the way a carrier's handset writes it in mail of this charset.

    The counterpart of decode_mail, for building handset mail (and writing to handsets):
    emoji the carrier has become its mail codes, others its text fallback or 〓.
    """
    web = EMOJI_CARRIER.get(carrier, "pc")
    found = family(charset) or "jis"
    if found == "utf8":
        return encode(text, web, "utf-8")
    if web == "softbank":
        sjis = _softbank_mail_sjis(text)
    else:
        sjis = encode(text, web if web in ("docomo", "au", "willcom") else "pc", "shift_jis")
    if found == "sjis":
        if web == "au":
            to_mail = {web_code: mail for mail, web_code in au_mail_codes()[1].items()}
            return re.sub(rb"[\xf3\xf4\xf6\xf7][\x40-\x7e\x80-\xfc]|[\x81-\x9f\xe0-\xfc].",
                          lambda m: _replace_code(m.group(), to_mail), sjis, flags=re.S)
        return sjis
    if web == "au":
        return jis.from_sjis(sjis, {web_code: j for j, web_code in au_mail_codes()[0].items()})
    return jis.from_sjis(sjis, raw_emoji=web == "willcom")


def _replace_code(code: bytes, table: dict[int, int]) -> bytes:
    found = table.get(int.from_bytes(code, "big")) if len(code) == 2 else None
    return code if found is None else found.to_bytes(2, "big")


def _softbank_mail_sjis(text: str) -> bytes:
    """Write SoftBank's emoji as the binary Shift_JIS codes its handsets put in mail."""
    codes = tables().codes["softbank"]
    out = bytearray()
    for piece in re.split("([\ue001-\ue53e])", encode(text, "softbank", "utf-8").decode("utf-8")):
        code = codes.get(ord(piece)) if len(piece) == 1 else None
        out += code.sjis.to_bytes(2, "big") if code else encode(piece, "pc", "shift_jis")
    return bytes(out)
