"""Community reads: lists of communities, members and topics; a topic's comments by number.

Lists that may be huge (a category, a community's members and topics) are keyset pages
(keitai.keyset); a member's own communities are at most COMMUNITIES_MAX and page by number.
Every statement is built once; blocks hide the other member's topics, comments and
membership both ways (keitai.privacy.not_blocked).
"""
from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Row, bindparam, func, literal, select
from sqlalchemy.orm import Session

from keitai.db import db
from keitai.features.communities.sql import author_name, id_param
from keitai.keyset import Cursor, Mode, Slice, fetch_slice, ordered
from keitai.models.base import utcnow
from keitai.models.community import (
    ADMIN,
    SUB_ADMIN,
    Community,
    CommunityMember,
    Event,
    JoinRequest,
    Poll,
    Topic,
    TopicComment,
)
from keitai.models.member import Member
from keitai.pagination import Page, fetch_prepared, paged
from keitai.privacy import not_blocked
from keitai.rows import AnySelect

#: older than any post: the floor when the member has fewer communities than asked for
_BEFORE_ALL = datetime(1970, 1, 1, tzinfo=UTC)




@cache
def _member_communities() -> AnySelect:
    """Build, once, the select of a member's communities, latest activity first."""
    owner, viewer = id_param("owner_id"), id_param("viewer_id")
    return paged(select(Community.id, Community.name, Community.member_count,
                        Community.posted_at, CommunityMember.role)
                 .join(CommunityMember, CommunityMember.community_id == Community.id)
                 .where(CommunityMember.member_id == owner, not_blocked(owner, viewer))
                 .order_by(Community.posted_at.desc(), Community.id.desc()))


def member_communities(owner_id: int, viewer_id: int, number: int, per_page: int) -> Page:
    """Return a page of the owner's communities (none to a member a block stands between)."""
    return fetch_prepared(_member_communities(), {"owner_id": owner_id,
                                                  "viewer_id": viewer_id}, number, per_page)


@cache
def _new_communities() -> AnySelect:
    return (select(Community.id, Community.name, Community.member_count)
            .order_by(Community.created_at.desc(), Community.id.desc())
            .limit(id_param("limit")))


def new_communities(limit: int) -> list[Row[Any]]:
    """Return the newest communities."""
    return list(db.session.execute(_new_communities(), {"limit": limit}).all())


@cache
def _category(mode: Mode) -> AnySelect:
    statement = select(Community.id, Community.name, Community.member_count).where(
        Community.category == bindparam("category"))
    return ordered(statement, Community, ("member_count", "id"), mode)


def category_slice(slug: str, cursor: Cursor, per_page: int) -> Slice:
    """Return a keyset page of a category's communities, most members first."""
    return fetch_slice(_category, {"category": slug}, cursor, per_page)


@cache
def _members(mode: Mode) -> AnySelect:
    viewer = id_param("viewer_id")
    statement = (select(CommunityMember.seq, CommunityMember.member_id, CommunityMember.role,
                        Member.nickname)
                 .join(Member, Member.id == CommunityMember.member_id)
                 .where(CommunityMember.community_id == id_param("community_id"),
                        not_blocked(CommunityMember.member_id, viewer)))
    return ordered(statement, CommunityMember, ("seq",), mode)


def members_slice(community_id: int, viewer_id: int, cursor: Cursor, per_page: int) -> Slice:
    """Return a keyset page of a community's members, newest first (roles marked)."""
    return fetch_slice(_members, {"community_id": community_id, "viewer_id": viewer_id},
                       cursor, per_page, id_of="seq")


@cache
def _managers() -> AnySelect:
    return (select(CommunityMember.member_id, CommunityMember.role, Member.nickname)
            .join(Member, Member.id == CommunityMember.member_id)
            .where(CommunityMember.community_id == id_param("community_id"),
                   CommunityMember.role.in_((ADMIN, SUB_ADMIN)))
            .order_by((CommunityMember.role == ADMIN).desc(), CommunityMember.seq))


def managers(community_id: int) -> list[Row[Any]]:
    """Return the admin (first) and sub-admins of a community with their nicknames."""
    return list(db.session.execute(_managers(), {"community_id": community_id}).all())


def _topic_columns() -> list[Any]:
    return [Topic.id, Topic.kind, Topic.title, Topic.comment_count, Topic.bumped_at,
            Topic.author_id, author_name(Topic.author_id)]


@cache
def _topics(mode: Mode) -> AnySelect:
    statement = select(*_topic_columns()).where(
        Topic.community_id == id_param("community_id"),
        not_blocked(Topic.author_id, id_param("viewer_id")))
    return ordered(statement, Topic, ("bumped_at", "id"), mode)


def topics_slice(community_id: int, viewer_id: int, cursor: Cursor, per_page: int) -> Slice:
    """Return a keyset page of a community's topics and events, latest comment first."""
    return fetch_slice(_topics, {"community_id": community_id, "viewer_id": viewer_id},
                       cursor, per_page)


@cache
def _upcoming_events() -> AnySelect:
    return (select(Topic.id, Topic.title, Event.starts_at, Event.place)
            .join(Topic, Topic.id == Event.topic_id)
            .where(Event.community_id == id_param("community_id"),
                   Event.starts_at >= bindparam("now"),
                   not_blocked(Topic.author_id, id_param("viewer_id")))
            .order_by(Event.starts_at, Event.topic_id).limit(id_param("limit")))


