"""A form sent twice (a double tap, a resend after a slow answer) makes one row.

Each form page carries a one-time key (hidden field `k`); the table has a unique
(author, key) constraint and the insert does nothing on a conflict, so the second send
finds the first row and answers as the first did.
"""
from __future__ import annotations

from tests.diary.factories import add_diaries, comment_count, diary_count


def test_the_diary_form_sent_twice_writes_one_diary(app, member, browse) -> None:
    taro = member("たろう")
    browser = browse("docomo-N505i", taro)
    form = browser.get("/diary/new")
    fields = {"title": "二度押し", "body": "本文", "visibility": "everyone"}
    first = browser.submit(form, fields)
    second = browser.submit(form, fields)
    assert browser.location(first) == browser.location(second)
    assert diary_count(app, taro) == 1


def test_two_diary_forms_write_two_diaries(app, member, browse) -> None:
    taro = member("たろう")
    browser = browse("au-W53CA", taro)
    fields = {"title": "同じ題", "body": "本文", "visibility": "everyone"}
    first = browser.submit(browser.get("/diary/new"), fields)
    second = browser.submit(browser.get("/diary/new"), fields)
    assert browser.location(first) != browser.location(second)
    assert diary_count(app, taro) == 2


def test_a_refused_diary_form_keeps_its_key_so_the_corrected_send_is_still_one_diary(
        app, member, browse) -> None:
    taro = member("たろう")
    browser = browse("softbank-930SH", taro)
    form = browser.get("/diary/new")
    refused = browser.submit(form, {"title": "", "body": "本文", "visibility": "everyone"})
    assert "タイトルを入力してください" in browser.text(refused)
    fields = {"title": "直した", "body": "本文", "visibility": "everyone"}
    first, second = browser.submit(refused, fields), browser.submit(refused, fields)
    assert browser.location(first) == browser.location(second)
    assert diary_count(app, taro) == 1


def test_the_comment_form_sent_twice_writes_one_comment(app, member, browse) -> None:
    hanako, taro = member("はなこ"), member("たろう")
    [diary_id] = add_diaries(app, hanako, ["日記"])
    browser = browse("docomo-P903i", taro)
    page = browser.get(f"/diary/{diary_id}")
    first = browser.submit(page, {"body": "一回だけ"})
    second = browser.submit(page, {"body": "一回だけ"})
    assert first.status_int == second.status_int == 302
    assert comment_count(app, diary_id) == 1
    browser.submit(browser.get(f"/diary/{diary_id}"), {"body": "二回目は別のフォームから"})
    assert comment_count(app, diary_id) == 2
