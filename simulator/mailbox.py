"""The mailbox: a real SMTP server that keeps every message it receives in a Maildir.

It also plays the site's MTA for posting by mail: mail to a routed domain (the site's
KEITAI_MAIL_IN_DOMAIN in `keitai demo`) is kept like any other and handed to that domain's
route (the site's mail-in), which may refuse an unknown recipient at RCPT (550) as the
site's own MTA would.
"""
from __future__ import annotations

import asyncio
import email
import email.policy
import mailbox
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

#: header the mailbox adds with each envelope recipient, as a mail server would
DELIVERED_TO = "Delivered-To"


class MailRoute(Protocol):
    """Where mail for a routed domain goes besides the Maildir (keitai.mail_in.intake.Intake)."""

    def accepts(self, recipient: str) -> bool:
        """Tell whether the route takes mail for recipient."""

    def deliver(self, raw: bytes, recipient: str) -> object:
        """Take one mail for recipient; raise when it cannot now (answered 451)."""


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower().rstrip(">").rstrip(".")


class MaildirHandler:
    """Deliver each message to a Maildir, one copy per message, recipients recorded; hand
    mail for a routed domain to its route too."""

    def __init__(self, directory: Path, routes: Mapping[str, MailRoute] | None = None) -> None:
        self.directory = directory
        self.routes = {domain.lower(): route for domain, route in (routes or {}).items()}

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        """Take any recipient, but one its domain's route refuses (550)."""
        route = self.routes.get(_domain(address))
        if route is not None:
            try:
                known = await asyncio.to_thread(route.accepts, address)
            except Exception:  # noqa: BLE001 - the site's database is away
                return "451 4.3.0 Try again later"
            if not known:
                return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        """Store the message with a Delivered-To header per envelope recipient."""
        content = envelope.original_content or b""
        if isinstance(content, str):
            content = content.encode("utf-8")
        delivered = b"".join(
            f"{DELIVERED_TO}: {rcpt}\r\n".encode("ascii", "replace") for rcpt in envelope.rcpt_tos
        )
        mailbox.Maildir(self.directory, create=True).add(delivered + content)
        for rcpt in envelope.rcpt_tos:
            route = self.routes.get(_domain(rcpt))
            if route is None:
                continue
            try:
                await asyncio.to_thread(route.deliver, content, rcpt)
            except Exception:  # noqa: BLE001 - kept in the Maildir; the sender may resend
                return "451 4.3.0 Try again later"
        return "250 Message accepted for delivery"


class Mailbox:
    """Read the messages a MailboxServer received."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _box(self) -> mailbox.Maildir:
        """Open the Maildir, creating it when the server has not stored anything yet."""
        for sub in ("tmp", "new", "cur"):  # Maildir(create=True) skips an existing empty folder
            (self.directory / sub).mkdir(parents=True, exist_ok=True)
        return mailbox.Maildir(self.directory, create=False)

    def messages(self, recipient: str | None = None) -> list[EmailMessage]:
        """Return the messages, oldest first, optionally only those for one recipient."""
        box = self._box()
        found: list[tuple[float, EmailMessage]] = []
        for key in box.keys():
            raw = box.get_bytes(key)
            message = email.message_from_bytes(raw, policy=email.policy.default)
            assert isinstance(message, EmailMessage)
            if recipient and recipient.lower() not in [
                value.lower() for value in message.get_all(DELIVERED_TO, [])
            ]:
                continue
            found.append((box.get_message(key).get_date(), message))
        return [message for _when, message in sorted(found, key=lambda pair: pair[0])]

    def clear(self) -> None:
        """Delete every message."""
        box = self._box()
        for key in list(box.keys()):
            box.remove(key)


class MailboxServer:
    """Run the SMTP server in a background thread."""

    def __init__(self, directory: Path, host: str = "127.0.0.1", port: int = 8025,
                 routes: Mapping[str, MailRoute] | None = None) -> None:
        self.mailbox = Mailbox(directory)
        self.controller = Controller(MaildirHandler(Path(directory), routes), hostname=host,
                                     port=port)

    @property
    def url(self) -> str:
        """Return the smtp:// URL the app sends to."""
        return f"smtp://{self.controller.hostname}:{self.controller.port}"

    def start(self) -> None:
        """Start accepting mail."""
        self.controller.start()

    def stop(self) -> None:
        """Stop accepting mail."""
        self.controller.stop()


@contextmanager
def running(directory: Path, **kwargs: Any) -> Iterator[MailboxServer]:
    """Run a mailbox server for the duration of a with block."""
    server = MailboxServer(directory, **kwargs)
    server.start()
    try:
        yield server
    finally:
        server.stop()
