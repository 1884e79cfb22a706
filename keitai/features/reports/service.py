"""Reports (通報): a member tells the operators about an item another member wrote.

A member reports only what they can see on the site (a private diary, a blocked member's
page or someone else's mini mail is not found), never their own item, and each item once.
The item's author is kept with the report, as they were when it was reported. Reports are
counted per member and day (keitai.ratelimit): a refusal stands.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, select, update

from keitai import ratelimit
from keitai.db import db
from keitai.domain import DomainError, NotAllowed, checked_text
from keitai.models.base import utcnow
from keitai.models.report import REPORT_TEXT_MAX, Report
from keitai.moderation import items
from keitai.upsert import dialect_insert

#: (code, what the member reads), in the order the form offers them
REASONS: tuple[tuple[str, str], ...] = (
    ("spam", "迷惑行為・スパム"),
    ("abuse", "誹謗中傷"),
    ("obscene", "わいせつ"),
    ("personal", "個人情報の掲載"),
    ("dating", "出会い目的"),
    ("impersonation", "なりすまし"),
    ("copyright", "著作権侵害"),
    ("other", "その他"),
)
REASON_LABELS = dict(REASONS)
#: reports a member may send in a day
REPORTS_PER_DAY = 30
LIMIT = ratelimit.Limit("report", REPORTS_PER_DAY, 86400)


class AlreadyReported(DomainError):
    """The member reported this item before."""

    default_message = "この投稿はすでに通報済みです。ご協力ありがとうございます。"


class OwnItem(NotAllowed):
    """Nobody reports what they wrote themselves."""

    default_message = "自分の投稿は通報できません。"


@dataclass
class Reported:
    """An item with its reports, as the operators' list shows it."""

    kind: str
    item_id: int
    count: int
    latest_at: datetime
    item: items.Item | None


def reportable(reporter_id: int, kind: str, item_id: int) -> items.Item:
    """Return the item when the member may report it: ItemNotFound when there is none or
    they cannot see it, OwnItem when it is theirs."""
    if kind not in items.KINDS:
        raise items.ItemNotFound()
    item = items.load(kind, item_id)
    if item is None or not items.visible_to(kind, item_id, reporter_id):
        raise items.ItemNotFound()
    if item.author_id == reporter_id:
        raise OwnItem()
    return item


def already_reported(reporter_id: int, kind: str, item_id: int) -> bool:
    """Return True when the member has reported this item."""
    return bool(db.session.scalar(select(exists().where(
        Report.reporter_id == reporter_id, Report.kind == kind, Report.item_id == item_id))))


def report(reporter_id: int, kind: str, item_id: int, reason: str, text: str) -> Report:
    """Store the member's report of an item they can see (once per item)."""
    item = reportable(reporter_id, kind, item_id)
    if reason not in REASON_LABELS:
        raise DomainError("通報の理由を選んでください。")
    text = checked_text("内容", text.strip(), REPORT_TEXT_MAX, required=False)
    if already_reported(reporter_id, kind, item_id):
        raise AlreadyReported()
    if ratelimit.hit(LIMIT, str(reporter_id)) > LIMIT.limit:
        raise DomainError(f"通報は1日{REPORTS_PER_DAY}件までです。明日もう一度お試しください。")
    report_id = db.session.scalar(
        dialect_insert(Report).values(
            reporter_id=reporter_id, kind=kind, item_id=item_id, author_id=item.author_id,
            reason=reason, text=text, created_at=utcnow())
        .on_conflict_do_nothing().returning(Report.id))
    if report_id is None:  # the same report sent twice at once
        raise AlreadyReported()
    stored = db.session.get(Report, report_id)
    assert stored is not None
    return stored


def reported(order: str = "newest", limit: int = 50, offset: int = 0,
             open_only: bool = True) -> list[Reported]:
    """Return the reported items with how many reports each has, most recently reported
    first ("newest") or most reported first ("most")."""
    count, latest = func.count().label("reports"), func.max(Report.created_at).label("latest")
    statement = select(Report.kind, Report.item_id, count, latest).group_by(
        Report.kind, Report.item_id)
    if open_only:
        statement = statement.where(Report.handled_at.is_(None))
    if order == "most":
        statement = statement.order_by(count.desc(), latest.desc())
    else:
        statement = statement.order_by(latest.desc())
    rows = db.session.execute(statement.order_by(Report.kind, Report.item_id)
                              .limit(limit).offset(offset)).all()
    return [Reported(row.kind, row.item_id, int(row.reports), row.latest,
                     items.load(row.kind, row.item_id)) for row in rows]


def reports_for(kind: str, item_id: int) -> list[Report]:
    """Return every report of an item, newest first."""
    return list(db.session.scalars(
        select(Report).where(Report.kind == kind, Report.item_id == item_id)
        .order_by(Report.created_at.desc(), Report.id.desc())))


def close(kind: str, item_id: int, operator_id: int) -> int:
    """Mark the item's open reports handled by the operator; return how many were open."""
    result = db.session.execute(
        update(Report).where(Report.kind == kind, Report.item_id == item_id,
                             Report.handled_at.is_(None))
        .values(handled_at=utcnow(), handled_by=operator_id)
        .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)
