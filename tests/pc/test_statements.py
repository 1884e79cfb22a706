"""What the layout costs: one statement a page without Redis, whatever the member's friends
and communities number, and none with Redis once it is kept."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from tests.communities.factories import add_community
from tests.social.conftest import Browser, befriend, crowd
from tests.sql import counting_sql

pytestmark = pytest.mark.stores


def statements(app: Flask, browser: Browser, path: str) -> list[str]:
    """Return the statements of a page's second visit (the first writes what is first)."""
    browser.page(path)
    with counting_sql(app) as found:
        browser.page(path)
    return found


@pytest.mark.parametrize("path", ["/", "/friends", "/communities"])
def test_the_layout_costs_one_statement_without_redis_and_none_with_it(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser],
        store: str, path: str) -> None:
    me = member("わたし")
    befriend(app, me, *crowd(app, 3))
    handset = statements(app, logged_in("docomo-P903i", me), path)
    pc = statements(app, logged_in("pc-Firefox", me), path)
    phone = statements(app, logged_in("smartphone-iPhone", me), path)
    if store == "redis":
        assert len(pc) == len(phone) == len(handset)
        if path == "/":
            assert pc == []  # home from Redis alone, the layout too
    else:
        assert len(pc) == len(phone) == len(handset) + 1
        layout = [s for s in pc if "UNION ALL" in s and "friendships" in s]
        assert len(layout) == 1 and "friendships" in layout[0]
        assert "community_members" in layout[0]


def test_home_on_a_pc_costs_ten_statements_without_redis_and_none_with_it(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser],
        store: str) -> None:
    me = member("わたし")
    # without Redis: home's nine (the session, the card, the counts, the feed, the topics,
    # the announcements, the member's reads of them and notices, the headlines) and the
    # layout's one
    assert len(statements(app, logged_in("pc-Firefox", me), "/")) == (
        0 if store == "redis" else 10)


def test_the_layout_costs_the_same_with_2_or_60_friends_and_communities(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser],
        store: str) -> None:
    counts = []
    for size in (2, 60):
        me = member(f"わたし{size}")
        others = crowd(app, size, prefix=f"p{size}-")
        befriend(app, me, *others)
        for n in range(2 if size == 2 else 20):
            add_community(app, others[n % size], f"会{size}-{n}", members=(me,))
        counts.append(len(statements(app, logged_in("pc-Firefox", me), "/friends")))
    assert counts[0] == counts[1]
