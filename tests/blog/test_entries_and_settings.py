"""An imported entry is read on the blog: no comment form, a comment or an edit refused with
a short message, but the author may delete it. The settings form refuses a bad address and
writes nothing; 解除 keeps or deletes the imported entries; withdrawal takes the blog along."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.settings.service import remove_member
from keitai.models.blog import MemberBlog
from keitai.models.diary import Comment, Diary
from keitai.models.job import Job
from keitai.models.member import Member
from tests.blog.conftest import (
    HANDSETS,
    blog_row,
    entries,
    first_diary,
    imported,
    plain,
    register,
    rss,
    run_worker,
)
from tests.friend_lists.test_every_page import no_checker_errors
from tests.handsets import page_forms
from tests.social.conftest import access_key, befriend


@pytest.fixture()
def blogger(app, member, logged_in, feed_server):
    """はなこ with three entries imported from her blog, and her friend とも."""
    owner, friend = member("はなこ"), member("とも")
    befriend(app, owner, friend)
    feed_server.allow(app)
    url = feed_server.serve("/rss.xml", rss(entries(3)))
    register(logged_in("pc-Firefox", owner), url)
    run_worker(app)
    assert len(imported(app, owner)) == 3
    return {"owner": owner, "friend": friend, "url": url}


def form_fields(browser) -> dict[str, str]:
    """Return the hidden fields every form of ours carries for this browser (the CSRF
    token, and the session token where no cookies are kept)."""
    return page_forms(browser.get("/settings/blog"))[0].fields


def _count(app, model, *where) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model).where(*where)))


@pytest.mark.parametrize("name", HANDSETS)
def test_an_imported_entry_has_no_comment_form_and_refuses_a_comment_and_an_edit(
        app, blogger, logged_in, name) -> None:
    owner = logged_in(name, blogger["owner"])
    diary_id = first_diary(owner.page(f"/members/{blogger['owner']}/diary"))
    page = owner.page(f"/diary/{diary_id}")
    assert "<textarea" not in page and "コメントはブログへどうぞ" in page
    assert access_key(page, "3", "削除") and not access_key(page, "1", "編集")
    no_checker_errors(app, owner, f"/diary/{diary_id}", owner.get(f"/diary/{diary_id}"))

    edit = owner.get(f"/diary/{diary_id}/edit", expect_errors=True)
    assert edit.status_int == 403 and "ブログで編集してください" in owner.text(edit)
    friend = logged_in(name, blogger["friend"])
    refused = friend.post(f"/diary/{diary_id}/comments",
                          {**form_fields(friend), "body": "nice", "k": "k" * 20},
                          expect_errors=True)
    assert refused.status_int == 403
    assert "コメントはブログへどうぞ" in friend.text(refused)
    assert _count(app, Comment, Comment.diary_id == diary_id) == 0


def test_the_author_deletes_an_imported_entry(app, blogger, logged_in) -> None:
    owner = logged_in("au-W53CA", blogger["owner"])
    diary_id = first_diary(owner.page(f"/members/{blogger['owner']}/diary"))
    done = owner.submit(owner.get(f"/diary/{diary_id}/delete"), {})
    assert done.status_int == 302
    assert len(imported(app, blogger["owner"])) == 2


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://blog.example.com/rss.xml", "http:// か https:// で始まるアドレス"),
    ("javascript:alert(1)", "http:// か https:// で始まるアドレス"),
    ("", "アドレスを入力してください"),
    ("http://blog.example.com/" + "a" * 1000, "長すぎます"),
    ("http:///rss.xml", "アドレスの形が正しくありません"),
])
def test_a_bad_address_gets_a_short_message_and_writes_nothing(
        app, member, logged_in, url, message) -> None:
    owner = member("はなこ")
    browser = logged_in("docomo-N505i", owner)
    page = register(browser, url)
    assert page.status_int == 200 and message in browser.text(page)
    assert blog_row(app, owner) is None and _count(app, Job, Job.kind == "blog.fetch") == 0


def test_broken_shift_jis_is_refused_and_writes_nothing(app, member, logged_in) -> None:
    owner = member("はなこ")
    browser = logged_in("docomo-N505i", owner)
    form = browser.get("/settings/blog")
    sent = browser.send(form, {"url": b"http://blog.example.com/\x82", "visibility": "friends"},
                        expect_errors=True)
    assert sent.status_int == 400 and "文字化け" in browser.text(sent)
    assert blog_row(app, owner) is None


def test_registering_again_and_again_is_limited(app, member, logged_in) -> None:
    owner = member("はなこ")
    browser = logged_in("pc-Firefox", owner)
    for n in range(10):
        register(browser, f"http://blog.example.com/{n}.xml")
    page = register(browser, "http://blog.example.com/last.xml")
    assert "多すぎます" in browser.text(page)
    blog = blog_row(app, owner)
    assert blog is not None and blog.feed_url == "http://blog.example.com/9.xml"
    # the same address again, or a new visibility, counts nothing
    assert "設定を保存しました" in browser.text(
        register(browser, "http://blog.example.com/9.xml", "everyone"))


@pytest.mark.parametrize("name", ["docomo-D501i", "docomo-P903i", "softbank-J-SH51",
                                  "pc-Firefox"])
def test_removing_the_blog_keeps_the_entries_when_asked(app, blogger, logged_in, name) -> None:
    owner = logged_in(name, blogger["owner"])
    confirm = owner.get("/settings/blog/remove")
    text = owner.text(confirm)
    assert "3件" in text and access_key(text, "0", "トップ")
    no_checker_errors(app, owner, "/settings/blog/remove", confirm)
    done = owner.submit(confirm, {}, 0).follow()
    assert "解除しました" in owner.text(done) and "登録する" in owner.text(done)
    assert blog_row(app, blogger["owner"]) is None
    assert len(imported(app, blogger["owner"])) == 3
    friend = logged_in(name, blogger["friend"])
    assert "[外部ブログ]" in plain(friend.page("/diary/friends"))


def test_removing_the_blog_and_its_entries(app, blogger, logged_in) -> None:
    owner = logged_in("docomo-N505i", blogger["owner"])
    done = owner.submit(owner.get("/settings/blog/remove"), {}, 1).follow()
    assert "取り込んだ記事を削除しました" in owner.text(done)
    assert blog_row(app, blogger["owner"]) is None and imported(app, blogger["owner"]) == []
    friend = logged_in("docomo-N505i", blogger["friend"])
    assert "記事3" not in friend.page("/diary/friends")
    assert "記事3" not in friend.page("/")
    again = owner.post("/settings/blog/remove", {"entries": "delete"}, expect_errors=True)
    assert again.status_int in (302, 400, 403)


def test_withdrawal_removes_the_blog_and_its_entries(app, blogger) -> None:
    with app.app_context():
        remove_member(db.session.get_one(Member, blogger["owner"]))
        db.session.commit()
    assert _count(app, MemberBlog) == 0
    assert _count(app, Diary, Diary.author_id == blogger["owner"]) == 0


def test_the_form_sent_twice_registers_once_and_queues_one_fetch(app, member, logged_in) -> None:
    owner = member("はなこ")
    browser = logged_in("docomo-N505i", owner)
    form = browser.get("/settings/blog")
    fields = {"url": "http://blog.example.com/rss.xml", "visibility": "friends"}
    first, second = browser.submit(form, fields), browser.submit(form, fields)
    assert first.status_int == second.status_int == 302
    assert _count(app, MemberBlog) == 1 and _count(app, Job, Job.kind == "blog.fetch") == 1
