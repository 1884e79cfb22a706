"""The 1000-friend limit: refused at the limit, held when two accepts race (celebrities aside).

The race runs on every backend: PostgreSQL with two connections accepting at the same
moment (the friend_counts row lock makes the second wait and recount), SQLite likewise
(its write lock serialises them).
"""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from keitai import config as settings
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.friends import limits, service
from keitai.models import FriendCount, FriendRequest, Friendship, Member
from keitai.uow import unit_of_work
from tests.social.conftest import befriend, crowd, recount

LIMIT = 1000


def friends_of(app, member_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Friendship)
                                 .where(Friendship.member_id == member_id))


def ask(app, sender: int, recipient: int) -> int:
    with app.app_context():
        request = FriendRequest(sender_id=sender, recipient_id=recipient, message="",
                                knows_person=True)
        db.session.add(request)
        db.session.commit()
        return request.id


@pytest.fixture()
def popular(app, member):
    """A member with LIMIT - 1 friends, their friend count written (its row exists)."""
    star = member("にんきもの")
    befriend(app, star, *crowd(app, LIMIT - 1))
    recount(app, star)
    return star


def test_a_request_is_refused_at_the_1000_friend_limit(app, member, logged_in,
                                                        popular) -> None:
    last, extra = member("さいご"), member("はみだし")
    browser = logged_in("docomo-N505i", popular)
    browser.send(browser.get(f"/members/{last}/request"), {})
    request_id = ask(app, extra, popular)
    accepted = logged_in("docomo-N505i", last)
    accepted.send(accepted.get("/friends/requests"), {"accept": "承認"})
    assert friends_of(app, popular) == LIMIT
    page = browser.get("/friends/requests")
    refused = browser.send(page, {"accept": "承認"}).follow()
    assert "マイミクは1000人までです。" in browser.text(refused)
    assert friends_of(app, popular) == LIMIT and friends_of(app, extra) == 0
    with app.app_context():
        assert db.session.get(FriendRequest, request_id) is not None
        assert db.session.get(FriendCount, popular).count == LIMIT
    form = browser.get(f"/members/{member('もうひとり')}/request")
    assert "マイミクは1000人までです。" in browser.text(browser.send(form, {}))


def test_the_other_side_at_the_limit_is_named_in_the_refusal(app, member, logged_in,
                                                             popular) -> None:
    befriend(app, popular, member("999+1"))
    newcomer = member("しんじん")
    ask(app, popular, newcomer)
    browser = logged_in("pc-Firefox", newcomer)
    refused = browser.send(browser.get("/friends/requests"), {"accept": "承認"}).follow()
    assert "相手のマイミクが1000人に達しているため" in browser.text(refused)


def test_a_celebrity_may_pass_the_limit(app, member, popular) -> None:
    with app.app_context():
        db.session.get(Member, popular).is_celebrity = True
        db.session.commit()
    for fan in (member("ファン1"), member("ファン2")):
        request_id = ask(app, fan, popular)
        with app.app_context(), unit_of_work():
            service.accept_request(request_id, popular)
    assert friends_of(app, popular) == LIMIT + 1


def race(app, monkeypatch, jobs: list[tuple[int, int]]) -> list[str]:
    """Accept the requests (request id, recipient) in threads that lock at the same moment."""
    barrier = threading.Barrier(len(jobs), timeout=30)
    original = limits.lock_members

    def lock_together(member_ids):  # both transactions reach the lock together
        barrier.wait()
        original(member_ids)

    monkeypatch.setattr(limits, "lock_members", lock_together)
    outcomes: list[str] = []

    def accept(request_id: int, recipient: int) -> None:
        with app.app_context():
            try:
                with unit_of_work():
                    service.accept_request(request_id, recipient)
                outcomes.append("accepted")
            except DomainError as refused:
                outcomes.append(refused.message)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return sorted(outcomes)


def test_two_accepts_at_the_same_moment_at_999_friends_make_1000(app, member, monkeypatch,
                                                                 popular) -> None:
    first, second = member("さきに"), member("あとに")
    recount(app, first, second)
    jobs = [(ask(app, first, popular), popular), (ask(app, second, popular), popular)]
    outcomes = race(app, monkeypatch, jobs)
    assert outcomes[0] == "accepted" and outcomes[1].startswith("マイミクは1000人まで")
    assert friends_of(app, popular) == LIMIT
    assert friends_of(app, first) + friends_of(app, second) == 1


def test_two_friends_accepting_one_sender_at_999_at_once_make_1000(app, member, monkeypatch,
                                                                   popular) -> None:
    first, second = member("さきに"), member("あとに")
    recount(app, first, second)
    jobs = [(ask(app, popular, first), first), (ask(app, popular, second), second)]
    outcomes = race(app, monkeypatch, jobs)
    assert outcomes[0] == "accepted" and outcomes[1].startswith("相手のマイミクが1000人")
    assert friends_of(app, popular) == LIMIT


def test_keitai_friend_limit_sets_the_limit(app, member, logged_in, monkeypatch) -> None:
    monkeypatch.setenv("KEITAI_FRIEND_LIMIT", "2")
    app.config["FRIEND_LIMIT"] = settings.from_environment()["FRIEND_LIMIT"]
    star = member("すこしにんき")
    befriend(app, star, *crowd(app, 2))
    recount(app, star)
    browser = logged_in("docomo-N505i", star)
    form = browser.get(f"/members/{member('さんにんめ')}/request")
    assert "マイミクは2人までです。" in browser.text(browser.send(form, {}))
    assert friends_of(app, star) == 2
