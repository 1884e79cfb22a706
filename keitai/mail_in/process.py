"""The worker's side of a posting mail: check it, post it, reply; one unit of work per mail.

1. The stored mail is done once: a row no longer "pending" is left alone (a job run twice).
2. The address must still be the one the mail was sent to (renewed meanwhile: dropped).
3. The sender must be the member's registered mobile address: From, and Sender: when
   present (SoftBank adds one). Otherwise the mail is dropped without a reply: its From may
   be forged, and a reply to it would tell a stranger the address exists (backscatter).
4. At most KEITAI_MAIL_IN_PER_HOUR mails a member an hour (counted in their own
   transaction, so a refusal still counts); the first mail over the limit gets a reply.
5. The mail is read (keitai.mail_in.parse) and posted (keitai.mail_in.post) in a savepoint:
   a refusal rolls all of it back and the member gets a reply saying why; a success gets a
   short confirmation with the link. Replies go to the registered mobile address only.
"""
from __future__ import annotations

import logging
from email.parser import BytesHeaderParser
from email.policy import compat32

from flask import current_app

from keitai import mail, ratelimit
from keitai.db import db
from keitai.domain import DomainError
from keitai.mail_in import addresses
from keitai.mail_in.intake import HEADER_MAX, header_of
from keitai.mail_in.parse_headers import addresses as header_addresses
from keitai.mail_in.post import Posted, post_diary, post_to_album
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.models.posting import PostingAddress, ReceivedMail

log = logging.getLogger(__name__)
#: what each kind of refusal is recorded as (ReceivedMail.reason), by the error's class name
_REASONS = {"QuotaExceeded": "quota", "NotPremium": "premium", "NothingToPost": "empty",
            "NoPictures": "empty", "UnreadableMail": "unreadable", "AlbumNotFound": "album"}


def _last_address(values: list[str]) -> str | None:
    """Return the last address in header values, lower case (as the site keeps addresses)."""
    found = header_addresses(values)
    return found[-1].lower() if found else None


def senders(raw: bytes) -> tuple[str, str | None]:
    """Return the From address of a raw mail and its Sender: address (None without one),
    read as keitai.mail_in.parse reads them."""
    header = BytesHeaderParser(policy=compat32).parsebytes(header_of(raw)[:HEADER_MAX])
    sender = header.get_all("Sender")
    return (_last_address([str(v) for v in header.get_all("From", [])]) or "",
            _last_address([str(v) for v in sender]) if sender else None)


def trusted(member: Member, raw: bytes) -> bool:
    """Tell whether the mail comes from the member's registered mobile address.

    The site keeps addresses in lower case (keitai.addresses), so the comparison is too; an
    address with no carrier domain never matches, as none is registered as mobile.
    """
    registered = member.mobile_email
    if not registered:
        return False
    sender, sender_header = senders(raw)
    return sender == registered and sender_header in (None, registered)


def _finish(row: ReceivedMail, outcome: str, reason: str = "") -> None:
    row.outcome, row.reason, row.done_at, row.raw = outcome, reason, utcnow(), None


def _refuse(row: ReceivedMail, member: Member, reason: str, message: str, *,
            reply: bool = True) -> None:
    _finish(row, "refused", reason)
    log.info("mail-in %s refused (%s) for member %s", row.id, reason, member.id)
    if reply and member.mobile_email:
        mail.send(member.mobile_email, "mail/mail_in_refused.txt", member=member,
                  message=message, album=row.album_id is not None)


def _confirm(row: ReceivedMail, member: Member, posted: Posted) -> None:
    row.diary_id, row.album_id = posted.diary_id, posted.album_id
    _finish(row, "posted")
    to = member.mobile_email
    assert to is not None
    if posted.diary_id is not None:
        url = mail.link("diary.show", to, diary_id=str(posted.diary_id))
    else:
        url = mail.link("albums.show", to, album_id=str(posted.album_id))
    mail.send(to, "mail/mail_in_posted.txt", member=member, posted=posted, url=url)


def mail_in_limit() -> ratelimit.Limit:
    """Return the limit of posting mails per member an hour."""
    return ratelimit.Limit("mail-in", int(current_app.config["MAIL_IN_PER_HOUR"]), 3600)


def _too_large() -> str:
    most = int(current_app.config["MAIL_IN_MAX_BYTES"])
    size = f"{most // (1024 * 1024)}MB" if most >= 1024 * 1024 else f"{most // 1024}KB"
    return f"メールが大きすぎます({size}まで)。写真を小さくするか、枚数を減らして送ってください。"


def process(mail_id: int) -> str:
    """Post or refuse one stored mail, in the job's unit of work; return its outcome."""
    row = db.session.get(ReceivedMail, mail_id)
    if row is None or row.outcome != "pending":
        return row.outcome if row is not None else "gone"
    address = db.session.get(PostingAddress, row.address_id) if row.address_id else None
    member = db.session.get(Member, row.member_id) if row.member_id else None
    raw = row.raw or b""
    if address is None or member is None or addresses.find(row.recipient) is not address:
        _finish(row, "dropped", "address")
        return row.outcome
    if not trusted(member, raw):
        log.info("mail-in %s dropped: not from member %s's mobile address", row.id, member.id)
        _finish(row, "dropped", "sender")
        return row.outcome
    limit = mail_in_limit()
    count = ratelimit.hit(limit, f"member:{member.id}")
    if count > limit.limit:
        _refuse(row, member, "rate_limit",
                f"メール投稿は1時間に{limit.limit}通までです。しばらくたってから送ってください。",
                reply=count == limit.limit + 1)
        return row.outcome
    if row.reason == "too_large":
        _refuse(row, member, "too_large", _too_large())
        return row.outcome
    _post(row, member, address, raw)
    return row.outcome


def _post(row: ReceivedMail, member: Member, address: PostingAddress, raw: bytes) -> None:
    """Read and post the mail in a savepoint; refuse it with a reply when anything fails."""
    from keitai.mail_in.parse import UnreadableMail, read_mail

    row.album_id = address.album_id  # the reply says "album" or "diary"
    savepoint = db.session.begin_nested()
    try:
        incoming = read_mail(raw, max_bytes=int(current_app.config["MAIL_IN_MAX_BYTES"]))
        if address.album_id is not None:
            posted = post_to_album(member.id, address.album_id, incoming)
        else:
            posted = post_diary(member.id, incoming, row.digest[:24])
        savepoint.commit()
    except (DomainError, UnreadableMail) as refused:
        savepoint.rollback()
        reason = _REASONS.get(type(refused).__name__, "invalid")
        _refuse(row, member, reason, str(getattr(refused, "message", refused)))
        return
    log.info("mail-in %s posted for member %s: %d pictures, %d videos", row.id, member.id,
             posted.pictures, posted.videos)
    _confirm(row, member, posted)
