"""Posting by mail in tests: the site's mailbox routing its posting domain to mail-in, members
with a handset address and a posting address, handset mails sent over real SMTP."""
from __future__ import annotations

import io
import smtplib
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from PIL import Image
from sqlalchemy import func, select

from keitai.db import db
from keitai.mail_in import addresses
from keitai.mail_in.intake import Intake
from keitai.models.album import Picture
from keitai.models.diary import Diary
from keitai.models.posting import ReceivedMail
from simulator.mailbox import Mailbox, MailboxServer
from simulator.mailcompose import Attached, carrier_mail
from tests.diary.browsing import add_member
from tests.outbox import run_jobs

DOMAIN = "post.keitai.test"
#: a handset address of each carrier
HANDSETS = {"docomo": "hanako.m@docomo.ne.jp", "au": "taro-2007@ezweb.ne.jp",
            "softbank": "jiro_s@softbank.ne.jp"}


def free_port() -> int:
    """Return a port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def jpeg(width: int = 320, height: int = 240, color: str = "orange") -> bytes:
    """Return a camera-like JPEG made by Pillow."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "JPEG", quality=85)
    return out.getvalue()


def photo(name: str = "photo.jpg", **kwargs: object) -> Attached:
    """Return a JPEG attachment."""
    return Attached(name, "image/jpeg", jpeg(**kwargs))  # type: ignore[arg-type]


@dataclass
class Site:
    """The app, its mailbox (which routes the posting domain to mail-in), and helpers."""

    app: Flask
    server: MailboxServer

    @property
    def mailbox(self) -> Mailbox:
        return self.server.mailbox

    def send(self, raw: bytes, sender: str, to: str) -> None:
        """Send a raw mail over SMTP to the mailbox, as the carrier's server would."""
        with smtplib.SMTP(self.server.controller.hostname, self.server.controller.port) as smtp:
            smtp.sendmail(sender, [to], raw)

    def mail(self, sender: str, to: str, subject: str, body: str, *attachments: Attached,
             **kwargs: object) -> None:
        """Send a carrier-style mail from a handset address."""
        self.send(carrier_mail(sender, to, subject, body, attachments, **kwargs),  # type: ignore[arg-type]
                  sender, to)

    def work(self) -> None:
        """Run the worker until nothing is due (posting, then its replies and variants)."""
        run_jobs(self.app)

    def replies(self, address: str) -> list[str]:
        """Return the subjects of the mails the site sent to address, oldest first."""
        self.work()
        return [str(m["Subject"]) for m in self.mailbox.messages(address)
                if str(m.get("From", "")).endswith("keitai.test")]

    def reply_bodies(self, address: str) -> list[str]:
        """Return the bodies of the site's mails to address."""
        self.work()
        return [m.get_content() for m in self.mailbox.messages(address)
                if str(m.get("From", "")).endswith("keitai.test")]

    def member(self, carrier: str = "au", nickname: str = "たろう") -> int:
        """Add a member whose login (and registered mobile) address is a handset's."""
        return add_member(self.app, nickname, HANDSETS[carrier])

    def address(self, member_id: int, album_id: int | None = None) -> str:
        """Issue (or renew) a posting address; return it."""
        with self.app.app_context():
            row = addresses.issue(member_id, album_id)
            db.session.commit()
            return addresses.address_of(row)

    def diaries(self, member_id: int) -> list[Diary]:
        """Return the member's diaries, oldest first."""
        with self.app.app_context():
            found = list(db.session.scalars(select(Diary).where(Diary.author_id == member_id)
                                            .order_by(Diary.id)))
            db.session.expunge_all()
            return found

    def pictures(self, member_id: int) -> int:
        """Return how many pictures the member has."""
        with self.app.app_context():
            return int(db.session.scalar(select(func.count()).select_from(Picture)
                                         .where(Picture.owner_id == member_id)) or 0)

    def outcomes(self) -> list[tuple[str, str]]:
        """Return (outcome, reason) of every received mail, oldest first."""
        with self.app.app_context():
            return [(row.outcome, row.reason) for row in db.session.scalars(
                select(ReceivedMail).order_by(ReceivedMail.id))]


@pytest.fixture(name="site")
def site_fixture(app: Flask, tmp_path: Path) -> Iterator[Site]:
    """Give the app with its mail going to a real SMTP mailbox that hands mail for the
    posting domain to the site's mail-in, as the demo's does."""
    app.config.update(MAIL_IN_DOMAIN=DOMAIN, BASE_URL="http://keitai.test",
                      MAIL_FROM="info@keitai.test", ARGON2_TIME_COST=1, ARGON2_MEMORY_KIB=1024)
    server = MailboxServer(tmp_path / "mailbox", port=free_port(),
                           routes={DOMAIN: Intake(app)})
    app.config["SMTP_URL"] = server.url
    server.start()
    try:
        yield Site(app, server)
    finally:
        server.stop()
