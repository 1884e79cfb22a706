"""Read the mailbox as a handset user: ISO-2022-JP, Shift_JIS and UTF-8 mail, emoji, links."""
from __future__ import annotations

import email
import email.header
import email.message
import email.policy
import email.utils
import html
import mailbox
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from carriers.mail_domains import mail_reader
from simulator.charsets import normalise
from simulator.decode import MARKER, Decoded, decode_body
from simulator.mailbox import DELIVERED_TO
from simulator.rewrite import emoji_html

LINK = re.compile(r"https?://[^\s<>\"'\u3000-\u30ff\uff01-\uff5e]+")
#: carrier of a mail address: the owning profile's, else by the carriers' mail domains
CarrierOf = Callable[[str], str]


@dataclass
class Mail:
    """One message in the mailbox, decoded for the handset it was sent to."""

    key: str
    recipients: list[str]
    sender: str
    subject: str
    date: datetime | None
    body: Decoded
    charset: str
    #: whose handset it was decoded as (carriers.CARRIERS), from its first recipient
    carrier: str = "pc"
    #: when the mailbox received it (seconds since the epoch)
    received: float = 0.0
    links: list[str] = field(default_factory=list)

    def body_html(self, href: Callable[[int], str]) -> str:
        """Return the body as HTML: emoji drawn as pictures, link number i pointing at href(i)."""
        out: list[str] = []
        count = 0
        for index, part in enumerate(MARKER.split(self.body.text)):
            if index % 2:
                out.append(emoji_html(self.body.emoji[int(part)]))
                continue
            last = 0
            for found in LINK.finditer(part):
                out.append(html.escape(part[last:found.start()]))
                out.append(f'<a class="mail-link" data-link="{count}" '
                           f'href="{html.escape(href(count))}">{html.escape(found.group())}</a>')
                count += 1
                last = found.end()
            out.append(html.escape(part[last:]))
        return "".join(out)


def list_mail(directory: Path, carrier_of: CarrierOf = mail_reader) -> list[Mail]:
    """Return every message, newest first."""
    if not Path(directory).exists():
        return []
    box = mailbox.Maildir(directory, create=False)
    found = [_read(key, box, carrier_of) for key in box.keys()]
    return sorted(found, key=lambda m: (m.received, m.key), reverse=True)


def read_mail(directory: Path, key: str, carrier_of: CarrierOf = mail_reader) -> Mail | None:
    """Return one message by its Maildir key, or None."""
    if not Path(directory).exists():
        return None
    box = mailbox.Maildir(directory, create=False)
    try:
        return _read(key, box, carrier_of)
    except KeyError:
        return None


def latest_to(directory: Path, address: str,
              carrier_of: CarrierOf = mail_reader) -> Mail | None:
    """Return the newest message delivered to address, or None."""
    wanted = address.strip().lower()
    return next((m for m in list_mail(directory, carrier_of)
                 if wanted in (r.lower() for r in m.recipients)), None)


def _read(key: str, box: mailbox.Maildir, carrier_of: CarrierOf) -> Mail:
    message = email.message_from_bytes(box.get_bytes(key), policy=email.policy.compat32)
    recipients = [str(v) for v in message.get_all(DELIVERED_TO, [])]
    carrier = carrier_of(recipients[0]) if recipients else "pc"
    body, charset = _body(message, carrier)
    subject = _header(message.get("Subject", ""), carrier)
    received = box.get_message(key).get_date()
    date = (email.utils.parsedate_to_datetime(message["Date"]) if message["Date"]
            else datetime.fromtimestamp(received))
    mail = Mail(key, recipients, _header(message.get("From", ""), carrier), subject, date,
                body, charset, carrier, received)
    mail.links = LINK.findall(body.plain(body.text))
    return mail


def _header(value: object, carrier: str) -> str:
    parts = email.header.decode_header(str(value))
    text = []
    for data, charset in parts:
        if isinstance(data, str):
            text.append(data)
        else:
            decoded = decode_body(data, carrier, normalise(charset) or "utf-8")
            text.append(decoded.plain(decoded.text))
    return "".join(text)


def _body(message: email.message.Message, carrier: str) -> tuple[Decoded, str]:
    parts = [p for p in message.walk() if p.get_content_maintype() == "text"]
    chosen = next((p for p in parts if p.get_content_subtype() == "plain"),
                  parts[0] if parts else message)
    payload = chosen.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    charset = normalise(chosen.get_content_charset()) or "utf-8"
    decoded = decode_body(data, carrier, charset)
    if chosen.get_content_subtype() == "html":
        decoded = Decoded(re.sub(r"<[^>]*>", "", decoded.text), decoded.emoji, charset,
                          decoded.bad_chars)
    return decoded, charset
