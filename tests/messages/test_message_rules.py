"""Who may write to whom, each side's copy, unread counts, limits and double sends."""
from __future__ import annotations

import pytest

from keitai.features.messages.queries import unread_count
from tests.diary.browsing import check_page
from tests.handsets import page_forms
from tests.messages.helpers import messages_between
from tests.sql import counting_sql


def _send(browser, to: int, subject: str = "件名", body: str = "本文"):  # type: ignore[no-untyped-def]
    return browser.submit(browser.get(f"/messages/new?to={to}"),
                          {"subject": subject, "body": body})


def _unread(app, member_id: int) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        return unread_count(member_id)


@pytest.mark.parametrize("who_blocked", ["recipient", "sender"])
def test_no_message_passes_a_block_either_way(app, member, browse, blocks,
                                              who_blocked: str) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    browser = browse("docomo-P903i", taro)
    form = browser.get(f"/messages/new?to={hanako}")
    if who_blocked == "recipient":
        blocks(hanako, taro)
    else:
        blocks(taro, hanako)
    refused = browser.submit(form, {"subject": "やあ", "body": "元気？"}, expect_errors=True)
    assert refused.status_int == 403
    assert "このメンバーにはミニメールを送れません" in browser.text(refused)
    again = browser.get(f"/messages/new?to={hanako}", status=403)
    assert "このメンバーにはミニメールを送れません" in browser.text(again)
    assert messages_between(app, taro, hanako) == []


def test_nobody_writes_to_themself_or_to_nobody(member, browse) -> None:
    taro = member("たろう")
    browser = browse("au-W53CA", taro)
    assert "送れません" in browser.text(browser.get(f"/messages/new?to={taro}", status=403))
    missing = browser.get("/messages/new?to=999999", status=404)
    assert "宛先のメンバーが見つかりません" in browser.text(missing)
    browser.get("/messages/new", status=404)


def test_only_sender_and_recipient_read_a_message(app, member, browse) -> None:
    taro, hanako, jiro = member("たろう"), member("はなこ"), member("じろう")
    _send(browse("pc-Firefox", taro), hanako, "ふたりだけ")
    [row] = messages_between(app, taro, hanako)
    outsider = browse("pc-Firefox", jiro)
    assert "ミニメールが見つかりません" in outsider.get(f"/messages/{row.id}", status=404).text
    outsider.get(f"/messages/{row.id}/delete", status=404)
    assert messages_between(app, taro, hanako)[0].read_at is None


def test_each_side_deletes_its_own_copy_and_the_row_goes_with_the_second(
        app, member, browse) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    sender = browse("pc-Firefox", taro)
    _send(sender, hanako, "消えるメール")
    [row] = messages_between(app, taro, hanako)
    assert _unread(app, hanako) == 1
    sender.submit(sender.get(f"/messages/{row.id}/delete"), {})
    assert "消えるメール" not in sender.get("/messages/sent").text
    [kept] = messages_between(app, taro, hanako)
    assert kept.sender_deleted and not kept.recipient_deleted
    recipient = browse("docomo-N505i", hanako)
    assert "消えるメール" in recipient.text(recipient.get("/messages"))
    sender.get(f"/messages/{row.id}", status=404)
    recipient.submit(recipient.get(f"/messages/{row.id}/delete"), {})
    assert messages_between(app, taro, hanako) == []
    assert _unread(app, hanako) == 0


def test_unread_counts_what_the_recipient_has_not_opened(app, member, browse) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    sender = browse("pc-Firefox", taro)
    for subject in ("一通目", "二通目", "三通目"):
        _send(sender, hanako, subject)
    assert _unread(app, hanako) == 3 and _unread(app, taro) == 0
    first, second, third = messages_between(app, taro, hanako)
    recipient = browse("pc-Firefox", hanako)
    recipient.get(f"/messages/{first.id}")
    recipient.get(f"/messages/{first.id}")
    assert _unread(app, hanako) == 2
    sender.get(f"/messages/{second.id}")  # the sender looking does not mark it read
    assert _unread(app, hanako) == 2
    recipient.submit(recipient.get(f"/messages/{third.id}/delete"), {})
    assert _unread(app, hanako) == 1
    assert "新着ミニメール1件" in recipient.get("/").text


def test_the_message_form_sent_twice_sends_one_message(app, member, browse) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    browser = browse("softbank-V602T", taro)
    form = browser.get(f"/messages/new?to={hanako}")
    first = browser.submit(form, {"subject": "一度だけ", "body": "本文"})
    second = browser.submit(form, {"subject": "一度だけ", "body": "本文"})
    assert first.status_int == second.status_int == 302
    assert len(messages_between(app, taro, hanako)) == 1


@pytest.mark.parametrize(("subject", "body", "message"), [
    ("あ" * 51, "本文", "件名は50文字以内で入力してください(今は51文字です)。"),
    ("件名", "", "本文を入力してください。"),
    ("件名", "あ" * 2001, "本文は2000文字以内で入力してください(今は2001文字です)。"),
])
def test_a_message_over_the_limits_is_refused_with_the_reason_and_the_text_kept(
        app, member, browse, subject: str, body: str, message: str) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    browser = browse("docomo-P903i", taro)
    refused = _send(browser, hanako, subject, body)
    text = check_page(browser, refused)
    assert message in text and f'value="{subject}"' in text
    assert messages_between(app, taro, hanako) == []


def test_a_message_without_a_subject_is_sent_and_listed_as_such(app, member, browse) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    _send(browse("pc-Firefox", taro), hanako, "", "件名なしで失礼")
    assert "(件名なし)" in browse("pc-Firefox", hanako).get("/messages").text


def test_a_reply_to_a_reply_keeps_one_re(app, member, browse) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    _send(browse("pc-Firefox", taro), hanako, "Re: 週末")
    [row] = messages_between(app, taro, hanako)
    browser = browse("pc-Firefox", hanako)
    form = browser.get(f"/messages/new?to={taro}&re={row.id}")
    assert 'value="Re: 週末"' in form.text
    other = browser.get(f"/messages/new?to={hanako + 1000}&re={row.id}", expect_errors=True)
    assert "Re: 週末" not in other.text


@pytest.mark.parametrize("size", [2, 30])
def test_message_pages_run_a_fixed_number_of_statements(app, member, browse,
                                                        size: int) -> None:
    me = member("たろう")
    others = [member(f"友{i}") for i in range(size)]
    for other in others:
        _send(browse("pc-Firefox", other), me, f"{other}から")
    browser = browse("pc-Firefox", me)
    for other in others:
        _send(browser, other, f"{other}へ")
    [first] = messages_between(app, others[0], me)
    counts = {}
    for path in ("/messages", "/messages?page=2", "/messages/sent", f"/messages/{first.id}"):
        browser.get(path)
        with counting_sql(app) as statements:
            browser.get(path)
        counts[path] = len(statements)
    with app.app_context(), counting_sql(app) as statements:
        unread_count(me)
    counts["unread_count"] = len(statements)
    # session and member (2), one statement for the page, and on a PC the layout's one (the
    # member's menu, friends and communities: keitai.layout, kept in Redis where there is one)
    assert counts == {"/messages": 4, "/messages?page=2": 4, "/messages/sent": 4,
                      f"/messages/{first.id}": 4, "unread_count": 1}
    assert page_forms(browser.get(f"/messages/{first.id}/delete"))
