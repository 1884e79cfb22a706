"""Read query strings and form bodies as bytes and decode them with the handset's charset.

Every field of a query string or a form (urlencoded or multipart) passes through
decode_fields, which also drops the characters no page may show (see clean_text): XHTML
pages are XML to i-mode and EZweb browsers, and one stored control character would make
every page showing it unreadable to them. They are dropped, not refused: a handset user
whose text picked up a stray byte keeps the diary they typed on a keypad, and no Japanese
text needs them.
"""
from __future__ import annotations

import codecs
import logging
import re
from binascii import Error as BinasciiError
from binascii import unhexlify
from collections.abc import Callable
from functools import lru_cache

import cchardet
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest, RequestURITooLarge

import emoji_maps
from carriers import Handset
from emoji_maps.charsets import normalise_charset

log = logging.getLogger(__name__)

#: below this confidence a guessed charset is not believed
_MIN_CONFIDENCE = 0.5
#: the most fields a query string or a form may have
MAX_FIELDS = 1000
#: the longest query string: no handset sends a longer address (i-mode stops at 512 bytes),
#: and a page that carries one (a login page's next=) must still fit a handset's budget
MAX_QUERY_BYTES = 2048
#: charsets a browser's _charset_ field may name besides Shift_JIS and UTF-8 (Python's names)
_OTHER_FORM_CHARSETS = frozenset(("euc_jp", "iso2022_jp", "ascii", "iso8859-1", "cp1252"))
#: charsets (codec names) that read every ASCII byte as that ASCII character, but ESC, which
#: may start an ISO-2022 sequence or a SoftBank web code: a field of such bytes is read as
#: ASCII without asking the codec and the emoji tables (most keys and values are)
_ASCII_AS_IS = frozenset(("shift_jis", "cp932", "utf-8", "euc_jp", "ascii", "iso8859-1",
                          "cp1252"))
#: C0 controls but TAB, LF and CR; DEL and the C1 controls; the noncharacters of the BMP;
#: lone surrogates. (A class listing the 32 astral noncharacters too makes every search
#: about ten times slower, so those are looked for only in text that has astral characters.)
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ud800-\udfff"
                       "\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
#: a run of percent escapes
_ESCAPES = re.compile(rb"(?:%[0-9A-Fa-f]{2})+")


class BadInputEncoding(BadRequest):
    """The request's bytes are not text in the handset's charset."""

    description = "文字化けした入力を受け取りました。もう一度入力してください。"


class TooManyFields(BadRequest):
    """A query string or form with more fields than any page of ours has."""

    description = "入力の項目が多すぎます。ページを開き直してから送信してください。"


class QueryTooLong(RequestURITooLarge):
    """A query string longer than any handset sends."""

    description = "アドレスが長すぎます。トップページから開き直してください。"


def clean_text(text: str) -> str:
    """Drop control characters (TAB, LF, CR aside), noncharacters and lone surrogates."""
    if text.isascii() and text.isprintable():  # most keys and values: nothing to look for
        return text
    text = _UNWANTED.sub("", text)
    if _ASTRAL.search(text):  # U+nFFFE and U+nFFFF of planes 1 to 16
        text = _ASTRAL.sub(lambda m: "" if ord(m.group()) & 0xFFFE == 0xFFFE else m.group(),
                           text)
    return text


def split_pairs(raw: bytes) -> list[tuple[bytes, bytes]]:
    """Split a urlencoded byte string into percent-decoded byte pairs (bytes stay bytes)."""
    if not raw:
        return []
    items = raw.replace(b";", b"&").split(b"&")
    if len(items) > MAX_FIELDS:
        raise TooManyFields()
    pairs = []
    for item in items:
        if not item:
            continue
        key, _sep, value = item.partition(b"=")
        pairs.append((_unquote(key), _unquote(value)))
    return pairs


