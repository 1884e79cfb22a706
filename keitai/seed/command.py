"""The seed commands: `keitai seed` with a progress bar, and the small network of `keitai demo`."""
from __future__ import annotations

import time

import click
from sqlalchemy import func, select

from keitai.seed.network import PASSWORD, NetworkSeeder, Seeded

#: members in the network `keitai demo` starts with
DEMO_MEMBERS = 200


def seed(members: int, diaries: int | None, seed_value: int) -> Seeded:
    """Seed the configured database with a progress bar; print the figures and some logins."""
    from keitai import create_app
    from keitai.db import db
    from keitai.passwords import hash_password

    app = create_app()
    with app.app_context():
        password_hash = hash_password(PASSWORD)
        engine = db.engine
        assert engine is not None
        started = time.perf_counter()
        seeder = NetworkSeeder(engine, members, diaries=diaries, seed=seed_value,
                               password_hash=password_hash)
        seeder.prepare()
        with click.progressbar(length=seeder.total, label=f"{members} members") as bar:
            result = seeder.run(bar.update)
        seconds = time.perf_counter() - started
        engine.dispose()
    figures = ", ".join(f"{count} {name}" for name, count in result.rows.items())
    click.echo(f"seeded {figures} in {seconds:.1f} s")
    print_logins(result)
    return result


def print_logins(result: Seeded) -> None:
    """Print a few addresses to log in with, and the shared password."""
    click.echo(f"log in as any seeded member with the password {PASSWORD}, e.g.:")
    for email, nickname in result.logins:
        click.echo(f"  {email}  ({nickname})")


def seed_demo() -> None:
    """Seed a small network when the database has no members yet."""
    from keitai import create_app
    from keitai.db import db
    from keitai.models.member import Member

    with create_app().app_context():
        members = db.session.scalar(select(func.count()).select_from(Member))
        db.session.remove()
    if not members:
        seed(DEMO_MEMBERS, None, 2007)

