"""Comments on diaries, on every kind of handset: write with emoji, delete after asking."""
from __future__ import annotations

import re

import pytest

from tests.diary.browsing import access_key, charset_of, check_page, parts, sun_bytes
from tests.diary.factories import add_comment, add_diaries, comment_count
from tests.handsets import PAGE_PROFILES


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_friend_comments_with_a_sun_and_deletes_the_comment_after_a_confirmation(
        app, member, browse, friends, name: str) -> None:
    hanako, taro = member("はなこ"), member("たろう")
    friends(hanako, taro)
    [diary_id] = add_diaries(app, hanako, ["お花見"], visibility="friends")
    browser = browse(name, taro)
    page = browser.get(f"/diary/{diary_id}")
    text = check_page(browser, page)
    assert "お花見" in text and "コメントはまだありません" in text and "コメントする" in text
    assert access_key(text, "9", "はなこさんの日記")
    charset = charset_of(page)
    body = "きれい".encode(charset) + sun_bytes(name) + "ですね".encode(charset)
    done = browser.submit(page, {"body": body})
    assert browser.location(done) == f"/diary/{diary_id}"
    page = browser.get(f"/diary/{diary_id}")
    text = check_page(browser, page)
    assert body in page.body and "たろう" in text
    [delete_link] = re.findall(r'href="(/diary/\d+/comments/\d+/delete)[?"]', text)
    confirm = browser.get(delete_link)
    text = check_page(browser, confirm)
    assert "たろうさんのコメントを削除します" in text and "きれい" in text
    assert access_key(text, "9", "削除しないで戻る")
    browser.submit(confirm, {})
    assert comment_count(app, diary_id) == 0
    text = check_page(browser, browser.get(f"/diary/{diary_id}"))
    assert "コメントを削除しました" in text and "コメントはまだありません" in text


def test_the_diarys_author_deletes_any_comment_and_others_delete_only_their_own(
        app, member, browse) -> None:
    hanako, taro, jiro = member("はなこ"), member("たろう"), member("じろう")
    [diary_id] = add_diaries(app, hanako, ["日記"])
    by_taro = add_comment(app, diary_id, taro, "たろうです")
    by_jiro = add_comment(app, diary_id, jiro, "じろうです")
    jiro_browser = browse("docomo-P903i", jiro)
    text = jiro_browser.text(jiro_browser.get(f"/diary/{diary_id}"))
    assert f"/comments/{by_jiro}/delete" in text and f"/comments/{by_taro}/delete" not in text
    refused = jiro_browser.get(f"/diary/{diary_id}/comments/{by_taro}/delete", status=404)
    assert "コメントが見つからないか、削除できないコメントです" in jiro_browser.text(refused)
    owner = browse("au-W53CA", hanako)
    text = owner.text(owner.get(f"/diary/{diary_id}"))
    assert f"/comments/{by_jiro}/delete" in text and f"/comments/{by_taro}/delete" in text
    owner.submit(owner.get(f"/diary/{diary_id}/comments/{by_taro}/delete"), {})
    assert comment_count(app, diary_id) == 1


def test_a_forged_delete_of_someone_elses_comment_changes_nothing(app, member, browse) -> None:
    hanako, taro, jiro = member("はなこ"), member("たろう"), member("じろう")
    [diary_id] = add_diaries(app, hanako, ["日記"])
    by_taro = add_comment(app, diary_id, taro)
    add_comment(app, diary_id, jiro)
    jiro_browser = browse("pc-Firefox", jiro)
    own = jiro_browser.get(f"/diary/{diary_id}")  # a page with a form, for the CSRF field
    form_path = f"/diary/{diary_id}/comments/{by_taro}/delete"
    from tests.handsets import page_forms

    csrf = page_forms(own)[0].fields["csrf_token"]
    refused = jiro_browser.client.post(form_path, {"csrf_token": csrf}, status=404)
    assert "削除できないコメント" in refused.text
    assert comment_count(app, diary_id) == 2


def test_comments_are_paged_newest_first_under_the_diary(app, member, browse) -> None:
    hanako = member("はなこ")
    [diary_id] = add_diaries(app, hanako, ["人気の日記"])
    for i in range(1, 13):
        add_comment(app, diary_id, hanako, f"コメント{i:02d}")
    browser = browse("docomo-N505i", hanako)
    # the page comes in parts of a comfortable size on this handset: read them all
    text = "".join(body.decode("cp932") for body in parts(browser, f"/diary/{diary_id}"))
    assert text.index("コメント12") < text.index("コメント03") and "コメント02" not in text
    assert access_key(text, "6", "次へ")
    text = check_page(browser, browser.get(f"/diary/{diary_id}?page=2"))
    assert "人気の日記" in text and "コメント02" in text and "コメント01" in text
    assert access_key(text, "4", "前へ")
