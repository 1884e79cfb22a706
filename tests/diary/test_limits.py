"""What a diary, a comment and an edit may be, and what the member reads when refused."""
from __future__ import annotations

import pytest

from tests.diary.browsing import check_page
from tests.diary.factories import add_diaries, comment_count, diary_count


@pytest.mark.parametrize(("title", "body", "message"), [
    ("あ" * 51, "本文", "タイトルは50文字以内で入力してください(今は51文字です)。"),
    ("題", "あ" * 5001, "本文は5000文字以内で入力してください(今は5001文字です)。"),
    ("", "本文", "タイトルを入力してください。"),
    ("題", " \n ", "本文を入力してください。"),
])
def test_a_diary_over_the_limits_is_refused_with_the_reason_and_the_text_kept(
        app, member, browse, title: str, body: str, message: str) -> None:
    taro = member("たろう")
    browser = browse("pc-Firefox", taro)
    refused = browser.submit(browser.get("/diary/new"),
                             {"title": title, "body": body, "visibility": "friends"})
    text = check_page(browser, refused)
    assert message in text
    assert f'value="{title}"' in text and '<option value="friends" selected' in text
    assert diary_count(app, taro) == 0


def test_emoji_count_as_one_character_each(app, member, browse) -> None:
    taro = member("たろう")
    browser = browse("softbank-930SH", taro)
    sun = "\ue04a"  # SoftBank's own ☀, as the handset sends it
    done = browser.submit(browser.get("/diary/new"),
                          {"title": sun * 50, "body": sun * 5000, "visibility": "everyone"})
    assert done.status_int == 302
    assert diary_count(app, taro) == 1


def test_only_the_author_edits_or_deletes_a_diary(app, member, browse) -> None:
    hanako, taro = member("はなこ"), member("たろう")
    [diary_id] = add_diaries(app, hanako, ["はなこの日記"])
    browser = browse("docomo-P903i", taro)
    for path in (f"/diary/{diary_id}/edit", f"/diary/{diary_id}/delete"):
        refused = browser.get(path, status=403)
        assert "自分の日記だけ編集・削除できます" in browser.text(refused)
    form = browser.get(f"/diary/{diary_id}")  # any page with a form gives the CSRF field
    from tests.handsets import page_forms

    fields = page_forms(form)[0].fields
    browser.client.post(f"/diary/{diary_id}/delete?guid=ON", fields, status=403)
    browser.client.post(f"/diary/{diary_id}/edit?guid=ON",
                        {**fields, "title": "乗っ取り", "body": "x"}, status=403)
    assert diary_count(app, hanako) == 1
    assert "はなこの日記" in browser.text(browser.get(f"/diary/{diary_id}"))


def test_a_comment_over_the_limit_is_refused_on_the_diary_page_with_the_text_kept(
        app, member, browse) -> None:
    hanako, taro = member("はなこ"), member("たろう")
    [diary_id] = add_diaries(app, hanako, ["日記"])
    browser = browse("au-W53CA", taro)
    refused = browser.submit(browser.get(f"/diary/{diary_id}"), {"body": "あ" * 1001})
    text = check_page(browser, refused)
    assert "コメントは1000文字以内で入力してください(今は1001文字です)。" in text
    assert "あ" * 1001 in text and "日記" in text
    empty = browser.submit(browser.get(f"/diary/{diary_id}"), {"body": "  "})
    assert "コメントを入力してください。" in browser.text(empty)
    assert comment_count(app, diary_id) == 0


def test_a_diary_nobody_wrote_is_not_found(member, browse) -> None:
    browser = browse("docomo-N505i", member("たろう"))
    for path in ("/diary/999999", "/diary/999999/edit", "/members/999999/diary"):
        assert browser.get(path, status=404).status_int == 404
