"""What each kind of document says: the text the index holds for a diary, a topic, a
community or a member.

A member's profile fields have their own visibility, so a member is four documents, one per
level of viewer: what everyone sees, what a friend of a friend sees, what a friend sees, what
the member sees of themselves (each holds the one before). Their ids are member id * 4 +
level; a search matches a viewer against the one document of their level, so a field is
found only by whom it is shown to.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from keitai.features.communities.categories import label_of
from keitai.features.profile.fields import display_value
from keitai.models.community import Community, Event, Topic
from keitai.models.diary import Diary
from keitai.models.member import Member
from keitai.models.profile import Profile, ProfileField
from keitai.privacy import Visibility
from keitai.search.analysis import forms
from keitai.search.grams import Terms, terms

#: the member documents: the visibilities each level of viewer sees
LEVELS: tuple[tuple[str, ...], ...] = (
    (Visibility.EVERYONE.value,),
    (Visibility.EVERYONE.value, Visibility.FRIENDS_OF_FRIENDS.value),
    (Visibility.EVERYONE.value, Visibility.FRIENDS_OF_FRIENDS.value, Visibility.FRIENDS.value),
    tuple(level.value for level in Visibility),  # the member themselves
)
#: member document ids: member id * SLOTS + level
SLOTS = len(LEVELS)
#: the profile fields that are codes, not words (an age range is a filter, not a word)
_NOT_WORDS = {"gender", "birthday", "age"}


def _terms(*texts: str) -> Terms:
    return terms(form for text in texts if text for form in forms(text).distinct())


def diaries(session: Session, ids: Sequence[int]) -> dict[int, Terms]:
    """Return the terms of the diaries that exist among ids."""
    rows = session.execute(select(Diary.id, Diary.title, Diary.body)
                           .where(Diary.id.in_(list(ids))))
    return {row.id: _terms(row.title, row.body) for row in rows}


def topics(session: Session, ids: Sequence[int]) -> dict[int, Terms]:
    """Return the terms of the topics (and events, with their place) that exist among ids."""
    rows = session.execute(select(Topic.id, Topic.title, Topic.body, Event.place)
                           .outerjoin(Event, Event.topic_id == Topic.id)
                           .where(Topic.id.in_(list(ids))))
    return {row.id: _terms(row.title, row.body, row.place or "") for row in rows}


def communities(session: Session, ids: Sequence[int]) -> dict[int, Terms]:
    """Return the terms of the communities that exist among ids."""
    rows = session.execute(select(Community.id, Community.name, Community.description,
                                  Community.category).where(Community.id.in_(list(ids))))
    return {row.id: _terms(row.name, label_of(row.category), row.description) for row in rows}


def members(session: Session, ids: Sequence[int]) -> dict[int, Terms]:
    """Return the terms of the four documents of each member that exists among ids (keys:
    member id * SLOTS + level)."""
    ids = list(ids)
    people = {row.id: row.nickname for row in session.execute(
        select(Member.id, Member.nickname).where(Member.id.in_(ids)))}
    introductions = {row.member_id: row for row in session.execute(
        select(Profile.member_id, Profile.introduction, Profile.introduction_visibility)
        .where(Profile.member_id.in_(ids)))}
    fields: dict[int, list[tuple[str, str]]] = {}
    for row in session.execute(select(ProfileField.member_id, ProfileField.name,
                                      ProfileField.value, ProfileField.visibility)
                               .where(ProfileField.member_id.in_(ids))):
        if row.name not in _NOT_WORDS and row.value:
            fields.setdefault(row.member_id, []).append(
                (display_value(row.name, row.value), row.visibility))
    found: dict[int, Terms] = {}
    for member_id, nickname in people.items():
        intro = introductions.get(member_id)
        shown = [*fields.get(member_id, [])]
        if intro is not None and intro.introduction:
            shown.append((intro.introduction, intro.introduction_visibility))
        for level, seen in enumerate(LEVELS):
            found[member_id * SLOTS + level] = _terms(
                nickname, *(value for value, visibility in shown if visibility in seen))
    return found


#: each kind's documents by id, and the table whose ids it walks to rebuild the index
SOURCES = {"members": (members, Member.id), "communities": (communities, Community.id),
           "diaries": (diaries, Diary.id), "topics": (topics, Topic.id)}


def document_ids(kind: str, ids: Sequence[int]) -> list[int]:
    """Return the index ids of the documents of the rows with ids (a member has four)."""
    if kind == "members":
        return [member * SLOTS + level for member in ids for level in range(len(LEVELS))]
    return list(ids)


def batches(session: Session, kind: str, size: int) -> Iterator[list[int]]:
    """Yield the ids of every row of a kind, newest first, size at a time."""
    _load, id_column = SOURCES[kind]
    last: int | None = None
    while True:
        statement = select(id_column).order_by(id_column.desc()).limit(size)
        if last is not None:
            statement = statement.where(id_column < last)
        ids = list(session.scalars(statement))
        if not ids:
            return
        yield ids
        last = ids[-1]
