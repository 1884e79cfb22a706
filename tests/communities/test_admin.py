"""The admins' pages of a community: join requests, members and roles, handing over, closing,
and the way to delete topics and comments; on every kind of handset, refused to the rest."""
from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.communities import service
from keitai.features.communities.access import community_access
from keitai.models.base import utcnow
from keitai.models.community import (
    Community,
    CommunityMember,
    Event,
    EventParticipant,
    JoinRequest,
    Poll,
    PollChoice,
    PollVote,
    Topic,
    TopicComment,
)
from tests.communities.factories import add_comments, add_topic
from tests.diary.browsing import Browser, access_key, check_page, whole_page
from tests.handsets import PAGE_PROFILES, page_forms

MANAGERS_ONLY = "管理人と副管理人だけが使えるページです。"
ADMIN_ONLY = "管理人だけができる操作です。"


def count(app: Flask, model: type, **where: object) -> int:
    """Return how many rows of a table match."""
    with app.app_context():
        return int(db.session.scalar(
            select(func.count()).select_from(model).filter_by(**where)) or 0)


def role(app: Flask, community_id: int, member_id: int) -> str | None:
    """Return the member's role in the community, None when not in it."""
    with app.app_context():
        return db.session.scalar(select(CommunityMember.role).where(
            CommunityMember.community_id == community_id,
            CommunityMember.member_id == member_id))


def member_count(app: Flask, community_id: int) -> int:
    """Return the member count the community's pages show."""
    with app.app_context():
        return int(db.session.scalar(select(Community.member_count).where(
            Community.id == community_id)) or 0)


def ask_to_join(app: Flask, community_id: int, member_id: int, message: str = "") -> None:
    """Send a request to join as the member would."""
    with app.app_context():
        assert service.join(community_access(community_id, member_id), member_id,
                            message) == "requested"
        db.session.commit()


def make_sub_admin(app: Flask, community_id: int, admin_id: int, member_id: int) -> None:
    """Have the admin appoint a sub-admin."""
    with app.app_context():
        assert service.appoint_sub_admin(community_access(community_id, admin_id), member_id)
        db.session.commit()


