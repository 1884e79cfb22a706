"""Home's お知らせ area: the latest announcements with their day, newest first, NEW until
opened; the member's own notices (an operator's warning first, in red) until opened; and
home still one small page, at a constant cost."""
from __future__ import annotations

import re

import pytest

from keitai.db import db
from keitai.features.announcements import service
from keitai.features.announcements.texts import jst_date
from keitai.models.announcement import NOTICE_MAX, TITLE_MAX, Announcement, MemberNotice
from tests.announcements.conftest import HANDSETS, home_section, plain, publish, run
from tests.social.conftest import access_key, befriend, crowd
from tests.social.test_home import diaries_by
from tests.sql import counting_sql

pytestmark = pytest.mark.stores


@pytest.mark.parametrize("name", HANDSETS)
def test_announcements_show_on_home_newest_first_with_their_day_and_new_until_opened(
        app, member, logged_in, name, store) -> None:
    me, operator = member("わたし"), member("うんえい")
    older = publish(app, operator, "メンテナンスのお知らせ", days_ago=2)
    newer = publish(app, operator, "新機能のお知らせ")
    browser = logged_in(name, me)
    area = home_section(browser.page("/"))
    assert area.index("新機能のお知らせ") < area.index("メンテナンスのお知らせ")
    with app.app_context():
        days = {row.id: jst_date(row.published_at) for row in db.session.query(Announcement)}
    lines = plain(area).split("\n")
    new_line = next(line for line in lines if "新機能のお知らせ" in line)
    old_line = next(line for line in lines if "メンテナンスのお知らせ" in line)
    assert new_line.startswith(days[newer]) and "NEW" in new_line
    assert old_line.startswith(days[older]) and "NEW" in old_line

    shown = browser.click(browser.get("/"), "メンテナンスのお知らせ")
    text = browser.text(shown)
    assert "本文です。" in text and access_key(text, "9", "お知らせ一覧")
    assert access_key(text, "0", "トップ")
    lines = plain(home_section(browser.page("/"))).split("\n")
    assert "NEW" not in next(line for line in lines if "メンテナンスのお知らせ" in line)
    assert "NEW" in next(line for line in lines if "新機能のお知らせ" in line)


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-930SH", "pc-Firefox"])
def test_a_retracted_announcement_leaves_home_the_list_and_its_page(
        app, member, logged_in, name, store) -> None:
    me, operator = member("わたし"), member("うんえい")
    kept = publish(app, operator, "のこるお知らせ", days_ago=1)
    gone = publish(app, operator, "とりけすお知らせ")
    browser = logged_in(name, me)
    assert "とりけすお知らせ" in browser.page("/")
    run(app, lambda: service.retract(gone))
    text = browser.page("/")
    assert "とりけすお知らせ" not in text and "のこるお知らせ" in text
    assert "とりけすお知らせ" not in browser.page("/notices")
    assert browser.get(f"/notices/{gone}", expect_errors=True).status_int == 404
    assert browser.get(f"/notices/{kept}").status_int == 200


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-930SH", "pc-Firefox"])
def test_a_notice_to_one_member_shows_on_their_home_only_until_they_open_it(
        app, member, logged_in, name, store) -> None:
    me, other, operator = member("わたし"), member("ほか"), member("うんえい")
    run(app, lambda: service.tell(me, "はなこさんとマイミクになりました。\nおめでとう!"))
    run(app, lambda: service.tell(me, "利用規約に反する書き込みがありました。", operator))
    browser = logged_in(name, me)
    text = browser.page("/")
    # the warning comes first, above everything else on the page, in the operators' words
    told = text.index("はなこさんとマイミクになりました。…")
    assert text.index("【重要】") < text.index("わたしさんのホーム") < told
    assert "利用規約に反する書き込みがありました。" in text
    assert "マイミクになりました" not in logged_in("pc-Firefox", other).page("/")

    shown = browser.click(browser.get("/"), "利用規約に反する")
    assert "運営事務局からの警告" in browser.text(shown)
    text = browser.page("/")
    assert "【重要】" not in text and "はなこさんとマイミクになりました。…" in text
    shown = browser.text(browser.click(browser.get("/"), "はなこさんと"))
    assert "はなこさんとマイミクになりました。" in shown and "おめでとう!" in shown
    text = browser.page("/")
    assert "マイミクになりました" not in text
    assert "お知らせ" not in text  # nothing left to tell: no area at all


def test_other_members_cannot_open_my_notice(app, member, logged_in) -> None:
    me, other = member("わたし"), member("ほか")
    notice = run(app, lambda: service.tell(me, "あなただけへのお知らせ"))
    response = logged_in("pc-Firefox", other).get(f"/notices/mine/{notice}", expect_errors=True)
    assert response.status_int == 404 and "あなただけ" not in response.text
    assert "あなただけへのお知らせ" in logged_in("pc-Firefox", me).page("/")


