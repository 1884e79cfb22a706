"""Community pages on every kind of handset: create, list, browse a category, the top page,
join and leave, the member list."""
from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import func, select

from keitai.db import db
from keitai.models.community import Community, CommunityMember, JoinRequest
from tests.diary.browsing import access_key, charset_of, check_page, rows_per_page, sun_bytes
from tests.handsets import PAGE_PROFILES


def _count(app: Flask, model: type, **where: int) -> int:
    with app.app_context():
        statement = select(func.count()).select_from(model).filter_by(**where)
        return int(db.session.scalar(statement) or 0)


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_member_creates_a_community_with_a_sun_in_its_name_and_becomes_its_admin(
        app, member, browse, name: str) -> None:
    me = member("たろう")
    browser = browse(name, me)
    form = browser.get("/communities/new")
    text = check_page(browser, form)
    assert 'name="name"' in text and 'name="category"' in text and "<textarea" in text
    assert "管理人の承認が必要" in text and "参加者だけ" in text
    charset = charset_of(form)
    title = "晴れ".encode(charset) + sun_bytes(name) + "写真部".encode(charset)
    done = browser.submit(form, {"name": title, "category": "hobbies",
                                 "description": "晴れた日の写真を貼ろう", "join_policy": "open",
                                 "topic_visibility": "all", "post_policy": "members"})
    path = browser.location(done)
    assert re.fullmatch(r"/communities/\d+", path)
    page = browser.get(path)
    text = check_page(browser, page)
    assert title in page.body
    assert "コミュニティを作成しました" in text and "メンバー1人" in text and "趣味" in text
    assert "参加しています(管理人)" in text
    assert access_key(text, "1", "トピックを作成") and access_key(text, "3", "管理")
    assert access_key(text, "2", "トピック一覧") and access_key(text, "5", "メンバー一覧")
    community_id = int(path.rsplit("/", 1)[1])
    with app.app_context():
        row = db.session.get(Community, community_id)
        assert row is not None and row.name == "晴れ☀写真部" and row.member_count == 1
        role = db.session.scalar(select(CommunityMember.role).where(
            CommunityMember.community_id == community_id))
        assert role == "admin"
    listing = check_page(browser, browser.get("/communities"))
    assert "晴れ" in listing and "★" in listing and access_key(listing, "1", "コミュニティを作る")


def test_a_double_submit_of_the_create_form_makes_one_community(app, member, browse) -> None:
    browser = browse("docomo-P903i", member("たろう"))
    form = browser.get("/communities/new")
    fields = {"name": "ラーメン部", "category": "food", "description": "うまい店"}
    first = browser.submit(form, fields)
    second = browser.submit(form, fields)
    assert browser.location(first) == browser.location(second)
    assert _count(app, Community) == 1 and _count(app, CommunityMember) == 1


@pytest.mark.parametrize("fields, message", [
    ({"name": "", "category": "food", "description": "説明"}, "コミュニティ名を入力してください"),
    ({"name": "あ" * 51, "category": "food", "description": "説明"}, "50文字以内"),
    ({"name": "ラーメン部", "category": "nothing", "description": "説明"},
     "カテゴリを選んでください"),
    ({"name": "ラーメン部", "category": "food", "description": ""}, "説明を入力してください"),
])
def test_a_refused_community_keeps_what_was_typed_and_says_why(
        app, member, browse, fields: dict[str, str], message: str) -> None:
    browser = browse("docomo-N505i", member("たろう"))
    page = browser.submit(browser.get("/communities/new"), fields)
    text = check_page(browser, page)
    assert page.status_int == 200 and message in text
    if fields["name"]:
        assert fields["name"][:10] in text
    assert _count(app, Community) == 0


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_member_joins_and_leaves_an_open_community_with_a_confirmation(
        app, member, browse, community, name: str) -> None:
    admin, me = member("はなこ"), member("たろう")
    community_id = community(admin)
    browser = browse(name, me)
    top = browser.get(f"/communities/{community_id}")
    text = check_page(browser, top)
    assert access_key(text, "1", "参加する") and "メンバー1人" in text
    assert "トピックを作成" not in text and not access_key(text, "3", "管理")
    confirm = browser.get(f"/communities/{community_id}/join")
    assert "参加しますか" in check_page(browser, confirm)
    done = browser.submit(confirm, {})
    text = check_page(browser, browser.get(browser.location(done)))
    assert "コミュニティに参加しました" in text and "メンバー2人" in text
    assert "退会する" in text
    again = browser.submit(confirm, {})  # the same confirmation sent twice: counted once
    assert again.status_int == 302
    assert _count(app, CommunityMember, community_id=community_id) == 2
    leave = browser.get(f"/communities/{community_id}/leave")
    assert "退会しますか" in check_page(browser, leave)
    gone = browser.submit(leave, {})
    text = check_page(browser, browser.get(browser.location(gone)))
    assert "コミュニティを退会しました" in text and "メンバー1人" in text
    with app.app_context():
        assert db.session.get(Community, community_id).member_count == 1  # type: ignore[union-attr]


