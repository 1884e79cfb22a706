"""Profile writes: nickname, self-introduction and fields, each an upsert (double submits
change nothing twice)."""
from __future__ import annotations

from sqlalchemy import delete, update

from keitai import hot
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.profile.fields import (
    BY_NAME,
    FIELDS,
    INTRODUCTION_MAX,
    NICKNAME_MAX,
)
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.models.profile import Profile, ProfileField
from keitai.privacy import Visibility
from keitai.upsert import dialect_insert


def _nickname(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise DomainError("ニックネームを入力してください。")
    if len(value) > NICKNAME_MAX or not value.isprintable():
        raise DomainError(f"ニックネームは{NICKNAME_MAX}文字以内で入力してください。")
    return value


def update_introduction(member_id: int, nickname: str, introduction: str,
                        visibility: str) -> None:
    """Change the member's nickname and self-introduction."""
    introduction = introduction.strip()
    if len(introduction) > INTRODUCTION_MAX:
        raise DomainError(f"自己紹介は{INTRODUCTION_MAX}文字以内で入力してください。")
    level = Visibility.parse(visibility, Visibility.EVERYONE).value
    db.session.execute(update(Member).where(Member.id == member_id)
                       .values(nickname=_nickname(nickname)))
    hot.card_changed(member_id)
    values = {"introduction": introduction, "introduction_visibility": level,
              "updated_at": utcnow()}
    db.session.execute(dialect_insert(Profile).values(member_id=member_id, **values)
                       .on_conflict_do_update(index_elements=["member_id"], set_=values))


def update_fields(member_id: int, values: dict[str, tuple[str, str]]) -> None:
    """Set the member's profile fields: name -> (value, visibility); empty values go."""
    cleaned: dict[str, tuple[str, str]] = {}
    for spec in FIELDS:
        value, visibility = values.get(spec.name, ("", ""))
        value = " ".join(value.split())
        if len(value) > spec.max_length:
            raise DomainError(f"{spec.label}は{spec.max_length}文字以内で入力してください。")
        cleaned[spec.name] = (value, Visibility.parse(visibility, Visibility.EVERYONE).value)
    empty = [name for name, (value, _level) in cleaned.items() if not value]
    if empty:
        db.session.execute(delete(ProfileField).where(
            ProfileField.member_id == member_id, ProfileField.name.in_(empty)))
    for name, (value, level) in cleaned.items():
        if value and name in BY_NAME:
            insert = dialect_insert(ProfileField).values(
                member_id=member_id, name=name, value=value, visibility=level)
            db.session.execute(insert.on_conflict_do_update(
                index_elements=["member_id", "name"],
                set_={"value": value, "visibility": level}))
