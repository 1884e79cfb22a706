"""Mail from the site: invitations, address checks, password resets.

send() renders and composes a mail in the request and puts it in the outbox (a "mail" job) in
the request's transaction: the mail exists if and only if the action that wrote it commits, and
a mail server that is down delays mail instead of losing it or failing the action. The worker
hands each queued mail to KEITAI_SMTP_URL, trying again with a growing back-off.

Delivery is at least once, not exactly once: if a worker dies (or loses the database) after
the SMTP server took a mail and before the job is marked done, another worker sends it again
once the lease has run out. The job is marked done the moment the server answers, so that
window is one database round trip; a repeat carries the same Message-ID as the first copy, so
mail software can tell the two apart.

Each template in templates_chtml/mail/ holds the subject on its first line and the body after
it. Links are absolute (KEITAI_BASE_URL) and carry what the reader's handset needs (docomo:
guid=ON).
"""
from __future__ import annotations

import email
import logging
import smtplib
from typing import Any

from flask import current_app, render_template

import carriers
from keitai import jobs, ratelimit
from keitai.domain import DomainError
from keitai.mail.compose import compose
from keitai.mail.smtp import deliver

log = logging.getLogger(__name__)


class MailNotSent(Exception):
    """The SMTP server did not take a queued mail; the worker records why and tries again."""


class MailRefused(MailNotSent, jobs.Permanent):
    """The SMTP server refused a mail for good (a 5xx answer): trying again cannot help."""


def mail_limit() -> ratelimit.Limit:
    """Return the limit of mails to one address per hour."""
    return ratelimit.Limit("mail", current_app.config["MAILS_PER_ADDRESS_HOUR"], 3600)


def reserve(address: str) -> None:
    """Count a mail to address; raise DomainError when it has had too many this hour."""
    limit = mail_limit()
    if ratelimit.hit(limit, address) > limit.limit:
        raise DomainError("このアドレスへのメールが多すぎます。"
                          f"{limit.minutes()}分ほどたってからもう一度お試しください。")


def link(endpoint: str, address: str, **values: str) -> str:
    """Return the absolute URL of one of our pages, as the reader's handset should open it."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    url = current_app.config["BASE_URL"].rstrip("/") + path
    query = carriers.mail_link_query(address)
    return f"{url}{'&' if '?' in url else '?'}{query}" if query else url


def _domain(address: str) -> str:
    return address.rpartition("@")[2]


def send(address: str, template: str, **context: object) -> None:
    """Render a mail template to address and queue it in the caller's transaction."""
    text = render_template(template, **context)
    subject, _newline, body = text.lstrip("\n").partition("\n")
    sender = current_app.config["MAIL_FROM"]
    message = compose(address, subject.strip(), body.strip("\n") + "\n", sender)
    jobs.enqueue("mail", {"sender": sender, "recipient": address, "template": template,
                          "message": message.as_string()})
    log.info("mail %s to @%s queued", template, _domain(address))


def _refused_for_good(error: smtplib.SMTPException) -> bool:
    """Return True for a server's final no to this mail (5xx to the recipient or the data)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500


@jobs.handler("mail")
def deliver_queued(payload: dict[str, Any]) -> None:
    """Hand a queued mail to the SMTP server; raise MailNotSent when it does not take it."""
    config = current_app.config
    message = email.message_from_string(payload["message"])
    recipient = payload["recipient"]
    try:
        deliver(config["SMTP_URL"], payload["sender"], recipient, message,
                cafile=config["SMTP_CA_FILE"])
    except smtplib.SMTPException as error:  # the worker logs it and records it on the job
        kind = MailRefused if _refused_for_good(error) else MailNotSent
        raise kind(f"{type(error).__name__}: {error}") from error
    except OSError as error:  # refused, unreachable, timed out, TLS handshake
        raise MailNotSent(f"{type(error).__name__}: {error}") from error
    log.info("mail %s sent to @%s (%s)", payload["template"], _domain(recipient),
             message["Message-ID"])
