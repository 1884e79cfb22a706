"""Topics on every kind of handset: create one, comment with numbers that never change,
page through thousands of comments by number, delete; blocks and members-only topics."""
from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import func, select

from keitai.db import db
from keitai.models.community import Topic, TopicComment
from tests.communities.factories import add_comments, add_topic
from tests.diary.browsing import access_key, charset_of, check_page, sun_bytes, whole_page
from tests.handsets import PAGE_PROFILES


def _numbers(app: Flask, topic_id: int) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(TopicComment.number).where(
            TopicComment.topic_id == topic_id).order_by(TopicComment.number)))


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_member_creates_a_topic_with_a_sun_and_others_read_it(
        app, member, browse, community, name: str) -> None:
    writer, reader = member("たろう"), member("はなこ")
    community_id = community(writer, members=(reader,))
    browser = browse(name, writer)
    form = browser.get(f"/communities/{community_id}/topics/new")
    text = check_page(browser, form)
    assert 'name="title"' in text and "<textarea" in text
    charset = charset_of(form)
    body = "今日は".encode(charset) + sun_bytes(name) + "です".encode(charset)
    done = browser.submit(form, {"title": "お天気トピック", "body": body})
    path = browser.location(done)
    assert re.fullmatch(r"/topics/\d+", path)
    page = browser.get(path)
    text = check_page(browser, page)
    assert body in page.body and "お天気トピック" in text and "コメントはまだありません" in text
    assert access_key(text, "9", "トピック一覧") and "トピックを削除" in text
    other = browse("docomo-P903i", reader)
    seen = other.get(path)
    assert "今日は".encode("cp932") + b"\xf8\x9f" in seen.body
    assert "トピックを削除" not in check_page(other, seen)


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_comments_are_numbered_in_order_and_a_deleted_one_keeps_its_number(
        app, member, browse, community, name: str) -> None:
    writer, other = member("たろう"), member("はなこ")
    community_id = community(writer, members=(other,))
    topic_id = add_topic(app, community_id, writer)
    add_comments(app, topic_id, other, 2, "はなこの{n}")
    browser = browse(name, writer)
    page = browser.get(f"/topics/{topic_id}")
    charset = charset_of(page)
    comment = "晴れ".encode(charset) + sun_bytes(name)
    done = browser.submit(page, {"body": comment})
    assert browser.location(done) == f"/topics/{topic_id}"
    text = check_page(browser, browser.get(f"/topics/{topic_id}"))
    assert re.search(r"\[1\].*はなこの0.*\[2\].*はなこの1.*\[3\]", text, re.S)
    assert comment in browser.get(f"/topics/{topic_id}").body
    confirm = browser.get(f"/topics/{topic_id}/comments/1/delete")
    assert "番号は残ります" in check_page(browser, confirm)  # the admin deletes another's
    browser.submit(confirm, {})
    text = check_page(browser, browser.get(f"/topics/{topic_id}"))
    assert "[1] このコメントは削除されました" in text and "はなこの0" not in text
    add_comments(app, topic_id, other, 1, "あとの{n}")
    assert _numbers(app, topic_id) == [1, 2, 3, 4]
    text = check_page(browser, browser.get(f"/topics/{topic_id}"))
    assert "[4]" in text and "あとの0" in text


def test_a_double_submit_of_a_comment_takes_one_number(app, member, browse, community) -> None:
    me = member("たろう")
    topic_id = add_topic(app, community(me), me)
    browser = browse("docomo-N505i", me)
    page = browser.get(f"/topics/{topic_id}")
    browser.submit(page, {"body": "一回だけ"})
    browser.submit(page, {"body": "一回だけ"})
    add_comments(app, topic_id, me, 1)
    assert _numbers(app, topic_id) == [1, 2]
    with app.app_context():
        assert db.session.get(Topic, topic_id).comment_count == 2  # type: ignore[union-attr]


