"""Each kind of notice reaches the member's mobile address as a short ISO-2022-JP mail (UTF-8
for a PC address), sent by the worker through the outbox to a real SMTP server, and its link
opens the page on the member's handset."""
from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask

from keitai.jobs.worker import Worker
from simulator.mailbox import Mailbox
from tests.notices import actions
from tests.notices.conftest import Clock, links, notice_mails, path_of
from tests.social.conftest import access_key

Person = Callable[..., tuple[int, str]]


def only_mail(mailbox: Mailbox, address: str):  # type: ignore[no-untyped-def]
    """Return the one mail the address received."""
    found = notice_mails(mailbox, address)
    assert len(found) == 1, [m["Subject"] for m in found]
    return found[0]


def do(kind: str, app: Flask, logged_in, clock: Clock, me: int, other: int) -> str:  # type: ignore[no-untyped-def]
    """Let other do what tells me of kind; return the path my notice should link to."""
    if kind == "message":
        actions.send_message(logged_in, other, me, "おひさしぶり")
        return "/messages/"
    if kind == "friend_request":
        actions.ask_friend(logged_in, other, me)
        return "/friends/requests"
    if kind == "diary_comment":
        diary_id = actions.write_diary(app, me)
        actions.comment_by_handset(logged_in, other, diary_id)
        return f"/diary/{diary_id}"
    if kind == "topic_comment":
        topic = actions.topic_with_comment(app, me, other)
        return f"/topics/{topic}?page=last"
    if kind == "comment_reply":  # the author answers where I commented
        diary_id = actions.write_diary(app, other)
        actions.comment_on_diary(app, diary_id, me)
        actions.comment_on_diary(app, diary_id, other, "ありがとう")
        return f"/diary/{diary_id}"
    if kind == "event_tomorrow":
        event_id = actions.event_tomorrow(app, other, (me,), clock.now)
        Worker(app).maintain(clock.now)
        return f"/events/{event_id}"
    if kind == "endorsement":
        actions.endorse(app, logged_in, other, me)
        return f"/members/{me}/endorsements"
    assert kind == "friend_joined"
    actions.friend_joined(app, me, other)
    return f"/members/{other}"


SUBJECTS = {"message": "ミニメールが届きました", "friend_request": "マイミク申請が届きました",
            "diary_comment": "日記にコメントがありました",
            "topic_comment": "トピックにコメントがありました",
            "comment_reply": "コメントの後に新着コメントがありました",
            "event_tomorrow": "明日はイベントの日です", "endorsement": "紹介文が届きました",
            "friend_joined": "招待した友人が参加しました"}


@pytest.mark.parametrize("kind", list(SUBJECTS))
def test_each_kind_of_notice_is_mailed_to_the_mobile_address_and_its_link_opens_the_page(
        app: Flask, logged_in, person: Person, mailbox: Mailbox, clock: Clock,
        kind: str) -> None:
    me, address = person("はなこ", "docomo")
    other, _ = person("たろう<運営>", "au")
    expected = do(kind, app, logged_in, clock, me, other)
    clock.run(seconds=30)
    assert notice_mails(mailbox, address) == []  # the first notice waits a moment for others
    clock.run(seconds=40)
    mail = only_mail(mailbox, address)
    assert mail.get_content_charset() == "iso-2022-jp"
    assert b"\x1b$B" in mail.get_payload(decode=True)  # JIS X 0208, as handsets read it
    assert mail["Subject"] == SUBJECTS[kind]
    text = mail.get_content()
    assert len(text.strip().splitlines()) <= 6
    page, off = links(mail)
    lines = text.splitlines()
    assert page in lines and off in lines  # each link on a line of its own
    assert "guid=ON" in page  # a docomo address: the link carries what i-mode needs
    assert path_of(page).startswith(expected)
    assert "/settings/notices/off?t=" in off
    if kind != "event_tomorrow":  # who, quoted as member-written text: never a link
        assert "「たろう<運営>」さん" in text
    browser = logged_in("docomo-P903i", me)
    opened = browser.get(path_of(page))
    assert opened.status_int == 200
    browser.text(opened)


@pytest.mark.parametrize(("carrier", "profile"), [
    ("docomo", "docomo-N505i"), ("au", "au-W53CA"), ("softbank", "softbank-930SH"),
    (None, "pc-Firefox")])
def test_the_link_of_a_message_notice_opens_the_message_on_each_carriers_handset(
        app: Flask, logged_in, person: Person, mailbox: Mailbox, clock: Clock,
        carrier: str | None, profile: str) -> None:
    me, address = person("はなこ", carrier)
    other, _ = person("たろう", "docomo")
    actions.send_message(logged_in, other, me, "花見の件")
    clock.run(minutes=2)
    mail = only_mail(mailbox, address)
    assert mail.get_content_charset() == ("utf-8" if carrier is None else "iso-2022-jp")
    page, _off = links(mail)
    assert ("guid=ON" in page) == (carrier == "docomo")
    browser = logged_in(profile, me)
    opened = browser.page(path_of(page))
    assert "花見の件" in opened


