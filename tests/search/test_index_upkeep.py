"""The index follows what members write, through the job queue; a search never shows a row
that is gone or hidden, even before the worker caught up; `keitai search reindex` rebuilds."""
from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import func, select, table, text

from keitai.cli import main
from keitai.db import db
from keitai.features.communities import service as communities
from keitai.features.communities.access import community_access
from keitai.features.diary import service as diaries
from keitai.features.profile import service as profiles
from keitai.features.settings.service import withdraw
from keitai.models import Diary, Member
from keitai.models.job import Job
from keitai.passwords import hash_password
from keitai.search.engines import engine_for
from keitai.search.indexing import JOB, refresh
from tests.search.conftest import hits, search


def documents(app, kind: str) -> int:
    """Return how many documents the index of a kind holds."""
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(
            table(f"search_{kind}"))) or 0)


def test_a_new_diary_is_found_once_the_worker_indexed_it(app, member, logged_in, diary,
                                                         index) -> None:
    author, reader = member("たろう"), member("はなこ")
    diary(author, "初めての温泉")
    browser = logged_in("docomo-P903i", reader)
    assert hits(search(browser, "温泉")) == []  # the job is queued, not yet run
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Job)
                                 .where(Job.kind == JOB, Job.state == "pending")) >= 1
    index()
    assert hits(search(browser, "温泉")) == ["初めての温泉"]


def test_an_edited_diary_is_found_by_its_new_words_and_not_its_old(app, member, logged_in,
                                                                   diary, index) -> None:
    author, reader = member("たろう"), member("はなこ")
    diary_id = diary(author, "海へ行った")
    index()
    with app.app_context():
        diaries.update_diary(db.session.get(Diary, diary_id), "山へ行った", "本文", "everyone")
        db.session.commit()
    index()
    browser = logged_in("au-W53CA", reader)
    assert hits(search(browser, "山")) == ["山へ行った"]
    assert hits(search(browser, "海")) == []


def test_a_deleted_or_hidden_diary_is_never_found_even_before_the_index_caught_up(
        app, member, logged_in, diary, index) -> None:
    author, reader = member("たろう"), member("はなこ")
    gone = diary(author, "消える日記")
    hidden = diary(author, "隠す日記")
    index()
    with app.app_context():
        diaries.delete_diary(gone, author)
        diaries.update_diary(db.session.get(Diary, hidden), "隠す日記", "本文", "only_me")
        db.session.commit()
    browser = logged_in("softbank-930SH", reader)
    assert hits(search(browser, "日記")) == []  # the index still holds both
    assert documents(app, "diaries") == 2
    index()
    assert documents(app, "diaries") == 1  # the deleted one is forgotten
    assert hits(search(logged_in("pc-Firefox", author), "日記")) == ["隠す日記"]


def test_a_profile_saved_is_found_by_its_new_words(app, member, logged_in, index) -> None:
    owner, reader = member("たろう"), member("はなこ")
    with app.app_context():
        profiles.update_introduction(owner, "釣り人たろう", "よろしく", "everyone")
        db.session.commit()
    index()
    browser = logged_in("docomo-N06A", reader)
    assert hits(search(browser, "釣り人", kind="members")) == ["釣り人たろう"]


def test_communities_and_topics_come_and_go(app, member, logged_in, community, topic,
                                            index) -> None:
    admin, reader = member("管理人"), member("はなこ")
    group = community(admin, "将棋の会")
    topic(group, admin, "将棋大会のお知らせ")
    index()
    browser = logged_in("willcom-WX310SA", reader)
    assert hits(search(browser, "将棋", kind="communities")) == ["将棋の会"]
    assert hits(search(browser, "将棋", kind="topics")) == ["将棋大会のお知らせ"]
    with app.app_context():
        communities.close(community_access(group, admin))
        db.session.commit()
    assert hits(search(browser, "将棋", kind="communities")) == []  # before the worker ran
    assert hits(search(browser, "将棋", kind="topics")) == []
    index()
    assert documents(app, "communities") == 0


def test_a_withdrawn_member_and_their_diaries_are_forgotten(app, member, logged_in, diary,
                                                            index) -> None:
    leaving, reader = member("去る人"), member("はなこ")
    diary(leaving, "最後の日記")
    with app.app_context():
        db.session.get(Member, leaving).password_hash = hash_password("kaeru2007")
        db.session.commit()
    index()
    with app.app_context():
        withdraw(db.session.get(Member, leaving), "kaeru2007")
        db.session.commit()
    browser = logged_in("docomo-P903i", reader)
    assert hits(search(browser, "去る人", kind="members")) == []
    assert hits(search(browser, "最後", kind="diaries")) == []
    index()
    assert documents(app, "diaries") == 0
    with app.app_context():
        assert db.session.scalar(text(
            f"SELECT count(*) FROM search_members WHERE "
            f"{'rowid' if db.session.get_bind().dialect.name == 'sqlite' else 'id'} / 4 = :m"),
            {"m": leaving}) == 0


def test_running_an_index_job_twice_stores_one_document(app, member, diary, index) -> None:
    diary_id = diary(member("たろう"), "二度目")
    index()
    with app.app_context():
        refresh(db.session(), "diaries", [diary_id])
        refresh(db.session(), "diaries", [diary_id])
        db.session.commit()
    assert documents(app, "diaries") == 1


def test_reindex_rebuilds_everything_and_forgets_what_is_gone(app, member, logged_in, diary,
                                                              community, index,
                                                              database_url) -> None:
    author, reader = member("たろう"), member("はなこ")
    for n in range(3):
        diary(author, f"金魚の日記{n}")
    community(author, "金魚の会")
    index()
    with app.app_context():
        session = db.session()
        engine = engine_for(session)
        for kind in ("diaries", "communities", "members"):
            engine.clear(session, kind)
        # a document whose diary is gone (an index restored from an old backup, say)
        from keitai.search.documents import diaries as diary_terms
        from keitai.search.grams import terms

        engine.store(session, "diaries", [(999, terms(["金魚"]))])
        session.commit()
        assert not diary_terms(session, [999])
    browser = logged_in("docomo-P903i", reader)
    assert hits(search(browser, "金魚")) == []
    result = CliRunner().invoke(main, ["search", "reindex"],
                                env={"KEITAI_DATABASE_URL": database_url})
    assert result.exit_code == 0, result.output
    assert "indexed 2 members, 1 communities, 3 diaries, 0 topics" in result.output
    assert "indexing diaries" in result.output  # the progress bar's label
    assert sorted(hits(search(browser, "金魚"))) == [f"金魚の日記{n}" for n in range(3)]
    assert hits(search(browser, "金魚", kind="communities")) == ["金魚の会"]
    assert documents(app, "diaries") == 3  # 999 is gone


def test_reindex_of_one_kind_leaves_the_others(app, member, diary, index,
                                               database_url) -> None:
    diary(member("たろう"), "一つだけ")
    result = CliRunner().invoke(main, ["search", "reindex", "--kind", "diaries"],
                                env={"KEITAI_DATABASE_URL": database_url})
    assert result.exit_code == 0, result.output
    assert "indexed 1 diaries" in result.output
    assert documents(app, "diaries") == 1
    assert documents(app, "members") == 0  # its job has not run
