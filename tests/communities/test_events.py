"""Events on every kind of handset: create one with dates typed on a keypad, join and
cancel, the participants, refusals (deadline, capacity, non-members, dates typed wrong),
double submits, blocks, and joins at the same moment counting exactly the places there are."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select, update

from keitai import submit_keys
from keitai.db import db
from keitai.features.communities import events, service
from keitai.features.communities.access import community_access
from keitai.models.community import Event, EventParticipant, Topic
from keitai.timefmt import JST
from keitai.uow import unit_of_work
from tests.diary.browsing import (
    access_key,
    charset_of,
    check_page,
    rows_per_page,
    sun_bytes,
)
from tests.handsets import PAGE_PROFILES, page_forms


def _in_days(days: int, hour: int = 19, minute: int = 0) -> datetime:
    """Return a time `days` from now in Japan time, at hour:minute."""
    day = datetime.now(JST) + timedelta(days=days)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _fields(prefix: str, when: datetime | None) -> dict[str, str]:
    """Return the five date fields as a member types them (blank for None)."""
    values = ("", "", "", "", "") if when is None else (
        str(when.year), str(when.month), str(when.day), str(when.hour), f"{when.minute:02d}")
    return dict(zip((f"{prefix}_{part}" for part in ("year", "month", "day", "hour", "minute")),
                    values, strict=True))


def add_event(app: Flask, community_id: int, author_id: int, title: str = "お花見☀",
              days: int = 30, deadline_days: int | None = None,
              capacity: int | None = None) -> int:
    """Create an event as its author would; return its id."""
    with app.app_context(), unit_of_work():
        deadline = _in_days(deadline_days, 23, 59) if deadline_days is not None else None
        return events.create_event(
            community_access(community_id, author_id), author_id, title, "みんなで行きましょう。",
            _in_days(days), "上野公園", deadline, capacity, submit_keys.new_key())


def join(app: Flask, event_id: int, *member_ids: int) -> None:
    """Make members take part in an event, through the service."""
    with app.app_context(), unit_of_work():
        for member_id in member_ids:
            events.join_event(event_id, member_id)


def pass_time(app: Flask, event_id: int, **values: datetime) -> None:
    """Move an event's deadline or start into the past (time has passed)."""
    with app.app_context(), unit_of_work():
        db.session.execute(update(Event).where(Event.topic_id == event_id).values(**values))


def participants_of(app: Flask, event_id: int) -> tuple[int, int]:
    """Return (participant rows, the event's participant_count)."""
    with app.app_context():
        rows = db.session.scalar(select(func.count()).select_from(EventParticipant).where(
            EventParticipant.event_id == event_id))
        event = db.session.get(Event, event_id)
        assert event is not None
        return int(rows or 0), event.participant_count


