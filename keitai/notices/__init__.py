"""Notices by mail: tell a member, at their mobile address, that something happened.

CONTRACT (filled in by the notices work): notify() is called by the feature services in the
caller's unit of work; it never sends at once, never raises for the caller's action.
"""
from __future__ import annotations

#: the kinds of notice, in the order /settings/notices lists them
KINDS = ("message", "friend_request", "diary_comment", "topic_comment", "comment_reply",
         "event_tomorrow", "endorsement", "friend_joined")


def notify(recipient_id: int, kind: str, endpoint: str, values: dict[str, str | int],
           actor_id: int | None = None) -> None:
    """Note that something of kind happened for recipient_id, its page being endpoint with
    values (url_for arguments); the notice mail goes later, batched. actor_id: who did it
    (nobody is told of what they did themselves; a blocked actor tells nobody)."""
