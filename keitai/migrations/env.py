"""Alembic environment: migrate the database named in the Alembic config."""
from __future__ import annotations

from alembic import context

from keitai.db import make_engine
from keitai.models import Base
from keitai.search.engines import owns_table

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    """Run the migrations over one connection."""
    url = config.get_main_option("sqlalchemy.url")
    assert url is not None
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            # the search engines' own tables are no model's
            include_name=lambda name, kind, _parents: kind != "table" or not owns_table(name),
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