def test_only_members_comment_and_only_writers_and_managers_delete(
        app, member, browse, community) -> None:
    admin, writer, outsider = member("管理"), member("書く人"), member("外の人")
    community_id = community(admin, members=(writer,))
    topic_id = add_topic(app, community_id, writer)
    add_comments(app, topic_id, writer, 1)
    browser = browse("au-W53CA", outsider)
    page = browser.get(f"/topics/{topic_id}")
    text = check_page(browser, page)
    assert "コミュニティに参加するとコメントできます" in text and "<textarea" not in text
    refused = browser.client.post(f"/topics/{topic_id}/comments", {"body": "横から"},
                                  status=403, expect_errors=True)
    assert refused.status_int in (400, 403)
    assert _numbers(app, topic_id) == [1]
    assert browser.get(f"/topics/{topic_id}/comments/1/delete", status=403).status_int == 403
    assert browser.get(f"/topics/{topic_id}/delete", status=403).status_int == 403
    manager = browse("docomo-P903i", admin)
    confirm = manager.get(f"/topics/{topic_id}/delete")
    assert "すべて削除しますか" in check_page(manager, confirm)
    done = manager.submit(confirm, {})
    assert manager.location(done) == f"/communities/{community_id}"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(TopicComment)) == 0
        assert db.session.get(Topic, topic_id) is None


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-930SH", "pc-Firefox"])
def test_a_long_topic_pages_by_number_with_a_link_to_the_latest_comments(
        app, member, browse, community, name: str) -> None:
    me = member("たろう")
    topic_id = add_topic(app, community(me), me)
    add_comments(app, topic_id, me, 45, "その{n}")
    browser = browse(name, me)
    limit = browser.handset.page_limit_bytes
    per = 10 if limit and limit <= 12 * 1024 else 20
    pages = (45 + per - 1) // per
    # a page may come in parts of a comfortable size on the handset: read them all
    first = whole_page(browser, f"/topics/{topic_id}")
    assert f"1/{pages}" in first and "最新のコメント" in first and access_key(first, "6", "次へ")
    last = whole_page(browser, f"/topics/{topic_id}?page=last")
    assert "[45]" in last and f"{pages}/{pages}" in last and "その44" in last
    assert f"[{(pages - 1) * per}]" not in last and access_key(last, "4", "前へ")
    assert "なんでも書いてください" not in last  # the topic's body is on its first page
    second = whole_page(browser, f"/topics/{topic_id}?page=2")
    assert f"[{per + 1}]" in second and f"[{per}]" not in second


def test_a_block_hides_the_blocked_members_topics_and_comments(
        app, member, browse, community, blocks) -> None:
    me, blocked, other = member("たろう"), member("ブロック相手"), member("はなこ")
    community_id = community(other, members=(me, blocked))
    hidden = add_topic(app, community_id, blocked, "見えない話")
    shown = add_topic(app, community_id, other, "見える話")
    add_comments(app, shown, blocked, 1, "見えないコメント")
    add_comments(app, shown, other, 1, "見えるコメント")
    blocks(me, blocked)
    browser = browse("docomo-P903i", me)
    listing = check_page(browser, browser.get(f"/communities/{community_id}/topics"))
    assert "見える話" in listing and "見えない話" not in listing
    top = check_page(browser, browser.get(f"/communities/{community_id}"))
    assert "見えない話" not in top
    assert browser.get(f"/topics/{hidden}", status=404).status_int == 404
    text = check_page(browser, browser.get(f"/topics/{shown}"))
    assert "見えるコメント" in text and "見えないコメント" not in text and "[2]" in text


def test_members_only_topics_are_not_shown_to_others(app, member, browse, community) -> None:
    admin, outsider = member("管理"), member("外の人")
    community_id = community(admin, topic_visibility="members")
    topic_id = add_topic(app, community_id, admin, "内緒の話")
    browser = browse("docomo-P903i", outsider)
    assert browser.get(f"/topics/{topic_id}", status=404).status_int == 404
    top = check_page(browser, browser.get(f"/communities/{community_id}"))
    assert "内緒の話" not in top and "トピックは参加者だけが読めます" in top


def test_admins_only_communities_refuse_topics_from_members(app, member, browse,
                                                            community) -> None:
    admin, me = member("管理"), member("たろう")
    community_id = community(admin, members=(me,), post_policy="admins")
    browser = browse("docomo-P903i", me)
    top = check_page(browser, browser.get(f"/communities/{community_id}"))
    assert "トピックを作成" not in top
    page = browser.get(f"/communities/{community_id}/topics/new", status=403)
    assert "管理人と副管理人だけが作成できます" in page.body.decode("cp932")


def test_a_refused_topic_keeps_what_was_typed(app, member, browse, community) -> None:
    me = member("たろう")
    community_id = community(me)
    browser = browse("docomo-N505i", me)
    page = browser.submit(browser.get(f"/communities/{community_id}/topics/new"),
                          {"title": "", "body": "本文だけ書いた"})
    text = check_page(browser, page)
    assert "タイトルを入力してください" in text and "本文だけ書いた" in text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Topic)) == 0
