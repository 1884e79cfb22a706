"""Footprints: who visited my profile, newest first, one line per visitor, 100 kept."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from keitai.db import db
from keitai.features.footprints.service import KEPT
from keitai.models import Footprint
from keitai.models.base import utcnow
from tests.handsets import PAGE_PROFILES
from tests.social.conftest import block, crowd


def age_footprints(app, minutes: int) -> None:
    with app.app_context():
        for row in db.session.scalars(select(Footprint)):
            row.visited_at -= timedelta(minutes=minutes)
        db.session.commit()


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_my_footprints_list_each_visitor_once_newest_first(app, member, logged_in,
                                                           name) -> None:
    me, taro, hanako = member("わたし"), member("たろう"), member("はなこ")
    taro_browser = logged_in("docomo-N505i", taro)
    taro_browser.get(f"/members/{me}")
    age_footprints(app, 30)
    logged_in("pc-Firefox", hanako).get(f"/members/{me}")
    text = logged_in(name, me).page("/footprints")
    assert text.index("はなこ") < text.index("たろう")
    age_footprints(app, 30)
    taro_browser.get(f"/members/{me}")
    text = logged_in(name, me).page("/footprints")
    assert text.index("たろう") < text.index("はなこ") and text.count("たろう") == 1


def test_the_visitor_sees_nothing_of_it_and_own_visits_leave_none(app, member,
                                                                  logged_in) -> None:
    me, taro = member("わたし"), member("たろう")
    taro_browser = logged_in("pc-Firefox", taro)
    taro_browser.get(f"/members/{me}")
    assert "わたし" not in taro_browser.page("/footprints")
    logged_in("pc-Firefox", me).get(f"/members/{me}")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Footprint)) == 1


def test_blocked_members_leave_no_footprints_and_old_ones_vanish(app, member,
                                                                 logged_in) -> None:
    me, taro = member("わたし"), member("たろう")
    logged_in("pc-Firefox", taro).get(f"/members/{me}")
    block(app, me, taro)
    assert "たろう" not in logged_in("pc-Firefox", me).page("/footprints")
    assert logged_in("pc-Firefox", taro).get(f"/members/{me}", status=404).status_int == 404


def test_only_the_latest_100_visitors_are_kept(app, member, logged_in) -> None:
    me = member("わたし")
    visitors = crowd(app, KEPT + 5)
    with app.app_context():
        start = utcnow() - timedelta(days=1)
        db.session.execute(insert(Footprint), [
            {"member_id": me, "visitor_id": v, "visited_at": start + timedelta(minutes=i)}
            for i, v in enumerate(visitors)])
        db.session.commit()
    logged_in("pc-Firefox", member("あたらしい")).get(f"/members/{me}")
    with app.app_context():
        kept = set(db.session.scalars(select(Footprint.visitor_id)))
    assert len(kept) == KEPT and not kept & set(visitors[:6])


def test_the_home_page_counts_new_footprints_until_i_look(app, member, logged_in) -> None:
    me = member("わたし")
    logged_in("pc-Firefox", member("たろう")).get(f"/members/{me}")
    logged_in("pc-Firefox", member("はなこ")).get(f"/members/{me}")
    browser = logged_in("docomo-N505i", me)
    assert "新しい足あと2件" in browser.page("/")
    browser.page("/footprints")
    assert "足あと" in browser.page("/") and "新しい足あと" not in browser.page("/")
