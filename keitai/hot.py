"""What every home page shows, kept hot in Redis: the member's card, the friends' latest
diaries and the counts.

Home is the most visited page. With Redis (keitai.cache), all it reads comes from there, in
one round trip and without the database: `card:<member>` (the member's own nickname and
premium period), `feed2:<member>:<size>` (the first diaries of the friends' feed),
`news5:<member>` (unread messages, friend requests, new comments, new visits, join requests
to approve) and `communities:<member>:<size>` (the latest topics of the member's
communities). Each write that changes them names the members whose keys go, and the keys go
when the write's unit of work commits, on every app server at once:

- a nickname changed, a member withdrawn: the member's card;

- a diary written, edited or deleted: the feeds of the author's friends;
- a friendship made or ended (a block ends one): the feeds of both;
- a message sent, read or deleted; a friend request sent or answered; a comment written,
  deleted or read; a visit left or seen: the counts of the member they are for;
- a request to join a community made or answered, a role given or taken: the counts of the
  community's admins;
- a member joining or leaving a community: that member's latest topics.

A topic written in a community with 100,000 members cannot name their keys: the latest
topics are left to their time limit (COMMUNITIES_SECONDS); the topic pages themselves
always ask the database who may read them.
What is left to the time limit (FEED_SECONDS, NEWS_SECONDS) changes no privacy: a comment
count or a nickname in the feed, the counts after a member withdraws. Without Redis, nothing
is kept and every home page reads the database.

PC and smartphone pages show the member's photo, nickname, a few friends and communities
around every page (keitai.layout), kept under `layout1:<member>`: forgotten with the card,
with the latest topics (joining or leaving a community), when the member's friend count is
written (every friendship made or ended) and when their photos change.
"""
from __future__ import annotations

from collections.abc import Iterable

from keitai.cache import invalidate_after_commit

#: the feed sizes home shows (small handsets, the others): each is kept under its own key
FEED_SIZES = (3, 5)
#: how long a feed or the counts may be served from Redis at most
FEED_SECONDS = 60
NEWS_SECONDS = 60
#: how long the latest topics of a member's communities may be served from Redis at most
COMMUNITIES_SECONDS = 60
#: how long a member's card may be served from Redis at most
CARD_SECONDS = 600
#: how long the layout around PC and smartphone pages may be served from Redis at most (a
#: friend's new nickname or photo, a community's new name show within it)
LAYOUT_SECONDS = 300


def card_key(member_id: int) -> str:
    """Return the cache key of what home shows of the member themself (the nickname and the
    premium period, for the badge)."""
    return f"card:{member_id}"


def feed_key(member_id: int, size: int) -> str:
    """Return the cache key of the first `size` diaries of the member's friends' feed (its
    entries carry their time as shown: a key of the earlier form, with ISO times, is not
    read)."""
    return f"feed2:{member_id}:{size}"


def news_key(member_id: int) -> str:
    """Return the cache key of the member's counts of what is new (five of them: a key
    with four, from before join requests were counted, is not read)."""
    return f"news5:{member_id}"


def communities_key(member_id: int, size: int) -> str:
    """Return the cache key of the latest `size` topics of the member's communities."""
    return f"communities:{member_id}:{size}"


def layout_key(member_id: int) -> str:
    """Return the cache key of what the layout of PC and smartphone pages shows around every
    page for the member (keitai.layout; the name has its form's version)."""
    return f"layout1:{member_id}"


def layout_changed(*member_ids: int) -> None:
    """Forget these members' layout data once the current unit of work commits."""
    invalidate_after_commit(*(layout_key(member_id) for member_id in set(member_ids)))


def feed_changed(member_ids: Iterable[int]) -> None:
    """Forget these members' feeds once the current unit of work commits."""
    invalidate_after_commit(*(feed_key(member_id, size)
                              for member_id in set(member_ids) for size in FEED_SIZES))


def news_changed(*member_ids: int) -> None:
    """Forget these members' counts once the current unit of work commits."""
    invalidate_after_commit(*(news_key(member_id) for member_id in set(member_ids)))


def card_changed(member_id: int) -> None:
    """Forget the member's card (and the layout, which shows the nickname too) once the
    current unit of work commits."""
    invalidate_after_commit(card_key(member_id), layout_key(member_id))


def communities_changed(*member_ids: int) -> None:
    """Forget these members' latest community topics (and their layouts, which list their
    communities) once the current unit of work commits."""
    invalidate_after_commit(*(communities_key(member_id, size)
                              for member_id in set(member_ids) for size in FEED_SIZES),
                            *(layout_key(member_id) for member_id in set(member_ids)))
