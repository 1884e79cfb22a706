"""`keitai mail-in`: take posting mail from the MTA, on a pipe or over LMTP (aiosmtpd).

Pipe (Postfix `pipe`, Exim `pipe` transport): one raw mail on stdin, the envelope recipient
given with --recipient (or the ORIGINAL_RECIPIENT Postfix sets). The exit status is what
MTAs read (sysexits.h): 0 taken (queued, or a copy already taken), 67 EX_NOUSER no such
posting address (the MTA bounces it), 75 EX_TEMPFAIL the database failed (the MTA tries
again later), 64 EX_USAGE no recipient.

LMTP (Postfix `lmtp:`, Dovecot-style): RCPT TO an unknown posting address is answered 550, so
the MTA bounces it and nothing of ours reaches a forged sender; after DATA each recipient gets
its own answer (250, or 451 when the database failed), as LMTP asks.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from keitai.mail_in.intake import Delivery, Intake

log = logging.getLogger(__name__)
#: sysexits.h
EX_OK, EX_USAGE, EX_NOUSER, EX_TEMPFAIL = 0, 64, 67, 75
#: what the LMTP server refuses outright, as a multiple of KEITAI_MAIL_IN_MAX_BYTES: a mail
#: between the two is taken and answered with a reply mail saying it is too large
HARD_LIMIT_FACTOR = 3


def deliver_piped(intake: Intake, raw: bytes, recipient: str) -> int:
    """Take one piped mail for recipient; return the exit status for the MTA."""
    if not recipient.strip():
        return EX_USAGE
    try:
        result = intake.deliver(raw, recipient)
    except Exception:  # noqa: BLE001 - any database trouble: the MTA keeps the mail and retries
        log.exception("mail-in: could not store a mail; the MTA will try again")
        return EX_TEMPFAIL
    return EX_NOUSER if result is Delivery.UNKNOWN else EX_OK


class LmtpHandler:
    """aiosmtpd hooks: check each recipient at RCPT, store the mail per recipient at DATA."""

    def __init__(self, intake: Intake) -> None:
        self.intake = intake

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        """Accept a known posting address; refuse any other (550) or say try later (451)."""
        try:
            known = await asyncio.to_thread(self.intake.accepts, address)
        except Exception:  # noqa: BLE001 - the database is away: the MTA tries again
            log.exception("mail-in: could not look a recipient up")
            return "451 4.3.0 Try again later"
        if not known:
            return "550 5.1.1 No such posting address"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Store the mail for each recipient; answer once per recipient (LMTP)."""
        raw = envelope.original_content or b""
        answers = []
        for recipient in envelope.rcpt_tos:
            try:
                result = await asyncio.to_thread(self.intake.deliver, raw, recipient)
            except Exception:  # noqa: BLE001
                log.exception("mail-in: could not store a mail; the MTA will try again")
                answers.append("451 4.3.0 Try again later")
                continue
            answers.append("550 5.1.1 No such posting address" if result is Delivery.UNKNOWN
                           else "250 2.0.0 Queued")
        return "\r\n".join(answers) or "503 5.5.1 No recipients"


def lmtp_controller(intake: Intake, host: str, port: int, max_bytes: int) -> Any:
    """Return an aiosmtpd controller serving LMTP for intake (start() it, stop() it)."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.lmtp import LMTP

    class LmtpController(Controller):
        """aiosmtpd's controller, speaking LMTP."""

        def factory(self) -> LMTP:
            return LMTP(self.handler, data_size_limit=max_bytes * HARD_LIMIT_FACTOR,
                        decode_data=False, hostname=host)

    return LmtpController(LmtpHandler(intake), hostname=host, port=port)
