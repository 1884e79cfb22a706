"""The operators' console (/admin): reports, moderation, bans, the audit log."""
from __future__ import annotations

from datetime import datetime

from flask import Blueprint
from werkzeug.exceptions import NotFound

bp = Blueprint("admin", __name__)


@bp.before_request
def only_from_admin_networks() -> None:
    """Answer 404 outside KEITAI_ADMIN_NETWORKS: the console does not reveal itself."""
    from keitai.features.admin.console import console_open

    if not console_open():
        raise NotFound()


@bp.app_template_filter("admin_time")
def admin_time(value: datetime | None) -> str:
    """Show a UTC time as Japan time with the year, as the console lists it ("" for None)."""
    from keitai.timefmt import jst_time

    return jst_time(value, with_year=True)


@bp.context_processor
def console_context() -> dict[str, object]:
    """Give the console's templates the operator and the line kept for this page."""
    from keitai.features.admin import console

    return {"operator": console.current_operator(), "admin_notice": console.take_notice}


from keitai.features.admin import lists, login, members, news, views  # noqa: E402,F401
