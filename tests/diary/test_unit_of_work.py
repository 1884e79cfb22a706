"""One unit of work per request: a refused or failed write leaves nothing; a good one commits once.

The request cycle commits each request's writes once, after the view; a refusal rolls back
what the refused action wrote, and an exception or a failed commit rolls back everything and
gives the error page.
"""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from keitai.db import db
from keitai.domain import DomainError
from keitai.features.blocks import service as blocks_service
from keitai.features.diary import service as diary_service
from keitai.features.messages import service as messages_service
from keitai.models.diary import Diary
from keitai.uow import unit_of_work
from tests.diary.factories import add_diaries, diary_count
from tests.rows import changed_tables, counting_commits, snapshot

DIARY = {"title": "今日", "body": "晴れ", "visibility": "everyone"}


def test_a_diary_post_commits_once(app, member, browse) -> None:
    browser = browse("docomo-N505i", member("たろう"))
    form = browser.get("/diary/new")
    with counting_commits(app) as commits:
        done = browser.submit(form, DIARY)
    assert done.status_int == 302
    assert commits == ["COMMIT"]


@pytest.mark.parametrize("name", ["docomo-N505i", "pc-Firefox"])
def test_a_refused_diary_comment_or_message_leaves_no_row(
        app, member, browse, name: str) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    [diary] = add_diaries(app, hanako, ["はなこの日記"])
    browser = browse(name, taro)
    forms = [(browser.get("/diary/new"), {**DIARY, "title": ""}, "タイトルを入力してください"),
             (browser.get(f"/diary/{diary}"), {"body": "あ" * 1001}, "コメントは1000文字以内"),
             (browser.get(f"/messages/new?to={hanako}"), {"subject": "件名", "body": " "},
              "本文を入力してください")]
    for form, fields, reason in forms:
        before = snapshot(app)
        refused = browser.submit(form, fields)
        assert refused.status_int == 200 and reason in browser.text(refused)
        assert changed_tables(before, snapshot(app)) == set()


def test_a_refusal_after_the_first_insert_takes_the_insert_back(app, member, browse,
                                                                 monkeypatch) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    insert_once = messages_service.insert_once

    def insert_then_refuse(*args: Any) -> int:
        insert_once(*args)
        raise DomainError("あとから断りました。")

    monkeypatch.setattr(messages_service, "insert_once", insert_then_refuse)
    browser = browse("au-W53CA", taro)
    form = browser.get(f"/messages/new?to={hanako}")
    before = snapshot(app)
    refused = browser.submit(form, {"subject": "件名", "body": "本文"})
    assert "あとから断りました。" in browser.text(refused)
    assert changed_tables(before, snapshot(app)) == set()


def test_an_exception_in_the_middle_of_a_block_leaves_nothing_and_shows_the_error_page(
        app, member, browse, friends, monkeypatch) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    friends(taro, hanako)
    remove_friend = blocks_service.remove_friend

    def remove_then_fail(*args: Any) -> None:
        remove_friend(*args)  # the block row is written, the friendship deleted
        raise RuntimeError("the server fell over")

    monkeypatch.setattr(blocks_service, "remove_friend", remove_then_fail)
    browser = browse("softbank-930SH", taro)
    confirm = browser.get(f"/members/{hanako}/block")
    before = snapshot(app)
    failed = browser.submit(confirm, {}, status=500)
    assert "エラーが発生しました" in browser.text(failed)
    assert changed_tables(before, snapshot(app)) == set()


def test_a_commit_that_fails_gives_the_error_page_not_the_success_page(app, member, browse,
                                                                       ) -> None:
    taro = member("たろう")
    browser = browse("pc-Firefox", taro)
    form = browser.get("/diary/new")

    def fail(session: Session) -> None:
        event.remove(Session, "before_commit", fail)
        raise RuntimeError("the database went away")

    event.listen(Session, "before_commit", fail)
    try:
        failed = browser.submit(form, DIARY, status=500)
    finally:
        if event.contains(Session, "before_commit", fail):
            event.remove(Session, "before_commit", fail)
    assert "エラーが発生しました" in browser.text(failed)
    assert "Location" not in failed.headers
    assert diary_count(app, taro) == 0


def test_services_run_from_a_command_or_a_job_in_a_unit_of_work(app, member) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    with app.app_context(), unit_of_work():  # no request: what a command or a job has
        diary_id = diary_service.create_diary(taro, "コマンドから", "本文", "friends", "k" * 16)
        message_id = messages_service.send(taro, hanako, "件名", "本文", "k" * 16)
    with app.app_context():  # committed: another context reads them
        assert db.session.get(messages_service.Message, message_id) is not None
        assert db.session.get(Diary, diary_id) is not None
    before = snapshot(app)
    with pytest.raises(DomainError), app.app_context(), unit_of_work():
        diary_service.create_diary(taro, "書いた", "本文", "everyone", "j" * 16)
        messages_service.send(taro, taro, "", "自分あて", "j" * 16)  # refused: to oneself
    assert changed_tables(before, snapshot(app)) == set()
