"""Search results: the index's matches joined to the rows they name, each privacy rule
checked on those rows, newest first, a keyset page at a time.

The rules are the pages' own:
- diaries: `can_see` on the diary's visibility, blocks both ways (as the diary page);
- topics and events: no block between the viewer and the author, and the community shows its
  topics to everyone or the viewer belongs to it (as the topic page);
- members: no block either way; the words are matched against the one document of the
  viewer's level (keitai.search.documents), filters against fields the viewer is shown;
- communities: every community that exists (their top pages are open to every member).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, FromClause, and_, case, exists, literal, or_, select

from keitai.db import db
from keitai.features.communities.access import ALL
from keitai.features.communities.sql import author_name
from keitai.features.profile.filters import MemberFilters, member_conditions
from keitai.keyset import CURSOR, LIMIT, Cursor, Mode, Slice, fetch_slice
from keitai.models.community import Community, CommunityMember, Topic
from keitai.models.diary import Diary
from keitai.models.member import Member
from keitai.models.profile import Profile
from keitai.privacy import can_see, friends_expr, friends_of_friends_expr, not_blocked
from keitai.rows import AnySelect
from keitai.search.documents import SLOTS
from keitai.search.engines import engine_for
from keitai.search.grams import Needle


def _keyset(statement: AnySelect, key: ColumnElement[int], mode: Mode,
            slots: int = 1) -> AnySelect:
    """Order by the document id, newest first, from the cursor's row (a row id; a member's
    documents are ids row * slots ... row * slots + slots - 1)."""
    if mode == "after":
        return statement.where(key < CURSOR * slots).order_by(key.desc()).limit(LIMIT)
    if mode == "before":
        return statement.where(key > CURSOR * slots + (slots - 1)).order_by(key.asc()) \
            .limit(LIMIT)
    return statement.order_by(key.desc()).limit(LIMIT)


#: the documents a first try reads, newest first, where the engine does not do so itself
NEWEST = 5000
#: builds a result statement from an engine's FROM item, document id and condition
Make = Callable[[FromClause, ColumnElement[int], ColumnElement[bool]], AnySelect]


def _matched(kind: str, needles: Sequence[Sequence[Needle]], make: Make, cursor: Cursor,
             per_page: int, slots: int = 1) -> Slice:
    """Return a page of the documents of a kind that hold the words, as make joins them.

    An engine that reads its matches newest first answers at once. Otherwise the newest
    NEWEST documents are tried first: a full page there (a common word) is the answer, read
    by the primary key; else (a rarer word) the engine's index is asked for every match.
    """
    engine = engine_for(db.session())

    def build(mode: Mode, newest: int | None) -> AnySelect:
        below = CURSOR * slots if mode == "after" else None
        above = CURSOR * slots + (slots - 1) if mode == "before" else None
        found, doc_id, matches, _params = engine.source(kind, needles, newest, below, above)
        return _keyset(make(found, doc_id, matches), doc_id, mode, slots)

    params = engine.source(kind, needles)[3]
    if not engine.newest_first:
        page = fetch_slice(lambda mode: build(mode, NEWEST), params, cursor, per_page)
        if (page.newer if cursor.mode == "before" else page.older) is not None:
            return page
    return fetch_slice(lambda mode: build(mode, None), params, cursor, per_page)


def _viewer_level(doc_id: Any, member_id: Any, viewer_id: int) -> ColumnElement[bool]:
    """Return a condition true for the one document of a member a viewer is matched against
    (keitai.search.documents.LEVELS): 3 the member, 2 a friend, 1 a friend of a friend, 0
    anyone else. An OR, not `doc_id = id * 4 + CASE …`: PostgreSQL would make that equality
    a hash key and work the CASE out for every member of the site."""
    viewer = literal(viewer_id)
    level = doc_id.op("%")(SLOTS)
    me, friend = member_id == viewer, friends_expr(member_id, viewer)
    friend_of_friend = friends_of_friends_expr(member_id, viewer)
    return or_(and_(level == 3, me),
               and_(level == 2, ~me, friend),
               and_(level == 1, ~me, ~friend, friend_of_friend),
               and_(level == 0, ~me, ~friend, ~friend_of_friend))


def members(needles: Sequence[Sequence[Needle]], viewer_id: int, filters: MemberFilters,
            cursor: Cursor, per_page: int, today: date) -> Slice:
    """Members whose shown profile holds every word and who pass the filters."""
    introduction = case((can_see(Member.id, Profile.introduction_visibility, viewer_id),
                         Profile.introduction), else_=None).label("introduction")
    conditions = [not_blocked(Member.id, viewer_id), *member_conditions(
        viewer_id, Member.id, prefecture=filters.prefecture, gender=filters.gender,
        age_min=filters.age_min, age_max=filters.age_max, today=today)]
    base = (select(Member.id, Member.nickname, introduction)
            .outerjoin(Profile, Profile.member_id == Member.id).where(*conditions))
    if not needles:
        return fetch_slice(lambda mode: _keyset(base, Member.id.expression, mode), {}, cursor,
                           per_page)

    def make(found: FromClause, doc_id: ColumnElement[int],
             matches: ColumnElement[bool]) -> AnySelect:
        return (select(Member.id, Member.nickname, introduction).select_from(found)
                .join(Member, Member.id == doc_id.op("/")(SLOTS))
                .outerjoin(Profile, Profile.member_id == Member.id)
                .where(matches, _viewer_level(doc_id, Member.id, viewer_id), *conditions))

    return _matched("members", needles, make, cursor, per_page, SLOTS)


def communities(needles: Sequence[Sequence[Needle]], viewer_id: int, cursor: Cursor,
                per_page: int) -> Slice:
    """Communities whose name, category or description holds every word."""
    def make(found: FromClause, doc_id: ColumnElement[int],
             matches: ColumnElement[bool]) -> AnySelect:
        return (select(Community.id, Community.name, Community.description,
                       Community.category, Community.member_count)
                .select_from(found).join(Community, Community.id == doc_id).where(matches))

    return _matched("communities", needles, make, cursor, per_page)


def diaries(needles: Sequence[Sequence[Needle]], viewer_id: int, cursor: Cursor,
            per_page: int) -> Slice:
    """Diaries the viewer may read whose title or text holds every word."""
    def make(found: FromClause, doc_id: ColumnElement[int],
             matches: ColumnElement[bool]) -> AnySelect:
        return (select(Diary.id, Diary.title, Diary.body, Diary.created_at, Diary.author_id,
                       Member.nickname)
                .select_from(found).join(Diary, Diary.id == doc_id)
                .join(Member, Member.id == Diary.author_id)
                .where(matches, can_see(Diary.author_id, Diary.visibility, viewer_id)))

    return _matched("diaries", needles, make, cursor, per_page)


def topics(needles: Sequence[Sequence[Needle]], viewer_id: int, cursor: Cursor,
           per_page: int) -> Slice:
    """Topics and events the viewer may read whose title, text or place holds every word."""
    belongs = exists().where(CommunityMember.community_id == Topic.community_id,
                             CommunityMember.member_id == viewer_id)

    def make(found: FromClause, doc_id: ColumnElement[int],
             matches: ColumnElement[bool]) -> AnySelect:
        return (select(Topic.id, Topic.kind, Topic.title, Topic.body, Topic.created_at,
                       Topic.author_id, author_name(Topic.author_id),
                       Community.name.label("community_name"))
                .select_from(found).join(Topic, Topic.id == doc_id)
                .join(Community, Community.id == Topic.community_id)
                .where(matches, not_blocked(Topic.author_id, viewer_id),
                       or_(Community.topic_visibility == ALL, belongs)))

    return _matched("topics", needles, make, cursor, per_page)
