"""Read a mail a handset sent to the site: sender, subject, body and attachments, as the app's text.

Pure Python: no Flask, no database. The structure comes from Python's email package; every piece
of text is decoded here from the raw bytes with the sender's carrier's emoji (emoji_maps.mail),
because the email package turns carrier emoji into U+FFFD. The carrier is told by the From
domain only (carriers.mail_domains), never guessed from the bytes.

- Text: ISO-2022-JP read the CP50220 way (NEC row 13, half-width kana), Shift_JIS as cp932,
  UTF-8; quoted-printable and base64; encoded words in the Subject in all three, also split.
- Body: the text/plain parts (decomail: its text part); without one, the HTML part's text. Line
  endings become \\n, trailing blank lines go, nothing else is changed (signatures stay).
- Attachments: every non-text part except decomail decoration, which is an image the HTML shows
  by cid:, not marked as an attachment and not a camera photo (no Exif). An iPhone's inline photo,
  which its HTML also shows by cid:, carries Exif and so stays an attachment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message

from carriers.mail_domains import mail_carrier
from emoji_maps.decoding import from_carrier_pua
from emoji_maps.mail import EMOJI_CARRIER, decode_mail
from keitai.mail_in.parse_headers import addresses, header_text, parameter, raw_bytes
from keitai.mail_in.parse_mime import leaves
from keitai.mail_in.parse_parts import (
    cid_references,
    html_text,
    is_camera_photo,
    sniff,
    unwrap_base64,
)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Attachment:
    """A file sent with the mail."""

    #: sniffed from the bytes (image/jpeg, image/gif, image/png, video/3gpp, video/3gpp2,
    #: video/mp4, video/quicktime), else what the part declared
    content_type: str
    #: "image", "video" or "other", by the bytes, never by name or declared type
    kind: str
    data: bytes
    #: decoded for display only (raw Shift_JIS, RFC 2231, RFC 2047); "" when none
    filename: str


@dataclass(frozen=True)
class IncomingMail:
    """A mail as the app reads it: addresses, and text in the app's canonical form."""

    #: the From address: local part as written (RFC-violating ones too), domain lower-cased
    sender: str
    #: the Sender: address when present (SoftBank sends one), same form
    sender_header: str | None
    #: To and Cc addresses, lower-cased
    recipients: tuple[str, ...]
    #: canonical text (carrier emoji as the app's canonical emoji), "" when none
    subject: str
    #: canonical text of the text part (decomail: its text part; else the HTML part's text)
    body: str
    #: real attachments only: no decomail decoration
    attachments: tuple[Attachment, ...]
    message_id: str | None
    #: "docomo", "au", "softbank", "willcom", "emobile" by the sender's domain; None otherwise
    carrier: str | None


class UnreadableMail(Exception):
    """A mail the site cannot read at all; .message says why, in Japanese, shortly."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        #: a short Japanese reason, for the reply to the sender
        self.message = message


def read_mail(raw: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> IncomingMail:
    """Read a raw mail (bytes as received); raise UnreadableMail when it cannot be read."""
    if len(raw) > max_bytes:
        raise UnreadableMail(f"メールが大きすぎます（{_size(max_bytes)}まで）")
    message, parts = leaves(raw)
    headers = _headers(message)
    found = addresses(headers.get("from", []))
    if not found:
        raise UnreadableMail("送信元のアドレスがありません")
    sender = found[-1]
    carrier = mail_carrier(sender)
    sender_header = addresses(headers.get("sender", []))
    subjects = headers.get("subject", [])
    message_ids = [value.strip() for value in headers.get("message-id", []) if value.strip()]
    body, attachments = _read_parts(parts, carrier)
    return IncomingMail(
        sender=sender,
        sender_header=sender_header[-1] if sender_header else None,
        recipients=tuple(a.lower() for a in addresses(headers.get("to", []) +
                                                      headers.get("cc", []))),
        subject=header_text(raw_bytes(subjects[0]), carrier) if subjects else "",
        body=body,
        attachments=attachments,
        message_id=" ".join(message_ids[0].split()) if message_ids else None,
        carrier=carrier,
    )


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g}MB"
    return f"{max(1, limit // 1024)}KB"


def _headers(part: Message) -> dict[str, list[str]]:
    """Return a part's header values as the bytes parser kept them (8-bit bytes as surrogates)."""
    found: dict[str, list[str]] = {}
    for name, value in part.raw_items():
        found.setdefault(name.strip().lower(), []).append(str(value))
    return found


def _read_parts(parts: list[tuple[Message, bytes]],
                carrier: str | None) -> tuple[str, tuple[Attachment, ...]]:
    texts: list[str] = []
    markup: list[str] = []
    files: list[tuple[Message, dict[str, list[str]], bytes]] = []
    for part, payload in parts:
        disposition = part.get_content_disposition()
        content_type = part.get_content_type()
        if content_type in ("text/plain", "text/html") and disposition != "attachment":
            text = decode_mail(payload, carrier, part.get_content_charset())
            (texts if content_type == "text/plain" else markup).append(text)
        else:
            files.append((part, _headers(part), payload))
    shown: set[str] = set()
    for text in markup:
        shown |= cid_references(text)
    attachments = []
    for part, headers, payload in files:
        attachment = _attachment(part, headers, payload, carrier)
        if attachment is None or _decoration(part, headers, attachment, shown):
            continue
        attachments.append(attachment)
    if texts:
        body = "".join(t if t.endswith("\n") or i == len(texts) - 1 else t + "\n"
                       for i, t in enumerate(texts))
    elif markup:
        # numeric references (&#xE63E;) to a carrier's emoji are translated once unescaped
        body = from_carrier_pua(html_text(markup[0]), EMOJI_CARRIER.get(carrier, "pc"))
    else:
        body = ""
    return _tidy(body), tuple(attachments)


def _tidy(text: str) -> str:
    """Make line endings \\n, drop control characters and trailing blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _attachment(part: Message, headers: dict[str, list[str]], payload: bytes,
                carrier: str | None) -> Attachment | None:
    if not payload:
        return None
    content_type, kind = sniff(payload)
    if content_type is None:
        unwrapped = unwrap_base64(payload)
        if unwrapped is not None:
            payload = unwrapped
            content_type, kind = sniff(payload)
    disposition = " ".join(headers.get("content-disposition", []))
    declared = " ".join(headers.get("content-type", []))
    filename = parameter(disposition, ("filename",), carrier) or \
        parameter(declared, ("name",), carrier)
    filename = re.split(r"[\\/]", filename)[-1] if filename else ""
    return Attachment(content_type or part.get_content_type(), kind, payload, filename)


def _decoration(part: Message, headers: dict[str, list[str]], attachment: Attachment,
                shown: set[str]) -> bool:
    """Tell decomail decoration: an image the HTML shows by cid:, not attached, no photo."""
    if attachment.kind != "image" or part.get_content_disposition() == "attachment":
        return False
    ids = {value.strip().strip("<>").lower() for value in headers.get("content-id", [])}
    location = {value.strip().lower() for value in headers.get("content-location", [])}
    if not (ids | location) & shown:
        return False
    return not is_camera_photo(attachment.data)

