"""A member who withdraws takes their diaries, comments and messages along; others' stay."""
from __future__ import annotations

from sqlalchemy import func, or_, select

from keitai.db import db
from keitai.models.diary import Comment, Diary
from keitai.models.message import Message
from tests.diary.browsing import PASSWORD
from tests.diary.factories import add_comment, add_diaries


def _count(app, statement) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        return int(db.session.scalar(statement) or 0)


def test_withdrawing_leaves_no_row_of_the_member_behind(app, member, browse, friends) -> None:
    leaving, staying = member("たろう"), member("はなこ")
    friends(leaving, staying)
    [own] = add_diaries(app, leaving, ["たろうの日記"])
    [theirs] = add_diaries(app, staying, ["はなこの日記"])
    add_comment(app, own, staying, "はなこからたろうへ")
    add_comment(app, theirs, leaving, "たろうからはなこへ")
    add_comment(app, theirs, staying, "はなこの独り言")
    pc = browse("pc-Firefox", leaving)
    for subject in ("こんにちは", "またね"):
        form = pc.get(f"/messages/new?to={staying}")
        pc.submit(form, {"subject": subject, "body": "本文"})
    hanako = browse("docomo-P903i", staying)
    hanako.submit(hanako.get(f"/messages/new?to={leaving}"), {"subject": "返事", "body": "はい"})

    gone = pc.submit(pc.get("/settings/withdraw"), {"password": PASSWORD, "confirm": "1"})
    assert "退会しました" in gone.text

    mine = or_(Diary.author_id == leaving, Diary.id == own)
    assert _count(app, select(func.count()).select_from(Diary).where(mine)) == 0
    assert _count(app, select(func.count()).select_from(Comment).where(
        or_(Comment.author_id == leaving, Comment.diary_id == own))) == 0
    assert _count(app, select(func.count()).select_from(Message).where(
        or_(Message.sender_id == leaving, Message.recipient_id == leaving))) == 0
    assert _count(app, select(func.count()).select_from(Diary)) == 1
    assert _count(app, select(func.count()).select_from(Comment)) == 1
    shown = hanako.text(hanako.get(f"/diary/{theirs}"))
    assert "はなこの独り言" in shown and "たろうから" not in shown
