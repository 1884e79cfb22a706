"""The audit log: every operator action, written in the action's own unit of work.

An action and its row commit together or not at all: a refused action leaves no row, and a
row never tells of an action that did not happen. Rows are never changed or deleted; the
database itself refuses that (keitai.models.admin.APPEND_ONLY).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from keitai.db import db
from keitai.models.admin import AuditEntry

#: the longest reason kept
REASON_MAX = 1000


def record(operator_id: int, action: str, target_kind: str, target_id: int | None, reason: str,
           detail: dict[str, Any] | None = None) -> None:
    """Add one row to the audit log, in the caller's unit of work."""
    db.session.add(AuditEntry(operator_id=operator_id, action=action[:40],
                              target_kind=target_kind[:20], target_id=target_id,
                              reason=reason.strip()[:REASON_MAX], detail=detail or None))


def entries(operator_id: int | None = None, target_kind: str | None = None,
            target_id: int | None = None, limit: int = 50,
            offset: int = 0) -> Sequence[AuditEntry]:
    """Return rows of the log, newest first, of one operator and/or one target when given."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if operator_id is not None:
        query = query.where(AuditEntry.operator_id == operator_id)
    if target_kind:
        query = query.where(AuditEntry.target_kind == target_kind)
    if target_id is not None:
        query = query.where(AuditEntry.target_id == target_id)
    return db.session.scalars(query.limit(limit).offset(offset)).all()
