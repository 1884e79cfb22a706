"""Endorsement writes: one per author and subject (an upsert), by friends only."""
from __future__ import annotations

from sqlalchemy import delete, select, update

from keitai.db import db
from keitai.domain import DomainError
from keitai.models.base import utcnow
from keitai.models.endorsement import Endorsement
from keitai.moderation.hidden import refuse_if_hidden
from keitai.notices import notify
from keitai.privacy import are_friends, is_blocked_between
from keitai.upsert import dialect_insert

RELATION_MAX = 50
BODY_MAX = 1000


def write(author_id: int, subject_id: int, relation: str, body: str) -> None:
    """Write or rewrite the author's endorsement of a friend."""
    relation, body = " ".join(relation.split()), body.strip()
    if author_id == subject_id or not are_friends(author_id, subject_id) \
            or is_blocked_between(author_id, subject_id):
        raise DomainError("紹介文はマイミクだけが書けます。")
    if not relation or not body:
        raise DomainError("関係と紹介文を入力してください。")
    if len(relation) > RELATION_MAX or len(body) > BODY_MAX:
        raise DomainError(f"関係は{RELATION_MAX}文字、紹介文は{BODY_MAX}文字までです。")
    written_before = db.session.execute(select(Endorsement.id, Endorsement.created_at).where(
        Endorsement.author_id == author_id, Endorsement.subject_id == subject_id)).first()
    if written_before is not None:  # one an operator hides is not rewritten (it may go)
        refuse_if_hidden("endorsement", written_before.id, written_before.created_at)
    now = utcnow()
    values = {"relation": relation, "body": body, "updated_at": now}
    written = db.session.execute(
        dialect_insert(Endorsement)
        .values(author_id=author_id, subject_id=subject_id, hidden=False, created_at=now,
                **values)
        .on_conflict_do_update(index_elements=["author_id", "subject_id"], set_=values)
        .returning(Endorsement.created_at)).scalar()
    if written == now:  # a new endorsement (rewriting one tells nobody)
        notify(subject_id, "endorsement", "endorsements.index", {"member_id": subject_id},
               actor_id=author_id)


def delete_own(author_id: int, subject_id: int) -> None:
    """Delete the endorsement the author wrote of the subject."""
    db.session.execute(delete(Endorsement).where(
        Endorsement.author_id == author_id, Endorsement.subject_id == subject_id))


def set_hidden(endorsement_id: int, subject_id: int, hidden: bool) -> None:
    """Hide an endorsement of me from my profile, or show it again."""
    db.session.execute(update(Endorsement).where(
        Endorsement.id == endorsement_id, Endorsement.subject_id == subject_id)
        .values(hidden=hidden))
