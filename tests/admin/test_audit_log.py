"""The audit log is append-only: the database itself refuses to change or delete a row,
whether it was built by the migrations or from the models."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, delete, select, text, update
from sqlalchemy.exc import DatabaseError

from keitai.db import db
from keitai.models import AuditEntry, Base
from keitai.moderation import audit
from tests.admin.conftest import audit_rows


def one_row(app: Flask) -> int:
    with app.app_context():
        audit.record(7, "member.suspend", "member", 42, "規約違反", {"days": 3})
        db.session.commit()
        found = db.session.scalar(select(AuditEntry.id))
        db.session.remove()
        assert found is not None
        return found


def test_a_recorded_row_says_who_when_what_and_why(app: Flask) -> None:
    one_row(app)
    [row] = audit_rows(app)
    assert (row.operator_id, row.action, row.target_kind, row.target_id, row.reason,
            row.detail) == (7, "member.suspend", "member", 42, "規約違反", {"days": 3})
    assert row.created_at is not None


def test_the_database_refuses_to_update_a_row(app: Flask) -> None:
    row_id = one_row(app)
    with app.app_context():
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(update(AuditEntry).where(AuditEntry.id == row_id)
                               .values(reason="なかったことに"))
            db.session.flush()
        db.session.rollback()
        db.session.remove()
    assert audit_rows(app)[0].reason == "規約違反"


def test_the_database_refuses_to_delete_a_row(app: Flask) -> None:
    row_id = one_row(app)
    with app.app_context():
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(delete(AuditEntry).where(AuditEntry.id == row_id))
        db.session.rollback()
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(text("DELETE FROM audit_log"))
        db.session.rollback()
        db.session.remove()
    assert len(audit_rows(app)) == 1


def test_postgresql_refuses_to_truncate_the_log(app: Flask, database_url: str) -> None:
    one_row(app)
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            db.session.remove()
            return  # SQLite has no TRUNCATE
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(text("TRUNCATE audit_log"))
        db.session.rollback()
        db.session.remove()
    assert len(audit_rows(app)) == 1


def test_a_database_built_from_the_models_refuses_changes_too(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'models.sqlite3'}")
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(AuditEntry.__table__.insert().values(
            operator_id=1, action="item.hide", target_kind="diary", target_id=3, reason="r",
            created_at=audit_now()))
    for statement in ("UPDATE audit_log SET reason = 'x'", "DELETE FROM audit_log"):
        with engine.begin() as conn, pytest.raises(DatabaseError, match="append-only"):
            conn.execute(text(statement))
    engine.dispose()


def audit_now():  # type: ignore[no-untyped-def]
    from keitai.models.base import utcnow

    return utcnow()
