"""Profile choices: gender and the prefecture one lives in become codes a search can filter.

The schema does not change: the fields are still rows of profile_fields. What members typed
when the fields were free text is read as the new fields where it clearly means one:

- 性別 (gender): 男, 男性, male (any width or case, spaces ignored) becomes 'male'; 女, 女性,
  female becomes 'female'; anything else (ひみつ, a face mark) is dropped, since the field is
  now a choice and no choice is 未回答.
- 現住所 (region): a value that is a prefecture's name, with or without 都/府/県 (東京,
  大阪府, 北海道, 海外), moves to the new 'prefecture' field with its visibility; anything
  else (東京都 世田谷区, 横浜) stays in region, which is now the free part (市区町村).
- 年齢 and 誕生日 get no row: they stay private (非公開) until the member shows them.

The downgrade turns the codes back into text: a gender's label (男性, 女性), and the
prefecture's name into region, before what region held ("東京都 世田谷区") at the stricter
of the two visibilities; the 年齢 and 誕生日 rows go (0008 knows no such fields).

Revision ID: 0009
Revises: 0008
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from alembic import op

from keitai.features.profile.choices import (
    gender_code,
    gender_label,
    prefecture_code,
    prefecture_label,
)

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

#: the tables whose rows this migration rewrites (tests/test_migration_downgrades.py leaves
#: them to tests/profile_fields/test_migration.py)
rewrites = ("profile_fields",)

_FIELDS = sa.table("profile_fields", sa.column("member_id", sa.Integer()),
                   sa.column("name", sa.String()), sa.column("value", sa.String()),
                   sa.column("visibility", sa.String()))
#: visibilities from the most open to the strictest
_STRICTNESS = ("everyone", "friends_of_friends", "friends", "only_me")


def _rows(bind: sa.Connection, *names: str) -> list[Any]:
    """Read the fields called names: (member_id, name, value, visibility)."""
    return list(bind.execute(sa.select(_FIELDS).where(_FIELDS.c.name.in_(names))))


def _set_values(bind: sa.Connection, changes: Iterable[tuple[int, str, str, str]]) -> None:
    """Write (member_id, name, value, visibility) over the existing rows."""
    rows = [{"m": member, "n": name, "v": value, "l": level}
            for member, name, value, level in changes]
    if rows:
        bind.execute(_FIELDS.update()
                     .where(_FIELDS.c.member_id == sa.bindparam("m"),
                            _FIELDS.c.name == sa.bindparam("n"))
                     .values(value=sa.bindparam("v"), visibility=sa.bindparam("l")), rows)


def _delete(bind: sa.Connection, keys: Iterable[tuple[int, str]]) -> None:
    """Delete the rows of the (member_id, name) keys."""
    rows = [{"m": member, "n": name} for member, name in keys]
    if rows:
        bind.execute(_FIELDS.delete().where(_FIELDS.c.member_id == sa.bindparam("m"),
                                            _FIELDS.c.name == sa.bindparam("n")), rows)


def _insert(bind: sa.Connection, rows: Iterable[tuple[int, str, str, str]]) -> None:
    """Insert (member_id, name, value, visibility) rows."""
    values = [{"member_id": member, "name": name, "value": value, "visibility": level}
              for member, name, value, level in rows]
    if values:
        bind.execute(_FIELDS.insert(), values)


def upgrade() -> None:
    bind = op.get_bind()
    genders = _rows(bind, "gender")
    _set_values(bind, [(row.member_id, "gender", code, row.visibility) for row in genders
                       if (code := gender_code(row.value)) and code != row.value])
    _delete(bind, [(row.member_id, "gender") for row in genders if not gender_code(row.value)])
    has_prefecture = {row.member_id for row in _rows(bind, "prefecture")}
    moved = [(row, code) for row in _rows(bind, "region")
             if row.member_id not in has_prefecture and (code := prefecture_code(row.value))]
    _delete(bind, [(row.member_id, "region") for row, _code in moved])
    _insert(bind, [(row.member_id, "prefecture", code, row.visibility) for row, code in moved])


def _stricter(one: str, other: str) -> str:
    """Return the stricter of two visibilities (an unknown one counts as only_me)."""
    rank = {level: index for index, level in enumerate(_STRICTNESS)}
    return max(one, other, key=lambda level: rank.get(level, len(_STRICTNESS)))


def downgrade() -> None:
    bind = op.get_bind()
    _set_values(bind, [(row.member_id, "gender", label, row.visibility)
                       for row in _rows(bind, "gender")
                       if (label := gender_label(row.value))])
    regions = {row.member_id: row for row in _rows(bind, "region")}
    prefectures = _rows(bind, "prefecture")
    merged, added = [], []
    for row in prefectures:
        name = prefecture_label(row.value) or row.value
        region = regions.get(row.member_id)
        if region is None:
            added.append((row.member_id, "region", name, row.visibility))
        else:
            merged.append((row.member_id, "region", f"{name} {region.value}"[:200],
                           _stricter(row.visibility, region.visibility)))
    _set_values(bind, merged)
    _insert(bind, added)
    _delete(bind, [(row.member_id, "prefecture") for row in prefectures])
    bind.execute(_FIELDS.delete().where(_FIELDS.c.name.in_(("age", "birthday"))))
