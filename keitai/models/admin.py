"""The operators' console: each operator's second factor, and the append-only audit log."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DDL, JSON, BigInteger, ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow


class OperatorFactor(Base):
    """An operator's second factor: a TOTP secret (sealed with the site's key), or none, and
    then the one-time code last mailed to their mobile address."""

    __tablename__ = "operator_factors"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    #: the TOTP secret XORed with a pad derived from SECRET_KEY and totp_nonce (hex); a copy
    #: of the database alone does not give it
    totp_sealed: Mapped[str | None] = mapped_column(String(80))
    #: random, new with every secret: two secrets of one operator never share a pad
    totp_nonce: Mapped[str | None] = mapped_column(String(32))
    #: the last 30-second step whose code was accepted: a code is good once
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    #: a keyed hash of the code mailed last (None: none waiting), and until when it is good
    code_hash: Mapped[str | None] = mapped_column(String(64))
    code_expires_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """One operator action: who, when, what, on what, why. Never changed, never deleted (the
    database refuses both: see append_only_ddl)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_target_kind_target_id", "target_kind", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: no foreign key: a row outlives its operator (deleting one would have to change it)
    operator_id: Mapped[int] = mapped_column(Integer, index=True)
    #: e.g. "item.hide", "member.suspend", "ban.lift"
    action: Mapped[str] = mapped_column(String(40))
    #: "member", "ban", "announcement", or an item kind ("diary", ...)
    target_kind: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


APPEND_ONLY_MESSAGE = "the audit log is append-only"
#: dialect -> the statements that make the database refuse UPDATE and DELETE on audit_log
APPEND_ONLY: dict[str, tuple[str, ...]] = {
    "sqlite": tuple(
        f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
        for verb in ("UPDATE", "DELETE")),
    "postgresql": (
        "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql "
        f"AS $$ BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$",
        "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
    ),
}
#: dialect -> the statements that undo APPEND_ONLY (a downgrade; before the table is dropped)
NOT_APPEND_ONLY: dict[str, tuple[str, ...]] = {
    "sqlite": ("DROP TRIGGER IF EXISTS audit_log_no_update",
               "DROP TRIGGER IF EXISTS audit_log_no_delete"),
    "postgresql": ("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
                   "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
                   "DROP FUNCTION IF EXISTS audit_log_append_only()"),
}

# a database built from the models (metadata.create_all) refuses changes as a migrated one does
for _dialect, _statements in APPEND_ONLY.items():
    for _statement in _statements:
        event.listen(AuditEntry.__table__, "after_create",
                     DDL(_statement).execute_if(dialect=_dialect))  # type: ignore[no-untyped-call]
