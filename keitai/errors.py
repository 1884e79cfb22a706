"""Error pages: short, in the handset's own charset, with nothing half-written.

Also the one place that translates domain errors to HTTP: a view shows a refusal in its own
page with `refusal(error)`, and a DomainError that escapes a view becomes an error page.
"""
from __future__ import annotations

import logging

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException, InternalServerError

from keitai.db import db
from keitai.domain import DomainError, NotAllowed, NotFound
from keitai.uow import roll_back_refused

log = logging.getLogger(__name__)

#: what a handset user reads for each status, in words they understand
MESSAGES = {
    400: "送信された内容を受け付けられませんでした。",
    403: "このページは表示できません。",
    404: "ページが見つかりません。",
    405: "この操作はできません。",
    409: "ほかの操作と重なったため、受け付けられませんでした。",
    413: "送信された内容が大きすぎます。短くしてもう一度送信してください。",
    429: "アクセスが集中しています。しばらくしてからもう一度お試しください。",
    500: "エラーが発生しました。しばらくしてからもう一度お試しください。",
}


def refusal(error: DomainError) -> str:
    """Translate a refusal the view shows in its own page: roll back, return the message.

    Whatever the refused action wrote is rolled back now, so the page shows the state before
    it. A "not found" or "not allowed" is no form's refusal: it is raised on to the error page.
    """
    if isinstance(error, NotFound | NotAllowed):
        raise error
    roll_back_refused()
    return error.message


def render_error(error: HTTPException) -> tuple[str, int]:
    """Roll back the request's writes and render a short error page."""
    db.session.rollback()
    code = error.code or 500
    description = error.description if type(error).__module__.startswith("keitai") else None
    message = description or MESSAGES.get(code, MESSAGES[500])
    return render_template("error.html", code=code, message=message), code


def render_domain_error(error: DomainError) -> tuple[str, int]:
    """Render a domain error that escaped its view: its message, with its status."""
    db.session.rollback()
    return render_template("error.html", code=error.status, message=error.message), error.status


def render_crash(error: Exception) -> tuple[str, int]:
    """Log an unexpected exception and answer with the generic error page."""
    log.exception("unhandled error", exc_info=error)
    return render_error(InternalServerError())


def init_app(app: Flask) -> None:
    """Register the error handlers."""
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(DomainError, render_domain_error)
    app.register_error_handler(Exception, render_crash)