def form_index(page, action: str) -> int:  # type: ignore[no-untyped-def]
    """Return the index of the page's form whose action ends with action."""
    actions = [form.action.split("?")[0] for form in page_forms(page)]
    return next(i for i, found in enumerate(actions) if found.endswith(action))


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_member_creates_an_event_with_a_sun_and_its_dates_in_japan_time(
        app, member, browse, community, name: str) -> None:
    me = member("たろう")
    community_id = community(me)
    browser = browse(name, me)
    form = browser.get(f"/communities/{community_id}/events/new")
    text = check_page(browser, form)
    assert 'name="starts_month"' in text and 'name="deadline_hour"' in text
    assert f'value="{datetime.now(JST).year}"' in text  # the year comes filled in
    charset = charset_of(form)
    title = "お花見".encode(charset) + sun_bytes(name)
    starts, deadline = _in_days(40, 18, 30), _in_days(35, 12, 0)
    done = browser.submit(form, {
        "title": title, "place": "上野公園", "capacity": "12",
        "description": "雨天中止です。".encode(charset) + sun_bytes(name),
        **_fields("starts", starts), **_fields("deadline", deadline)})
    path = browser.location(done)
    assert re.fullmatch(r"/events/\d+", path)
    page = browser.get(path)
    text = check_page(browser, page)
    assert title in page.body and "雨天中止です。".encode(charset) + sun_bytes(name) in page.body
    weekday = "月火水木金土日"[starts.weekday()]
    assert starts.strftime(f"%Y/%m/%d({weekday}) 18:30") in text
    assert deadline.strftime("%Y/%m/%d") in text and "上野公園" in text
    assert "定員:12人" in text and "参加:0人(残り12人)" in text and "参加する" in text
    assert "コメントはまだありません" in text
    assert access_key(text, "9", "トピック一覧") and access_key(text, "0", "トップ")
    with app.app_context():
        event = db.session.get(Event, int(path.rsplit("/", 1)[1]))
        assert event is not None
        assert event.starts_at == starts.astimezone(UTC) and event.capacity == 12
        assert event.deadline == deadline.astimezone(UTC)


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_member_joins_after_a_confirmation_and_cancels(
        app, member, browse, community, name: str) -> None:
    admin, me = member("管理"), member("はなこ☀")
    event_id = add_event(app, community(admin, members=(me,)), admin, capacity=3)
    browser = browse(name, me)
    confirm = browser.get(f"/events/{event_id}/join")
    assert "このイベントに参加しますか" in check_page(browser, confirm)
    done = browser.submit(confirm, {})
    assert browser.location(done) == f"/events/{event_id}"
    page = browser.get(f"/events/{event_id}")
    text = check_page(browser, page)
    assert "イベントに参加しました。" in text and "参加しています。" in text
    assert "参加:1人(残り2人)" in text and "はなこ" in text and sun_bytes(name) in page.body
    assert participants_of(app, event_id) == (1, 1)
    confirm = browser.get(f"/events/{event_id}/cancel")
    assert "参加を取り消しますか" in check_page(browser, confirm)
    browser.submit(confirm, {})
    text = check_page(browser, browser.get(f"/events/{event_id}"))
    assert "参加を取り消しました。" in text and "参加:0人(残り3人)" in text
    assert participants_of(app, event_id) == (0, 0)


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_joining_after_the_deadline_or_when_full_is_refused_with_the_reason(
        app, member, browse, community, name: str) -> None:
    admin, me, first = member("管理"), member("たろう"), member("はやい人")
    community_id = community(admin, members=(me, first))
    late = add_event(app, community_id, admin, "遅すぎ", deadline_days=2)
    full = add_event(app, community_id, admin, "満員", capacity=1)
    browser = browse(name, me)
    page = browser.get(f"/events/{late}")
    pass_time(app, late, deadline=datetime.now(UTC) - timedelta(minutes=1))
    refused = browser.submit(page, {}, form_index(page, "/join"))
    text = check_page(browser, refused)
    assert "締め切りを過ぎたため参加できません。" in text and "締め切りました。" in text
    assert participants_of(app, late) == (0, 0)
    page = browser.get(f"/events/{full}")
    join(app, full, first)
    refused = browser.submit(page, {}, form_index(page, "/join"))
    text = check_page(browser, refused)
    assert "定員(1人)に達したため参加できません。" in text and "定員に達しました。" in text
    assert participants_of(app, full) == (1, 1)
    confirm = check_page(browser, browser.get(f"/events/{full}/join"))
    assert "定員(1人)に達したため" in confirm and "<form" not in confirm


def test_without_a_deadline_joining_ends_when_the_event_starts(
        app, member, browse, community) -> None:
    admin, me = member("管理"), member("たろう")
    event_id = add_event(app, community(admin, members=(me,)), admin)
    browser = browse("docomo-P903i", me)
    page = browser.get(f"/events/{event_id}")
    assert "締切:開催日時まで" in check_page(browser, page)
    pass_time(app, event_id, starts_at=datetime.now(UTC) - timedelta(minutes=1))
    refused = browser.submit(page, {}, form_index(page, "/join"))
    assert "締め切りを過ぎたため参加できません。" in check_page(browser, refused)


def test_a_participation_is_not_cancelled_once_the_event_has_begun(
        app, member, browse, community) -> None:
    admin, me = member("管理"), member("たろう")
    event_id = add_event(app, community(admin, members=(me,)), admin)
    join(app, event_id, me)
    browser = browse("au-W53CA", me)
    confirm = browser.get(f"/events/{event_id}/cancel")
    pass_time(app, event_id, starts_at=datetime.now(UTC) - timedelta(minutes=1))
    refused = browser.submit(confirm, {})
    assert "開催日時を過ぎたため、参加を取り消せません。" in check_page(browser, refused)
    assert participants_of(app, event_id) == (1, 1)
    assert "<form" not in check_page(browser, browser.get(f"/events/{event_id}/cancel"))