def test_joining_an_approval_community_sends_a_request_the_admin_sees_as_a_badge(
        app, member, browse, community) -> None:
    admin, me = member("はなこ"), member("たろう")
    community_id = community(admin, "秘密基地", join_policy="approval", topic_visibility="members")
    browser = browse("au-W53CA", me)
    top = check_page(browser, browser.get(f"/communities/{community_id}"))
    assert "参加を申請する" in top and "トピックは参加者だけが読めます" in top
    assert browser.get(f"/communities/{community_id}/topics", status=403).status_int == 403
    form = browser.get(f"/communities/{community_id}/join")
    done = browser.submit(form, {"message": "よろしくお願いします"})
    text = check_page(browser, browser.get(browser.location(done)))
    assert "参加申請を送りました" in text and "参加を申請中です" in text
    assert _count(app, JoinRequest) == 1 and _count(app, CommunityMember) == 1
    home = browse("docomo-P903i", admin).get("/")
    assert "参加承認待ち1件" in home.body.decode("cp932")
    cancel = browser.submit(browser.get(f"/communities/{community_id}"), {})
    assert "参加申請を取り消しました" in check_page(browser, browser.get(browser.location(cancel)))
    assert _count(app, JoinRequest) == 0


def test_a_member_blocked_by_the_admin_cannot_join(app, member, browse, community,
                                                    blocks) -> None:
    admin, me = member("はなこ"), member("たろう")
    community_id = community(admin)
    blocks(admin, me)
    browser = browse("softbank-930SH", me)
    page = browser.submit(browser.get(f"/communities/{community_id}/join"), {})
    text = check_page(browser, page)
    assert "このコミュニティには参加できません" in text and "ブロック" not in text
    assert _count(app, CommunityMember, community_id=community_id) == 1


def test_a_member_in_1000_communities_cannot_join_one_more(app, member, browse,
                                                           community) -> None:
    admin, me = member("はなこ"), member("たろう")
    target = community(admin, "1001番目")
    with app.app_context():
        db.session.add_all(Community(name=f"c{i}", category="other", description="d",
                                     join_policy="open", topic_visibility="all",
                                     post_policy="members", member_count=1)
                           for i in range(1000))
        db.session.flush()
        ids = db.session.scalars(select(Community.id).where(Community.name.like("c%")))
        db.session.add_all(CommunityMember(community_id=i, member_id=me) for i in ids)
        db.session.commit()
    browser = browse("docomo-P903i", me)
    page = browser.submit(browser.get(f"/communities/{target}/join"), {})
    assert "参加できるコミュニティは1000個までです" in check_page(browser, page)
    assert _count(app, CommunityMember, community_id=target) == 1


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "pc-Firefox"])
def test_the_member_list_pages_by_join_order_with_admins_marked(
        app, member, browse, community, name: str) -> None:
    admin = member("管理さん")
    browser = browse(name, admin)
    rows = rows_per_page(browser)
    others = [member(f"メンバー{i:02d}") for i in range(rows + 2)]
    community_id = community(admin, members=tuple(others))
    first = browser.get(f"/communities/{community_id}/members")
    text = check_page(browser, first)
    assert f"{rows + 3}人" in text
    assert f"メンバー{rows + 1:02d}" in text and "メンバー00" not in text
    assert access_key(text, "6", "次へ") and not access_key(text, "4", "前へ")
    older = re.search(r'href="([^"]*after=\d+[^"]*)"', text)
    assert older
    second = browser.client.get(older.group(1).replace("&amp;", "&"))
    text = check_page(browser, second)
    assert "メンバー00" in text and "管理さん</a>(管理人)" in text
    assert access_key(text, "4", "前へ") and not access_key(text, "6", "次へ")
    newer = re.search(r'href="([^"]*before=\d+[^"]*)"', text)
    assert newer
    back = check_page(browser, browser.client.get(newer.group(1).replace("&amp;", "&")))
    assert f"メンバー{rows + 1:02d}" in back and "メンバー00" not in back


@pytest.mark.parametrize("name", ["docomo-N505i", "softbank-V602T", "smartphone-iPhone"])
def test_a_category_lists_its_communities_most_members_first(
        app, member, browse, community, name: str) -> None:
    a, b = member("はなこ"), member("たろう")
    community(b, "小さな会", category="food")
    big = community(a, "大きな会", members=(b,), category="food")
    community(b, "別の会", category="music")
    browser = browse(name, a)
    text = check_page(browser, browser.get("/communities/category/food"))
    assert "グルメ" in text and text.index("大きな会") < text.index("小さな会")
    assert "別の会" not in text and f"/communities/{big}" in text
    assert browser.get("/communities/category/nothing", status=404).status_int == 404


def test_a_members_communities_show_on_their_own_list(app, member, browse, community) -> None:
    a, b = member("はなこ"), member("たろう")
    community(a, "ねこの会", members=(b,))
    browser = browse("docomo-P903i", a)
    text = check_page(browser, browser.get(f"/members/{b}/communities"))
    assert "たろうさんのコミュニティ" in text and "ねこの会" in text
