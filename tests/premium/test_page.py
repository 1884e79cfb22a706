"""The /premium page on every handset: what premium unlocks, the price as information, and
the member's own period; the badge beside the member's name on the profile and the home."""
from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask

import carriers
import emoji_maps
from keitai import premium
from keitai.db import db
from keitai.features.albums.quota import FREE, PREMIUM
from keitai.features.footprints.queries import KEPT, PREMIUM_KEPT
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.timefmt import jst_time
from tests.handsets import PAGE_PROFILES, PROFILES, assert_fits_handset, client_for
from tests.premium.conftest import set_period
from tests.social.conftest import Browser, access_key

#: the badge links to the page that explains it
BADGE_LINK = '<a href="/premium'


def test_the_quota_the_page_names_is_the_albums_quota() -> None:
    assert (FREE.pictures, PREMIUM.pictures) == (300, 3000)


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_visitor_reads_what_premium_unlocks_and_the_price_as_information(app, name) -> None:
    phone = client_for(app, name)
    response = phone.get("/premium")
    text = phone.text(response)
    profile = PROFILES[name]
    assert_fits_handset(carriers.detect(profile.user_agent, profile.headers), response, text)
    for thing in ("動画", f"{PREMIUM.pictures}枚", "1GB", f"{FREE.pictures}枚", "30MB",
                  "日記の日付", f"{PREMIUM_KEPT}人", f"{KEPT}人", "プレミアムマーク",
                  "月額315円(税込)", "参考", "お支払いを受け付けていません", "運営者"):
        assert thing in text, thing
    assert "無料会員です" not in text and "までプレミアム会員" not in text
    assert access_key(text, "0", "トップ")


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_member_reads_their_own_period(app, member, premium_member, logged_in,
                                         name) -> None:
    free, paid, lapsed = member("むりょう"), premium_member(), premium_member(lapsed=True)
    assert "いまは無料会員です" in logged_in(name, free).page("/premium")
    with app.app_context():
        until = db.session.get_one(Member, paid).premium_until
        ended = db.session.get_one(Member, lapsed).premium_until
    text = logged_in(name, paid).page("/premium")
    assert f"{jst_time(until, True)}までプレミアム会員です" in text
    text = logged_in(name, lapsed).page("/premium")
    assert f"期間は{jst_time(ended, True)}に終わりました" in text


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_badge_shows_on_a_premium_members_profile_and_own_home(
        app, member, premium_member, logged_in, name) -> None:
    paid, free = premium_member("ぷれみ"), member("ふつう")
    viewer = logged_in(name, free)
    profile, star = star_shown(viewer, f"/members/{paid}")
    assert star and "プレミアム会員</a>" in profile and BADGE_LINK in profile
    profile, star = star_shown(viewer, f"/members/{free}")
    assert not star and "プレミアム会員</a>" not in profile
    home, star = star_shown(logged_in(name, paid), "/")
    assert star and "ぷれみさんのホーム" in home and "プレミアム</a>" in home
    home, star = star_shown(viewer, "/")
    assert not star and "プレミアム</a>" not in home


def star_shown(browser: Browser, url: str) -> tuple[str, bool]:
    """Open a page; return its text and whether it shows the star as this handset shows
    emoji: its own emoji, au's icon number, or the text [☆] where the handset has no star."""
    response = browser.get(url)
    text = browser.text(response)
    assert_fits_handset(browser.handset, response, text)
    handset = browser.handset
    star = emoji_maps.encode("⭐", handset.carrier, handset.charset)
    icon = f'localsrc="{emoji_maps.au_localsrc("⭐")}"'.encode()
    return text, star in response.body or icon in response.body


def test_the_badge_goes_when_the_period_ends_or_is_revoked(app, premium_member, member,
                                                           logged_in) -> None:
    paid, lapsed, viewer = premium_member("ぷれみ"), premium_member("おわり", lapsed=True), \
        member("みる")
    browser = logged_in("docomo-P903i", viewer)
    assert "プレミアム会員</a>" not in browser.page(f"/members/{lapsed}")
    assert "プレミアム</a>" not in logged_in("docomo-P903i", lapsed).page("/")
    now = utcnow()
    set_period(app, paid, now - timedelta(days=40), now - timedelta(seconds=1))
    assert "プレミアム会員</a>" not in browser.page(f"/members/{paid}")


@pytest.mark.stores
def test_home_shows_a_grant_and_a_revoke_at_once(app: Flask, member: Callable[..., int],
                                                 logged_in: Callable[[str, int], Browser],
                                                 store: str) -> None:
    me = member("わたし")
    browser = logged_in("docomo-P903i", me)
    assert "プレミアム</a>" not in browser.page("/")
    assert "プレミアム</a>" not in browser.page("/")  # kept in Redis now, where there is one
    with app.app_context():
        premium.grant(db.session.get_one(Member, me), 1)
        db.session.commit()
    assert "プレミアム</a>" in browser.page("/")
    with app.app_context():
        premium.revoke(db.session.get_one(Member, me))
        db.session.commit()
    assert "プレミアム</a>" not in browser.page("/")
