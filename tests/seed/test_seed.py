"""Demo data: `keitai seed` builds a believable network, the same one for the same seed."""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from statistics import median

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from keitai.cli import main
from keitai.db import db, make_engine
from keitai.features.communities.categories import BY_SLUG
from keitai.migrations import upgrade
from keitai.models import (
    Comment,
    Community,
    CommunityMember,
    Diary,
    Footprint,
    Friendship,
    JoinRequest,
    Member,
    Message,
    Poll,
    PollChoice,
    Topic,
    TopicComment,
)
from keitai.seed import PASSWORD, NetworkSeeder
from keitai.seed.communities import LONG_TOPIC, LONG_TOPIC_MEMBERS, long_topic_comments
from keitai.seed.texts import CATEGORY_SLUGS
from tests.handsets import client_for
from tests.seed.communities import broken_rules

ANCHOR = datetime(2026, 4, 1, tzinfo=UTC)
TABLES = ("members", "friendships", "friend_counts", "footprints", "diaries", "comments",
          "messages", "communities", "community_members", "community_join_requests", "topics",
          "topic_comments", "events", "event_participants", "polls", "poll_choices",
          "poll_votes")


def test_keitai_seed_fills_an_empty_database_and_prints_logins(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'seed.sqlite3'}"
    result = CliRunner().invoke(main, ["seed", "--members", "300", "--seed", "5"],
                                env={"KEITAI_DATABASE_URL": url, "KEITAI_SECRET_KEY": "x",
                                     "KEITAI_ARGON2_TIME_COST": "1",
                                     "KEITAI_ARGON2_MEMORY_KIB": "1024"})
    assert result.exit_code == 0, result.output
    assert "seeded 300 members" in result.output and "3000 diaries" in result.output
    assert "15 communities" in result.output and "topic comments" in result.output
    assert f"password {PASSWORD}" in result.output and "seed1@example.jp" in result.output
    # the search index is built from what the seed wrote
    assert "indexed 300 members, 15 communities, 3000 diaries" in result.output
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Member)) == 300
        assert conn.scalar(select(func.count()).select_from(Diary)) == 3000
        assert conn.scalar(text("SELECT count(*) FROM search_diaries")) == 3000
        assert conn.scalar(text("SELECT count(*) FROM search_members")) == 4 * 300
    engine.dispose()


def test_the_network_has_a_long_tail_of_friends_and_comments_come_from_friends(app) -> None:
    with app.app_context():
        NetworkSeeder(db.engine, 600, seed=11, password_hash="x", anchor=ANCHOR).run_all()
        degrees = dict(db.session.execute(
            select(Friendship.member_id, func.count()).group_by(Friendship.member_id)).all())
        asymmetric = db.session.scalar(text(
            "SELECT count(*) FROM friendships WHERE NOT EXISTS (SELECT 1 FROM friendships f2"
            " WHERE f2.member_id = friendships.friend_id"
            " AND f2.friend_id = friendships.member_id)"))
        strangers_comments = db.session.scalar(
            select(func.count()).select_from(Comment).join(Diary).where(text(
                "NOT EXISTS (SELECT 1 FROM friendships f WHERE f.member_id = diaries.author_id"
                " AND f.friend_id = comments.author_id)")))
        emoji_diaries = db.session.scalar(select(func.count()).select_from(Diary).where(
            Diary.body.contains("☀") | Diary.body.contains("🍺") | Diary.title.contains("☀")))
        counts = [db.session.scalar(select(func.count()).select_from(model))
                  for model in (Footprint, Message, Comment)]
    first = min(degrees)
    assert degrees[first] == 200  # the first member: a third of the network as friends
    others = sorted(count for member, count in degrees.items() if member != first)
    assert median(others) <= 15 and others[-1] >= 4 * median(others)
    assert asymmetric == 0 and strangers_comments == 0 and emoji_diaries > 0
    assert all(count > 0 for count in counts)


def _digest(url: str) -> str:
    engine = make_engine(url)
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for table in TABLES:
            for row in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(tuple(row)).encode())
    engine.dispose()
    return digest.hexdigest()


def test_the_same_seed_gives_the_same_network(tmp_path) -> None:
    digests = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        url = f"sqlite:///{tmp_path / name}.sqlite3"
        upgrade(url)
        engine = make_engine(url)
        NetworkSeeder(engine, 150, seed=seed, password_hash="x", anchor=ANCHOR).run_all()
        engine.dispose()
        digests.append(_digest(url))
    assert digests[0] == digests[1] != digests[2]


def test_a_seeded_member_logs_in_and_sees_friends_diaries_on_a_handset(app) -> None:
    from keitai.passwords import hash_password

    app.config.update(BASE_URL="http://keitai.test", ARGON2_TIME_COST=1,
                      ARGON2_MEMORY_KIB=1024)
    with app.app_context():
        seeder = NetworkSeeder(db.engine, 120, seed=1, password_hash=hash_password(PASSWORD))
        seeded = seeder.run_all()
    email, nickname = seeded.logins[0]
    phone = client_for(app, "docomo-N06A")
    done = phone.submit(phone.get("/login"), {"email": email, "password": PASSWORD})
    home = phone.get(done.headers["Location"]).body.decode("cp932")
    assert nickname in home and "マイミクの最新日記" in home and "まだありません" not in home
    assert "新着ミニメール" in home


