"""A member withdraws from the site: their communities' counts stay right, a community they ran
passes on (or closes, with nobody left), and what they wrote stays readable under
退会したユーザー."""
from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.communities import service
from keitai.features.communities.access import community_access
from keitai.models.base import utcnow
from keitai.models.community import Community, CommunityMember, Event, EventParticipant, Topic
from keitai.models.member import Member
from tests.communities.factories import add_comments, add_topic
from tests.diary.browsing import PASSWORD, Browser, check_page

WITHDRAWN = "退会したユーザー"


def withdraw(browser: Browser) -> None:
    """Withdraw through the settings page, as the member would."""
    page = browser.get("/settings/withdraw")
    done = browser.submit(page, {"password": PASSWORD, "confirm": "1"})
    assert "退会しました" in browser.text(done)


def roles(app: Flask, community_id: int) -> dict[int, str]:
    """Return each member's role in the community."""
    with app.app_context():
        rows = db.session.execute(select(CommunityMember.member_id, CommunityMember.role)
                                  .where(CommunityMember.community_id == community_id))
        return {member_id: role for member_id, role in rows}


def member_count(app: Flask, community_id: int) -> int:
    """Return the member count the community's pages show."""
    with app.app_context():
        return int(db.session.scalar(select(Community.member_count).where(
            Community.id == community_id)) or 0)


def add_event(app: Flask, community_id: int, author_id: int, *participants: int) -> int:
    """Write an event with these participants (counted); return its topic id."""
    with app.app_context():
        topic = Topic(community_id=community_id, author_id=author_id, kind="event",
                      title="オフ会", body="集まろう", comment_count=0)
        db.session.add(topic)
        db.session.flush()
        db.session.add(Event(topic_id=topic.id, community_id=community_id,
                             starts_at=utcnow() + timedelta(days=3), place="渋谷",
                             participant_count=len(participants)))
        db.session.flush()
        db.session.add_all(EventParticipant(event_id=topic.id, member_id=member_id)
                           for member_id in participants)
        db.session.commit()
        return topic.id


def test_the_counts_stay_right_when_a_member_withdraws(app, member, browse, community) -> None:
    admin, leaving, staying = member("かんりにん"), member("たろう"), member("はなこ")
    cats = community(admin, members=(leaving, staying))
    dogs = community(staying, name="犬好き", members=(leaving,))
    other = community(admin, name="鳥好き", members=(staying,))
    event_id = add_event(app, cats, admin, leaving, staying)
    withdraw(browse("docomo-N505i", leaving))
    assert [member_count(app, c) for c in (cats, dogs, other)] == [2, 1, 2]
    assert roles(app, cats) == {admin: "admin", staying: "member"}
    with app.app_context():
        event = db.session.get(Event, event_id)
        assert event is not None and event.participant_count == 1
        assert db.session.scalars(select(EventParticipant.member_id)).all() == [staying]


def test_an_admins_community_passes_to_the_longest_serving_sub_admin(app, member, browse,
                                                                     community) -> None:
    admin, first, older_sub, newer_sub = (member("かんりにん"), member("たろう"),
                                          member("ふくかん1"), member("ふくかん2"))
    community_id = community(admin, members=(first, older_sub, newer_sub))
    with app.app_context():
        access = community_access(community_id, admin)
        # appointed in the other order: what counts is how long they have been members
        assert service.appoint_sub_admin(access, newer_sub)
        assert service.appoint_sub_admin(access, older_sub)
        db.session.commit()
    withdraw(browse("pc-Firefox", admin))
    assert roles(app, community_id) == {first: "member", older_sub: "admin",
                                        newer_sub: "sub_admin"}
    assert member_count(app, community_id) == 3
    successor = browse("docomo-P903i", older_sub)
    text = check_page(successor, successor.get(f"/communities/{community_id}/admin"))
    assert "コミュニティを閉じる" in text


def test_without_sub_admins_the_longest_member_takes_over(app, member, browse,
                                                           community) -> None:
    admin, first, second = member("かんりにん"), member("たろう"), member("はなこ")
    community_id = community(admin, members=(first, second))
    withdraw(browse("au-W53CA", admin))
    assert roles(app, community_id) == {first: "admin", second: "member"}
    assert member_count(app, community_id) == 2


def test_what_a_withdrawn_member_wrote_stays_readable_without_their_name(
        app, member, browse, community) -> None:
    admin, leaving, reader = member("かんりにん"), member("たろう"), member("はなこ")
    community_id = community(admin, members=(leaving, reader))
    topic_id = add_topic(app, community_id, leaving, title="たろうの話題", body="読んでね")
    add_comments(app, topic_id, leaving, 1, body="たろうのコメント")
    add_comments(app, topic_id, reader, 1, body="はなこの返事")
    withdraw(browse("pc-Firefox", leaving))
    with app.app_context():
        assert db.session.get(Member, leaving) is None
    browser = browse("docomo-N505i", reader)
    text = check_page(browser, browser.get(f"/topics/{topic_id}"))
    assert "たろうの話題" in text and "読んでね" in text
    assert "たろうのコメント" in text and "はなこの返事" in text
    assert text.count(WITHDRAWN) == 2 and "たろう</a>" not in text
    assert f'href="/members/{leaving}' not in text


def test_a_community_whose_only_member_withdraws_closes(app, member, browse,
                                                         community) -> None:
    alone = member("ひとり")
    kept = community(member("ほか"), "残る会")
    closing = community(alone, "ひとりの会")
    add_topic(app, closing, alone)
    withdraw(browse("docomo-P903i", alone))
    with app.app_context():
        assert db.session.get(Community, closing) is None
        assert db.session.get(Community, kept) is not None
        assert db.session.scalar(select(func.count()).select_from(Topic)) == 0
