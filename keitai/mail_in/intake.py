"""Taking a mail in: keep it durably and queue its posting; the worker does the rest.

Whatever hands us a mail (`keitai mail-in` on a pipe or over LMTP, the simulator's mailbox)
calls `Intake`: it looks the recipient up (an unknown posting address is refused at once, so
the sending MTA bounces it: no reply of ours goes to a forged sender), stores the raw mail in
`received_mails` and queues a "mail_in.post" job in the same transaction, and answers. A mail
over KEITAI_MAIL_IN_MAX_BYTES keeps only its header: enough for the worker to reply why.
The same mail delivered twice (same recipient and Message-ID, or same bytes) is stored once.
"""
from __future__ import annotations

import enum
import hashlib
from email.parser import BytesHeaderParser
from email.policy import compat32

from flask import Flask, current_app
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from keitai import jobs
from keitai.db import db
from keitai.mail_in import addresses
from keitai.models.base import utcnow
from keitai.models.posting import ADDRESS_LENGTH, ReceivedMail
from keitai.uow import unit_of_work

#: the job that posts a stored mail
JOB = "mail_in.post"
#: the most of an over-large mail's header that is kept
HEADER_MAX = 64 * 1024


class Delivery(enum.Enum):
    """What became of a mail for one recipient."""

    #: stored and queued: the worker posts it or replies why not
    QUEUED = "queued"
    #: the same mail was taken before; nothing new is queued
    DUPLICATE = "duplicate"
    #: no posting address answers to that recipient
    UNKNOWN = "unknown"


def header_of(raw: bytes) -> bytes:
    """Return the header block of a raw mail (up to the first empty line)."""
    for separator in (b"\r\n\r\n", b"\n\n"):
        end = raw.find(separator)
        if end != -1:
            return raw[:end + len(separator)]
    return raw


def message_id(raw: bytes) -> str:
    """Return the Message-ID of a raw mail, or "" when it has none."""
    header = BytesHeaderParser(policy=compat32).parsebytes(header_of(raw)[:HEADER_MAX])
    return " ".join(str(header.get("Message-ID", "")).split())


def digest(raw: bytes, recipient: str) -> str:
    """Return the key that makes a second delivery of the same mail to recipient a duplicate."""
    found = message_id(raw)
    which = f"id:{found}" if found else "raw:" + hashlib.sha256(raw).hexdigest()
    return hashlib.sha256(f"{recipient}\n{which}".encode("utf-8", "replace")).hexdigest()


def receive(raw: bytes, recipient: str) -> Delivery:
    """Store a mail for one recipient and queue its posting, in the caller's unit of work."""
    recipient = recipient.strip().lower()
    address = addresses.find(recipient) if len(recipient) <= ADDRESS_LENGTH else None
    if address is None:
        return Delivery.UNKNOWN
    too_large = len(raw) > int(current_app.config["MAIL_IN_MAX_BYTES"])
    values = {"digest": digest(raw, recipient), "recipient": recipient,
              "address_id": address.id, "member_id": address.member_id,
              "raw": header_of(raw)[:HEADER_MAX] if too_large else raw,
              "size_bytes": len(raw), "outcome": "pending",
              "reason": "too_large" if too_large else "", "received_at": utcnow()}
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    mail_id = db.session.scalar(insert(ReceivedMail).values(**values)
                                .on_conflict_do_nothing(index_elements=["digest"])
                                .returning(ReceivedMail.id))
    if mail_id is None:
        return Delivery.DUPLICATE
    jobs.enqueue(JOB, {"mail_id": int(mail_id)})
    return Delivery.QUEUED


class Intake:
    """Take mail in for one app, each call its own unit of work (LMTP, pipe, the simulator).

    A database that fails raises: the caller answers "try again later" (LMTP 451, exit 75).
    """

    def __init__(self, app: Flask) -> None:
        self.app = app

    def accepts(self, recipient: str) -> bool:
        """Tell whether recipient is a posting address that is in use."""
        with self.app.app_context():
            try:
                return addresses.find(recipient) is not None
            finally:
                db.session.remove()

    def deliver(self, raw: bytes, recipient: str) -> Delivery:
        """Store and queue a mail for one recipient, committed before this returns."""
        with self.app.app_context():
            try:
                with unit_of_work():
                    return receive(raw, recipient)
            finally:
                db.session.remove()
