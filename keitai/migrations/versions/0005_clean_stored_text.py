"""Clean stored text of control characters and noncharacters.

Text input is cleaned as it arrives now (keitai.gateway.inputs.clean_text); text stored before
may still hold C0/C1 controls or noncharacters, which make a page served as XML to a handset
ill-formed. This drops them from every text column, with the same rule (TAB, LF and CR stay).
Rows are read in a stream and only those that change are written.

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: the rule of clean_text, kept here so that this migration never changes meaning
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ud800-\udfff"
                       + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF)
                                 for plane in range(17)) + "]")


def _clean(value: object) -> object:
    return _UNWANTED.sub("", value) if isinstance(value, str) else value


def _clean_table(bind: sa.Connection, table: sa.Table) -> None:
    texts = [c for c in table.columns if isinstance(c.type, sa.String)]
    keys = list(table.primary_key.columns)
    if not texts or not keys:
        return
    fixes = []
    rows = bind.execute(sa.select(*keys, *texts)
                        .execution_options(stream_results=True, yield_per=1000))
    for row in rows:
        values = row._mapping
        changed = {c.name: _clean(values[c.name]) for c in texts
                   if _clean(values[c.name]) != values[c.name]}
        if changed:
            fixes.append(({k.name: values[k.name] for k in keys}, changed))
    for key, changed in fixes:
        bind.execute(table.update().where(*(table.c[name] == value
                                            for name, value in key.items())).values(changed))


def upgrade() -> None:
    bind = op.get_bind()
    metadata = sa.MetaData()
    metadata.reflect(bind)
    for table in metadata.sorted_tables:
        if table.name != "alembic_version":
            _clean_table(bind, table)


def downgrade() -> None:
    pass  # what was dropped was never text anyone could read
