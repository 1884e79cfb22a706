"""The お知らせ pages: the list of announcements and the member's notices, newest first,
unread marked, on pages of 10 or 20; one announcement or notice, whole (split, never cut, where a
small handset; every page on every kind of handset, without an error for the site checker."""
from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.announcements import service
from keitai.models.announcement import BODY_MAX, NOTICE_MAX, TITLE_MAX, AnnouncementRead
from tests.announcements.conftest import plain, publish, run
from tests.friend_lists.test_every_page import no_checker_errors
from tests.handsets import PAGE_PROFILES
from tests.social.conftest import Browser, access_key

_NEXT_PART = re.compile(r'<a href="([^"]+)" accesskey="#">')


def parts(browser: Browser, path: str) -> list[str]:
    """Follow a split page's next-part links (the # key); return the text of every part."""
    texts, url = [], path
    while True:
        texts.append(browser.page(url))
        found = _NEXT_PART.search(texts[-1])
        if not found:
            return texts
        url = html.unescape(found.group(1))
        assert len(texts) < 30


@pytest.fixture()
def board(app, member):
    """わたし, with 25 announcements and 6 notices to her (every other one a warning, the
    newest announcement read), all of the longest lengths."""
    me, operator = member("わたし"), member("うんえい")
    ids = [publish(app, operator, f"{n:02d}" + "お" * (TITLE_MAX - 2),
                   "本文" * (BODY_MAX // 2 - 2) + "おわり", days_ago=30 - n) for n in range(25)]
    with app.app_context():
        notices = [service.tell(me, f"{n}" + "つ" * (NOTICE_MAX - 4) + "おわり",
                                operator if n % 2 else None).id for n in range(6)]
        service.mark_read(me, ids[-1])
        db.session.commit()
    return {"me": me, "announcements": ids, "notices": notices}


@pytest.mark.parametrize("name", PAGE_PROFILES + ["docomo-D501i"])
def test_every_notices_page_fits_the_handset_with_top_on_key_0(app, board, logged_in,
                                                               name) -> None:
    browser = logged_in(name, board["me"])
    pages = ["/notices", "/notices?page=2", "/notices?page=4",
             f"/notices/{board['announcements'][0]}", f"/notices/mine/{board['notices'][1]}"]
    for path in pages:
        for text in parts(browser, path):
            assert access_key(text, "0", "トップ"), path
        no_checker_errors(app, browser, path, browser.get(path))


@pytest.mark.parametrize("name", ["docomo-D501i", "softbank-J-SH51", "pc-Firefox"])
def test_the_longest_announcement_and_notice_are_shown_whole_on_every_handset(
        app, board, logged_in, name) -> None:
    browser = logged_in(name, board["me"])
    for path in (f"/notices/{board['announcements'][0]}",
                 f"/notices/mine/{board['notices'][0]}"):
        pieces = parts(browser, path)  # each piece within the handset's limit
        whole = "".join(plain(piece) for piece in pieces)
        assert "おわり" in whole and access_key(pieces[-1], "9", "お知らせ一覧")


def test_the_list_is_newest_first_with_unread_marked_and_pages_on_keys_4_and_6(
        app, board, logged_in) -> None:
    browser = logged_in("docomo-D501i", board["me"])  # 10 a page
    first = browser.page("/notices")
    lines = [line for line in plain(first).split("\n") if "おおお" in line or "つつつ" in line]
    # six notices (told today, after the announcements of the days before), then the newest
    # announcement, read, then the older ones, unread
    assert len(lines) == 10
    assert [line[line.index("つ") - 1] for line in lines[:6]] == list("543210")
    assert "【重要】" in lines[0] and "【重要】" not in lines[1]
    assert lines[6].startswith("24") and "未読" not in lines[6]
    assert all(line.startswith("未読") for line in lines[7:])
    assert "未読30件" in first
    assert access_key(first, "6", "次へ") and not access_key(first, "4", "前へ")
    second = browser.text(browser.click(browser.get("/notices"), "次へ"))
    assert access_key(second, "4", "前へ") and access_key(second, "6", "次へ")
    shown = [n for n in range(25) if f"{n:02d}" + "お" * 5 in second]
    assert shown == list(range(11, 21))
    assert "00" + "お" * 5 in browser.page("/notices?page=4")
    last = browser.page("/notices?page=5")
    assert "このページにお知らせはありません。" in last and not access_key(last, "6", "次へ")


def test_opening_an_announcement_twice_marks_it_read_once(app, member, logged_in) -> None:
    me, operator = member("わたし"), member("うんえい")
    announcement = publish(app, operator, "いちどだけ")
    browser = logged_in("docomo-N505i", me)
    assert "未読1件" in browser.page("/notices")
    for _ in range(2):
        assert "いちどだけ" in browser.page(f"/notices/{announcement}")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AnnouncementRead)) == 1
    assert "未読" not in browser.page("/notices")


def test_a_new_member_sees_that_there_is_nothing_yet(app, member, logged_in) -> None:
    text = logged_in("au-W53CA", member("わたし")).page("/notices")
    assert "お知らせはありません。" in text and "未読" not in text


def test_visitors_are_sent_to_log_in(app, handset, member) -> None:
    operator = member("うんえい")
    announcement = publish(app, operator, "みんなへ")
    for path in ("/notices", f"/notices/{announcement}", "/notices/mine/1"):
        response = handset("docomo-N505i").get(path)
        assert response.status_int == 302 and "/login" in response.headers["Location"]


def test_nobody_opens_a_notice_or_announcement_that_is_not_there(app, member,
                                                                 logged_in) -> None:
    browser = logged_in("docomo-N505i", member("わたし"))
    for path in ("/notices/999", "/notices/mine/999"):
        response = browser.get(path, expect_errors=True)
        assert response.status_int == 404
        assert "このお知らせは見つかりません。" in browser.text(response)


def test_an_operator_who_goes_leaves_their_warning_and_announcement(app, member,
                                                                    logged_in) -> None:
    from keitai.models import Member

    me, operator = member("わたし"), member("うんえい")
    announcement = publish(app, operator, "のこるお知らせ")
    notice = run(app, lambda: service.tell(me, "のこる警告", operator))
    with app.app_context():
        db.session.delete(db.session.get(Member, operator))
        db.session.commit()
    browser = logged_in("pc-Firefox", me)
    text = browser.page("/")
    assert "【重要】" in text and "のこる警告" in text and "のこるお知らせ" in text
    assert "運営事務局からの警告" in browser.page(f"/notices/mine/{notice}")
    assert "のこるお知らせ" in browser.page(f"/notices/{announcement}")


def test_a_member_who_goes_takes_their_reads_and_notices(app, board) -> None:
    from keitai.models import Member, MemberNotice

    with app.app_context():
        db.session.delete(db.session.get(Member, board["me"]))
        db.session.commit()
        for table in (AnnouncementRead, MemberNotice):
            assert db.session.scalar(select(func.count()).select_from(table)) == 0
        assert len(service.recent(50)) == 25
