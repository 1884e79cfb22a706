"""Rows put straight into the database for tests: diaries, comments (real tables, no mocks)."""
from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.diary import feed
from keitai.models.base import utcnow
from keitai.models.diary import Comment, Diary


def add_diaries(app: Flask, author_id: int, titles: list[str], visibility: str = "everyone",
                minutes_ago: int = 0, body: str = "本文です。") -> list[int]:
    """Add diaries in the order given (the last is the newest); return their ids."""
    start = utcnow() - timedelta(minutes=minutes_ago + len(titles))
    with app.app_context():
        diaries = [Diary(author_id=author_id, title=title, body=body, visibility=visibility,
                         created_at=start + timedelta(minutes=i),
                         owner_read_at=start + timedelta(minutes=i))
                   for i, title in enumerate(titles)]
        db.session.add_all(diaries)
        db.session.flush()
        feed.refresh_all()
        db.session.commit()
        return [diary.id for diary in diaries]


def add_comment(app: Flask, diary_id: int, author_id: int, body: str = "いいね") -> int:
    """Add a comment to a diary; return its id."""
    with app.app_context():
        comment = Comment(diary_id=diary_id, author_id=author_id, body=body,
                          created_at=utcnow())
        db.session.add(comment)
        db.session.commit()
        return comment.id


def diary_count(app: Flask, author_id: int) -> int:
    """Return how many diaries the member has."""
    with app.app_context():
        return int(db.session.scalar(
            select(func.count()).select_from(Diary).where(Diary.author_id == author_id)) or 0)


def comment_count(app: Flask, diary_id: int) -> int:
    """Return how many comments a diary has."""
    with app.app_context():
        return int(db.session.scalar(
            select(func.count()).select_from(Comment).where(Comment.diary_id == diary_id)) or 0)
