"""Every social page runs a fixed number of SQL statements, however much data there is."""
from __future__ import annotations

import pytest
from sqlalchemy import insert

from keitai.db import db
from keitai.models import Block, Bookmark, Endorsement, Footprint, FriendRequest
from keitai.models.base import utcnow
from tests.social.conftest import befriend, crowd
from tests.sql import counting_sql

PAGES = ["/friends", "/friends/requests", "/footprints", "/bookmarks", "/settings/blocks",
         "/members/{me}/endorsements", "/members/{other}", "/members/{other}/more",
         "/members/{me}", "/settings/profile", "/settings/profile/fields"]


def populate(app, me: int, other: int, people: list[int]) -> None:
    """Give me and other friends, requests, footprints, bookmarks, blocks and endorsements."""
    befriend(app, me, *people[:len(people) // 2])
    befriend(app, other, *people[:len(people) // 2])
    now = utcnow()
    half = people[len(people) // 2:]
    with app.app_context():
        for model, rows in (
            (FriendRequest, [{"sender_id": p, "recipient_id": me, "message": "よろしく",
                              "knows_person": True, "created_at": now} for p in half]),
            (Footprint, [{"member_id": me, "visitor_id": p, "visited_at": now} for p in people]),
            (Bookmark, [{"member_id": me, "target_id": p, "created_at": now} for p in people]),
            (Block, [{"blocker_id": me, "blocked_id": p, "created_at": now} for p in half]),
            (Endorsement, [{"author_id": p, "subject_id": me, "relation": "ともだち",
                            "body": "いいひと", "hidden": False, "created_at": now,
                            "updated_at": now} for p in people[:len(people) // 2]]),
        ):
            if rows:
                db.session.execute(insert(model), rows)
        db.session.commit()


def statements_for(app, logged_in, path: str, me: int, other: int) -> int:
    browser = logged_in("docomo-N505i", me)
    url = path.format(me=me, other=other)
    browser.page(url)  # the first visit writes footprints and counts; count the second
    with counting_sql(app) as statements:
        browser.page(url)
    return len(statements)


@pytest.mark.parametrize("path", PAGES)
def test_a_page_runs_as_many_statements_with_2_or_60_rows(app, member, logged_in,
                                                          path) -> None:
    counts = []
    for size in (2, 60):
        me, other = member(f"わたし{size}"), member(f"あいて{size}")
        populate(app, me, other, crowd(app, size, prefix=f"p{size}-"))
        counts.append(statements_for(app, logged_in, path, me, other))
    assert counts[0] == counts[1] <= 12

