"""Mail from the site: invitations, address checks, password resets.

Mail goes by SMTP to KEITAI_SMTP_URL. Each template in templates_chtml/mail/ holds the subject
on its first line and the body after it. Links are absolute (KEITAI_BASE_URL) and carry what
the reader's handset needs (docomo: guid=ON).
"""
from __future__ import annotations

import logging
import smtplib

from flask import current_app, render_template

import carriers
from keitai import ratelimit
from keitai.domain import DomainError
from keitai.mail.compose import compose
from keitai.mail.smtp import deliver

log = logging.getLogger(__name__)


class MailNotSent(DomainError):
    """The SMTP server did not take the mail."""


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


def send(address: str, template: str, **context: object) -> None:
    """Render a mail template and send it to address; raise MailNotSent on failure."""
    text = render_template(template, **context)
    subject, _newline, body = text.lstrip("\n").partition("\n")
    config = current_app.config
    message = compose(address, subject.strip(), body.strip("\n") + "\n", config["MAIL_FROM"])
    try:
        deliver(config["SMTP_URL"], config["MAIL_FROM"], address, message)
    except (OSError, smtplib.SMTPException) as error:
        log.error("mail %s to @%s not sent: %s", template, address.rpartition("@")[2], error)
        raise MailNotSent("メールを送信できませんでした。"
                          "しばらくしてからもう一度お試しください。") from None
    log.info("mail %s sent to @%s", template, address.rpartition("@")[2])