def unquote_bytes(raw: bytes) -> bytes:
    """Percent-decode bytes exactly as urllib.parse.unquote_to_bytes does, a run of escapes at
    a time: a "%" not followed by two hex digits stays as it is."""
    if b"%" not in raw:
        return raw
    if len(raw) % 3 == 0 and raw[::3] == b"%" * (len(raw) // 3):  # all escapes: typed text
        digits = raw.replace(b"%", b"")
        if 3 * len(digits) == 2 * len(raw):  # no "%" where the digits should be
            try:
                return unhexlify(digits)
            except BinasciiError:  # a "%" not followed by two hex digits
                pass
    return _ESCAPES.sub(_unhex, raw)


def _unhex(run: re.Match[bytes]) -> bytes:
    return unhexlify(run.group().replace(b"%", b""))


def _unquote(raw: bytes) -> bytes:
    """Percent-decode one key or value, + as a space."""
    return unquote_bytes(raw.replace(b"+", b" "))


def known_charset(label: str) -> str | None:
    """Return the codec name of a charset a form may be in, or None for any other label."""
    label = label.strip().lower()
    try:
        return normalise_charset("pc", label)  # Shift_JIS and UTF-8 under all their names
    except ValueError:
        pass
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):  # ValueError: a label with a NUL in it
        return None
    return name if name in _OTHER_FORM_CHARSETS else None


def guess_charset(raw: bytes) -> str | None:
    """Guess the charset of bytes from a PC or unknown client."""
    result = cchardet.detect(raw)
    encoding, confidence = result.get("encoding"), result.get("confidence") or 0.0
    if not encoding or confidence < _MIN_CONFIDENCE:
        return None
    try:
        return codecs.lookup(str(encoding)).name
    except (LookupError, ValueError):
        return None


def _charset_for(pairs: list[tuple[bytes, bytes]], handset: Handset) -> str:
    """Pick the charset: a browser's _charset_ field, the handset's, or a guess for PCs."""
    for key, value in pairs:
        if key == b"_charset_" and value:
            named = known_charset(value.decode("ascii", "replace"))
            if named is not None:
                return named
    if handset.is_keitai:
        return handset.charset
    joined = b"".join(value for _key, value in pairs if value)
    try:
        joined.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return guess_charset(joined) or "utf-8"


@lru_cache(maxsize=64)  # carriers times the few charsets a form may be in
def field_decoder(carrier: str, charset: str) -> Callable[[bytes], str]:
    """Return the function that turns one field's bytes into clean canonical text; raise
    LookupError for an unknown charset (the function raises UnicodeError or ValueError for
    bytes that are no text in it)."""
    if charset in ("shift_jis", "cp932", "utf-8"):
        general = emoji_maps.decoder(carrier, charset)
    else:
        codecs.lookup(charset)

        def general(data: bytes) -> str:
            return data.decode(charset).replace("\r\n", "\n").replace("\r", "\n")

    if charset not in _ASCII_AS_IS:
        return lambda data: clean_text(general(data))

    def decode(data: bytes) -> str:
        if data.isascii() and b"\x1b" not in data:  # what general() gives, without its work
            text = data.decode("ascii")
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            return clean_text(text)
        return clean_text(general(data))

    return decode


def decode_fields(pairs: list[tuple[bytes, bytes]], handset: Handset) -> MultiDict[str, str]:
    """Decode fields into canonical text without unwanted characters; raise BadInputEncoding."""
    if len(pairs) > MAX_FIELDS:
        raise TooManyFields()
    if not pairs:
        return MultiDict()
    charset = _charset_for(pairs, handset)
    try:
        decode = field_decoder(handset.carrier, charset)
        decoded = [(decode(k), decode(v)) for k, v in pairs]
    except (UnicodeError, LookupError, ValueError) as exc:
        log.info("undecodable input from %s (%s): %s", handset.model, charset, exc)
        raise BadInputEncoding() from exc
    return MultiDict(decoded)


def decode_pairs(raw: bytes, handset: Handset) -> MultiDict[str, str]:
    """Decode urlencoded bytes into a MultiDict of canonical text; raise BadInputEncoding."""
    return decode_fields(split_pairs(raw), handset)


def decode_query(raw: bytes, handset: Handset) -> MultiDict[str, str]:
    """Decode a query string like a form; raise QueryTooLong for one no handset sends."""
    if len(raw) > MAX_QUERY_BYTES:
        raise QueryTooLong()
    return decode_pairs(raw, handset)
