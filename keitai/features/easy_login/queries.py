"""Reads: a member's registered handsets, and the registration a request's ids match."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, select

from keitai.db import db
from keitai.models.registered_handset import RegisteredHandset


def handsets_of(member_id: int) -> Select[RegisteredHandset]:
    """Return the member's registered handsets, oldest first."""
    return (select(RegisteredHandset).where(RegisteredHandset.member_id == member_id)
            .order_by(RegisteredHandset.id))


def registered_handsets(member_id: int) -> Sequence[RegisteredHandset]:
    """Return the member's registered handsets, oldest first."""
    return db.session.scalars(handsets_of(member_id)).all()


def registration_for(carrier: str, id_hashes: list[str]) -> Select[RegisteredHandset]:
    """Return the registration whose keyed id hash is one of id_hashes on that carrier."""
    return select(RegisteredHandset).where(RegisteredHandset.carrier == carrier,
                                           RegisteredHandset.id_hash.in_(id_hashes))
