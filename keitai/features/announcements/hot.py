"""お知らせ on home, kept hot in Redis (keitai.cache) beside home's other keys.

- `announcements:<size>`: the latest announcements, the same for every member (site-wide);
  forgotten when one is published or retracted.
- `announce-member:<member>`: what is the member's own: the announcements they read (the
  READS_KEPT newest by announcement) and their unread notices; forgotten when they open an
  announcement or a notice, and when one is left for them.

A new announcement needs no member's key forgotten: nobody has read it yet, and whoever
opens it forgets their own key. The reads kept are the newest by announcement, so those home
shows (at most the newest few still shown) are among them unless many newer ones were
retracted: then an old one may show NEW until the key's time runs out.
"""
from __future__ import annotations

from keitai.cache import invalidate_after_commit
from keitai.hot import FEED_SIZES

#: how many announcements home shows: on small handsets, on the others (as its feeds)
LIST_SIZES = FEED_SIZES
#: how long the site-wide list and a member's read state may be served from Redis at most
LIST_SECONDS = 600
MEMBER_SECONDS = 600
#: how many of a member's reads (the newest announcements they read) their key keeps
READS_KEPT = 20
#: how many unread notices home shows (one more is read, to know of more)
HOME_NOTICES = 3


def list_key(size: int) -> str:
    """Return the cache key of the latest `size` announcements shown now."""
    return f"announcements:{size}"


def member_key(member_id: int) -> str:
    """Return the cache key of the member's reads and unread notices."""
    return f"announce-member:{member_id}"


def announcements_changed() -> None:
    """Forget the site-wide lists once the current unit of work commits."""
    invalidate_after_commit(*(list_key(size) for size in LIST_SIZES))


def member_changed(member_id: int) -> None:
    """Forget the member's reads and notices once the current unit of work commits."""
    invalidate_after_commit(member_key(member_id))
