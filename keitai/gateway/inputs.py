"""Read query strings and form bodies as bytes and decode them with the handset's charset."""
from __future__ import annotations

import logging
from urllib.parse import unquote_to_bytes

import cchardet
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

import emoji_maps
from carriers import Handset

log = logging.getLogger(__name__)

#: below this confidence a guessed charset is not believed
_MIN_CONFIDENCE = 0.5
_MAX_FIELDS = 1000
#: charsets emoji_maps reads, carrier emoji included; others go through Python's codecs
_EMOJI_CHARSETS = frozenset(("shift_jis", "sjis", "cp932", "windows-31j", "utf-8", "utf8"))


class BadInputEncoding(BadRequest):
    """The request's bytes are not text in the handset's charset."""

    description = "文字化けした入力を受け取りました。もう一度入力してください。"


def split_pairs(raw: bytes) -> list[tuple[bytes, bytes]]:
    """Split a urlencoded byte string into percent-decoded byte pairs (bytes stay bytes)."""
    if not raw:
        return []
    items = raw.replace(b";", b"&").split(b"&")
    if len(items) > _MAX_FIELDS:
        raise BadRequest("入力の項目が多すぎます。")
    pairs = []
    for item in items:
        if not item:
            continue
        key, _sep, value = item.partition(b"=")
        pairs.append((unquote_to_bytes(key.replace(b"+", b" ")),
                      unquote_to_bytes(value.replace(b"+", b" "))))
    return pairs


def guess_charset(raw: bytes) -> str | None:
    """Guess the charset of bytes from a PC or unknown client."""
    result = cchardet.detect(raw)
    encoding, confidence = result.get("encoding"), result.get("confidence") or 0.0
    if not encoding or confidence < _MIN_CONFIDENCE:
        return None
    return str(encoding).lower()


def _charset_for(pairs: list[tuple[bytes, bytes]], handset: Handset) -> str:
    """Pick the charset: the handset's, a browser's _charset_ field, or a guess for PCs."""
    for key, value in pairs:
        if key == b"_charset_" and value:
            return value.decode("ascii", "replace").lower()
    if handset.is_keitai:
        return handset.charset
    joined = b"".join(value for _key, value in pairs if value)
    try:
        joined.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return guess_charset(joined) or "utf-8"


def _decode(data: bytes, carrier: str, charset: str) -> str:
    if charset in _EMOJI_CHARSETS:
        return emoji_maps.decode(data, carrier, charset)
    return data.decode(charset).replace("\r\n", "\n").replace("\r", "\n")


def decode_pairs(raw: bytes, handset: Handset) -> MultiDict[str, str]:
    """Decode urlencoded bytes into a MultiDict of canonical text; raise BadInputEncoding."""
    pairs = split_pairs(raw)
    if not pairs:
        return MultiDict()
    charset = _charset_for(pairs, handset)
    carrier = handset.carrier
    try:
        decoded = [(_decode(k, carrier, charset), _decode(v, carrier, charset))
                   for k, v in pairs]
    except (UnicodeDecodeError, LookupError, ValueError) as exc:
        log.info("undecodable input from %s (%s): %s", handset.model, charset, exc)
        raise BadInputEncoding() from exc
    return MultiDict(decoded)
