"""Build carrier-style mails for tests: carrier_mail("au", sender, to, subject, body, files).

The text is written the way the carrier's handsets write it (emoji_maps.mail.encode_mail):
docomo ISO-2022-JP, or Shift_JIS 8bit with docomo's emoji when the text has emoji; au always
ISO-2022-JP with its JIS emoji; SoftBank ISO-2022-JP, or Shift_JIS 8bit with its mail emoji
(From in angle brackets, a Sender: header, headers without a space after the colon); WILLCOM
ISO-2022-JP; anyone else UTF-8. charset= overrides ("iso-2022-jp", "shift_jis", "utf-8").
Attachments are base64 parts of a multipart/mixed mail, typed by their bytes.
"""
from __future__ import annotations

import base64
import hashlib
import mimetypes
from collections.abc import Sequence
from urllib.parse import quote_from_bytes

from emoji_maps.mail import encode_mail, family
from emoji_maps.tables import tables
from keitai.mail_in.parse_parts import sniff

DATE = "Mon, 01 Mar 2010 12:00:00 +0900"
_DEFAULT = {"docomo": "shift_jis", "au": "iso-2022-jp", "softbank": "shift_jis",
            "willcom": "iso-2022-jp"}
_LABEL = {"jis": "ISO-2022-JP", "sjis": "Shift_JIS", "utf8": "UTF-8"}


def has_emoji(text: str) -> bool:
    """Tell whether text holds an emoji (a canonical form or a Google code)."""
    keys = tables().by_key
    return any(char in keys or 0xFE000 <= ord(char) <= 0xFEFFF for char in text)


def carrier_mail(carrier: str, sender: str, to: str, subject: str, body: str,
                 attachments: Sequence[tuple[str, bytes]] = (), *, charset: str | None = None,
                 message_id: str | None = None, date: str = DATE) -> bytes:
    """Return the raw bytes of a mail as the carrier's handset (or a PC for others) sends it.

    carrier: "docomo", "au", "softbank", "willcom", or anything else for a PC's UTF-8 mail;
    attachments: (filename, bytes) pairs.
    """
    mail_carrier = carrier if carrier in _DEFAULT else None
    if charset is None:
        charset = _DEFAULT.get(carrier, "utf-8")
        if carrier in ("docomo", "softbank") and not has_emoji(subject + body):
            charset = "iso-2022-jp"
    kind = family(charset) or "jis"
    label = _LABEL[kind]
    softbank = carrier == "softbank"
    colon = ":" if softbank else ": "
    digest = hashlib.sha1(repr((carrier, sender, to, subject, body, date)).encode()).hexdigest()
    domain = sender.rpartition("@")[2] or "example.jp"
    headers: list[str | bytes] = [
        f"Date: {date}",
        f"From: <{sender}>" if softbank else f"From: {sender}",
        *([f"Sender: {sender}"] if softbank else []),
        f"To: {to}",
        *([b"Subject: " + _subject(subject, mail_carrier, label)] if subject or not softbank
          else []),
        f"Message-ID: {message_id or f'<{digest[:20]}@{domain}>'}",
        "MIME-Version: 1.0",
    ]
    text = encode_mail(body.replace("\r\n", "\n").replace("\n", "\r\n"), mail_carrier, charset)
    text_headers: list[str | bytes] = [f"Content-Type{colon}text/plain; charset={label}",
                    f"Content-Transfer-Encoding{colon}{'7bit' if kind == 'jis' else '8bit'}"]
    if not attachments:
        return _join(headers + text_headers, text)
    boundary = f"--mixed_{digest[20:32]}"
    parts = [b"--" + boundary.encode() + b"\r\n" + _join(text_headers, text)]
    for filename, data in attachments:
        content_type = sniff(data)[0] or mimetypes.guess_type(filename)[0] or \
            "application/octet-stream"
        parts.append(b"--" + boundary.encode() + b"\r\n" + _join([
            f"Content-Type{colon}{content_type}; {_param('name', filename, mail_carrier, charset)}",
            f"Content-Transfer-Encoding{colon}base64",
            f"Content-Disposition{colon}attachment; "
            f"{_param('filename', filename, mail_carrier, charset)}",
        ], base64.encodebytes(data).replace(b"\n", b"\r\n")))
    body_bytes = b"\r\n".join(parts) + b"\r\n--" + boundary.encode() + b"--\r\n"
    return _join(headers + [f'Content-Type{colon}multipart/mixed; boundary="{boundary}"'],
                 body_bytes)


def _join(headers: Sequence[str | bytes], body: bytes) -> bytes:
    lines = [h if isinstance(h, bytes) else h.encode("ascii") for h in headers]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def _subject(subject: str, carrier: str | None, label: str) -> bytes:
    """Encoded words of at most ten characters each, folded; each one whole in itself."""
    if subject.isascii():
        return subject.encode("ascii")
    chunks = [subject[i:i + 10] for i in range(0, len(subject), 10)]
    words = [b"=?" + label.encode() + b"?B?" +
             base64.b64encode(encode_mail(chunk, carrier, label)) + b"?=" for chunk in chunks]
    return b"\r\n ".join(words)


def _param(key: str, filename: str, carrier: str | None, charset: str) -> str:
    """key="name" for ASCII names, else RFC 2231 (key*=charset''%XX...), as iPhones write."""
    if filename.isascii():
        return f'{key}="{filename}"'
    label = "utf-8" if family(charset) == "utf8" else "iso-2022-jp"
    data = encode_mail(filename, carrier, label)
    return f"{key}*={label}''{quote_from_bytes(data, safe='')}"