def test_every_seeded_friendship_carries_its_friends_latest_readable_diary(app) -> None:
    with app.app_context():
        NetworkSeeder(db.engine, 300, seed=7, password_hash="x", anchor=ANCHOR).run_all()
        latest = (select(func.max(Diary.created_at))
                  .where(Diary.author_id == Friendship.friend_id, Diary.visibility != "only_me")
                  .scalar_subquery())
        wrong, dated, undated = (db.session.scalar(
            select(func.count()).select_from(Friendship).where(condition)) for condition in (
                Friendship.friend_diary_at.is_distinct_from(latest),
                Friendship.friend_diary_at.is_not(None), Friendship.friend_diary_at.is_(None)))
    assert wrong == 0 and dated > 0 and undated > 0


def test_every_seeded_diary_carries_its_latest_comment_by_someone_else(app) -> None:
    with app.app_context():
        NetworkSeeder(db.engine, 300, seed=7, password_hash="x", anchor=ANCHOR).run_all()
        latest = (select(func.max(Comment.created_at))
                  .where(Comment.diary_id == Diary.id, Comment.author_id != Diary.author_id)
                  .scalar_subquery())
        wrong, commented = (db.session.scalar(
            select(func.count()).select_from(Diary).where(condition)) for condition in (
                Diary.commented_at.is_distinct_from(latest), Diary.commented_at.is_not(None)))
    assert wrong == 0 and commented > 0