def test_home_shows_three_announcements_on_a_small_handset_and_five_elsewhere(
        app, member, logged_in) -> None:
    me, operator = member("わたし"), member("うんえい")
    for n in range(7):
        publish(app, operator, f"お知らせ第{n}号", days_ago=7 - n)
    small = home_section(logged_in("docomo-D501i", me).page("/"))
    assert [n for n in range(7) if f"第{n}号" in small] == [4, 5, 6]
    large = home_section(logged_in("pc-Firefox", me).page("/"))
    assert [n for n in range(7) if f"第{n}号" in large] == [2, 3, 4, 5, 6]
    assert "お知らせ一覧" in small


def test_more_unread_notices_than_home_shows_lead_to_the_list(app, member, logged_in) -> None:
    me = member("わたし")
    for n in range(5):
        run(app, lambda n=n: service.tell(me, f"お知らせその{n}"))
    text = logged_in("docomo-N505i", me).page("/")
    assert [n for n in range(5) if f"その{n}" in text] == [2, 3, 4]
    assert "ほかの未読のお知らせ" in text


@pytest.mark.parametrize("name", HANDSETS)
def test_home_full_of_the_longest_notices_still_fits_the_handset(
        app, member, logged_in, name) -> None:
    me, operator = member("わたし"), member("うんえい")
    friends = crowd(app, 30)
    befriend(app, me, *friends)
    diaries_by(app, friends)
    for n in range(6):
        publish(app, operator, f"{n}" + "長" * (TITLE_MAX - 1), days_ago=6 - n)
    for n in range(5):
        run(app, lambda n=n: service.tell(me, f"{n}" + "警" * (NOTICE_MAX - 1),
                                          operator if n % 2 else None))
    browser = logged_in(name, me)
    response = browser.get("/")
    text = browser.text(response)
    browser.page("/")  # the handset's charset, media type, byte limit, well-formed XHTML
    # home is never split: everything on it is short by construction
    assert not re.search(r"[?&;]pp=2", text)
    assert access_key(text, "1", "日記を書く") and "ブロック</a>" in text
    assert not access_key(text, "9", "ブロック")  # 9 is only ever back


def test_home_runs_the_same_statements_however_many_announcements_reads_and_notices(
        app, member, logged_in, store) -> None:
    quiet, busy, operator = member("しずか"), member("にぎやか"), member("うんえい")
    ids = [publish(app, operator, f"お知らせ{n}", days_ago=40 - n) for n in range(40)]
    with app.app_context():
        for announcement_id in ids[::2]:
            service.mark_read(busy, announcement_id)
        for n in range(30):
            service.tell(busy, f"つうち{n}", operator if n % 3 else None)
        db.session.commit()
    counts = []
    for me in (quiet, busy):
        browser = logged_in("docomo-P903i", me)
        browser.get("/")
        with counting_sql(app) as statements:
            browser.get("/")
        counts.append(len(statements))
    # the same few statements (the news headlines' one included), and none once Redis keeps
    # home (the session included)
    assert counts[0] == counts[1] == (0 if store == "redis" else 9)


def test_publishing_reading_and_telling_each_refresh_the_kept_home(
        app, member, logged_in, store) -> None:
    me, operator = member("わたし"), member("うんえい")
    browser = logged_in("docomo-P903i", me)
    assert "お知らせ" not in browser.page("/")
    first = publish(app, operator, "はじめてのお知らせ")
    assert "はじめてのお知らせ" in home_section(browser.page("/"))
    with app.app_context():
        service.mark_read(me, first)
        db.session.commit()
    line = next(line for line in plain(home_section(browser.page("/"))).split("\n")
                if "はじめて" in line)
    assert "NEW" not in line
    run(app, lambda: service.tell(me, "ひとことお知らせ"))
    assert "ひとことお知らせ" in browser.page("/")
    with app.app_context():
        notice = service.notice_for(me, db.session.query(MemberNotice.id).scalar() or 0)
        service.mark_notice_read(notice)
        db.session.commit()
    assert "ひとことお知らせ" not in browser.page("/")
    run(app, lambda: service.retract(first))
    assert "お知らせ" not in browser.page("/")


def test_a_rolled_back_publish_leaves_home_as_it_was(app, member, logged_in, store) -> None:
    me, operator = member("わたし"), member("うんえい")
    publish(app, operator, "のこるお知らせ")
    browser = logged_in("pc-Firefox", me)
    assert "のこるお知らせ" in browser.page("/")
    with app.app_context():
        service.publish("まぼろし", "本文", operator)
        db.session.rollback()
        assert db.session.query(Announcement).count() == 1
    text = browser.page("/")
    assert "のこるお知らせ" in text and "まぼろし" not in text


def test_warnings_come_before_many_newer_notices(app, member, logged_in) -> None:
    me, operator = member("わたし"), member("うんえい")
    run(app, lambda: service.tell(me, "最初の警告です。", operator))
    for n in range(5):
        run(app, lambda n=n: service.tell(me, f"サイトからのお知らせ{n}"))
    text = logged_in("docomo-D501i", me).page("/")
    assert text.index("最初の警告です。") < text.index("サイトからのお知らせ4")
    assert "サイトからのお知らせ2" not in text and "ほかの未読のお知らせ" in text
