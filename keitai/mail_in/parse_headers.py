"""Header fields of handset mail: encoded words, addresses and parameters, from the raw bytes.

Python's email package is used for the structure only: it turns carrier emoji into U+FFFD and
leaves some au subjects undecoded, so every header value is taken raw (as the bytes parser kept
it, 8-bit bytes as surrogates) and decoded here with emoji_maps.mail, per the sender's carrier.
"""
from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable
from urllib.parse import unquote_to_bytes

from emoji_maps.mail import decode_mail

_ENCODED_WORD = re.compile(rb"=\?([^?\s*]+)(?:\*[^?\s]*)?\?([BbQq])\?([^?\s]*)\?=")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_CONTROLS = re.compile("[\x00-\x1f\x7f]+")
_PARAM = re.compile(r';\s*([^\s=;]+)\s*=\s*("[^"]*"|[^;]*)')
_SECTION = re.compile(r"^(.+?)\*(\d+)?(\*)?$")


def raw_bytes(value: str) -> bytes:
    """Return the bytes of a header value as email's bytes parser kept it."""
    return _FOLD.sub("", value).strip().encode("ascii", "surrogateescape")


def header_text(raw: bytes, carrier: str | None) -> str:
    """Decode an unstructured header (Subject): encoded words in any charset, also when one
    character is split across two words, and raw ISO-2022-JP, Shift_JIS or UTF-8 between them."""
    pieces: list[tuple[str | None, bytes]] = []  # (charset or None for raw text, bytes)
    last = 0
    for match in _ENCODED_WORD.finditer(raw):
        between = raw[last:match.start()]
        if between and not (between.isspace() and pieces and pieces[-1][0] is not None):
            pieces.append((None, between))
        charset = match.group(1).decode("ascii", "replace").lower()
        data = _word_bytes(match.group(2).upper(), match.group(3))
        if pieces and pieces[-1][0] == charset:
            pieces[-1] = (charset, pieces[-1][1] + data)
        else:
            pieces.append((charset, data))
        last = match.end()
    if raw[last:]:
        pieces.append((None, raw[last:]))
    text = "".join(decode_mail(data, carrier, charset) for charset, data in pieces)
    return _CONTROLS.sub(" ", text).strip()


def _word_bytes(encoding: bytes, payload: bytes) -> bytes:
    if encoding == b"Q":
        return binascii.a2b_qp(payload, header=True)
    payload = re.sub(rb"[^A-Za-z0-9+/]", b"", payload)
    try:  # padding is often missing
        return base64.b64decode(payload + b"=" * (-len(payload) % 4))
    except binascii.Error:  # a stray character: keep the whole quanta
        return base64.b64decode(payload[: len(payload) // 4 * 4])


def split_addresses(value: str) -> Iterable[str]:
    """Split an address list at the commas outside quotes, angle brackets and comments."""
    depth, quoted, angle, start = 0, False, False, 0
    for index, char in enumerate(value):
        if char == '"' and depth == 0:
            quoted = not quoted
        elif quoted:
            continue
        elif char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif char == "<" and not depth:
            angle = True
        elif char == ">" and not depth:
            angle = False
        elif char == "," and not depth and not angle:
            yield value[start:index]
            start = index + 1
    yield value[start:]


def address_of(item: str) -> str | None:
    """Return the address in one list item: local part exactly as written (quotes taken off),
    domain lower-cased; None when it holds none. Lenient: docomo's "a..b.@" addresses pass."""
    item = re.sub(r'\((?:[^()"\\]|\\.)*\)', " ", item)
    inside = re.findall(r"<([^<>]*)>", item)
    if inside:
        candidate = inside[-1]
    else:
        words = [w for w in re.findall(r'"[^"]*"@\S+|\S+', item) if "@" in w]
        if not words:
            return None
        candidate = words[-1]
    candidate = "".join(candidate.split()).strip(",;")
    if candidate.startswith("@") and ":" in candidate:  # an obsolete source route
        candidate = candidate.split(":", 1)[1]
    local, at, domain = candidate.rpartition("@")
    if not at or not local or not domain:
        return None
    if len(local) >= 2 and local[0] == local[-1] == '"':
        local = re.sub(r"\\(.)", r"\1", local[1:-1])
    return f"{local}@{domain.lower()}"


def addresses(values: Iterable[str]) -> list[str]:
    """Return the addresses in header values (To, Cc), in order."""
    found = []
    for value in values:
        text = _FOLD.sub("", value)
        for item in split_addresses(text):
            address = address_of(item)
            if address is not None:
                found.append(address)
    return found


def parameter(value: str, names: tuple[str, ...], carrier: str | None) -> str:
    """Return the first of the named parameters (e.g. filename, name) of a raw header value,
    decoded: RFC 2231 (also continued), RFC 2047 in quotes, or raw Shift_JIS/UTF-8 bytes."""
    params: dict[str, str] = {}
    for key, raw in _PARAM.findall(_FOLD.sub("", value)):
        params.setdefault(key.lower(), raw.strip())
    for name in names:
        extended = _rfc2231(params, name, carrier)
        if extended:
            return extended
    for name in names:
        plain = params.get(name)
        if plain:
            data = raw_bytes(plain[1:-1] if plain.startswith('"') else plain)
            if data.isascii() and b"\\" in data:
                data = re.sub(rb"\\(.)", rb"\1", data)
            return header_text(data, carrier)
    return ""


def _rfc2231(params: dict[str, str], name: str, carrier: str | None) -> str:
    sections: list[tuple[int, bool, str]] = []
    for key, raw in params.items():
        match = _SECTION.match(key)
        if match and match.group(1) == name:
            sections.append((int(match.group(2) or 0), match.group(3) is not None
                             or match.group(2) is None, raw.strip('"')))
    if not sections:
        return ""
    sections.sort()
    charset = None
    data = b""
    for number, encoded, raw in sections:
        if encoded and number == 0 and raw.count("'") >= 2:
            charset, _language, raw = raw.split("'", 2)
        piece = raw_bytes(raw)
        data += unquote_to_bytes(piece) if encoded else piece
    return _CONTROLS.sub(" ", decode_mail(data, carrier, charset)).strip()