def test_only_members_join_and_only_creators_create_events(
        app, member, browse, community) -> None:
    admin, me, outsider = member("管理"), member("たろう"), member("外の人")
    community_id = community(admin, members=(me,))
    event_id = add_event(app, community_id, admin)
    stranger = browse("docomo-P903i", outsider)
    text = check_page(stranger, stranger.get(f"/events/{event_id}"))
    assert "コミュニティに参加すると、イベントに参加できます。" in text
    assert f"/events/{event_id}/join" not in text and "<textarea" not in text
    page = stranger.get(f"/communities/{community_id}/events/new", status=403)
    assert "コミュニティに参加すると書き込めます" in stranger.text(page)
    browser = browse("docomo-P903i", me)
    page = browser.get(f"/events/{event_id}")
    with app.app_context(), unit_of_work():  # taro leaves with the page still open
        service.leave(community_access(community_id, me), me)
    refused = browser.submit(page, {}, form_index(page, "/join"), status=403)
    assert "コミュニティに参加すると、イベントに参加できます。" in browser.text(refused)
    assert participants_of(app, event_id) == (0, 0)
    admins_only = community(admin, "管理人だけ", members=(me,), post_policy="admins")
    page = browser.get(f"/communities/{admins_only}/events/new", status=403)
    assert "管理人と副管理人だけが作成できます" in browser.text(page)


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_refused_event_form_shows_why_and_keeps_everything_typed(
        app, member, browse, community, name: str) -> None:
    me = member("たろう")
    community_id = community(me)
    browser = browse(name, me)
    form = browser.get(f"/communities/{community_id}/events/new")
    year = datetime.now(JST).year + 1
    typed = {"title": "忘年会", "place": "駅前の居酒屋", "capacity": "20",
             "description": "飲みましょう", "starts_year": str(year), "starts_month": "2",
             "starts_day": "30", "starts_hour": "19", "starts_minute": "00"}
    refused = browser.submit(form, typed)
    text = check_page(browser, refused)
    assert f"開催日時の日付が正しくありません({year}年2月30日はありません)。" in text
    for value in typed.values():
        assert value in text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Topic)) == 0


@pytest.mark.parametrize(("fields", "message"), [
    ({"starts_month": "13"}, "開催日時の月を1から12までの数字で入力してください。"),
    ({"starts_hour": ""}, "開催日時の時を0から23までの数字で入力してください。"),
    ({"starts_minute": "60"}, "開催日時の分を0から59までの数字で入力してください。"),
    ({"starts_year": "26"}, "開催日時の年を西暦4桁の数字で入力してください。"),
    (_fields("starts", _in_days(-1)), "開催日時は今より後の日時を入力してください。"),
    (_fields("deadline", _in_days(45)), "締め切りは開催日時より前の日時を入力してください。"),
    ({"capacity": "たくさん"}, "定員は1から9999までの数字で入力してください(なしは空欄)。"),
    ({"capacity": "0"}, "定員は1人から9999人までで入力してください(なしは空欄)。"),
    ({"place": ""}, "場所を入力してください。"),
    ({"description": "  "}, "説明を入力してください。"),
    ({"title": ""}, "タイトルを入力してください。"),
])
def test_event_form_refusals_name_the_field(app, member, browse, community, fields,
                                            message: str) -> None:
    me = member("たろう")
    browser = browse("softbank-J-SH51", me)
    form = browser.get(f"/communities/{community(me)}/events/new")
    values = {"title": "会", "place": "どこか", "description": "説明", "capacity": "",
              **_fields("starts", _in_days(30)), **fields}
    assert message in check_page(browser, browser.submit(form, values))


def test_full_width_digits_and_a_deadline_day_without_time_are_understood(
        app, member, browse, community) -> None:
    me = member("たろう")
    browser = browse("docomo-N505i", me)
    form = browser.get(f"/communities/{community(me)}/events/new")
    starts, deadline = _in_days(30, 9, 5), _in_days(20)
    done = browser.submit(form, {
        "title": "朝会", "place": "公民館", "description": "朝です", "capacity": "５",
        **_fields("starts", starts), "starts_minute": "５",
        "deadline_month": str(deadline.month), "deadline_day": str(deadline.day),
        "deadline_year": str(deadline.year)})
    event_id = int(browser.location(done).rsplit("/", 1)[1])
    with app.app_context():
        event = db.session.get(Event, event_id)
        assert event is not None and event.capacity == 5
        assert event.starts_at == starts.astimezone(UTC)
        assert event.deadline == deadline.replace(hour=23, minute=59).astimezone(UTC)