def test_a_member_without_a_mobile_address_is_mailed_at_the_login_address_in_utf8(
        app: Flask, logged_in, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    me, address = person("パソコンの人", None)
    other, _ = person("たろう", "docomo")
    actions.send_message(logged_in, other, me, "こんにちは")
    clock.run(minutes=2)
    mail = only_mail(mailbox, address)
    assert address.endswith("@example.com")
    assert mail.get_content_charset() == "utf-8"
    assert "「たろう」さんからミニメールが届きました。" in mail.get_content()


def test_a_member_is_never_told_of_what_they_did_themselves(
        app: Flask, logged_in, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    me, address = person("はなこ")
    diary_id = actions.write_diary(app, me)
    actions.comment_by_handset(logged_in, me, diary_id)
    actions.comment_on_diary(app, diary_id, me, "追記です")
    clock.run(hours=2)
    assert notice_mails(mailbox, address) == []


@pytest.mark.parametrize("who_blocks", ["me", "them"])
def test_a_block_either_way_silences_the_actor(
        app: Flask, person: Person, mailbox: Mailbox, clock: Clock, who_blocks: str) -> None:
    from tests.social.conftest import block

    me, address = person("はなこ")
    owner, owner_address = person("日記の人")
    other, _ = person("たろう")
    diary_id = actions.write_diary(app, owner)
    actions.comment_on_diary(app, diary_id, me)
    actions.comment_on_diary(app, diary_id, other)  # before the block: a reply to me
    clock.run(minutes=2)
    assert len(notice_mails(mailbox, address)) == 1
    block(app, *((me, other) if who_blocks == "me" else (other, me)))
    actions.comment_on_diary(app, diary_id, other, "また来ました")
    actions.friend_joined(app, me, other)
    clock.run(hours=1)
    assert len(notice_mails(mailbox, address)) == 1
    assert [m["Subject"] for m in notice_mails(mailbox, owner_address)] == [
        "新着コメントが2件あります", "日記にコメントがありました"]


def test_a_reply_notice_goes_to_earlier_commenters_once_and_the_author_gets_a_comment_notice(
        app: Flask, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    author, author_address = person("はなこ")
    first, first_address = person("たろう", "au")
    second, second_address = person("じろう", "softbank")
    diary_id = actions.write_diary(app, author)
    actions.comment_on_diary(app, diary_id, first)
    actions.comment_on_diary(app, diary_id, first, "もう一言")  # not a reply to himself
    actions.comment_on_diary(app, diary_id, second)
    clock.run(minutes=2)
    assert [m["Subject"] for m in notice_mails(mailbox, author_address)] == [
        "新着コメントが3件あります"]
    assert [m["Subject"] for m in notice_mails(mailbox, first_address)] == [
        "コメントの後に新着コメントがありました"]
    assert notice_mails(mailbox, second_address) == []


def test_a_new_endorsement_is_told_and_rewriting_it_is_not(
        app: Flask, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    from tests.social.conftest import befriend

    me, address = person("はなこ")
    other, _ = person("たろう")
    befriend(app, me, other)
    actions.endorse_by_service(app, other, me, "やさしい人です")
    actions.endorse_by_service(app, other, me, "とてもやさしい人です")
    clock.run(hours=2)
    assert [m["Subject"] for m in notice_mails(mailbox, address)] == ["紹介文が届きました"]


def test_the_participants_of_an_event_are_told_the_day_before_once_however_often_it_runs(
        app: Flask, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    owner, owner_address = person("主催")
    guests = [person(f"参加者{n}") for n in range(3)]
    event_id = actions.event_tomorrow(app, owner, tuple(g[0] for g in guests), clock.now)
    worker = Worker(app)
    assert worker.maintain(clock.now)["event_reminders"] == 1
    assert worker.maintain(clock.now)["event_reminders"] == 0
    assert Worker(app).maintain(clock.advance(hours=3))["event_reminders"] == 0
    clock.run(minutes=2)
    for _id, address in guests:
        mail = only_mail(mailbox, address)
        assert mail["Subject"] == "明日はイベントの日です"
        assert path_of(links(mail)[0]).startswith(f"/events/{event_id}")
    assert notice_mails(mailbox, owner_address) == []
    assert Worker(app).maintain(clock.advance(hours=1))["event_reminders"] == 0
    clock.run(hours=2)
    assert all(len(notice_mails(mailbox, address)) == 1 for _id, address in guests)


def test_an_event_the_day_after_tomorrow_is_not_told_yet(
        app: Flask, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    owner, _ = person("主催")
    guest, address = person("参加者")
    actions.event_tomorrow(app, owner, (guest,), clock.now + timedelta(days=1))
    assert Worker(app).maintain(clock.now)["event_reminders"] == 0


def test_settings_menu_links_to_the_notice_settings(app: Flask, logged_in,
                                                     person: Person) -> None:
    me, _ = person("はなこ")
    text = logged_in("docomo-N505i", me).page("/settings")
    assert access_key(text, "8", "お知らせメール")