def forged_post(browser: Browser, path: str, fields: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """POST to a path no page showed this member a form for, with the session's CSRF token
    (taken from a form the member does have)."""
    hidden = page_forms(browser.get("/settings/withdraw"))[0].fields
    return browser.client.post(browser.url(path), {**hidden, **(fields or {})},
                               expect_errors=True)


def follow(browser: Browser, response) -> str:  # type: ignore[no-untyped-def]
    """Follow a redirect after a write and return the text of the page it leads to."""
    return browser.text(browser.get(browser.location(response)))


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_admin_pages_fit_every_handset_and_approve_a_request(
        app, member, browse, community, name: str) -> None:
    admin, sub, plain, asker = (member("かんりにん"), member("ふくかん"), member("たろう"),
                                member("はなこ"))
    community_id = community(admin, name="猫好きの会", members=(sub, plain),
                             join_policy="approval")
    make_sub_admin(app, community_id, admin, sub)
    ask_to_join(app, community_id, asker, "入れてください☀\n猫が好きです")
    _fill(app, community_id, admin, plain)
    browser = browse(name, admin)
    base = f"/communities/{community_id}/admin"

    page = browser.get(base)
    text = check_page(browser, page)
    assert "はなこ" in text and "猫が好きです" in text and 'name="approve"' in text
    assert "ふくかん" in text
    assert access_key(text, "1", "メンバーの管理") and access_key(text, "8", "コミュニティを閉じる")
    assert access_key(text, "9", "猫好きの会")
    done = browser.submit(page, {"approve": "承認"})
    assert "参加を承認しました。" in follow(browser, done)
    assert role(app, community_id, asker) == "member" and member_count(app, community_id) == 4

    members = check_page(browser, browser.get(f"{base}/members"))
    assert "ふくかん</a>(副管理人)" in members and "かんりにん</a>(管理人)" in members
    for path, words in [(f"{base}/members/{plain}", ("副管理人にする", "管理人を引き継ぐ",
                                                     "コミュニティから外す")),
                        (f"{base}/members/{plain}/remove", ("たろうさんを",)),
                        (f"{base}/members/{plain}/hand_over", ("たろうさんに引き継ぎ",)),
                        (f"{base}/close", ("すべて削除",)),
                        (f"{base}/topics", ("雑談トピック", "[イベント]", "オフ会</a>", "削除"))]:
        text = check_page(browser, browser.get(path))
        assert all(word in text for word in words), path
    assert count(app, CommunityMember, community_id=community_id) == 4


def test_a_member_who_does_not_manage_gets_the_managers_only_refusal(
        app, member, browse, community) -> None:
    admin, plain, outsider, asker = (member("かんりにん"), member("たろう"), member("じろう"),
                                     member("はなこ"))
    community_id = community(admin, members=(plain,), join_policy="approval")
    ask_to_join(app, community_id, asker)
    ask_to_join(app, community_id, outsider)
    base = f"/communities/{community_id}/admin"
    for who in (plain, outsider):
        browser = browse("pc-Firefox", who)
        for path in (base, f"{base}/members", f"{base}/members/{admin}", f"{base}/topics",
                     f"{base}/members/{plain}/remove", f"{base}/close"):
            refused = browser.get(path, status=403)
            assert MANAGERS_ONLY in browser.text(refused), path
        for path, fields in [(f"{base}/requests/{asker}", {"approve": "承認"}),
                             (f"{base}/members/{plain}/remove", {}),
                             (f"{base}/members/{plain}/appoint", {}),
                             (f"{base}/members/{plain}/hand_over", {}),
                             (f"{base}/close", {})]:
            refused = forged_post(browser, path, fields)
            assert refused.status_int == 403 and MANAGERS_ONLY in browser.text(refused), path
    assert count(app, JoinRequest, community_id=community_id) == 2
    assert member_count(app, community_id) == 2 and role(app, community_id, admin) == "admin"
    missing = browse("pc-Firefox", admin).get("/communities/999999/admin", status=404)
    assert missing.status_int == 404


def test_a_sub_admin_manages_members_but_cannot_close_hand_over_or_appoint(
        app, member, browse, community) -> None:
    admin, sub, other_sub, plain = (member("かんりにん"), member("ふくかん"), member("ふくかん2"),
                                    member("たろう"))
    community_id = community(admin, members=(sub, other_sub, plain))
    make_sub_admin(app, community_id, admin, sub)
    make_sub_admin(app, community_id, admin, other_sub)
    browser = browse("docomo-P903i", sub)
    base = f"/communities/{community_id}/admin"
    text = check_page(browser, browser.get(base))
    assert "メンバーの管理" in text and "コミュニティを閉じる" not in text
    text = check_page(browser, browser.get(f"{base}/members/{plain}"))
    assert "コミュニティから外す" in text
    assert "副管理人にする" not in text and "管理人を引き継ぐ" not in text
    text = check_page(browser, browser.get(f"{base}/members/{other_sub}"))
    assert "外す" not in text.replace("副管理人を外すのは管理人だけです", "")
    for path in (f"{base}/close", f"{base}/members/{plain}/hand_over"):
        assert ADMIN_ONLY in browser.text(browser.get(path, status=403)), path
    pc = browse("pc-Firefox", sub)
    for path in (f"{base}/close", f"{base}/members/{plain}/hand_over",
                 f"{base}/members/{plain}/appoint", f"{base}/members/{other_sub}/dismiss"):
        refused = forged_post(pc, path)
        assert refused.status_int == 403 and ADMIN_ONLY in pc.text(refused), path
    refused = forged_post(pc, f"{base}/members/{other_sub}/remove")
    assert "管理人だけが外せます" in pc.text(refused)
    assert count(app, Community, id=community_id) == 1
    assert [role(app, community_id, who) for who in (admin, sub, other_sub, plain)] == [
        "admin", "sub_admin", "sub_admin", "member"]
    # what a sub-admin may do: take a plain member out, after being asked
    page = browser.get(f"{base}/members/{plain}/remove")
    assert "たろうさんを" in check_page(browser, page)
    assert role(app, community_id, plain) == "member"
    done = browser.submit(page, {})
    assert "たろうさんをコミュニティから外しました。" in follow(browser, done)
    assert role(app, community_id, plain) is None and member_count(app, community_id) == 3


def test_approving_a_request_adds_the_member_and_counts_once(app, member, browse,
                                                             community) -> None:
    admin, asker, other = member("かんりにん"), member("はなこ"), member("じろう")
    community_id = community(admin, join_policy="approval")
    ask_to_join(app, community_id, asker)
    ask_to_join(app, community_id, other)
    browser = browse("docomo-N505i", admin)
    page = browser.get(f"/communities/{community_id}/admin")
    first = browser.submit(page, {"approve": "承認"})
    assert "参加を承認しました。" in follow(browser, first)
    again = browser.submit(page, {"approve": "承認"})  # the same page sent twice
    assert "この申請はもうありません。" in follow(browser, again)
    assert member_count(app, community_id) == 2
    assert count(app, CommunityMember, community_id=community_id) == 2
    assert role(app, community_id, asker) == "member"
    page = browser.get(f"/communities/{community_id}/admin")
    assert "じろう" in browser.text(page) and "はなこ" not in browser.text(page)
    unnamed = browser.submit(page, {})  # a handset that sends no button: nothing happens
    assert browser.location(unnamed) == f"/communities/{community_id}/admin"
    assert count(app, JoinRequest) == 1
    refused = browser.submit(page, {"reject": "お断り"})
    assert "参加をお断りしました。" in follow(browser, refused)
    assert role(app, community_id, other) is None and member_count(app, community_id) == 2
    assert count(app, JoinRequest) == 0


def test_the_admin_page_shows_a_few_requests_at_a_time(app, member, browse, community) -> None:
    admin = member("かんりにん")
    community_id = community(admin, join_policy="approval")
    for n in range(7):
        ask_to_join(app, community_id, member(f"申請者{n}"), "よろしくお願いします" * 10)
    browser = browse("docomo-N505i", admin)
    text = whole_page(browser, f"/communities/{community_id}/admin")  # in parts of 3 KB
    assert text.count('name="approve"') == 5 and "ほかにも申請があります" in text


def test_the_member_list_is_paged_newest_first(app, member, browse, community) -> None:
    admin = member("かんりにん")
    others = tuple(member(f"メンバー{n:02}") for n in range(24))
    community_id = community(admin, members=others)
    browser = browse("docomo-N505i", admin)  # ten rows a page on a small handset
    seen: list[str] = []
    response = browser.get(f"/communities/{community_id}/admin/members")
    for _page in range(4):
        text = check_page(browser, response)
        seen += [f"メンバー{n:02}" for n in range(24) if f"メンバー{n:02}</a>" in text]
        found = re.search(r'<a href="([^"]+)" accesskey="6">', text)
        if found is None:
            break
        response = browser.client.get(html.unescape(found.group(1)))
    assert len(seen) == 24 and len(set(seen)) == 24
    assert "かんりにん</a>(管理人)" in text


def test_the_admin_appoints_and_dismisses_a_sub_admin(app, member, browse, community) -> None:
    admin, plain = member("かんりにん"), member("たろう")
    community_id = community(admin, members=(plain,))
    browser = browse("au-W53CA", admin)
    path = f"/communities/{community_id}/admin/members/{plain}"
    done = browser.submit(browser.get(path), {})
    assert "たろうさんを副管理人にしました。" in follow(browser, done)
    assert role(app, community_id, plain) == "sub_admin"
    page = browser.get(path)
    assert "副管理人から外す" in check_page(browser, page)
    appointed = browse("pc-Firefox", plain)
    assert "メンバーの管理" in check_page(appointed, appointed.get(
        f"/communities/{community_id}/admin"))
    done = browser.submit(page, {})
    assert "たろうさんを副管理人から外しました。" in follow(browser, done)
    assert role(app, community_id, plain) == "member"
    assert member_count(app, community_id) == 2


def test_handing_over_keeps_exactly_one_admin(app, member, browse, community) -> None:
    admin, sub, plain = member("かんりにん"), member("ふくかん"), member("たろう")
    community_id = community(admin, members=(sub, plain))
    make_sub_admin(app, community_id, admin, sub)
    browser = browse("softbank-J-SH51", admin)
    page = browser.get(f"/communities/{community_id}/admin/members/{sub}/hand_over")
    assert "ふくかんさんに引き継ぎますか" in check_page(browser, page)
    assert role(app, community_id, admin) == "admin"  # asking changed nothing
    done = browser.submit(page, {})
    assert browser.location(done) == f"/communities/{community_id}"
    assert count(app, CommunityMember, community_id=community_id, role="admin") == 1
    assert [role(app, community_id, who) for who in (admin, sub, plain)] == [
        "member", "admin", "member"]
    assert member_count(app, community_id) == 3
    refused = browser.get(f"/communities/{community_id}/admin", status=403)
    assert MANAGERS_ONLY in browser.text(refused)
    again = forged_post(browse("pc-Firefox", admin),
                        f"/communities/{community_id}/admin/members/{plain}/hand_over")
    assert again.status_int == 403
    new_admin = browse("pc-Firefox", sub)
    text = check_page(new_admin, new_admin.get(f"/communities/{community_id}/admin"))
    assert "コミュニティを閉じる" in text
    own = check_page(new_admin, new_admin.get(
        f"/communities/{community_id}/admin/members/{sub}/hand_over"))
    assert "ほかのメンバーを選んでください" in own and "<form" not in own


def _fill(app: Flask, community_id: int, admin: int, plain: int) -> None:
    """Write a topic with comments, an event with a participant and a poll with a vote."""
    topic_id = add_topic(app, community_id, plain)
    add_comments(app, topic_id, admin, 3)
    with app.app_context():
        now = utcnow()
        event = Topic(community_id=community_id, author_id=admin, kind="event",
                      title="オフ会", body="集まろう", comment_count=0)
        db.session.add(event)
        db.session.flush()
        db.session.add(Event(topic_id=event.id, community_id=community_id,
                             starts_at=now + timedelta(days=3), place="渋谷",
                             participant_count=1))
        db.session.flush()
        db.session.add(EventParticipant(event_id=event.id, member_id=plain))
        poll = Poll(community_id=community_id, author_id=admin, question="好きな猫は?",
                    closes_at=now + timedelta(days=7))
        db.session.add(poll)
        db.session.flush()
        choices = [PollChoice(poll_id=poll.id, position=n, label=label)
                   for n, label in enumerate(("三毛", "黒"))]
        db.session.add_all(choices)
        db.session.flush()
        db.session.add(PollVote(poll_id=poll.id, member_id=plain, choice_id=choices[0].id))
        db.session.commit()


def test_closing_deletes_the_community_with_everything_in_it(app, member, browse,
                                                             community) -> None:
    admin, plain, asker = member("かんりにん"), member("たろう"), member("はなこ")
    community_id = community(admin, members=(plain,), join_policy="approval")
    kept = community(plain, name="犬好き", members=(admin,))
    add_comments(app, add_topic(app, kept, admin), plain, 2)
    ask_to_join(app, community_id, asker)
    _fill(app, community_id, admin, plain)
    tables = (Topic, TopicComment, Event, EventParticipant, Poll, PollChoice, PollVote,
              CommunityMember, JoinRequest)
    before = {model: count(app, model) for model in tables}
    assert before[TopicComment] == 5 and before[Event] == 1 and before[PollVote] == 1
    browser = browse("docomo-N505i", admin)
    page = browser.get(f"/communities/{community_id}/admin/close")
    text = check_page(browser, page)
    assert "すべて削除され、元に戻せません" in text and "2人" in text
    assert {model: count(app, model) for model in tables} == before  # asking deletes nothing
    done = browser.submit(page, {})
    assert browser.location(done) == "/communities"
    assert "」を閉じました。" in follow(browser, done)
    with app.app_context():
        assert db.session.get(Community, community_id) is None
    left = {model: count(app, model) for model in tables}
    assert left == {Topic: 1, TopicComment: 2, Event: 0, EventParticipant: 0, Poll: 0,
                    PollChoice: 0, PollVote: 0, CommunityMember: 2, JoinRequest: 0}
    assert member_count(app, kept) == 2
    assert browser.get(f"/communities/{community_id}/admin", status=404).status_int == 404


def test_a_manager_reaches_the_delete_pages_of_any_topic_and_comment(
        app, member, browse, community) -> None:
    admin, sub, plain = member("かんりにん"), member("ふくかん"), member("たろう")
    community_id = community(admin, members=(sub, plain))
    make_sub_admin(app, community_id, admin, sub)
    topic_id = add_topic(app, community_id, plain, title="荒らしトピック")
    kept_id = add_topic(app, community_id, plain, title="普通のトピック")
    add_comments(app, kept_id, plain, 2, body="ひどいコメント{n}")
    browser = browse("docomo-P903i", sub)
    listing = browser.get(f"/communities/{community_id}/admin/topics")
    text = check_page(browser, listing)
    assert "荒らしトピック" in text and f'href="/topics/{topic_id}/delete' in text
    confirm = browser.get(f"/topics/{topic_id}/delete")
    assert "荒らしトピック" in check_page(browser, confirm)
    done = browser.submit(confirm, {})
    assert done.status_int == 302
    assert count(app, Topic, id=topic_id) == 0 and count(app, Topic, id=kept_id) == 1
    topic_page = browser.text(browser.get(f"/topics/{kept_id}"))
    assert f'/topics/{kept_id}/comments/1/delete' in topic_page
    confirm = browser.get(f"/topics/{kept_id}/comments/1/delete")
    browser.submit(confirm, {})
    with app.app_context():
        deleted = db.session.scalars(select(TopicComment.deleted).where(
            TopicComment.topic_id == kept_id).order_by(TopicComment.number)).all()
    assert deleted == [True, False]