def test_a_double_submit_makes_one_event_and_one_participation(
        app, member, browse, community) -> None:
    me = member("たろう")
    browser = browse("docomo-N505i", me)
    form = browser.get(f"/communities/{community(me)}/events/new")
    values = {"title": "一回だけ", "place": "ここ", "description": "説明",
              **_fields("starts", _in_days(30))}
    first, second = browser.submit(form, values), browser.submit(form, values)
    assert browser.location(first) == browser.location(second)
    event_id = int(browser.location(first).rsplit("/", 1)[1])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Topic)) == 1
        assert db.session.scalar(select(func.count()).select_from(Event)) == 1
    confirm = browser.get(f"/events/{event_id}/join")
    browser.submit(confirm, {})
    again = browser.submit(confirm, {})
    assert "すでに参加しています。" in check_page(browser, again.follow())
    assert participants_of(app, event_id) == (1, 1)


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_participants_list_pages_in_joining_order(
        app, member, browse, community, name: str) -> None:
    admin = member("管理")
    browser = browse(name, admin)
    count = rows_per_page(browser) + 2
    people = [member(f"参加{n:02d}") for n in range(count)]
    event_id = add_event(app, community(admin, members=tuple(people)), admin)
    join(app, event_id, *people)
    text = check_page(browser, browser.get(f"/events/{event_id}"))
    assert f"参加者({count}人)" in text and "参加00" in text and "参加04" in text
    assert "参加05" not in text and access_key(text, "7", "参加者をすべて見る")
    first = check_page(browser, browser.get(f"/events/{event_id}/participants"))
    assert "参加00" in first and f"参加{count - 3:02d}" in first
    assert f"参加{count - 2:02d}" not in first and access_key(first, "6", "次へ")
    second = check_page(browser, browser.get(f"/events/{event_id}/participants?page=2"))
    assert f"参加{count - 1:02d}" in second and "参加00" not in second
    assert access_key(second, "4", "前へ") and access_key(second, "9", "イベントに戻る")


def test_comments_on_an_event_are_numbered_on_its_page(app, member, browse,
                                                       community) -> None:
    admin, me = member("管理"), member("たろう")
    event_id = add_event(app, community(admin, members=(me,)), admin)
    browser = browse("docomo-P903i", me)
    page = browser.get(f"/events/{event_id}")
    done = browser.submit(page, {"body": "参加したいです"}, form_index(page, "/comments"))
    assert browser.location(done) == f"/events/{event_id}"
    text = check_page(browser, browser.get(f"/events/{event_id}"))
    assert "[1]" in text and "参加したいです" in text
    refused = browser.submit(page, {"body": ""}, form_index(page, "/comments"))
    text = check_page(browser, refused)
    assert "コメントを入力してください。" in text and "上野公園" in text


def test_a_block_hides_events_and_participants_both_ways(
        app, member, browse, community, blocks) -> None:
    me, blocked, other = member("たろう"), member("ブロック相手"), member("はなこ")
    community_id = community(other, members=(me, blocked))
    by_blocked = add_event(app, community_id, blocked, "ブロック相手の会")
    by_me = add_event(app, community_id, me, "たろうの会")
    shown = add_event(app, community_id, other, "見える会")
    join(app, shown, me, blocked, other)
    blocks(me, blocked)
    for viewer, hidden, unseen in ((me, by_blocked, "ブロック相手"), (blocked, by_me, "たろう")):
        browser = browse("docomo-P903i", viewer)
        assert browser.get(f"/events/{hidden}", status=404).status_int == 404
        assert browser.get(f"/events/{hidden}/join", status=404).status_int == 404
        text = check_page(browser, browser.get(f"/events/{shown}"))
        assert "見える会" in text and "参加者(3人)" in text
        assert unseen not in text and "はなこ" in text
        listing = check_page(browser, browser.get(f"/events/{shown}/participants"))
        assert unseen not in listing and "はなこ" in listing


def test_members_only_events_are_not_shown_to_others(app, member, browse, community) -> None:
    admin, outsider = member("管理"), member("外の人")
    event_id = add_event(app, community(admin, topic_visibility="members"), admin, "内輪の会")
    browser = browse("docomo-P903i", outsider)
    page = browser.get(f"/events/{event_id}", status=404)
    assert "イベントが見つからないか" in browser.text(page)
    assert browser.get(f"/events/{event_id}/participants", status=404).status_int == 404