def upcoming_events(community_id: int, viewer_id: int, limit: int) -> list[Row[Any]]:
    """Return a community's next events, soonest first."""
    return list(db.session.execute(_upcoming_events(), {
        "community_id": community_id, "viewer_id": viewer_id, "limit": limit,
        "now": utcnow()}).all())


@cache
def _open_polls() -> AnySelect:
    return (select(Poll.id, Poll.question, Poll.closes_at)
            .where(Poll.community_id == id_param("community_id"),
                   Poll.closes_at > bindparam("now"),
                   not_blocked(Poll.author_id, id_param("viewer_id")))
            .order_by(Poll.closes_at, Poll.id).limit(id_param("limit")))


def open_polls(community_id: int, viewer_id: int, limit: int) -> list[Row[Any]]:
    """Return a community's polls still open, closing soonest first."""
    return list(db.session.execute(_open_polls(), {
        "community_id": community_id, "viewer_id": viewer_id, "limit": limit,
        "now": utcnow()}).all())


@cache
def _topic() -> AnySelect:
    return (select(Topic, author_name(Topic.author_id), Community.name.label("community_name"))
            .join(Community, Community.id == Topic.community_id)
            .where(Topic.id == id_param("topic_id"),
                   not_blocked(Topic.author_id, id_param("viewer_id"))))


def topic(topic_id: int, viewer_id: int) -> Row[Any] | None:
    """Return (Topic, author nickname, community name), None when there is none to show."""
    return db.session.execute(_topic(), {"topic_id": topic_id, "viewer_id": viewer_id}).first()


@cache
def _comments() -> AnySelect:
    return (select(TopicComment.id, TopicComment.number, TopicComment.body,
                   TopicComment.deleted, TopicComment.created_at, TopicComment.author_id,
                   author_name(TopicComment.author_id))
            .where(TopicComment.topic_id == id_param("topic_id"),
                   TopicComment.number.between(id_param("first"), id_param("last")),
                   not_blocked(TopicComment.author_id, id_param("viewer_id")))
            .order_by(TopicComment.number))


def comments(topic_id: int, viewer_id: int, first: int, last: int) -> list[Row[Any]]:
    """Return the comments numbered first..last the viewer sees (a block hides some)."""
    return list(db.session.execute(_comments(), {
        "topic_id": topic_id, "viewer_id": viewer_id, "first": first, "last": last}).all())


def comment(topic_id: int, number: int) -> Row[Any] | None:
    """Return the comment with this number (id, author_id, body, deleted), or None."""
    return db.session.execute(
        select(TopicComment.id, TopicComment.author_id, TopicComment.body,
               TopicComment.deleted, author_name(TopicComment.author_id))
        .where(TopicComment.topic_id == topic_id, TopicComment.number == number)).first()


@cache
def _join_requests() -> AnySelect:
    return (select(JoinRequest.member_id, JoinRequest.message, JoinRequest.created_at,
                   Member.nickname)
            .join(Member, Member.id == JoinRequest.member_id)
            .where(JoinRequest.community_id == id_param("community_id"))
            .order_by(JoinRequest.created_at, JoinRequest.member_id).limit(id_param("limit")))


def join_requests(community_id: int, limit: int) -> list[Row[Any]]:
    """Return the oldest requests to join a community, with the askers' nicknames."""
    return list(db.session.execute(_join_requests(), {"community_id": community_id,
                                                      "limit": limit}).all())


def pending_count_expr(member: Any) -> Any:
    """Return how many requests wait in the communities the member manages, as a subquery."""
    manager = CommunityMember
    return (select(func.count()).select_from(JoinRequest)
            .join(manager, manager.community_id == JoinRequest.community_id)
            .where(manager.member_id == member, manager.role.in_((ADMIN, SUB_ADMIN)))
            .scalar_subquery())


@cache
def _latest_posts() -> AnySelect:
    """Build, once, the latest topics of a member's communities (see latest_posts)."""
    member = id_param("member_id")
    limit = id_param("limit")
    mine = (select(Community.id, Community.posted_at)
            .join(CommunityMember, CommunityMember.community_id == Community.id)
            .where(CommunityMember.member_id == member).subquery("mine"))
    depth_th = (select(mine.c.posted_at).order_by(mine.c.posted_at.desc())
                .limit(1).offset(id_param("depth")).scalar_subquery())
    floor = func.coalesce(depth_th, literal(_BEFORE_ALL, Community.posted_at.type))
    busy = select(mine.c.id).where(mine.c.posted_at >= floor)
    return (select(Topic.id, Topic.kind, Topic.title, Topic.bumped_at, Topic.comment_count,
                   Community.name.label("community_name"))
            .join(Community, Community.id == Topic.community_id)
            .where(Topic.community_id.in_(busy), Topic.bumped_at >= floor,
                   not_blocked(Topic.author_id, member))
            .order_by(Topic.bumped_at.desc(), Topic.id.desc()).limit(limit))


def latest_posts(member_id: int, limit: int, session: Session | None = None) -> list[Row[Any]]:
    """Return the topics of the member's communities with the latest comments.

    The newest `limit` topics can only be in the communities whose latest post is among the
    `limit` newest of the member's communities, and no older than the limit-th of those:
    only those few communities' topics are read, on their (community, bumped_at) index.
    What grows with the member's communities is one index read of their memberships, which
    the 1000-community limit bounds.
    """
    return list((session or db.session()).execute(_latest_posts(), {
        "member_id": member_id, "limit": limit, "depth": max(limit - 1, 0)}).all())
