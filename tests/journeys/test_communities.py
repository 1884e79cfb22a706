"""A community's life across carriers, by following the pages: a docomo mova handset creates a
community with ☀ in its name, an au handset joins and opens a topic written with an emoji,
the mova handset comments, both vote in a poll and join an event, and the topic shows on
both homes."""
from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from keitai.db import db
from keitai.models.community import Community, EventParticipant, PollVote, TopicComment
from tests.journeys.browser import JourneyFactory, MemberFactory

#: ☀ as a docomo page carries it (Shift_JIS F89F) and as an au page does (F660)
DOCOMO_SUN, AU_SUN = b"\xf8\x9f", b"\xf6\x60"
NEXT_YEAR = {"year": "2099", "month": "12", "day": "24", "hour": "19", "minute": "00"}


def _date(prefix: str, parts: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_{name}": value for name, value in parts.items()}


def test_a_mova_member_and_an_au_member_share_a_community_topic_poll_and_event(
        app: Flask, member: MemberFactory, journey: JourneyFactory) -> None:
    member("たろう", "taro@example.com")
    member("はなこ", "hanako@example.com")

    mova = journey("docomo-N505i").log_in("taro@example.com")
    mova.click("コミュニティ")
    mova.click("コミュニティを作る")
    mova.submit("作成する", {"name": "晴れ☀の会", "category": "hobbies",
                             "description": "晴れた日のことを話そう"})
    assert mova.sees("コミュニティを作成しました") and mova.sees("メンバー1人")
    assert "晴れ".encode("cp932") + DOCOMO_SUN in mova.response.body
    mova.click("トピックを作成")
    mova.submit("作成する", {"title": "今日の天気", "body": "東京は晴れ☀でした"})
    _to_community(mova)
    mova.click("イベントを作成")
    mova.submit("作成する", {"title": "お花見", "place": "上野公園", "capacity": "10",
                             "description": "みんなで行こう", **_date("starts", NEXT_YEAR)})
    assert mova.sees("上野公園")
    _to_community(mova)
    mova.click("アンケートを作成")
    mova.submit("作成する", {"question": "好きな天気は?", "choice1": "晴れ",
                             "choice2": "くもり", "choice3": "雨",
                             **_date("closes", NEXT_YEAR)})
    assert mova.sees("好きな天気は?")

    au = journey("au-W53CA").log_in("hanako@example.com")
    au.click("コミュニティ")
    au.click("趣味")
    au.click("の会")
    assert "晴れ".encode("cp932") + AU_SUN in au.response.body
    au.click("参加する")
    au.submit("参加する")
    assert au.sees("コミュニティに参加しました") and au.sees("メンバー2人")
    au.click("今日の天気")
    assert au.response.charset.lower() in ("shift_jis", "sjis")
    assert "東京は晴れ".encode("cp932") + AU_SUN + "でした".encode("cp932") in au.response.body

    _to_community(mova)
    mova.click("今日の天気")
    mova.submit("コメントする", {"body": "明日も晴れ☀かな"})
    assert mova.sees("[1]") and mova.sees("明日も晴れ")

    for person in (mova, au):
        _to_community(person)
        person.click("好きな天気は?")
        person.submit("投票する", {"choice": _choice_value(person, "晴れ")})
        assert person.sees("あなたの投票")
        _to_community(person)
        person.click("お花見")
        person.submit("参加する")
        assert person.sees("参加しています")
    assert au.sees("参加:2人")

    for person, nickname in ((mova, "たろう"), (au, "はなこ")):
        person.go_home()
        assert person.sees("コミュニティ最新書き込み") and person.sees("今日の天気")
        person.click("今日の天気")
        assert person.sees("明日も晴れ")
        person.assert_still_logged_in(nickname)

    with app.app_context():
        community = db.session.scalars(select(Community)).one()
        assert community.name == "晴れ☀の会" and community.member_count == 2
        assert db.session.scalars(select(TopicComment.body)).one() == "明日も晴れ☀かな"
        assert db.session.scalar(select(func.count()).select_from(PollVote)) == 2
        assert db.session.scalar(select(func.count()).select_from(EventParticipant)) == 2


def _choice_value(person, label: str) -> str:  # type: ignore[no-untyped-def]
    """Return the value of the poll's radio button labelled label."""
    import re

    found = re.search(rf'value="(\d+)"[^>]*/>{re.escape(label)}<', person.text)
    assert found, person.text
    return found.group(1)


def _to_community(person) -> None:  # type: ignore[no-untyped-def]
    """Go to the community from home: コミュニティ, then its name."""
    person.go_home()
    person.click("コミュニティ")
    person.click("の会")
