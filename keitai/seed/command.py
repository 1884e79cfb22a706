"""The seed commands: `keitai seed` with a progress bar, and the small network of `keitai demo`."""
from __future__ import annotations

import time

import click
from sqlalchemy import func, select

from keitai.seed.network import PASSWORD, NetworkSeeder, Seeded

#: members in the network `keitai demo` starts with
DEMO_MEMBERS = 200
#: the random seed of the demo's network and showcase (the same demo every time)
DEMO_SEED = 2007


def seed(members: int, diaries: int | None, seed_value: int, *, show_logins: bool = True,
         index: bool = True) -> Seeded:
    """Seed the configured database with a progress bar; print the figures and some logins;
    then build the search index (unless index is False: the caller adds more first)."""
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
        label = f"{members} members"
        with click.progressbar(length=seeder.total, label=label) as bar:

            def stage(what: str) -> None:
                """Name the step after the rows, which the bar cannot count."""
                bar.label = f"{label}: {what}"
                bar.render_progress()

            result = seeder.run(bar.update, stage)
        seconds = time.perf_counter() - started
        engine.dispose()
    figures = ", ".join(f"{count} {name}" for name, count in result.rows.items())
    click.echo(f"seeded {figures} in {seconds:.1f} s")
    if index:
        build_search_index()
    if show_logins:
        print_logins(result)
    return result


def print_logins(result: Seeded) -> None:
    """Print a few addresses to log in with, and the shared password."""
    click.echo(f"log in as any seeded member with the password {PASSWORD}, e.g.:")
    for email, nickname in result.logins:
        click.echo(f"  {email}  ({nickname})")


def seed_demo() -> None:
    """Seed a small network when the database has no members yet, with the showcase."""
    from keitai import create_app
    from keitai.db import db
    from keitai.models.member import Member

    with create_app().app_context():
        members = db.session.scalar(select(func.count()).select_from(Member))
        db.session.remove()
    if not members:
        result = seed(DEMO_MEMBERS, None, DEMO_SEED, show_logins=False, index=False)
        seed_showcase(result.first_id)
        build_search_index()


def build_search_index() -> None:
    """Index everything the seed wrote for the search, with a progress bar (the seed writes
    rows in bulk, past the services that queue index jobs)."""
    from keitai import create_app
    from keitai.db import db
    from keitai.search.command import reindex_with_progress

    with create_app().app_context():
        try:
            reindex_with_progress()
        finally:
            db.session.remove()
            db.dispose()


def simulator_variants() -> list[str]:
    """Return the photo variants the simulator's handsets are served (made when seeding)."""
    from keitai.features.profile.images import variant_for
    from simulator.profiles import builtin_profiles

    return sorted({variant_for(profile.handset) for profile in builtin_profiles()})


def seed_showcase(first_id: int) -> None:
    """Give the demo's named members photos, albums, a video, profiles, long diaries, mail;
    print the logins."""
    from keitai import create_app
    from keitai.db import db
    from keitai.models.member import Member
    from keitai.seed.albums import add_demo_albums
    from keitai.seed.announcements import add_demo_announcements
    from keitai.seed.blog import add_demo_blog
    from keitai.seed.music import add_demo_music
    from keitai.seed.news import add_demo_news
    from keitai.seed.reviews import add_demo_reviews
    from keitai.seed.showcase import add_showcase
    from keitai.seed.showcase_texts import login_emails
    from keitai.seed.videos import add_demo_video
    from keitai.uow import unit_of_work

    app = create_app()
    with app.app_context():
        try:
            with unit_of_work():  # the command owns the transaction
                showcase = add_showcase(first_id, DEMO_SEED, variants=simulator_variants())
                add_demo_albums(showcase.logins, DEMO_SEED)
                add_demo_video(showcase.logins[0])  # the premium login
                add_demo_announcements(showcase.logins)
                add_demo_music(showcase.logins + showcase.friends, DEMO_SEED)
                add_demo_reviews(DEMO_SEED)
                add_demo_blog(showcase.logins)
                add_demo_news()
            logins = db.session.execute(select(Member.email, Member.nickname)
                                        .where(Member.email.in_(login_emails()))
                                        .order_by(Member.id)).all()
        finally:
            db.session.remove()
            db.dispose()
    click.echo(f"demo logins (password {PASSWORD}; the top page lists them too):")
    for email, nickname in logins:
        click.echo(f"  {email}  ({nickname})")

