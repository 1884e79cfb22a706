"""Diary pages on every kind of handset: write, read, list, edit, delete, with emoji."""
from __future__ import annotations

import re

import pytest

from tests.diary.browsing import (
    access_key,
    charset_of,
    check_page,
    rows_per_page,
    sun_bytes,
)
from tests.handsets import PAGE_PROFILES


def _write(browser, title: str, body: bytes | str, visibility: str = "everyone"):  # type: ignore[no-untyped-def]
    form = browser.get("/diary/new")
    check_page(browser, form)
    return browser.submit(form, {"title": title, "body": body, "visibility": visibility})


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_member_writes_a_diary_with_a_sun_from_the_handset_and_reads_it_back(
        member, browse, name: str) -> None:
    browser = browse(name, member("たろう"))
    form = browser.get("/diary/new")
    text = check_page(browser, form)
    assert 'name="title"' in text and "<textarea" in text and 'name="visibility"' in text
    assert "全体に公開" in text and "マイミクのマイミクまで公開" in text and "非公開" in text
    charset = charset_of(form)
    body = "今日は".encode(charset) + sun_bytes(name) + "いい天気でした".encode(charset)
    done = browser.submit(form, {"title": "晴れの日", "body": body, "visibility": "friends"})
    assert re.fullmatch(r"/diary/\d+", browser.location(done))
    page = browser.get(browser.location(done))
    text = check_page(browser, page)
    assert body in page.body
    assert "晴れの日" in text and "マイミクまで公開" in text
    assert access_key(text, "1", "編集") and access_key(text, "3", "削除")
    assert access_key(text, "0", "トップ")


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_sun_written_on_a_docomo_handset_shows_as_each_handsets_own_emoji(
        member, browse, friends, name: str) -> None:
    writer, reader = member("はなこ"), member("たろう")
    friends(writer, reader)
    done = _write(browse("docomo-P903i", writer), "お天気" , "今日は".encode("cp932")
                  + b"\xf8\x9f" + "でした".encode("cp932"), "friends")
    path = done.headers["Location"].split("?")[0].replace("http://keitai.test", "")
    browser = browse(name, reader)
    page = browser.get(path)
    check_page(browser, page)
    charset = charset_of(page)
    assert "今日は".encode(charset) + sun_bytes(name) + "でした".encode(charset) in page.body
    assert access_key(check_page(browser, page), "9", "はなこさんの日記")


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_members_diary_list_pages_on_keys_4_and_6(member, browse, app, name: str) -> None:
    from tests.diary.factories import add_diaries

    taro = member("たろう")
    browser = browse(name, taro)
    rows = rows_per_page(browser)
    add_diaries(app, taro, [f"その{i:02d}☀" for i in range(1, rows + 3)])
    first = browser.get(f"/members/{taro}/diary")
    text = check_page(browser, first)
    assert "たろうさんの日記" in text and access_key(text, "1", "日記を書く")
    newest, oldest_shown = rows + 2, 3
    assert f"その{newest:02d}" in text and f"その{oldest_shown:02d}" in text
    assert "その02" not in text
    assert sun_bytes(name) in first.body
    assert access_key(text, "6", "次へ") and not access_key(text, "4", "前へ")
    second = browser.get(f"/members/{taro}/diary?page=2")
    text = check_page(browser, second)
    assert "その02" in text and "その01" in text and "その03" not in text
    assert access_key(text, "4", "前へ") and not access_key(text, "6", "次へ")


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_friends_diaries_list_newest_first_with_their_authors(
        member, browse, friends, app, name: str) -> None:
    from tests.diary.factories import add_diaries

    me, hanako, jiro, stranger = (member(n) for n in ("たろう", "はなこ", "じろう", "よそ"))
    friends(me, hanako)
    friends(me, jiro)
    add_diaries(app, hanako, ["花見"], minutes_ago=30)
    add_diaries(app, jiro, ["釣り"], minutes_ago=10)
    add_diaries(app, jiro, ["ひみつ"], visibility="only_me")
    add_diaries(app, stranger, ["よその日記"])
    browser = browse(name, me)
    text = check_page(browser, browser.get("/diary/friends"))
    assert "マイミクの日記" in text
    assert text.index("釣り") < text.index("花見")
    assert "じろう" in text and "はなこ" in text
    assert "ひみつ" not in text and "よその日記" not in text
    assert access_key(text, "1", "日記を書く")


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_author_edits_and_deletes_a_diary_after_a_confirmation(
        member, browse, app, name: str) -> None:
    from tests.diary.factories import add_diaries, diary_count

    taro = member("たろう")
    [diary_id] = add_diaries(app, taro, ["下書き"])
    browser = browse(name, taro)
    form = browser.get(f"/diary/{diary_id}/edit")
    text = check_page(browser, form)
    assert 'value="下書き"' in text and "本文" in text
    charset = charset_of(form)
    done = browser.submit(form, {"title": "清書", "body": "書き直しました".encode(charset)
                                 + sun_bytes(name), "visibility": "only_me"})
    assert browser.location(done) == f"/diary/{diary_id}"
    text = check_page(browser, browser.get(f"/diary/{diary_id}"))
    assert "清書" in text and "書き直しました" in text and "非公開" in text
    confirm = browser.get(f"/diary/{diary_id}/delete")
    text = check_page(browser, confirm)
    assert "「清書」を削除します" in text and access_key(text, "9", "削除しないで戻る")
    assert diary_count(app, taro) == 1
    gone = browser.submit(confirm, {})
    assert browser.location(gone) == f"/members/{taro}/diary"
    assert diary_count(app, taro) == 0
    text = check_page(browser, browser.get(f"/members/{taro}/diary"))
    assert "日記を削除しました" in text