def _definitions(engine: Engine) -> set[tuple[object, ...]]:
    """Return every index and constraint as the database itself writes them out."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            return set(conn.exec_driver_sql("SELECT type, name, sql FROM sqlite_master").all())
        return set(conn.exec_driver_sql(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index"
            " JOIN pg_class ON pg_class.oid = indrelid"
            " WHERE relnamespace = current_schema()::regnamespace").all()) | set(
            conn.exec_driver_sql(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid),"
                " convalidated FROM pg_constraint"
                " WHERE connamespace = current_schema()::regnamespace").all())


def test_a_seed_into_an_empty_database_leaves_every_index_and_constraint_as_it_found_them(
        app) -> None:
    with app.app_context():
        before = _definitions(db.engine)
        NetworkSeeder(db.engine, 80, seed=2, password_hash="x", anchor=ANCHOR).run_all()
        after = _definitions(db.engine)
        stranger = {"member_id": 10**6, "friend_id": 10**6 + 1, "created_at": ANCHOR}
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(insert(Friendship), stranger)  # the foreign keys still hold
    assert after == before and len(before) > 20


def test_seeding_twice_adds_a_second_network_after_the_first(app) -> None:
    with app.app_context():
        NetworkSeeder(db.engine, 50, seed=1, password_hash="x", anchor=ANCHOR).run_all()
        second = NetworkSeeder(db.engine, 50, seed=1, password_hash="x", anchor=ANCHOR)
        seeded = second.run_all()
        total = db.session.scalar(select(func.count()).select_from(Member))
        new_diary = db.session.get(Diary, second.diary_base)
        largest = db.session.get(Community, seeded.largest_community_id)
        with db.engine.connect() as conn:
            assert broken_rules(conn) == {}
    assert total == 100 and seeded.first_id == second.base
    assert new_diary is not None and new_diary.author_id >= second.base
    assert largest is not None and largest.creator_id is not None
    assert largest.id > 5 and largest.creator_id >= second.base


def test_the_demo_seeds_a_small_network_once(tmp_path, monkeypatch, capsys) -> None:
    from keitai.seed.command import DEMO_MEMBERS, seed_demo

    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    for name, value in {"KEITAI_DATABASE_URL": url, "KEITAI_ARGON2_TIME_COST": "1",
                        "KEITAI_ARGON2_MEMORY_KIB": "1024"}.items():
        monkeypatch.setenv(name, value)
    upgrade(url)
    seed_demo()
    assert "seed1@example.jp" in capsys.readouterr().out
    seed_demo()
    assert "seeded" not in capsys.readouterr().out
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Member)) == DEMO_MEMBERS
    engine.dispose()


@pytest.fixture()
def communities(app):  # type: ignore[no-untyped-def]
    """Seed 1000 members (50 communities) whose longest topic has LONG_TOPIC comments."""
    with app.app_context():
        seeded = NetworkSeeder(db.engine, 1000, seed=9, password_hash="x", anchor=ANCHOR,
                               long_topic=LONG_TOPIC).run_all()
    return seeded


def test_seeded_communities_keep_every_counter_and_rule(app, communities) -> None:
    with app.app_context(), db.engine.connect() as conn:
        assert broken_rules(conn) == {}
        rows = {model.__tablename__: conn.scalar(select(func.count()).select_from(model))
                for model in (Community, CommunityMember, JoinRequest, Topic, TopicComment,
                              Poll, PollChoice)}
        events = conn.scalar(select(func.count()).select_from(Topic).where(Topic.kind == "event"))
        approval = conn.scalar(select(func.count()).select_from(Community).where(
            Community.join_policy == "approval", Community.topic_visibility == "members"))
        categories = set(conn.scalars(select(Community.category).distinct()))
    assert rows["communities"] == 50 and all(count > 0 for count in rows.values())
    assert rows == {name: communities.rows[label] for name, label in (
        ("communities", "communities"), ("community_members", "community members"),
        ("community_join_requests", "join requests"), ("topics", "topics"),
        ("topic_comments", "topic comments"), ("polls", "polls"),
        ("poll_choices", "poll choices"))}
    assert events == communities.rows["events"] > 0 and approval > 0
    assert categories <= set(BY_SLUG)


def test_a_few_communities_are_huge_and_most_are_small(app, communities) -> None:
    with app.app_context():
        sizes = dict(db.session.execute(select(Community.id, Community.member_count)).all())
        sub_admins = db.session.scalar(select(func.count()).select_from(CommunityMember)
                                       .where(CommunityMember.role == "sub_admin"))
        names = db.session.scalars(select(Community.name)).all()
        topic_texts = db.session.scalars(select(Topic.title + Topic.body)).all()
    ordered = sorted(sizes.values(), reverse=True)
    assert sizes[communities.largest_community_id] == ordered[0] >= 1000 // 2
    assert ordered[1] >= 1000 // 2 > ordered[2]
    assert sum(5 <= size <= 50 for size in ordered) > len(ordered) // 2
    assert sub_admins > 0
    assert any("☀" in text for text in names + topic_texts)


def test_the_first_login_is_in_50_communities_and_the_longest_topic_pages_far(
        app, communities) -> None:
    with app.app_context():
        hub_communities = db.session.scalar(select(func.count()).select_from(CommunityMember)
                                            .where(CommunityMember.member_id
                                                   == communities.hub_id))
        admin_of = db.session.scalars(select(Community.id).join(
            CommunityMember, CommunityMember.community_id == Community.id).where(
            CommunityMember.member_id == communities.hub_id, CommunityMember.role == "admin",
            Community.join_policy == "approval")).all()
        waiting = db.session.scalar(select(func.count()).select_from(JoinRequest).where(
            JoinRequest.community_id.in_(admin_of)))
        long_topic = db.session.get(Topic, communities.long_topic_id)
        assert long_topic is not None
        numbers = db.session.scalars(select(TopicComment.number).where(
            TopicComment.topic_id == long_topic.id).order_by(TopicComment.number)).all()
    assert communities.logins[0][0] == f"seed{communities.hub_id}@example.jp"
    assert hub_communities == communities.hub_communities == 50
    assert admin_of and waiting >= 3
    assert long_topic.community_id == communities.largest_community_id
    assert long_topic.comment_count == LONG_TOPIC and numbers == list(range(1, LONG_TOPIC + 1))


def test_the_longest_topic_has_10000_comments_from_2000_members_on() -> None:
    assert long_topic_comments(LONG_TOPIC_MEMBERS) == long_topic_comments(10**6) == 10_000
    assert 0 < long_topic_comments(LONG_TOPIC_MEMBERS - 1) < 10_000
    assert long_topic_comments(100) == 500


def test_every_seeded_category_is_a_site_category() -> None:
    assert set(CATEGORY_SLUGS) == set(BY_SLUG)


def test_a_tiny_network_still_gets_a_handful_of_communities(app) -> None:
    with app.app_context():
        seeded = NetworkSeeder(db.engine, 30, seed=4, password_hash="x",
                               anchor=ANCHOR).run_all()
        with db.engine.connect() as conn:
            assert broken_rules(conn) == {}
    assert seeded.rows["communities"] == 5 == seeded.hub_communities
    assert seeded.rows["topic comments"] >= 150


def test_after_a_seed_the_site_adds_communities_topics_and_polls_with_fresh_ids(app) -> None:
    with app.app_context():
        seeded = NetworkSeeder(db.engine, 60, seed=5, password_hash="x",
                               anchor=ANCHOR).run_all()
        community = Community(name="新しいコミュ", category="other", description="",
                              creator_id=seeded.hub_id, member_count=1)
        db.session.add(community)
        db.session.flush()
        topic = Topic(community_id=community.id, author_id=seeded.hub_id, title="t", body="b")
        poll = Poll(community_id=community.id, author_id=seeded.hub_id, question="q",
                    closes_at=ANCHOR)
        db.session.add_all([topic, poll, CommunityMember(community_id=community.id,
                                                         member_id=seeded.hub_id,
                                                         role="admin")])
        db.session.flush()
        db.session.add_all([TopicComment(topic_id=topic.id, number=1, body="c"),
                            PollChoice(poll_id=poll.id, position=1, label="a")])
        db.session.commit()  # PostgreSQL's sequences were moved past the seeded ids
        assert community.id > seeded.largest_community_id  # type: ignore[operator]
