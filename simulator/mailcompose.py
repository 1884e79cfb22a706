"""Write a mail the way a handset's carrier sends it: charsets, emoji codes, headers, parts.

- docomo: ISO-2022-JP, or Shift_JIS (8bit) with docomo's emoji (F89F-F9FC) when the text has
  emoji; From as a bare address.
- au: ISO-2022-JP (7bit) even with emoji: au's mail emoji are JIS pairs in rows 0x75-0x7B
  inside ESC $ B, in the body and in the B-encoded Subject.
- WILLCOM: as docomo.
- SoftBank: UTF-8 (8bit) with SoftBank's private-use emoji (U+E001-E53E); From in angle
  brackets and a Sender: header.
- Other senders (PC, smartphone): UTF-8.
Attachments go in a multipart/mixed mail as base64 parts with Content-Disposition:
attachment. The shapes follow carrier mail as received (media_mail_facts.md B.1, B.3).
"""
from __future__ import annotations

import base64
import hashlib
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import formatdate

import emoji_maps
from carriers.mail_domains import mail_reader


@dataclass(frozen=True)
class Attached:
    """A file attached to a mail."""

    filename: str
    content_type: str
    data: bytes


#: ESC sequences of ISO-2022-JP
_TO_JIS, _TO_ASCII = b"\x1b$B", b"\x1b(B"
#: what a handset shows for a character ISO-2022-JP cannot carry (〓)
_GETA = b"\x22\x2e"


def _sjis_to_jis(lead: int, trail: int) -> bytes:
    """Return the JIS pair of a Shift_JIS pair (the ordinary arithmetic)."""
    row = (lead - 0x70 if lead < 0xA0 else lead - 0xB0) * 2
    if trail < 0x9F:
        return bytes((row - 1, trail - (0x20 if trail > 0x7F else 0x1F)))
    return bytes((row, trail - 0x7E))


def _jis_pair(char: str, carrier: str) -> bytes:
    """Return the JIS pair of one non-ASCII character; au's emoji as its mail codes.

    au's web Shift_JIS emoji (lead F3/F4, F6/F7) are its mail JIS codes after the JIS to
    Shift_JIS arithmetic plus 0x0600 or 0x0B00 (media_mail_facts.md B.1).
    """
    if carrier == "au":
        sjis = emoji_maps.encode(char, "au", "shift_jis")
        if len(sjis) == 2 and sjis[0] in (0xF3, 0xF4, 0xF6, 0xF7):
            shifted = int.from_bytes(sjis, "big") - (0x0600 if sjis[0] < 0xF5 else 0x0B00)
            return _sjis_to_jis(shifted >> 8, shifted & 0xFF)
    try:
        return char.encode("iso2022_jp")[3:5]
    except UnicodeEncodeError:
        return _GETA


def mail_jis(text: str, carrier: str = "pc") -> bytes:
    """Return text as handset mail's ISO-2022-JP: half-width kana widened, au's emoji as its
    JIS codes (rows 0x75-0x7B), whatever else JIS lacks as 〓."""
    if any("\uff61" <= char <= "\uff9f" for char in text):
        text = "".join(unicodedata.normalize("NFKC", c) if "\uff61" <= c <= "\uff9f" else c
                       for c in text)
    out, double = bytearray(), False
    for char in text:
        if ord(char) < 0x80:
            if double:
                out += _TO_ASCII
                double = False
            out += char.encode("ascii")
            continue
        if not double:
            out += _TO_JIS
            double = True
        out += _jis_pair(char, carrier)
    if double:
        out += _TO_ASCII
    return bytes(out)


def _fits_jis(text: str) -> bool:
    try:
        text.encode("iso2022_jp")
    except UnicodeEncodeError:
        return False
    return True


def encode_text(text: str, carrier: str) -> tuple[bytes, str, str]:
    """Return (bytes, charset, transfer encoding) of text as that carrier's handset mails it."""
    if carrier == "au":
        return mail_jis(text, "au"), "ISO-2022-JP", "7bit"
    if carrier in ("docomo", "willcom"):
        if _fits_jis(text):
            return mail_jis(text), "ISO-2022-JP", "7bit"
        return emoji_maps.encode(text, "docomo", "shift_jis"), "Shift_JIS", "8bit"
    if carrier == "softbank":
        return emoji_maps.encode(text, "softbank", "utf-8"), "UTF-8", "8bit"
    return text.encode("utf-8"), "UTF-8", "8bit"


def _subject(text: str, carrier: str) -> bytes:
    if not text:
        return b""
    data, charset, _encoding = encode_text(text, carrier)
    return f"=?{charset}?B?{base64.b64encode(data).decode('ascii')}?=".encode("ascii")


def carrier_mail(sender: str, to: str, subject: str, body: str,
                 attachments: Sequence[Attached] = (), *, carrier: str | None = None,
                 message_id: str | None = None, date: str | None = None) -> bytes:
    """Return the raw bytes of a mail from sender as its carrier's handset sends it."""
    carrier = carrier or mail_reader(sender)
    domain = sender.rpartition("@")[2] or "localhost"
    seed = hashlib.sha256(f"{sender}\n{to}\n{subject}\n{body}".encode()).hexdigest()
    message_id = message_id or f"<{secrets.token_hex(10)}@{domain}>"
    text, charset, encoding = encode_text(body.replace("\r\n", "\n"), carrier)
    text = text.replace(b"\n", b"\r\n")
    head = [b"From: " + (f"<{sender}>" if carrier == "softbank" else sender).encode("ascii"),
            b"To: " + to.encode("ascii"), b"Date: " + (date or formatdate()).encode("ascii"),
            b"Message-ID: " + message_id.encode("ascii"), b"MIME-Version: 1.0"]
    if carrier == "softbank":
        head.append(b"Sender: " + sender.encode("ascii"))
    if subject:
        head.append(b"Subject: " + _subject(subject, carrier))
    text_type = f"text/plain; charset={charset}".encode("ascii")
    if not attachments:
        head += [b"Content-Type: " + text_type,
                 b"Content-Transfer-Encoding: " + encoding.encode("ascii")]
        return b"\r\n".join(head) + b"\r\n\r\n" + text + b"\r\n"
    boundary = f"--{seed[:24]}".encode("ascii")
    head.append(b'Content-Type: multipart/mixed; boundary="' + boundary + b'"')
    parts = [b"Content-Type: " + text_type + b"\r\nContent-Transfer-Encoding: "
             + encoding.encode("ascii") + b"\r\n\r\n" + text]
    for item in attachments:
        name = item.filename.encode("ascii", "replace")
        encoded = base64.encodebytes(item.data).replace(b"\n", b"\r\n").rstrip(b"\r\n")
        parts.append(b"Content-Type: " + item.content_type.encode("ascii") + b'; name="'
                     + name + b'"\r\nContent-Transfer-Encoding: base64\r\n'
                     b'Content-Disposition: attachment; filename="' + name + b'"\r\n\r\n'
                     + encoded)
    body_bytes = b"".join(b"--" + boundary + b"\r\n" + part + b"\r\n" for part in parts)
    return (b"\r\n".join(head) + b"\r\n\r\n" + body_bytes + b"--" + boundary + b"--\r\n")
