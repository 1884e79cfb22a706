"""The service the operators' console calls: what it refuses, and what recent() returns."""
from __future__ import annotations

import pytest

from keitai.db import db
from keitai.domain import DomainError
from keitai.features.announcements import service
from keitai.models.announcement import BODY_MAX, NOTICE_MAX, TITLE_MAX
from tests.announcements.conftest import publish


@pytest.mark.parametrize(("title", "body", "said"), [
    ("", "本文", "タイトルを入力してください。"),
    ("  \n ", "本文", "タイトルを入力してください。"),
    ("お" * (TITLE_MAX + 1), "本文", f"タイトルは{TITLE_MAX}文字以内"),
    ("題", " ", "本文を入力してください。"),
    ("題", "ほ" * (BODY_MAX + 1), f"本文は{BODY_MAX}文字以内"),
])
def test_publish_refuses_an_empty_or_too_long_title_or_body(app, member, title, body,
                                                            said) -> None:
    operator = member("うんえい")
    with app.app_context():
        with pytest.raises(DomainError, match=said):
            service.publish(title, body, operator)


def test_publish_keeps_the_title_on_one_line(app, member) -> None:
    operator = member("うんえい")
    with app.app_context():
        made = service.publish(" 二行の\nタイトル ", "  本文  \n", operator)
        assert (made.title, made.body, made.author_id) == ("二行の タイトル", "本文", operator)


def test_tell_refuses_an_empty_or_too_long_text_and_a_missing_member(app, member) -> None:
    me = member("わたし")
    with app.app_context():
        with pytest.raises(DomainError, match="お知らせの本文を入力してください。"):
            service.tell(me, "  ")
        with pytest.raises(DomainError, match=f"{NOTICE_MAX}文字以内"):
            service.tell(me, "つ" * (NOTICE_MAX + 1))
        with pytest.raises(service.NoticeMemberNotFound):
            service.tell(me + 1000, "だれにも")
        told = service.tell(me, "ひとこと")
        assert (told.warning, told.read_at, told.operator_id) == (False, None, None)


def test_recent_is_newest_first_pages_with_offset_and_leaves_out_the_retracted(
        app, member) -> None:
    operator = member("うんえい")
    ids = [publish(app, operator, f"第{n}号", days_ago=10 - n) for n in range(6)]
    with app.app_context():
        service.retract(ids[4])
        service.retract(ids[4])  # twice is once
        db.session.commit()
        assert [a.id for a in service.recent(3)] == [ids[5], ids[3], ids[2]]
        assert [a.id for a in service.recent(3, offset=3)] == [ids[1], ids[0]]
        with pytest.raises(service.AnnouncementNotFound):
            service.retract(999)
