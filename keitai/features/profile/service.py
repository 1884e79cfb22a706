"""Profile writes: nickname, self-introduction and fields, each an upsert (double submits
change nothing twice)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select, update

from keitai import hot
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.profile.choices import gender_code, prefecture_code
from keitai.features.profile.fields import (
    BIRTH,
    BY_NAME,
    CHOICE,
    FIELDS,
    INTRODUCTION_MAX,
    NICKNAME_MAX,
    TEXT,
    FieldSpec,
)
from keitai.features.signup.profile import SignUpForm, check_birth_date
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.models.profile import Profile, ProfileField
from keitai.moderation.hidden import refuse_if_hidden
from keitai.privacy import Visibility
from keitai.search.indexing import changed
from keitai.upsert import dialect_insert


def _nickname(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise DomainError("ニックネームを入力してください。")
    if len(value) > NICKNAME_MAX or not value.isprintable():
        raise DomainError(f"ニックネームは{NICKNAME_MAX}文字以内で入力してください。")
    return value


#: why a member whose profile an operator hides may not change its words (the rest they may)
PROFILE_HIDDEN = ("プロフィールは運営により非表示にされているため、自己紹介などの文章は"
                  "編集できません。")


def _refuse_hidden_words(member_id: int, changed_words: bool) -> None:
    """Refuse new words in a profile an operator hides (nickname, choices, birth date and
    who sees what stay the member's to change)."""
    if changed_words:
        joined = db.session.scalar(select(Member.created_at).where(Member.id == member_id))
        refuse_if_hidden("profile", member_id, joined, PROFILE_HIDDEN)


def update_introduction(member_id: int, nickname: str, introduction: str,
                        visibility: str) -> None:
    """Change the member's nickname and self-introduction (not the introduction while an
    operator hides their profile)."""
    introduction = introduction.strip()
    if len(introduction) > INTRODUCTION_MAX:
        raise DomainError(f"自己紹介は{INTRODUCTION_MAX}文字以内で入力してください。")
    stored = db.session.scalar(select(Profile.introduction).where(
        Profile.member_id == member_id))
    _refuse_hidden_words(member_id, introduction != (stored or ""))
    level = Visibility.parse(visibility, Visibility.EVERYONE).value
    db.session.execute(update(Member).where(Member.id == member_id)
                       .values(nickname=_nickname(nickname)))
    hot.card_changed(member_id)
    values = {"introduction": introduction, "introduction_visibility": level,
              "updated_at": utcnow()}
    db.session.execute(dialect_insert(Profile).values(member_id=member_id, **values)
                       .on_conflict_do_update(index_elements=["member_id"], set_=values))
    changed("members", member_id)  # the search finds them by their new words


def birth_date_typed(year: str, month: str, day: str) -> date | None:
    """Return the birth date typed in the form (None when all three are blank); refuse one
    that is no date or under the sign-up age, as signing up does."""
    if not (year.strip() or month.strip() or day.strip()):
        return None
    return check_birth_date(SignUpForm(birth_year=year.strip(), birth_month=month.strip(),
                                       birth_day=day.strip()))


def _value(spec: FieldSpec, value: str) -> str:
    """Return the value to store for a field ('' to remove it), or refuse it."""
    value = " ".join(value.split())
    if spec.kind == CHOICE:
        if not value or value in dict(spec.choices):
            return value
        # a label or a prefecture's name (東京) is taken for its code, as the migration does
        code = prefecture_code(value) if spec.name == "prefecture" else gender_code(value)
        if code is None:
            raise DomainError(f"{spec.label}は一覧から選んでください。")
        return code
    if len(value) > spec.max_length:
        raise DomainError(f"{spec.label}は{spec.max_length}文字以内で入力してください。")
    return value


def update_fields(member_id: int, values: dict[str, tuple[str, str]],
                  birth_date: date | None = None) -> None:
    """Set the fields values names: name -> (value, visibility); empty values go.

    Fields values does not name are left as they are. A birth field (年齢, 誕生日) keeps only
    its visibility; birth_date, when given, becomes the member's birth date.
    """
    cleaned: dict[str, tuple[str, str]] = {}
    for spec in FIELDS:
        if spec.name not in values:
            continue
        value, visibility = values[spec.name]
        level = Visibility.parse(visibility, spec.default_visibility).value
        cleaned[spec.name] = ("" if spec.kind == BIRTH else _value(spec, value), level)
    stored = {row.name: row.value for row in db.session.execute(
        select(ProfileField.name, ProfileField.value).where(
            ProfileField.member_id == member_id))}
    _refuse_hidden_words(member_id, any(
        value != stored.get(name, "") for name, (value, _level) in cleaned.items()
        if BY_NAME[name].kind == TEXT))
    empty = [name for name, (value, _level) in cleaned.items()
             if not value and BY_NAME[name].kind != BIRTH]
    if empty:
        db.session.execute(delete(ProfileField).where(
            ProfileField.member_id == member_id, ProfileField.name.in_(empty)))
    for name, (value, level) in cleaned.items():
        if value or BY_NAME[name].kind == BIRTH:
            insert = dialect_insert(ProfileField).values(
                member_id=member_id, name=name, value=value, visibility=level)
            db.session.execute(insert.on_conflict_do_update(
                index_elements=["member_id", "name"],
                set_={"value": value, "visibility": level}))
    if birth_date is not None:
        db.session.execute(update(Member).where(Member.id == member_id)
                           .values(birth_date=birth_date))
    changed("members", member_id)
