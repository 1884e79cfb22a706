"""Communities (コミュニティ): the groups, who belongs, topics with numbered comments, events
and polls.

Counters that pages show (members, comments, participants) live on the row they count for
and move in the same unit of work as the rows they count; the row's update is also the lock
that orders concurrent writers (see keitai.features.communities.service).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow
from keitai.models.diary import SUBMIT_KEY_LENGTH

#: membership roles: the one admin (管理人), sub-admins (副管理人) and members
ADMIN, SUB_ADMIN, MEMBER = "admin", "sub_admin", "member"


class Community(Base):
    """A community: its name, category, rules for joining and posting, and its counters."""

    __tablename__ = "communities"
    __table_args__ = (
        # a category's communities, most members first (keyset by member count and id)
        Index("ix_communities_category", "category", "member_count", "id"),
        # new communities, newest first
        Index("ix_communities_created_at", "created_at"),
        # a double submit of the create form makes one community
        UniqueConstraint("creator_id", "submit_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    #: a keitai.features.communities.categories slug
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    #: "open" (anyone joins) or "approval" (an admin approves each request)
    join_policy: Mapped[str] = mapped_column(String(10), default="open")
    #: "all" (every logged-in member reads the topics) or "members" (members only)
    topic_visibility: Mapped[str] = mapped_column(String(10), default="all")
    #: "members" or "admins": who may create topics, events and polls
    post_policy: Mapped[str] = mapped_column(String(10), default="members")
    member_count: Mapped[int] = mapped_column(Integer, default=0)
    #: when a topic, event or comment was last written in it (my communities' order)
    posted_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: who made it (None once they withdrew); the admin is the membership with role admin
    creator_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"))
    submit_key: Mapped[str | None] = mapped_column(String(SUBMIT_KEY_LENGTH))


class CommunityMember(Base):
    """member_id belongs to community_id, with a role."""

    __tablename__ = "community_members"
    __table_args__ = (
        # one membership per member and community
        UniqueConstraint("community_id", "member_id"),
        # a member's communities (at most 1000 of them)
        Index("ix_community_members_member", "member_id", "role"),
        # a community's members, newest first (keyset by join order)
        Index("ix_community_members_list", "community_id", "seq"),
        # its admin and sub-admins, without reading its other members
        Index("ix_community_members_roles", "community_id", "role", "seq"),
        # one admin per community, enforced by the database
        Index("ix_community_members_admin", "community_id", unique=True,
              sqlite_where=text("role = 'admin'"), postgresql_where=text("role = 'admin'")),
    )

    #: the order of joining (the members list's key)
    seq: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10), default=MEMBER)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class JoinRequest(Base):
    """A member asks to join a community whose admins approve each request."""

    __tablename__ = "community_join_requests"

    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True)
    message: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Topic(Base):
    """A topic (トピック) or an event (イベント, with an Event row) of a community."""

    __tablename__ = "topics"
    __table_args__ = (
        # a community's topics, latest comment first (keyset by bump time and id)
        Index("ix_topics_community_bumped", "community_id", "bumped_at", "id"),
        UniqueConstraint("author_id", "submit_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"))
    #: None once the author withdrew (shown as 退会したユーザー)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"))
    #: "topic" or "event"
    kind: Mapped[str] = mapped_column(String(10), default="topic")
    title: Mapped[str] = mapped_column(String(50))
    body: Mapped[str] = mapped_column(Text)
    #: the number the last comment got: numbers are never reused, deletions leave a gap-less
    #: run of numbers with tombstones
    comment_count: Mapped[int] = mapped_column(Integer, default=0)
    #: when the last comment was written (the topic's creation before any)
    bumped_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submit_key: Mapped[str | None] = mapped_column(String(SUBMIT_KEY_LENGTH))


class TopicPhoto(Base):
    """The photo attached to a topic, normalised like a profile photo, and its variants."""

    __tablename__ = "topic_photos"

    topic_id: Mapped[int] = mapped_column(
        ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True)
    #: random; names the photo in its URL
    key: Mapped[str] = mapped_column(String(32), unique=True)
    content_type: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)


class TopicPhotoVariant(Base):
    """A topic photo resized and encoded for one kind of screen, made on first request."""

    __tablename__ = "topic_photo_variants"

    topic_id: Mapped[int] = mapped_column(
        ForeignKey("topic_photos.topic_id", ondelete="CASCADE"), primary_key=True)
    #: format and width, such as "gif-120" or "jpeg-240" (keitai.features.profile.images)
    variant: Mapped[str] = mapped_column(String(24), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class TopicComment(Base):
    """A numbered comment on a topic or event; a deleted one stays as a tombstone."""

    __tablename__ = "topic_comments"
    __table_args__ = (
        # no two comments of a topic share a number; a page is a range of numbers
        UniqueConstraint("topic_id", "number"),
        UniqueConstraint("author_id", "submit_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"))
    #: emptied when the comment is deleted
    body: Mapped[str] = mapped_column(Text)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submit_key: Mapped[str | None] = mapped_column(String(SUBMIT_KEY_LENGTH))


class Event(Base):
    """What makes a topic an event: when, where, until when to join, how many may."""

    __tablename__ = "events"
    __table_args__ = (
        # a community's upcoming events, soonest first
        Index("ix_events_community_starts", "community_id", "starts_at"),
    )

    topic_id: Mapped[int] = mapped_column(
        ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column()
    place: Mapped[str] = mapped_column(String(100))
    #: joining is refused after this (None: until the event starts)
    deadline: Mapped[datetime | None] = mapped_column()
    #: at most this many participants (None: no limit)
    capacity: Mapped[int | None] = mapped_column(Integer)
    participant_count: Mapped[int] = mapped_column(Integer, default=0)


class EventParticipant(Base):
    """member_id takes part in the event."""

    __tablename__ = "event_participants"
    __table_args__ = (Index("ix_event_participants_list", "event_id", "joined_at"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.topic_id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class Poll(Base):
    """A poll (アンケート) of a community: a question, its choices, until when to vote."""

    __tablename__ = "polls"
    __table_args__ = (
        Index("ix_polls_community_closes", "community_id", "closes_at"),
        UniqueConstraint("author_id", "submit_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"))
    question: Mapped[str] = mapped_column(String(100))
    closes_at: Mapped[datetime] = mapped_column()
    #: whether voters see the results before the poll closes
    results_open: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submit_key: Mapped[str | None] = mapped_column(String(SUBMIT_KEY_LENGTH))


class PollChoice(Base):
    """One of a poll's 2-20 choices, in the order the author gave."""

    __tablename__ = "poll_choices"
    __table_args__ = (UniqueConstraint("poll_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(50))


class PollVote(Base):
    """A member's vote: one per poll and member, by the primary key."""

    __tablename__ = "poll_votes"
    __table_args__ = (Index("ix_poll_votes_choice", "poll_id", "choice_id"),)

    poll_id: Mapped[int] = mapped_column(
        ForeignKey("polls.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True)
    choice_id: Mapped[int] = mapped_column(ForeignKey("poll_choices.id", ondelete="CASCADE"))
    voted_at: Mapped[datetime] = mapped_column(default=utcnow)
