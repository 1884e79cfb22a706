"""Migration tests that write rows at an old revision: put the database back as the rest of
the suite expects it."""
from __future__ import annotations

from sqlalchemy import Engine, text

from keitai import migrations


def back_at_head(database_url: str, engine: Engine, *tables: str) -> None:
    """Upgrade to head, delete the rows the test wrote (children first) and close the engine."""
    migrations.upgrade(database_url)
    with engine.begin() as conn:
        for table in tables:
            conn.execute(text(f"DELETE FROM {table}"))
    engine.dispose()
