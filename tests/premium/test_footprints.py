"""Footprints for premium members: 1000 visitors kept and shown instead of 100, a page at a
time; when premium ends the list shows the newest 100 at once and the next visit deletes the
rest."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from keitai.db import db
from keitai.features.footprints.queries import KEPT, PREMIUM_KEPT
from keitai.models import Footprint
from keitai.models.base import utcnow
from tests.handsets import PAGE_PROFILES
from tests.premium.conftest import set_period
from tests.social.conftest import crowd


def visited_by(app, member_id: int, visitors: list[int], after: int = 0) -> None:
    """Record visits by visitors a minute apart, the first the oldest, from a day ago (and
    `after` minutes)."""
    start = utcnow() - timedelta(days=1) + timedelta(minutes=after)
    with app.app_context():
        db.session.execute(insert(Footprint), [
            {"member_id": member_id, "visitor_id": visitor,
             "visited_at": start + timedelta(minutes=n)} for n, visitor in enumerate(visitors)])
        db.session.commit()


def kept(app, member_id: int) -> set[int]:
    with app.app_context():
        return set(db.session.scalars(select(Footprint.visitor_id)
                                      .where(Footprint.member_id == member_id)))


def last_page(browser) -> str:  # type: ignore[no-untyped-def]
    """Follow 次へ to the footprints' last page; return its text."""
    text, number = browser.page("/footprints"), 1
    while 'accesskey="6"' in text:
        number += 1
        text = browser.page(f"/footprints?page={number}")
    return text


def test_a_premium_member_keeps_more_than_100_visitors_up_to_1000(app, premium_member,
                                                                  member, logged_in) -> None:
    me = premium_member()
    visitors = crowd(app, PREMIUM_KEPT + 4)
    visited_by(app, me, visitors[:KEPT + 50])
    logged_in("pc-Firefox", member("あたらしい")).get(f"/members/{me}")
    assert len(kept(app, me)) == KEPT + 51
    visited_by(app, me, visitors[KEPT + 50:], after=KEPT + 50)
    logged_in("pc-Firefox", member("もうひとり")).get(f"/members/{me}")
    still = kept(app, me)
    assert len(still) == PREMIUM_KEPT and not still & set(visitors[:5])


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_premium_member_pages_through_all_their_visitors(app, premium_member, logged_in,
                                                           name) -> None:
    me = premium_member()
    visitors = crowd(app, KEPT + 30, prefix="v")
    visited_by(app, me, visitors)
    browser = logged_in(name, me)
    first = browser.page("/footprints")
    assert f"v{KEPT + 29}" in first and f"最新{PREMIUM_KEPT}人まで" in first
    assert "v0<" in last_page(browser)  # the oldest of 130, beyond the free 100


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_free_member_sees_the_newest_100_and_where_to_read_of_more(app, member,
                                                                     logged_in,
                                                                     name) -> None:
    me = member("ふつう")
    browser = logged_in(name, me)
    text = browser.page("/footprints")
    assert f"最新{KEPT}人まで" in text and f"{PREMIUM_KEPT}人まで" in text
    assert 'href="/premium' in text


def test_when_premium_ends_the_newest_100_show_and_the_next_visit_deletes_the_rest(
        app, premium_member, member, logged_in) -> None:
    me = premium_member()
    visitors = crowd(app, KEPT + 30, prefix="v")
    visited_by(app, me, visitors)
    now = utcnow()
    set_period(app, me, now - timedelta(days=40), now - timedelta(minutes=1))
    browser = logged_in("pc-Firefox", me)
    oldest_shown = last_page(browser)
    assert "v30<" in oldest_shown and "v29<" not in oldest_shown
    assert len(kept(app, me)) == KEPT + 30  # nothing deleted by looking
    logged_in("pc-Firefox", member("あたらしい")).get(f"/members/{me}")
    assert kept(app, me) == set(visitors[31:]) | {_newest_visitor(app, me)}


def _newest_visitor(app, member_id: int) -> int:
    with app.app_context():
        found = db.session.scalar(select(Footprint.visitor_id)
                                  .where(Footprint.member_id == member_id)
                                  .order_by(Footprint.visited_at.desc()).limit(1))
        assert found is not None
        return found


def test_a_free_member_still_keeps_exactly_100(app, member, logged_in) -> None:
    me = member("ふつう")
    visited_by(app, me, crowd(app, KEPT + 5))
    logged_in("pc-Firefox", member("あたらしい")).get(f"/members/{me}")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Footprint)
                                 .where(Footprint.member_id == me)) == KEPT
