"""Endorsement reads: about a member, newest first, none a block hides."""
from __future__ import annotations

from sqlalchemy import or_, select

from keitai.db import db
from keitai.models.endorsement import Endorsement
from keitai.models.member import Member
from keitai.privacy import not_blocked
from keitai.rows import AnyRow, AnySelect


def about(subject_id: int, viewer_id: int) -> AnySelect:
    """Return endorsements of the subject the viewer sees, newest first, with the author.

    Hidden ones are shown to the subject only (to show them again); an author sees their own.
    """
    statement = (select(Endorsement.id, Endorsement.relation, Endorsement.body,
                        Endorsement.hidden, Endorsement.updated_at, Endorsement.author_id,
                        Member.nickname.label("author_nickname"))
                 .join(Member, Member.id == Endorsement.author_id)
                 .where(Endorsement.subject_id == subject_id,
                        not_blocked(Endorsement.author_id, viewer_id))
                 .order_by(Endorsement.updated_at.desc(), Endorsement.id.desc()))
    if viewer_id != subject_id:
        statement = statement.where(or_(Endorsement.hidden.is_(False),
                                        Endorsement.author_id == viewer_id))
    return statement


def mine_about(author_id: int, subject_id: int) -> Endorsement | None:
    """Return the endorsement the author wrote of the subject, if any."""
    return db.session.scalar(select(Endorsement).where(
        Endorsement.author_id == author_id, Endorsement.subject_id == subject_id))


def shown_about(subject_id: int, viewer_id: int, limit: int) -> list[AnyRow]:
    """Return the newest endorsements of the subject shown on their page (none hidden)."""
    return list(db.session.execute(about(subject_id, viewer_id)
                                   .where(Endorsement.hidden.is_(False)).limit(limit)).all())
