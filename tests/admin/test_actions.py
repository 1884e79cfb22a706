"""What operators do from the console: each action does what it says and writes exactly one
audit row (who, when, what, why), in the same transaction; a refused one writes none."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from webtest import TestResponse

from keitai.db import db
from keitai.models import Ban, Diary, Member
from tests.admin.conftest import (
    Clock,
    Operator,
    audit_rows,
    form_of,
    log_in,
    pc,
)
from tests.handsets import HandsetClient

REASON = "利用規約第5条(迷惑行為)に当たるため"


class Console:
    """An operator logged in to the console in a PC browser."""

    def __init__(self, app: Flask, who: Operator, client: HandsetClient) -> None:
        self.app, self.who, self.client = app, who, client

    def act(self, path: str, action: str, fields: dict[str, str],
            **kwargs: Any) -> TestResponse:
        """Open a console page and send the form of one action; follow a redirect."""
        page = self.client.get(path)
        sent = self.client.submit(page, fields, index=form_of(page, action), **kwargs)
        return sent.follow() if sent.status_int == 302 else sent


@pytest.fixture()
def console(app: Flask, operator: Callable[..., Operator], clock: Clock) -> Console:
    """An operator logged in with password and TOTP."""
    who = operator(nickname="かんりにん")
    client = pc(app)
    log_in(client, who, clock)
    return Console(app, who, client)


@pytest.fixture()
def author(create_member: Callable[..., int]) -> int:
    """A member with a mobile address who writes things."""
    return create_member(email="kaku@example.com", nickname="かくひと",
                         mobile_email="kaku@docomo.ne.jp")


def write_diary(app: Flask, author_id: int, title: str = "ひどい日記") -> int:
    """Add a diary of the member; return its id."""
    with app.app_context():
        diary = Diary(author_id=author_id, title=title, body="買って買って http://spam.example/")
        db.session.add(diary)
        db.session.commit()
        found = diary.id
        db.session.remove()
        return found


def reported_diary(app: Flask, author_id: int, reporters: list[int]) -> int:
    """Add a diary and the reports of it; return its id."""
    from keitai.features.reports import service

    diary_id = write_diary(app, author_id)
    with app.app_context():
        for reporter in reporters:  # one unit each, as each reporter's request is
            service.report(reporter, "diary", diary_id, "spam", "宣伝ばかりです")
            db.session.commit()
        db.session.remove()
    return diary_id


def one_new_row(app: Flask, before: int, action: str, target_kind: str, target_id: int,
                operator_id: int, reason: str = REASON) -> Any:
    """Assert the audit log got exactly one row, of this action; return it."""
    rows = audit_rows(app)
    assert len(rows) == before + 1, [row.action for row in rows]
    row = rows[-1]
    assert (row.operator_id, row.action, row.target_kind, row.target_id, row.reason) == (
        operator_id, action, target_kind, target_id, reason)
    assert row.created_at is not None
    return row


def item_state(app: Flask, kind: str, item_id: int) -> Any:
    from keitai.moderation import items

    with app.app_context():
        found = items.load(kind, item_id)
        db.session.remove()
        return found


def member_row(app: Flask, member_id: int) -> Member | None:
    with app.app_context():
        found = db.session.get(Member, member_id)
        if found is not None:
            db.session.expunge(found)
        db.session.remove()
        return found


def test_the_queue_lists_reported_items_newest_and_most_reported_first(
        app: Flask, console: Console, author: int,
        create_member: Callable[..., int]) -> None:
    reporters = [create_member(email=f"r{n}@example.com") for n in range(3)]
    many = reported_diary(app, author, reporters)
    newest = reported_diary(app, author, reporters[:1])
    newest_first = console.client.get("/admin/reports").text
    assert newest_first.index(f"/admin/items/diary/{newest}") < newest_first.index(
        f"/admin/items/diary/{many}")
    most_first = console.client.get("/admin/reports?order=most").text
    assert most_first.index(f"/admin/items/diary/{many}") < most_first.index(
        f"/admin/items/diary/{newest}")
    assert "3件" in most_first and "<table>" in most_first


def test_the_item_page_shows_the_item_its_reports_and_its_author(
        app: Flask, console: Console, author: int, create_member: Callable[..., int]) -> None:
    reporter = create_member(email="r@example.com")
    diary_id = reported_diary(app, author, [reporter])
    page = console.client.get(f"/admin/items/diary/{diary_id}").text
    assert "ひどい日記" in page and "宣伝ばかりです" in page and "迷惑行為" in page
    assert f'href="/admin/members/{author}"' in page
    item = item_state(app, "diary", diary_id)
    assert item.url and f'href="{item.url}"' in page  # the item in its own page


def test_hiding_an_item_hides_it_and_is_audited(
        app: Flask, console: Console, author: int) -> None:
    diary_id = write_diary(app, author)
    before = len(audit_rows(app))
    done = console.act(f"/admin/items/diary/{diary_id}", "/hide", {"reason": REASON})
    assert "非表示にしました" in done.text
    assert item_state(app, "diary", diary_id).hidden
    one_new_row(app, before, "item.hide", "diary", diary_id, console.who.id)
    done = console.act(f"/admin/items/diary/{diary_id}", "/unhide", {"reason": "誤りでした"})
    assert not item_state(app, "diary", diary_id).hidden
    one_new_row(app, before + 1, "item.unhide", "diary", diary_id, console.who.id, "誤りでした")


def test_hiding_without_a_reason_is_refused_and_not_audited(
        app: Flask, console: Console, author: int) -> None:
    diary_id = write_diary(app, author)
    before = len(audit_rows(app))
    refused = console.act(f"/admin/items/diary/{diary_id}", "/hide", {"reason": " "})
    assert "理由を入力してください" in refused.text
    assert not item_state(app, "diary", diary_id).hidden
    assert len(audit_rows(app)) == before


def test_deleting_an_item_needs_the_confirmation_and_is_audited(
        app: Flask, console: Console, author: int, create_member: Callable[..., int]) -> None:
    diary_id = reported_diary(app, author, [create_member(email="r@example.com")])
    before = len(audit_rows(app))
    refused = console.act(f"/admin/items/diary/{diary_id}", "/delete", {"reason": REASON})
    assert "取り消せません" in refused.text and item_state(app, "diary", diary_id) is not None
    console.act(f"/admin/items/diary/{diary_id}", "/delete", {"reason": REASON, "confirm": "1"})
    assert item_state(app, "diary", diary_id) is None
    row = one_new_row(app, before, "item.delete", "diary", diary_id, console.who.id)
    assert row.detail["author_id"] == author and row.detail["reports_closed"] == 1


def test_closing_reports_takes_the_item_off_the_queue(
        app: Flask, console: Console, author: int, create_member: Callable[..., int]) -> None:
    diary_id = reported_diary(app, author, [create_member(email="r@example.com")])
    before = len(audit_rows(app))
    console.act(f"/admin/items/diary/{diary_id}", "/close", {"reason": "問題なし"})
    assert f"/admin/items/diary/{diary_id}" not in console.client.get("/admin/reports").text
    row = one_new_row(app, before, "reports.close", "diary", diary_id, console.who.id, "問題なし")
    assert row.detail == {"closed": 1}


def test_warning_a_member_tells_them_on_their_home(
        app: Flask, console: Console, author: int) -> None:
    from keitai.models.announcement import MemberNotice

    before = len(audit_rows(app))
    console.act(f"/admin/members/{author}", "/warn",
                {"text": "宣伝の書き込みはやめてください。", "reason": REASON})
    with app.app_context():
        notices = list(db.session.scalars(select(MemberNotice)
                                          .where(MemberNotice.member_id == author)))
        assert [notice.text for notice in notices] == ["宣伝の書き込みはやめてください。"]
        db.session.remove()
    row = one_new_row(app, before, "member.warn", "member", author, console.who.id)
    assert row.detail == {"text": "宣伝の書き込みはやめてください。"}


def test_suspending_a_member_for_days_and_lifting_it(
        app: Flask, console: Console, author: int) -> None:
    before = len(audit_rows(app))
    console.act(f"/admin/members/{author}", "/suspend", {"days": "7", "reason": REASON})
    member = member_row(app, author)
    assert member is not None and member.suspended_until is not None
    assert member.suspension_reason == REASON
    row = one_new_row(app, before, "member.suspend", "member", author, console.who.id)
    assert row.detail == {"days": 7}
    console.act(f"/admin/members/{author}", "/unsuspend", {"reason": "異議を認めた"})
    member = member_row(app, author)
    assert member is not None and member.suspended_until is None
    one_new_row(app, before + 1, "member.unsuspend", "member", author, console.who.id,
                "異議を認めた")


def test_a_suspension_needs_a_number_of_days(
        app: Flask, console: Console, author: int) -> None:
    before = len(audit_rows(app))
    refused = console.act(f"/admin/members/{author}", "/suspend", {"days": "x", "reason": REASON})
    assert "日数" in refused.text and len(audit_rows(app)) == before


def test_withdrawing_a_member_removes_them_without_a_password(
        app: Flask, console: Console, author: int) -> None:
    before = len(audit_rows(app))
    refused = console.act(f"/admin/members/{author}", "/withdraw", {"reason": REASON})
    assert "取り消せません" in refused.text and member_row(app, author) is not None
    console.act(f"/admin/members/{author}", "/withdraw", {"reason": REASON, "confirm": "1"})
    assert member_row(app, author) is None
    row = one_new_row(app, before, "member.withdraw", "member", author, console.who.id)
    assert row.detail == {"nickname": "かくひと"}


def test_deleting_everything_a_member_wrote(
        app: Flask, console: Console, author: int) -> None:
    diaries = [write_diary(app, author, f"日記{n}") for n in range(2)]
    before = len(audit_rows(app))
    console.act(f"/admin/members/{author}", "/delete_everything",
                {"reason": REASON, "confirm": "1"})
    assert all(item_state(app, "diary", found) is None for found in diaries)
    assert member_row(app, author) is not None
    row = one_new_row(app, before, "member.delete_everything", "member", author,
                      console.who.id)
    assert row.detail["deleted"] >= 2


def test_banning_a_members_handsets_and_lifting_the_ban(
        app: Flask, console: Console, author: int) -> None:
    before = len(audit_rows(app))
    console.act(f"/admin/members/{author}", "/ban", {"days": "", "reason": REASON})
    with app.app_context():
        bans = list(db.session.scalars(select(Ban).where(Ban.member_id == author)))
        db.session.remove()
    assert len(bans) == 1 and bans[0].kind == "mobile_address" and bans[0].expires_at is None
    row = one_new_row(app, before, "member.ban", "member", author, console.who.id)
    assert row.detail == {"days": None, "bans": [bans[0].id]}
    listed = console.client.get("/admin/bans")
    assert REASON in listed.text
    console.act("/admin/bans", f"/admin/bans/{bans[0].id}/lift", {"reason": "期限を決め直す"})
    with app.app_context():
        lifted = db.session.get(Ban, bans[0].id)
        assert lifted is not None and lifted.lifted_at is not None
        db.session.remove()
    one_new_row(app, before + 1, "ban.lift", "ban", bans[0].id, console.who.id,
                "期限を決め直す")


def test_the_celebrity_flag_goes_on_and_off(
        app: Flask, console: Console, author: int) -> None:
    before = len(audit_rows(app))
    console.act(f"/admin/members/{author}", "/celebrity", {"reason": "本人確認済み"})
    member = member_row(app, author)
    assert member is not None and member.is_celebrity
    one_new_row(app, before, "member.celebrity_on", "member", author, console.who.id,
                "本人確認済み")
    console.act(f"/admin/members/{author}", "/celebrity", {"reason": ""})
    member = member_row(app, author)
    assert member is not None and not member.is_celebrity


def test_granting_and_revoking_operator_rights(
        app: Flask, console: Console, author: int) -> None:
    before = len(audit_rows(app))
    console.act(f"/admin/members/{author}", "/operator", {"reason": "運営に加わる"})
    member = member_row(app, author)
    assert member is not None and member.is_admin
    one_new_row(app, before, "operator.grant", "member", author, console.who.id, "運営に加わる")
    console.act(f"/admin/members/{author}", "/operator", {"reason": "担当を外れた"})
    member = member_row(app, author)
    assert member is not None and not member.is_admin


def test_the_last_operator_cannot_revoke_themselves(app: Flask, console: Console) -> None:
    before = len(audit_rows(app))
    refused = console.act(f"/admin/members/{console.who.id}", "/operator", {"reason": "辞める"})
    assert "最後の運営者" in refused.text
    member = member_row(app, console.who.id)
    assert member is not None and member.is_admin
    assert len(audit_rows(app)) == before


def test_publishing_and_retracting_an_announcement(app: Flask, console: Console) -> None:
    from keitai.features.announcements import service

    before = len(audit_rows(app))
    console.act("/admin/announcements", "/admin/announcements",
                {"title": "メンテナンスのお知らせ", "body": "12月10日の2時から4時まで止まります。"})
    with app.app_context():
        shown = service.recent(10)
        assert [found.title for found in shown] == ["メンテナンスのお知らせ"]
        announcement_id = shown[0].id
        db.session.remove()
    one_new_row(app, before, "announcement.publish", "announcement", announcement_id,
                console.who.id, "")
    console.act("/admin/announcements", f"/{announcement_id}/retract", {"reason": "終わった"})
    with app.app_context():
        assert service.recent(10) == []
        db.session.remove()
    one_new_row(app, before + 1, "announcement.retract", "announcement", announcement_id,
                console.who.id, "終わった")


def test_members_are_found_by_id_address_and_nickname(
        app: Flask, console: Console, author: int) -> None:
    for query in (str(author), "kaku@example.com", "kaku@docomo.ne.jp", "かくひ"):
        found = console.client.get("/admin", params={"q": query}).text
        assert f'href="/admin/members/{author}"' in found, query
    assert "見つかりませんでした" in console.client.get("/admin", params={"q": "だれも"}).text


def test_the_member_page_shows_the_facts_and_who_invited_them(
        app: Flask, console: Console, create_member: Callable[..., int]) -> None:
    from keitai.features.signup import invitations
    from keitai.models import Invitation

    inviter = create_member(email="sasou@example.com", nickname="さそうひと")
    invitee = create_member(email="kita@example.com", nickname="きたひと")
    with app.app_context():
        invitations.issue(inviter, "kita@example.com", True)
        found = db.session.scalar(select(Invitation).where(Invitation.email == "kita@example.com"))
        assert found is not None
        invitations.use_up(found, invitee)
        db.session.commit()
        db.session.remove()
    page = console.client.get(f"/admin/members/{invitee}").text
    assert "kita@example.com" in page and "きたひと" in page
    assert f'href="/admin/members/{inviter}"' in page and "知り合いと答えた" in page
    sent = console.client.get(f"/admin/members/{inviter}").text
    assert "kita@example.com" in sent


def test_the_audit_log_lists_newest_first_and_filters(
        app: Flask, console: Console, author: int,
        operator: Callable[..., Operator]) -> None:
    console.act(f"/admin/members/{author}", "/celebrity", {"reason": "一番目"})
    console.act(f"/admin/members/{author}", "/celebrity", {"reason": "二番目"})
    page = console.client.get("/admin/audit").text
    assert page.index("二番目") < page.index("一番目")
    assert "<table>" in page and "変更も削除もできません" in page
    assert "二番目" in console.client.get(
        f"/admin/audit?kind=member&target={author}").text
    assert "二番目" not in console.client.get(f"/admin/audit?operator={console.who.id + 999}").text
    assert "二番目" in console.client.get(f"/admin/audit?operator={console.who.id}").text


def test_a_ban_is_lifted_from_the_members_page_too(
        app: Flask, console: Console, author: int) -> None:
    console.act(f"/admin/members/{author}", "/ban", {"days": "30", "reason": REASON})
    with app.app_context():
        [ban] = list(db.session.scalars(select(Ban).where(Ban.member_id == author)))
        db.session.remove()
    assert ban.expires_at is not None
    back = console.act(f"/admin/members/{author}", f"/admin/bans/{ban.id}/lift",
                       {"reason": "人違い"})
    assert back.request.path == f"/admin/members/{author}"
    assert "アクセス禁止を解除しました" in back.text
    assert audit_rows(app)[-1].action == "ban.lift"
